/**
 * Hover in a draft written by `jixiao import`: where a cell came from in the source, from the
 * sidecar beside the draft (import-sources.ts). On a cell of a table row: its page and box
 * (`来源：budget.pdf 第 8 页（x 394–445 pt，y 207–217 pt）`), its line and columns in a text
 * extraction, or its sheet and cell address in a spreadsheet; on a table's title, role, number or
 * source: its pages (or sheet). Nothing when the table at that path is not the one the sidecar
 * describes (another role) or the row no longer has as many cells as it had: then the sidecar
 * speaks of another row, and saying nothing is better than pointing at the wrong figure.
 * No LSP types here.
 */
import { formatPath } from '@jixiao/core';
import type { Locale } from '../diagnostics.js';
import type { AccountsModel } from '../accounts/model.js';
import type { ImportSources, SourceBox } from '../import-sources.js';

type Step = string | number;
type TableView = AccountsModel['tables'][number];

/** The keys of a table on which its pages are shown. */
const TABLE_KEYS = new Set(['title', 'role', 'no', 'source']);

/** Markdown's special characters in a file or sheet name, escaped. */
const escape = (text: string) => text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`);

/** The source's file name (the sidecar gives it relative to the draft). */
const fileName = (sources: ImportSources) => escape(sources.source.split(/[\\/]/).filter((s) => s !== '').pop() ?? sources.source);

const isSheet = (sources: ImportSources) => sources.sourceFormat === 'xlsx' || sources.sourceFormat === 'xls';

/** A sheet's name: that of a table starting on that page (sheet), if the sidecar has one. */
const sheetName = (sources: ImportSources, page: number) => sources.tables.find((t) => t.pages[0] === page && t.sheet !== undefined)?.sheet;

/** A 0-based column as letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = Math.max(0, Math.floor(index));
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** 1-based inclusive range of a [from, to) span of 0-based units: `37–46`, or `37` for one unit. */
function span(from: number, to: number): { text: string; many: boolean } {
  const a = Math.round(from) + 1;
  const b = Math.max(a, Math.round(to));
  return b > a ? { text: `${a}–${b}`, many: true } : { text: String(a), many: false };
}

/** A sheet for the hover: its name, else its number. */
function sheetWords(sources: ImportSources, page: number, zh: boolean): string {
  const name = sheetName(sources, page);
  if (name !== undefined) return zh ? `工作表“${escape(name)}”` : `sheet “${escape(name)}”`;
  return zh ? `第 ${page} 个工作表` : `sheet ${page}`;
}

/** Where one cell's text is in the source, as a hover line. */
export function cellSourceLine(sources: ImportSources, box: SourceBox, locale: Locale): string {
  const zh = locale === 'zh';
  const file = fileName(sources);
  const r = Math.round;
  if (sources.unit === 'pt') {
    return zh
      ? `来源：${file} 第 ${box.page} 页（x ${r(box.x0)}–${r(box.x1)} pt，y ${r(box.y0)}–${r(box.y1)} pt）`
      : `source: ${file}, page ${box.page} (x ${r(box.x0)}–${r(box.x1)} pt, y ${r(box.y0)}–${r(box.y1)} pt)`;
  }
  const lines = span(box.y0, box.y1);
  if (sources.unit === 'char') {
    const columns = span(box.x0, box.x1);
    return zh
      ? `来源：${file} 第 ${box.page} 页第 ${lines.text} 行第 ${columns.text} 列`
      : `source: ${file}, page ${box.page}, ${lines.many ? 'lines' : 'line'} ${lines.text}, ${columns.many ? 'columns' : 'column'} ${columns.text}`;
  }
  // 'cell': a spreadsheet's columns and rows, or the fields of a tab-separated text.
  if (isSheet(sources)) {
    const first = `${columnLetters(box.x0)}${r(box.y0) + 1}`;
    const last = `${columnLetters(Math.max(box.x0, box.x1 - 1))}${Math.max(r(box.y0), r(box.y1) - 1) + 1}`;
    const address = last === first ? first : `${first}:${last}`;
    return zh
      ? `来源：${file} ${sheetWords(sources, box.page, true)} ${address}`
      : `source: ${file}, ${sheetWords(sources, box.page, false)}, ${address === first ? 'cell' : 'cells'} ${address}`;
  }
  const fields = span(box.x0, box.x1);
  return zh
    ? `来源：${file} 第 ${box.page} 页第 ${lines.text} 行第 ${fields.text} 栏`
    : `source: ${file}, page ${box.page}, ${lines.many ? 'lines' : 'line'} ${lines.text}, ${fields.many ? 'fields' : 'field'} ${fields.text}`;
}

/** Pages as runs: `8`, `8–9`, `8、10–11` (zh) / `8, 10–11` (en). */
function pageRuns(pages: readonly number[], zh: boolean): { text: string; many: boolean } {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return { text: runs.join(zh ? '、' : ', '), many: sorted.length > 1 };
}

/** Where a table is in the source, as a hover line. */
export function tableSourceLine(sources: ImportSources, table: ImportSources['tables'][number], locale: Locale): string {
  const zh = locale === 'zh';
  const file = fileName(sources);
  if (table.pages.length === 0) return zh ? `来源：${file}` : `source: ${file}`;
  if (isSheet(sources)) {
    const sheets = [...new Set(table.pages)].map((p) => (p === table.pages[0] && table.sheet !== undefined ? (zh ? `工作表“${escape(table.sheet)}”` : `sheet “${escape(table.sheet)}”`) : sheetWords(sources, p, zh)));
    return zh ? `来源：${file} ${sheets.join('、')}` : `source: ${file}, ${sheets.join(', ')}`;
  }
  const pages = pageRuns(table.pages, zh);
  return zh ? `来源：${file} 第 ${pages.text} 页` : `source: ${file}, ${pages.many ? 'pages' : 'page'} ${pages.text}`;
}

/** The sidecar's entry for a table of the document, if it describes that table (same path and role). */
function tableEntry(sources: ImportSources, table: TableView): ImportSources['tables'][number] | undefined {
  const path = formatPath(table.path);
  const entry = sources.tables.find((t) => t.path === path);
  return entry && entry.role === table.role ? entry : undefined;
}

/**
 * The source lines for an offset of an accounts document (empty when there is nothing to say):
 * on a row's cell its box; on a table's title, role, number or source (`path`, the document path
 * under the cursor) the table's pages.
 */
export function describeSource(sources: ImportSources, model: AccountsModel, offset: number, path: readonly Step[] | undefined, locale: Locale): string[] {
  const at = model.at(offset);
  if (at) {
    if (!at.part || !tableEntry(sources, at.row.block.table)) return [];
    const key = formatPath(at.row.path);
    const boxes = Object.hasOwn(sources.rows, key) ? sources.rows[key] : undefined;
    if (!boxes || boxes.length !== model.partsOf(at.row).length) return [];
    const box = boxes[at.part.index];
    return box ? [cellSourceLine(sources, box, locale)] : [];
  }
  if (path && path[0] === 'public_tables' && typeof path[1] === 'number' && typeof path[2] === 'string' && TABLE_KEYS.has(path[2])) {
    const table = model.tables.find((t) => formatPath(t.path) === formatPath(path.slice(0, 2)));
    const entry = table ? tableEntry(sources, table) : undefined;
    return entry ? [tableSourceLine(sources, entry, locale)] : [];
  }
  return [];
}
