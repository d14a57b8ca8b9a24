/**
 * A spreadsheet (.xlsx, or the legacy binary .xls: BIFF8, Excel 97–2003) as a SourceDocument: one
 * page per sheet, one text item per non-empty cell with the text the sheet shows, the drawn cell
 * borders as rules, all in cell units (x = column, y = row, from 0 at A1).
 *
 * Values and their formatted text come from SheetJS (`@e965/xlsx`: SheetJS Community Edition
 * 0.20.3 as republished on npm, whose own builds are no longer published there); the cached value
 * of a formula is read, never recomputed.
 * SheetJS CE reads no borders and no per-cell format ids, so `sheet-xlsx.ts` (the package's parts)
 * and `sheet-biff.ts` (the Workbook stream's records) read those, and check the bounds of
 * `sheet-limits.ts` first: the package is unpacked under a hard limit before SheetJS sees it
 * (`sheet-zip.ts`), and cells, merged ranges, shared strings and sheets are counted before they
 * are parsed (and an .xls holding records of older Excel formats, which SheetJS can loop on, is
 * rejected). Numbers are written as `sheet-format.ts` says: never a digit the file does not hold.
 * `readSheetIsolated` runs the same read in a worker thread with a heap limit and a timeout.
 */
import * as XLSX from '@e965/xlsx';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuleLine, SourceDocument, SourcePage, TextItem } from './page.js';
import { scanXls } from './sheet-biff.js';
import { formatOf, generalText, numberText, type Ssf } from './sheet-format.js';
import { cellKey, KEY_COLUMNS, type SheetStyles, type WorkbookStyles } from './sheet-grid.js';
import { MAX_CELLS, MAX_FILE_BYTES, reject, SheetReadError } from './sheet-limits.js';
import { sheetRules, type MergedRange, type Range } from './sheet-rules.js';
import { scanXlsx } from './sheet-xlsx.js';
import { unpackZip } from './sheet-zip.js';

export { SheetReadError } from './sheet-limits.js';

interface Cell {
  t?: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

const READ_OPTIONS = {
  type: 'buffer',
  cellNF: true,
  cellText: true,
  cellDates: false,
  cellFormula: false,
  cellHTML: false,
  sheetStubs: false,
  dense: true,
  bookVBA: false,
  bookFiles: false,
  WTF: false,
} as const;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** The format by content: what the bytes are, whatever the file is called. */
function formatByContent(file: string, bytes: Uint8Array): 'xlsx' | 'xls' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (bytes[0] === 0x09 && [0x00, 0x02, 0x04, 0x08].includes(bytes[1] ?? -1)) {
    reject(file, '这是 Excel 4.0 或更早的格式，请另存为 .xlsx', 'an Excel 4.0 or older workbook: save it as .xlsx');
  }
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  if (head.startsWith('<')) {
    if (/urn:schemas-microsoft-com:office:spreadsheet/i.test(head)) {
      reject(file, '这是 Excel 2003 XML 表格，请用 Excel 或 WPS 另存为 .xlsx', 'an Excel 2003 XML spreadsheet: save it as .xlsx in Excel or WPS');
    }
    reject(file, '这是网页（HTML）而不是 Excel 工作簿（网站导出的 .xls 常是如此），请用 Excel 或 WPS 另存为 .xlsx', 'an HTML page, not an Excel workbook (as websites often export .xls): save it as .xlsx in Excel or WPS');
  }
  return reject(file, '不是 .xlsx 或 .xls 工作簿', 'not an .xlsx or .xls workbook');
}

/** The text a cell shows, trimmed; '' for an empty one. */
function cellText(cell: Cell, numFmtId: number, fileDefines: boolean, date1904: boolean): string {
  switch (cell.t) {
    case 's':
    case 'str':
      return String(cell.v ?? '').trim();
    case 'n': {
      const v = cell.v as number;
      const fileFormat = typeof cell.z === 'string' ? cell.z : undefined;
      try {
        return numberText(XLSX.SSF as Ssf, formatOf(numFmtId, fileDefines, fileFormat), v, date1904).trim();
      } catch {
        return (cell.w ?? generalText(v)).trim();
      }
    }
    case 'b':
      return (cell.w ?? (cell.v ? 'TRUE' : 'FALSE')).trim();
    default:
      return (cell.w ?? '').trim();
  }
}

