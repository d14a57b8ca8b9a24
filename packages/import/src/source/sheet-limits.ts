/**
 * The bounds a spreadsheet must keep before it is read, and the one error every failure gives.
 * A workbook is untrusted input: a zip bomb, a sheet of millions of cells or a corrupt file must
 * be rejected with a clear message, never exhaust memory.
 */

/** The largest file read at all, in bytes (.xlsx as stored, .xls as it is). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** The most an .xlsx may unpack to, all parts together, in bytes (declared and actual sizes alike). */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** The most parts an .xlsx package may hold. */
export const MAX_ZIP_ENTRIES = 10_000;
/**
 * The most cells a workbook may hold, over all its sheets: every cell the file stores (with a
 * value or only a style) and every merged range; also the most shared strings, and the most cells
 * covered by merged ranges within a sheet's used range.
 */
export const MAX_CELLS = 200_000;

/** The most sheets a workbook may hold. */
export const MAX_SHEETS = 1_000;

/** Why a spreadsheet could not be read, in both languages. */
export class SheetReadError extends Error {
  override readonly name = 'SheetReadError';
  constructor(
    readonly file: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`表格无法读取：${zh}（${file}） / the spreadsheet cannot be read: ${en} (${file})`);
  }
}

/** The message, in Chinese then English, that ends a read. */
export function reject(file: string, zh: string, en: string): never {
  throw new SheetReadError(file, zh, en);
}
