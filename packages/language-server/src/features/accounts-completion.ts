/**
 * Completion inside a row string of a final-accounts or budget table: in a code cell (科目编码, or the
 * 类 / 款 / 项 cells of a split code) the codes of the year's code dictionary, 经济分类 in the basic
 * expenditure table and 功能分类 elsewhere, 款 and 项 under the 类 (and 款) already typed; in a name
 * cell the code's name first, then every name. A joined code typed into a row that has nothing after
 * it yet brings its name along.
 *
 * The place is read from the text (the row's line, the `rows:` above it, its `columns:` and the
 * table's `role:`), so it works while the document does not parse.
 */
import { allCodes, kindOf, type CodeEntry, type CodeKind } from '../accounts/codes.js';

type ColumnKind = 'code' | 'class' | 'section' | 'item' | 'name' | 'other';

const CODE_COLUMN = /^(?:功能分类|经济分类|支出经济分类|部门预算支出经济分类)?(?:科目)?(?:编码|代码)$/;
const NAME_COLUMN = /(?:名称|^项目$|^科目$|^项目名称$)/;

/** A column's kind, as the core's table views name them (tables.ts). */
export function columnKind(name: string): ColumnKind {
  const n = name.replace(/[\s\u3000]+/g, '');
  if (CODE_COLUMN.test(n)) return 'code';
  if (n === '类') return 'class';
  if (n === '款') return 'section';
  if (n === '项') return 'item';
  if (NAME_COLUMN.test(n)) return 'name';
  return 'other';
}

export interface RowPlace {
  columns: string[];
  /** The cell the cursor is in (0-based). */
  index: number;
  /** The cells before it, trimmed. */
  before: string[];
  /** What is typed in the cell so far, and where it starts on the line. */
  typed: string;
  typedStart: number;
  /** Nothing but blanks (or a closing quote) after the cursor on the line. */
  atEnd: boolean;
  role: string | undefined;
  year: number | undefined;
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const meaningful = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');

/** `columns: [a, b]` or a block list under `columns:`, starting at line `i`. */
function readColumns(lines: string[], i: number): string[] | undefined {
  const line = lines[i] ?? '';
  const flow = /columns\s*:\s*\[(.*)\]?\s*(?:#.*)?$/.exec(line);
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (flow && flow[1]!.trim() !== '') return flow[1]!.replace(/\].*$/, '').split(',').map(unquote).filter((s) => s !== '');
  const out: string[] = [];
  const base = indentOf(line);
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j]!;
    if (!meaningful(l)) continue;
    if (indentOf(l) < base || (indentOf(l) === base && !/^\s*-\s/.test(l))) break;
    const m = /^\s*-\s+(.*?)\s*(?:#.*)?$/.exec(l);
    if (m) out.push(unquote(m[1]!));
  }
  return out.length > 0 ? out : undefined;
}