function stylesOf(scan: WorkbookStyles, index: number, name: string): SheetStyles {
  const same = scan.sheets[index];
  if (same && same.name === name) return same;
  return scan.sheets.find((s) => s.name === name) ?? { name, cells: new Map() };
}

function readPage(file: string, ws: XLSX.WorkSheet | undefined, number: number, name: string, scan: WorkbookStyles, sheet: SheetStyles, date1904: boolean): SourcePage {
  const styleOf = (key: number) => scan.styles[sheet.cells.get(key) ?? 0];
  const rows = ((ws as { '!data'?: Array<Array<Cell | undefined> | undefined> } | undefined)?.['!data']) ?? [];

  // The non-empty cells, then the used cells: those and the cells that draw a border.
  const texts: Array<{ row: number; col: number; text: string }> = [];
  rows.forEach((cells, row) => {
    cells?.forEach((cell, col) => {
      if (!cell) return;
      const style = styleOf(cellKey(row, col));
      const numFmtId = style?.numFmtId ?? 0;
      const text = cellText(cell, numFmtId, scan.formats.has(numFmtId), date1904);
      if (text !== '') texts.push({ row, col, text });
    });
  });
  const borders = new Map<number, number>();
  for (const [key, xf] of sheet.cells) {
    const sides = scan.styles[xf]?.borders ?? 0;
    if (sides) borders.set(key, sides);
  }
  let used: Range | null = null;
  const use = (row: number, col: number) => {
    if (!used) used = { r0: row, c0: col, r1: row, c1: col };
    else {
      used.r0 = Math.min(used.r0, row);
      used.c0 = Math.min(used.c0, col);
      used.r1 = Math.max(used.r1, row);
      used.c1 = Math.max(used.c1, col);
    }
  };
  for (const t of texts) use(t.row, t.col);
  for (const key of borders.keys()) use(Math.floor(key / KEY_COLUMNS), key % KEY_COLUMNS);

  // Merged ranges over the used cells: whole while the cells they cover stay within the bounds
  // (MAX_CELLS in all), else clipped to the used cells; a file past that is rejected.
  const merges: MergedRange[] = [];
  const covered = new Map<number, number>();
  const anchorOf = new Map<number, Range>();
  const box = used as Range | null;
  const area = (k: Range) => (k.r1 - k.r0 + 1) * (k.c1 - k.c0 + 1);
  for (const m of ws?.['!merges'] ?? []) {
    const range: Range = { r0: Math.min(m.s.r, m.e.r), c0: Math.min(m.s.c, m.e.c), r1: Math.max(m.s.r, m.e.r), c1: Math.max(m.s.c, m.e.c) };
    if (!box || range.r1 < box.r0 || range.r0 > box.r1 || range.c1 < box.c0 || range.c0 > box.c1) continue;
    let clipped = range;
    if (covered.size + area(range) > MAX_CELLS) {
      clipped = { r0: Math.max(range.r0, box.r0), c0: Math.max(range.c0, box.c0), r1: Math.min(range.r1, box.r1), c1: Math.min(range.c1, box.c1) };
      if (covered.size + area(clipped) > MAX_CELLS) {
        reject(file, `合并单元格过多（工作表“${name}”超过 ${MAX_CELLS} 个）`, `too many merged cells (more than ${MAX_CELLS} in the sheet ${name})`);
      }
    }
    const index = merges.length;
    merges.push({ range, clipped, sides: borders.get(cellKey(range.r0, range.c0)) ?? 0 });
    anchorOf.set(cellKey(range.r0, range.c0), range);
    for (let r = clipped.r0; r <= clipped.r1; r++) for (let c = clipped.c0; c <= clipped.c1; c++) covered.set(cellKey(r, c), index);
  }

  const items: TextItem[] = [];
  for (const { row, col, text } of texts) {
    const key = cellKey(row, col);
    const merged = anchorOf.get(key);
    if (!merged && covered.has(key)) continue; // hidden under a merged range, as in the sheet
    items.push({ text, x0: col, x1: (merged ? merged.c1 : col) + 1, y0: row, y1: (merged ? merged.r1 : row) + 1 });
  }
  const rules: RuleLine[] = sheetRules({ borders, merges, covered });
  let width = box ? box.c1 + 1 : 0;
  let height = box ? box.r1 + 1 : 0;
  for (const it of items) {
    width = Math.max(width, it.x1);
    height = Math.max(height, it.y1);
  }
  for (const r of rules) {
    width = Math.max(width, r.x1);
    height = Math.max(height, r.y1);
  }
  return { number, name, width, height, items, rules, unit: 'cell' };
}

