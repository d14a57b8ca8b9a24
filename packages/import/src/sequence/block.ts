/**
 * A block (columns and rows) from row drafts: the code columns, the name column and the amount
 * columns; each row's figures placed in order when it has as many as there are amount columns,
 * otherwise unplaced. A coded table's row without a code (合计) has its name in the code cell.
 */
import type { CellBox, ExtractedBlock, ExtractedRow } from '../extract/tables.js';
import type { Token } from './tokens.js';

export interface BlockRow {
  codes: Token[];
  /** The name's words, in order (for its box), and its text. */
  words: Token[];
  name: string;
  amounts: Token[];
  page: number;
  y: number;
}

export const boxOf = (first: Token, last: Token = first): CellBox => ({ page: first.page, x0: first.x0, y0: Math.min(first.y0, last.y0), x1: last.x1, y1: Math.max(first.y1, last.y1) });

/** The most common non-zero figure count of the rows (the larger of equals). */
export function figureCount(rows: readonly { amounts: readonly Token[] }[]): number {
  const seen = new Map<number, number>();
  for (const r of rows) if (r.amounts.length > 0) seen.set(r.amounts.length, (seen.get(r.amounts.length) ?? 0) + 1);
  let best = 0;
  let most = 0;
  for (const [n, c] of seen) if (c > most || (c === most && n > best)) [best, most] = [n, c];
  return best;
}

export function buildRows(rows: readonly BlockRow[], codeColumns: number, amountColumns: number, unplaced: Token[]): ExtractedRow[] {
  const width = codeColumns + 1 + amountColumns;
  return rows.map((r) => {
    const cells: string[] = Array.from({ length: width }, () => '');
    const boxes: (CellBox | null)[] = Array.from({ length: width }, () => null);
    r.codes.slice(0, codeColumns).forEach((c, k) => {
      cells[k] = c.text;
      boxes[k] = boxOf(c);
    });
    unplaced.push(...r.codes.slice(codeColumns));
    const at = r.codes.length === 0 && codeColumns > 0 ? 0 : codeColumns;
    cells[at] = r.name;
    const first = r.words[0];
    boxes[at] = first ? boxOf(first, r.words[r.words.length - 1]) : null;
    if (r.amounts.length === amountColumns) {
      r.amounts.forEach((a, k) => {
        cells[codeColumns + 1 + k] = a.text;
        boxes[codeColumns + 1 + k] = boxOf(a);
      });
    } else unplaced.push(...r.amounts);
    return { cells, boxes, page: r.page, y: r.y };
  });
}

export function block(columns: string[], rows: ExtractedRow[], side?: ExtractedBlock['side']): ExtractedBlock {
  return { ...(side ? { side } : {}), columns, rows };
}

