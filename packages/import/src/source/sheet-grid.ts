/**
 * What both workbook scanners (.xlsx parts and .xls records) hand the sheet reader: for each sheet,
 * the style of every cell the file stores, and for each style its drawn borders and number format.
 * SheetJS Community Edition reads neither borders nor format ids per cell, so they are read here.
 */

export const LEFT = 1;
export const RIGHT = 2;
export const TOP = 4;
export const BOTTOM = 8;

/** Columns per row in a key: more than an .xlsx sheet has (16,384). */
export const KEY_COLUMNS = 16_385;

/** One number per cell (0-based row and column), ordered by row then column. */
export function cellKey(row: number, col: number): number {
  return row * KEY_COLUMNS + col;
}

export interface CellStyle {
  /** The sides whose border is drawn: LEFT | RIGHT | TOP | BOTTOM. */
  borders: number;
  /** The number format's id (0 General, 1–163 built in, 164 on custom). */
  numFmtId: number;
}

export interface SheetStyles {
  name: string;
  /** Every cell the file stores, with a value or only a style: its style's index. */
  cells: Map<number, number>;
}

export interface WorkbookStyles {
  styles: CellStyle[];
  /** The number format ids the file defines itself (its own format strings win over built-in ones). */
  formats: Set<number>;
  sheets: SheetStyles[];
}