/**
 * A sheet by name, read as own property only. SheetJS stores sheets in a plain object, so a sheet
 * named `__proto__` becomes that object's prototype (nothing global is polluted): it is found there.
 */
function sheetOf(wb: XLSX.WorkBook, name: string): XLSX.WorkSheet | undefined {
  if (Object.hasOwn(wb.Sheets, name)) return wb.Sheets[name];
  const proto: unknown = Object.getPrototypeOf(wb.Sheets);
  return name === '__proto__' && proto !== Object.prototype && proto !== null ? (proto as XLSX.WorkSheet) : undefined;
}

/**
 * Runs SheetJS with its console notes on odd records ("Missing Info for XLS Record …", "Bad
 * uncompressed size …") kept off the user's terminal: what matters about a file is thrown.
 */
function quietly<T>(read: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const silent = () => {};
  console.log = console.warn = console.error = silent;
  try {
    return read();
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * Reads an .xlsx or .xls workbook (told apart by content, not by name). Throws a SheetReadError,
 * in Chinese and English, for a file that is not one, is corrupt or encrypted, or is past the
 * bounds of `sheet-limits.ts`.
 */
export function readSheet(file: string, bytes: Uint8Array): SourceDocument {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    reject(file, `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  const format = formatByContent(file, bytes);
  const scan = format === 'xlsx' ? scanXlsx(file, unpackZip(file, bytes)) : scanXls(file, bytes, XLSX.CFB);
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ...READ_OPTIONS }));
  } catch (e) {
    if (e instanceof SheetReadError) throw e;
    return reject(file, `文件已损坏（${(e as Error).message}）`, `the file is corrupt (${(e as Error).message})`);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const pages = wb.SheetNames.map((name, i) => readPage(file, sheetOf(wb, name), i + 1, name, scan, stylesOf(scan, i, name), date1904));
  return { file, format, pages };
}

export interface ReadSheetOptions {
  /** How long the read may take, in milliseconds (default 60,000). */
  timeoutMs?: number;
  /** The worker thread's heap, in MB (default 1,024). */
  heapMb?: number;
}

/** What the worker thread (`sheet-worker.ts`) answers. */
export type SheetWorkerAnswer = { doc: SourceDocument } | { zh: string; en: string } | { error: string };

const WORKER_URL = new URL('./sheet-worker.js', import.meta.url);

/**
 * `readSheet` in a worker thread of its own, with a heap limit and a timeout: whatever a hostile
 * file might still drive SheetJS into past the bounds checked up front (an endless loop, a heap
 * that grows), it ends as a SheetReadError and the calling process is unharmed. Falls back to
 * this thread when the compiled worker script is missing (sources run without a build).
 */
export function readSheetIsolated(file: string, bytes: Uint8Array, options: ReadSheetOptions = {}): Promise<SourceDocument> {
  if (!existsSync(fileURLToPath(WORKER_URL))) return Promise.resolve().then(() => readSheet(file, bytes));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const heapMb = options.heapMb ?? 1024;
  const worker = new Worker(WORKER_URL, { stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  worker.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  worker.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Promise<SourceDocument>((resolve, fail) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const failWith = (zh: string, en: string) => finish(() => fail(new SheetReadError(file, zh, en)));
    const timer = setTimeout(() => failWith(`读取超时（超过 ${timeoutMs / 1000} 秒）`, `reading took longer than ${timeoutMs / 1000} s`), timeoutMs);
    worker.on('message', (answer: SheetWorkerAnswer) => {
      if ('doc' in answer) finish(() => resolve(answer.doc));
      else if ('zh' in answer) failWith(answer.zh, answer.en);
      else failWith(`文件已损坏（${answer.error}）`, `the file is corrupt (${answer.error})`);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') failWith(`读取所需内存超过 ${heapMb} MB`, `reading needs more than ${heapMb} MB of memory`);
      else failWith(`文件已损坏（${e.message}）`, `the file is corrupt (${e.message})`);
    });
    worker.on('exit', (code) => failWith(`读取中断（退出码 ${code}）`, `the reader stopped (exit code ${code})`));
    worker.postMessage({ file, bytes: copy }, [copy.buffer]);
  });
}
