/**
 * A sheet's drawn cell borders as ruling lines, in cell units (x = column, y = row, both from 0 at
 * the sheet's top-left corner). An edge between two cells is drawn when either cell draws its side
 * of it; an edge inside a merged range is not drawn; a merged range whose top-left cell draws a side
 * draws that whole side of the range (some writers style only that cell; for a range too large to
 * walk, only along the used cells). Collinear unit edges that
 * touch are joined into one line: horizontals first (by y, then x), then verticals (by x, then y).
 */
import type { RuleLine } from './page.js';
import { BOTTOM, cellKey, KEY_COLUMNS, LEFT, RIGHT, TOP } from './sheet-grid.js';

/** A merged range, inclusive, 0-based. */
export interface Range {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Rows per key of a vertical edge: more than an .xlsx sheet has (1,048,576) plus one edge. */
const KEY_ROWS = 1_048_578;

export interface MergedRange {
  /** The range as the file gives it. */
  range: Range;
  /** The cells of the range that are looked at: all of them, or for a huge range those among the used cells. */
  clipped: Range;
  /** The sides its top-left cell draws. */
  sides: number;
}

export interface RuleInput {
  /** Each stored cell's drawn sides (LEFT | RIGHT | TOP | BOTTOM), by cell key; cells without any left out. */
  borders: Map<number, number>;
  merges: MergedRange[];
  /** For every cell of a merged range that is looked at (`clipped`), the index of its range. */
  covered: Map<number, number>;
}

export function sheetRules(input: RuleInput): RuleLine[] {
  const { borders, covered } = input;
  const horizontal = new Set<number>();
  const vertical = new Set<number>();
  /** The edge on top of cell (y, x). */
  const h = (y: number, x: number) => horizontal.add(y * KEY_COLUMNS + x);
  /** The edge left of cell (y, x). */
  const v = (x: number, y: number) => vertical.add(x * KEY_ROWS + y);

  for (const [key, sides] of borders) {
    const row = Math.floor(key / KEY_COLUMNS);
    const col = key % KEY_COLUMNS;
    if (sides & TOP) h(row, col);
    if (sides & BOTTOM) h(row + 1, col);
    if (sides & LEFT) v(col, row);
    if (sides & RIGHT) v(col + 1, row);
  }
  for (const { range: m, clipped: k, sides } of input.merges) {
    if (sides & TOP && k.r0 === m.r0) for (let x = k.c0; x <= k.c1; x++) h(m.r0, x);
    if (sides & BOTTOM && k.r1 === m.r1) for (let x = k.c0; x <= k.c1; x++) h(m.r1 + 1, x);
    if (sides & LEFT && k.c0 === m.c0) for (let y = k.r0; y <= k.r1; y++) v(m.c0, y);
    if (sides & RIGHT && k.c1 === m.c1) for (let y = k.r0; y <= k.r1; y++) v(m.c1 + 1, y);
  }

  const within = (key: number, k: Range) => {
    const row = Math.floor(key / KEY_COLUMNS);
    const col = key % KEY_COLUMNS;
    return row >= k.r0 && row <= k.r1 && col >= k.c0 && col <= k.c1;
  };
  /** Whether two neighbouring cells lie in one merged range (every used cell of one is covered). */
  const inside = (a: number, b: number) => {
    const ma = covered.get(a);
    if (ma !== undefined) return within(b, input.merges[ma]!.range);
    const mb = covered.get(b);
    return mb !== undefined && within(a, input.merges[mb]!.range);
  };
  const rules: RuleLine[] = [];
  let open: RuleLine | null = null;
  for (const key of [...horizontal].sort((a, b) => a - b)) {
    const y = Math.floor(key / KEY_COLUMNS);
    const x = key % KEY_COLUMNS;
    if (y > 0 && inside(cellKey(y - 1, x), cellKey(y, x))) continue;
    if (open && open.y0 === y && open.x1 === x) open.x1 = x + 1;
    else rules.push((open = { x0: x, y0: y, x1: x + 1, y1: y }));
  }
  open = null;
  for (const key of [...vertical].sort((a, b) => a - b)) {
    const x = Math.floor(key / KEY_ROWS);
    const y = key % KEY_ROWS;
    if (x > 0 && inside(cellKey(y, x - 1), cellKey(y, x))) continue;
    if (open && open.x0 === x && open.y1 === y) open.y1 = y + 1;
    else rules.push((open = { x0: x, y0: y, x1: x, y1: y + 1 }));
  }
  return rules;
}