/** Where the cursor is, if inside a row string of a table's `rows:`. */
export function rowPlaceAt(text: string, lineNo: number, character: number): RowPlace | undefined {
  const lines = text.split(/\r?\n/);
  const line = lines[lineNo] ?? '';
  const item = /^(\s*)-\s+(['"]?)/.exec(line);
  if (!item || character < item[0].length) return undefined;
  const dash = item[1]!.length;
  const content = line.slice(item[0].length, character);
  // A mapping item (`- text: …`, `- { …`) is not a row.
  if (/^[\w-]+\s*:(?:\s|$)/.test(content) || content.startsWith('{') || content.startsWith('[')) return undefined;
  // The key the list belongs to: `rows:`.
  let rowsLine = -1;
  for (let i = lineNo - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (!meaningful(l)) continue;
    const ind = indentOf(l);
    if (ind > dash || (ind === dash && /^\s*-\s/.test(l))) continue;
    if (/^\s*(?:-\s+)?rows\s*:\s*(?:#.*)?$/.test(l)) rowsLine = i;
    break;
  }
  if (rowsLine < 0) return undefined;
  const rowsLead = lines[rowsLine]!;
  const keyCol = /^(\s*(?:-\s+)?)/.exec(rowsLead)![1]!.length;
  // Its siblings: the mapping's keys at the same column, above (up to the list item's dash) and below.
  let columns: string[] | undefined;
  const sibling = (l: string) => meaningful(l) && (indentOf(l) === keyCol || (/^\s*-\s/.test(l) && /^(\s*-\s+)/.exec(l)![1]!.length === keyCol));
  for (let i = rowsLine - 1; i >= 0 && !columns; i--) {
    const l = lines[i]!;
    if (!meaningful(l)) continue;
    if (indentOf(l) < keyCol && !sibling(l)) break;
    if (sibling(l) && /^\s*(?:-\s+)?columns\s*:/.test(l)) columns = readColumns(lines, i);
    if (/^\s*-\s/.test(l) && sibling(l)) break;
  }
  for (let i = rowsLine + 1; i < lines.length && !columns; i++) {
    const l = lines[i]!;
    if (!meaningful(l)) continue;
    if (indentOf(l) < keyCol || (/^\s*-\s/.test(l) && indentOf(l) < keyCol)) break;
    if (indentOf(l) === keyCol && /^\s*columns\s*:/.test(l)) columns = readColumns(lines, i);
  }
  if (!columns) return undefined;
  let role: string | undefined;
  for (let i = rowsLine; i >= 0; i--) {
    const m = /^\s*(?:-\s+)?role\s*:\s*([\w-]+)/.exec(lines[i]!);
    if (m && indentOf(lines[i]!) < keyCol + 1) {
      role = m[1];
      break;
    }
  }
  const cells = content.split('|');
  const last = cells[cells.length - 1] ?? '';
  const typed = last.trimStart();
  const rest = line.slice(character);
  const year = /^year\s*:\s*(\d{4})/m.exec(text)?.[1];
  return {
    columns,
    index: cells.length - 1,
    before: cells.slice(0, -1).map((c) => c.trim()),
    typed,
    typedStart: character - typed.length,
    atEnd: /^\s*['"]?\s*(?:#.*)?$/.test(rest),
    role,
    year: year ? Number(year) : undefined,
  };
}

export interface AccountsCompletion {
  label: string;
  detail: string;
  /** The text that replaces what is typed in the cell. */
  insert: string;
  filter: string;
  sort: string;
  /** A code (a value) or a name (text). */
  kind: 'code' | 'name';
}

const pad2 = (p: string) => (p.length === 1 ? `0${p}` : p);

/** The completions at a row place (none outside code and name cells). */
export function rowCompletions(place: RowPlace, locale: 'zh' | 'en'): AccountsCompletion[] {
  const columnKinds = place.columns.map(columnKind);
  const here = columnKinds[place.index];
  if (!here || here === 'other') return [];
  const want: CodeKind = place.role === 'general-public-basic' ? 'economic' : 'functional';
  const entries = allCodes(place.year).filter((e) => e.entry.kind === want);
  const zh = locale === 'zh';
  const note = (e: { entry: CodeEntry; year: number }) => (place.year !== undefined && e.year !== place.year ? (zh ? `（${e.year} 年）` : ` (${e.year})`) : '');
  const valueAt = (kind: ColumnKind) => {
    const i = columnKinds.indexOf(kind);
    return i >= 0 && i < place.index ? (place.before[i] ?? '') : '';
  };
  if (here === 'code') {
    const next = columnKinds[place.index + 1];
    return entries.map((e) => ({
      label: e.entry.code,
      detail: `${e.entry.names[0]}${note(e)}`,
      insert: place.atEnd && next === 'name' ? `${e.entry.code} | ${e.entry.names[0]}` : e.entry.code,
      filter: e.entry.code,
      sort: e.entry.code,
      kind: 'code' as const,
    }));
  }
  if (here === 'class' || here === 'section' || here === 'item') {
    const cls = valueAt('class');
    const sec = valueAt('section');
    const prefix = here === 'class' ? '' : here === 'section' ? cls : cls + pad2(sec);
    const length = here === 'class' ? 3 : here === 'section' ? 5 : 7;
    if (here !== 'class' && !/^\d{3}$/.test(cls)) return [];
    if (here === 'item' && !/^\d{1,2}$/.test(sec)) return [];
    return entries.filter((e) => e.entry.code.length === length && e.entry.code.startsWith(prefix)).map((e) => {
      const part = e.entry.code.slice(prefix.length);
      return { label: part, detail: `${e.entry.code} ${e.entry.names[0]}${note(e)}`, insert: part, filter: part, sort: e.entry.code, kind: 'code' as const };
    });
  }
  // A name cell: the row's code first.
  let code = '';
  const joined = valueAt('code').replace(/\s+/g, '');
  if (/^\d+$/.test(joined)) code = joined;
  else {
    const cls = valueAt('class');
    const sec = valueAt('section');
    const it = valueAt('item');
    if (/^\d{3}$/.test(cls)) code = cls + (sec ? pad2(sec) : '') + (sec && it ? pad2(it) : '');
  }
  const kind = code ? kindOf(code) : want;
  const out = new Map<string, AccountsCompletion>();
  const own = entries.find((e) => e.entry.code === code) ?? (code ? allCodes(place.year).find((e) => e.entry.code === code) : undefined);
  for (const name of own?.entry.names ?? []) out.set(name, { label: name, detail: `${code}${note(own!)}`, insert: name, filter: name, sort: `0${name}`, kind: 'name' });
  for (const e of allCodes(place.year).filter((x) => x.entry.kind === kind)) {
    for (const name of e.entry.names) if (!out.has(name)) out.set(name, { label: name, detail: `${e.entry.code}${note(e)}`, insert: name, filter: name, sort: `1${e.entry.code}`, kind: 'name' });
  }
  return [...out.values()];
}
