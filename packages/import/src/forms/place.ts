/**
 * Which column each value of a row is in, when the text does not keep the positions: these texts
 * drop blank cells (a `|`-joined row collapses them to its end, a flattened sheet loses them) and
 * print a merged cell once. A row's k values are tried in every order-preserving way over its n
 * columns; a way is kept only when every value fits its column (an amount in a money column, a
 * percent in 执行率, points no higher than the block's weight in 分值 / 得分, a comparator in 指标性质,
 * a unit in 度量单位, words — not a figure — in a text column such as 原因). A value is placed when
 * every kept way puts it in the same column; otherwise it is left unplaced, never guessed. A row
 * with as many values as columns is read in order (a text column then takes any cell, as a 偏差原因
 * printed “0”).
 */
import { isAmount, isComparator, isDash, isFigure, isGrade, isPercent, isPoints, isUnitWord, pointsValue } from './vocabulary.js';

export type ColumnType = 'money' | 'rate' | 'points' | 'text' | 'nature' | 'unit' | 'value' | 'grade' | 'skip';

export interface PlaceCell {
  text: string;
  blank?: boolean;
}

export interface Placement {
  /** For each cell, its column index, or undefined when it is blank or could not be placed. */
  columns: (number | undefined)[];
  /** No way fits every value (or several do and disagree): the cells left unplaced. */
  unplaced: number[];
}

function fits(cell: PlaceCell, type: ColumnType, bound: number, exact: boolean): boolean {
  if (cell.blank) return true;
  const t = cell.text.trim();
  switch (type) {
    case 'skip':
      return false;
    case 'money':
      return isAmount(t) || isDash(t);
    case 'rate':
      return isPercent(t) || isDash(t);
    case 'points':
      return (isPoints(t) && pointsValue(t) <= bound) || isDash(t);
    case 'text':
      return exact || !isFigure(t);
    case 'nature':
      return isComparator(t) || /^(定量|定性|正向|反向)$/.test(t);
    case 'unit':
      return isUnitWord(t);
    case 'grade':
      return isGrade(t);
    case 'value':
      return !isComparator(t);
  }
}

/**
 * Places the cells of a row over its columns. `prefer`, when given, keeps only the ways it accepts
 * if any of them fits (the rows above printing a dash in the same columns).
 */
export function place(cells: readonly PlaceCell[], types: readonly ColumnType[], bound: number, prefer?: (way: number[]) => boolean): Placement {
  const k = cells.length;
  const n = types.length;
  const none: Placement = { columns: cells.map(() => undefined), unplaced: cells.map((c, i) => (c.blank ? -1 : i)).filter((i) => i >= 0) };
  if (k === 0) return { columns: [], unplaced: [] };
  if (k > n) return none;
  const exact = k === n;
  const ways: number[][] = [];
  const way: number[] = [];
  const walk = (i: number, from: number): void => {
    if (ways.length > 5000) return;
    if (i === k) {
      ways.push([...way]);
      return;
    }
    for (let col = from; col <= n - (k - i); col++) {
      if (!fits(cells[i] as PlaceCell, types[col] as ColumnType, bound, exact)) continue;
      way.push(col);
      walk(i + 1, col + 1);
      way.pop();
    }
  };
  walk(0, 0);
  let kept = ways;
  if (prefer && kept.length > 1) {
    const preferred = kept.filter(prefer);
    if (preferred.length > 0) kept = preferred;
  }
  if (kept.length === 0) return none;
  const columns: (number | undefined)[] = [];
  const unplaced: number[] = [];
  cells.forEach((c, i) => {
    if (c.blank) {
      columns.push(undefined);
      return;
    }
    const cols = new Set(kept.map((w) => w[i]));
    if (cols.size === 1) columns.push(kept[0]?.[i]);
    else {
      columns.push(undefined);
      unplaced.push(i);
    }
  });
  return { columns, unplaced };
}
