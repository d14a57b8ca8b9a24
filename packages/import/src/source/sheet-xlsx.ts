/**
 * An .xlsx package's cell styles, read from its unpacked parts: the workbook's sheets in order
 * (through the package and workbook relationships), `styles.xml`'s cell formats (`cellXfs`: number
 * format and border) and borders, and each sheet's cells with their style index. Also counts what
 * SheetJS would build, so a workbook past the bounds is rejected before it is parsed.
 */
import { MAX_CELLS, MAX_SHEETS, reject } from './sheet-limits.js';
import { partName, type ZipParts } from './sheet-zip.js';
import { BOTTOM, cellKey, LEFT, RIGHT, TOP, type CellStyle, type SheetStyles, type WorkbookStyles } from './sheet-grid.js';

const NS = '(?:[A-Za-z_][\\w.-]*:)?';

function unescapeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (m, hex: string, dec: string, named: string) => {
    if (named) return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named] ?? m;
    const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** A tag's attributes by local name (a prefix such as `r:` dropped). */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1]!.replace(/^.*:/, '');
    if (!out.has(name)) out.set(name, unescapeXml(m[2] ?? m[3] ?? ''));
  }
  return out;
}

function text(parts: ZipParts, name: string): string | undefined {
  return parts.get(partName(name))?.toString('utf8');
}

/** A relationship target resolved against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  const path = target.startsWith('/') ? target : base.replace(/[^/]*$/, '') + target;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

function relationships(parts: ZipParts, owner: string): Array<{ id: string; type: string; target: string }> {
  const relsName = owner.replace(/([^/]*)$/, '_rels/$1.rels');
  const xml = text(parts, relsName);
  if (xml === undefined) return [];
  const out: Array<{ id: string; type: string; target: string }> = [];
  for (const m of xml.matchAll(new RegExp(`<${NS}Relationship\\b([^<>]*)>`, 'g'))) {
    const a = attributes(m[1]!);
    if (a.get('TargetMode') === 'External') continue;
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: resolveTarget(owner, a.get('Target') ?? '') });
  }
  return out;
}

function section(xml: string, tag: string): string | undefined {
  const open = new RegExp(`<${NS}${tag}\\b[^<>]*?(/?)>`).exec(xml);
  if (!open) return undefined;
  if (open[1] === '/') return '';
  const close = new RegExp(`</${NS}${tag}\\s*>`, 'g');
  close.lastIndex = open.index + open[0].length;
  const end = close.exec(xml);
  return xml.slice(open.index + open[0].length, end ? end.index : xml.length);
}

const SIDES: Record<string, number> = { left: LEFT, start: LEFT, right: RIGHT, end: RIGHT, top: TOP, bottom: BOTTOM };

function readFormats(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const m of (section(xml ?? '', 'numFmts') ?? '').matchAll(new RegExp(`<${NS}numFmt\\b([^<>]*)>`, 'g'))) {
    const id = Number(attributes(m[1]!).get('numFmtId'));
    if (Number.isInteger(id)) out.add(id);
  }
  return out;
}

function readStyles(xml: string | undefined): CellStyle[] {
  if (xml === undefined) return [];
  // One pass over the tags (never a search for a closing tag, which a malformed part could make slow).
  const borders: number[] = [];
  let mask = 0;
  let open = false;
  const tags = new RegExp(`<(/?)${NS}(border|left|right|top|bottom|start|end)\\b([^<>]*)>`, 'g');
  for (const m of (section(xml, 'borders') ?? '').matchAll(tags)) {
    const closing = m[1] === '/';
    const attrs = m[3]!;
    if (m[2] === 'border') {
      if (closing) {
        if (open) borders.push(mask);
        open = false;
      } else {
        if (open) borders.push(mask);
        mask = 0;
        open = !attrs.endsWith('/');
        if (!open) borders.push(0);
      }
    } else if (!closing && open) {
      const style = attributes(attrs).get('style');
      if (style !== undefined && style !== 'none') mask |= SIDES[m[2]!]!;
    }
  }
  if (open) borders.push(mask);
  const styles: CellStyle[] = [];
  for (const m of (section(xml, 'cellXfs') ?? '').matchAll(new RegExp(`<${NS}xf\\b([^<>]*)>`, 'g'))) {
    const a = attributes(m[1]!);
    styles.push({ borders: borders[Number(a.get('borderId') ?? 0)] ?? 0, numFmtId: Number(a.get('numFmtId') ?? 0) || 0 });
  }
  return styles;
}

/** Column letters to a 0-based index (A → 0), or -1. */
function columnOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function readCells(xml: string): Map<number, number> {
  const cells = new Map<number, number>();
  const data = section(xml, 'sheetData') ?? '';
  let row = -1;
  let col = -1;
  for (const m of data.matchAll(new RegExp(`<(/?)${NS}(row|c)(?=[\\s>/])([^<>]*)>`, 'g'))) {
    if (m[1] === '/') continue;
    const a = attributes(m[3]!);
    if (m[2] === 'row') {
      const r = Number(a.get('r'));
      row = Number.isInteger(r) && r >= 1 ? r - 1 : row + 1;
      col = -1;
      continue;
    }
    const ref = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a.get('r') ?? '');
    if (ref) {
      col = columnOf(ref[1]!);
      row = Number(ref[2]) - 1;
    } else col++;
    if (row < 0) row = 0;
    cells.set(cellKey(row, col), Number(a.get('s') ?? 0) || 0);
  }
  return cells;
}

function count(xml: string, re: RegExp): number {
  let n = 0;
  for (re.lastIndex = 0; re.exec(xml); ) n++;
  return n;
}

/** Checks the bounds over every part SheetJS could read as a sheet, then reads the styles. */
export function scanXlsx(file: string, parts: ZipParts): WorkbookStyles {
  let cells = 0;
  let strings = 0;
  const cellRe = new RegExp(`<${NS}(?:c|mergeCell)(?=[\\s>/])`, 'g');
  const stringRe = new RegExp(`<${NS}si(?=[\\s>/])`, 'g');
  for (const [name, data] of parts) {
    if (!name.endsWith('.xml')) continue;
    const xml = data.toString('latin1');
    if (/sharedstrings[^/]*\.xml$/.test(name)) strings += count(xml, stringRe);
    else if (/<(?:[A-Za-z_][\w.-]*:)?sheetData\b/.test(xml)) cells += count(xml, cellRe);
  }
  if (cells > MAX_CELLS) reject(file, `单元格过多（${cells} 个，上限 ${MAX_CELLS}）`, `too many cells (${cells}, at most ${MAX_CELLS})`);
  if (strings > MAX_CELLS) reject(file, `共享字符串过多（${strings} 个，上限 ${MAX_CELLS}）`, `too many shared strings (${strings}, at most ${MAX_CELLS})`);

  const rootRel = relationships(parts, '').find((r) => /\/officeDocument$/.test(r.type));
  const workbook = rootRel?.target ?? 'xl/workbook.xml';
  const wbXml = text(parts, workbook);
  if (wbXml === undefined) reject(file, '缺少工作簿（xl/workbook.xml）', 'the package has no workbook part (xl/workbook.xml)');
  if (parts.has('xl/workbook.bin')) reject(file, '这是 .xlsb 二进制工作簿，请另存为 .xlsx', 'this is an .xlsb binary workbook: save it as .xlsx');
  const rels = relationships(parts, workbook);
  const stylesRel = rels.find((r) => /\/styles$/.test(r.type));
  const stylesXml = text(parts, stylesRel?.target ?? 'xl/styles.xml');
  const styles = readStyles(stylesXml);
  const formats = readFormats(stylesXml);
  const sheets: SheetStyles[] = [];
  for (const m of (section(wbXml, 'sheets') ?? '').matchAll(new RegExp(`<${NS}sheet\\b([^<>]*)>`, 'g'))) {
    const a = attributes(m[1]!);
    const target = rels.find((r) => r.id === a.get('id'))?.target;
    const xml = target === undefined ? undefined : parts.get(partName(target))?.toString('latin1');
    sheets.push({ name: a.get('name') ?? '', cells: xml === undefined ? new Map() : readCells(xml) });
    if (sheets.length > MAX_SHEETS) reject(file, `工作表过多（上限 ${MAX_SHEETS} 张）`, `too many sheets (at most ${MAX_SHEETS})`);
  }
  return { styles, formats, sheets };
}
