/**
 * jixiao import, spreadsheets: .xlsx (built here with ExcelJS, or by hand as zip parts) and legacy
 * .xls (fixtures/import/sample.xls, written by SheetJS's BIFF8 writer, and sample-borders.xls,
 * written by xlwt with drawn borders) to a SourceDocument: each cell's text as the sheet shows it,
 * its position in cells (merged ranges spanned), the drawn borders as joined rules; numbers never
 * with a digit the file does not hold; hostile files (zip bombs, lying sizes, huge sheets, corrupt
 * bytes, prototype keys) rejected or read without harm.
 *
 * JIXIAO_WRITE_FIXTURES=1 writes fixtures/import/sample.xls anew (it must read the same).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheet, readSheetIsolated, SheetReadError } from '../packages/import/dist/source/sheet.js';
import { formatOf, generalText, numberText, placesShown, type Ssf } from '../packages/import/dist/source/sheet-format.js';
import type { SourceDocument, SourcePage } from '../packages/import/dist/source/page.js';

const root = process.cwd();
const requireReview = createRequire(join(root, 'packages/review/package.json'));
const ExcelJS = requireReview('exceljs') as typeof import('exceljs');
interface Zip {
  file(name: string, data: string | Buffer): Zip;
  generateAsync(opts: { type: 'nodebuffer'; compression: 'DEFLATE' | 'STORE' }): Promise<Buffer>;
}
const JSZip = createRequire(requireReview.resolve('exceljs'))('jszip') as new () => Zip;
const XLSX = createRequire(join(root, 'packages/import/package.json'))('@e965/xlsx') as typeof import('@e965/xlsx');

const SAMPLE_XLS = join(root, 'fixtures/import/sample.xls');
const SAMPLE_BORDERS_XLS = join(root, 'fixtures/import/sample-borders.xls');

type ItemRow = [text: string, x0: number, x1: number, y0: number, y1: number];
type RuleRow = [x0: number, y0: number, x1: number, y1: number];
const itemsOf = (p: SourcePage): ItemRow[] => p.items.map((i) => [i.text, i.x0, i.x1, i.y0, i.y1]);
const rulesOf = (p: SourcePage): RuleRow[] => p.rules.map((r) => [r.x0, r.y0, r.x1, r.y1]);

function rejects(read: () => unknown, zh: RegExp, en: RegExp): void {
  let error: unknown;
  try {
    read();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SheetReadError);
  const message = (error as Error).message;
  expect(message).toMatch(/^表格无法读取：/);
  expect(message).toMatch(/ \/ the spreadsheet cannot be read: /);
  expect(message).toMatch(zh);
  expect(message).toMatch(en);
}

/** The budget table both the ExcelJS workbook and sample-borders.xls hold, with every border drawn. */
const BUDGET_ITEMS: ItemRow[] = [
  ['2025年预算单位收入预算总表', 0, 3, 0, 1],
  ['单位：元', 2, 3, 1, 2],
  ['项目', 0, 1, 2, 4],
  ['本年收入', 1, 3, 2, 3],
  ['预算数', 1, 2, 3, 4],
  ['占比', 2, 3, 3, 4],
  ['一、财政拨款收入', 0, 1, 4, 5],
  ['9,501,164', 1, 2, 4, 5],
  ['95.12%', 2, 3, 4, 5],
  ['二、事业收入', 0, 1, 5, 6],
  ['487,000.50', 1, 2, 5, 6],
  ['收入合计', 0, 1, 6, 7],
];
/** The grid of A3:C7, without the edges inside 项目 (A3:A4) and 本年收入 (B3:C3). */
const BUDGET_RULES: RuleRow[] = [
  [0, 2, 3, 2],
  [1, 3, 3, 3],
  [0, 4, 3, 4],
  [0, 5, 3, 5],
  [0, 6, 3, 6],
  [0, 7, 3, 7],
  [0, 2, 0, 7],
  [1, 2, 1, 7],
  [2, 3, 2, 7],
  [3, 2, 3, 7],
];

async function budgetXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收入预算总表');
  ws.mergeCells('A1:C1');
  ws.getCell('A1').value = '2025年预算单位收入预算总表';
  ws.getCell('C2').value = '单位：元';
  ws.mergeCells('A3:A4');
  ws.getCell('A3').value = '项目';
  ws.mergeCells('B3:C3');
  ws.getCell('B3').value = '本年收入';
  ws.getCell('B4').value = '预算数';
  ws.getCell('C4').value = '占比';
  ws.getCell('A5').value = '一、财政拨款收入';
  ws.getCell('B5').value = 9501164;
  ws.getCell('B5').numFmt = '#,##0';
  ws.getCell('C5').value = 0.9512;
  ws.getCell('C5').numFmt = '0.00%';
  ws.getCell('A6').value = '  二、事业收入 ';
  ws.getCell('B6').value = 487000.5;
  ws.getCell('B6').numFmt = '#,##0.00';
  ws.getCell('A7').value = '收入合计';
  ws.getCell('B7').value = { formula: 'B5+B6', result: 9988164.5 };
  ws.getCell('B7').numFmt = '#,##0.00';
  ws.getCell('C7').value = { formula: 'B7/B7', result: 1 };
  ws.getCell('C7').numFmt = '0.00%';
  for (let r = 3; r <= 7; r++) {
    for (const c of ['A', 'B', 'C']) {
      ws.getCell(`${c}${r}`).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  // Below the table, without borders: General numbers, one with floating-point noise; a format
  // that SSF alone would round the binary way; a cell of spaces only.
  ws.getCell('A8').value = 0.1 + 0.2;
  ws.getCell('B8').value = 12345678901.5;
  ws.getCell('C8').value = 1.005;
  ws.getCell('C8').numFmt = '0.00';
  ws.getCell('D8').value = '   ';

  const notes = wb.addWorksheet('说明');
  notes.getCell('A1').value = '编制日期';
  notes.getCell('B1').value = new Date(Date.UTC(2025, 0, 15));
  notes.getCell('A2').value = '执行率';
  notes.getCell('B2').value = 0.99995;
  notes.getCell('B2').numFmt = '0.00%';
  notes.getCell('A3').value = '是否公开';
  notes.getCell('B3').value = true;
  notes.getCell('A4').value = '负数';
  notes.getCell('B4').value = -1234.5;
  notes.getCell('B4').numFmt = '#,##0.00;[Red]-#,##0.00';
  notes.getCell('A5').value = '千元';
  notes.getCell('B5').value = 9501164;
  notes.getCell('B5').numFmt = '#,##0.0,';
  wb.addWorksheet('空表');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of sample.xls's first sheet: a Shanghai unit's 财务收支预算总表, in 元. */
const SAMPLE_ROWS: Array<Array<string | number | null>> = [
  ['2025年预算单位财务收支预算总表', null, null, null],
  ['编制单位：上海市示例局', null, null, '单位：元'],
  ['本年收入', null, '本年支出', null],
  ['项目', '预算数', '项目', '预算数'],
  ['一、财政拨款收入', 9501164, '一、一般公共服务支出', 8123456],
  ['  1、一般公共预算资金', 9501164, '二、社会保障和就业支出', 1045708],
  ['  2、政府性基金', null, '三、卫生健康支出', 332000],
  ['二、事业收入', null, null, null],
  ['收入总计', 9501164, '支出总计', 9501164],
];

/** sample.xls as SheetJS's BIFF8 writer writes it (shared strings, number formats, merged ranges). */
function sampleXls(): Buffer {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(SAMPLE_ROWS);
  for (const [addr, cell] of Object.entries(ws)) if (!addr.startsWith('!') && (cell as { t: string }).t === 'n') (cell as { z: string }).z = '#,##0';
  ws['!merges'] = [XLSX.utils.decode_range('A1:D1'), XLSX.utils.decode_range('A3:B3'), XLSX.utils.decode_range('C3:D3')];
  XLSX.utils.book_append_sheet(wb, ws, '财务收支预算总表');
  const costs = XLSX.utils.aoa_to_sheet([
    ['2025年单位“三公”经费和机关运行经费预算表', null],
    ['项目', '预算数'],
    ['因公出国（境）费', 0],
    ['公务接待费', 12345.6],
    ['机关运行经费', 1234567.891],
    ['执行率', 0.9512],
    ['未设格式', 0.1 + 0.2],
  ]);
  for (const addr of ['B3', 'B4', 'B5']) costs[addr].z = '#,##0.00';
  costs['B6'].z = '0.00%';
  costs['!merges'] = [XLSX.utils.decode_range('A1:B1')];
  XLSX.utils.book_append_sheet(wb, costs, '三公经费');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8', bookSST: true }) as Buffer;
}

const SAMPLE_ITEMS: ItemRow[] = [
  ['2025年预算单位财务收支预算总表', 0, 4, 0, 1],
  ['编制单位：上海市示例局', 0, 1, 1, 2],
  ['单位：元', 3, 4, 1, 2],
  ['本年收入', 0, 2, 2, 3],
  ['本年支出', 2, 4, 2, 3],
  ['项目', 0, 1, 3, 4],
  ['预算数', 1, 2, 3, 4],
  ['项目', 2, 3, 3, 4],
  ['预算数', 3, 4, 3, 4],
  ['一、财政拨款收入', 0, 1, 4, 5],
  ['9,501,164', 1, 2, 4, 5],
  ['一、一般公共服务支出', 2, 3, 4, 5],
  ['8,123,456', 3, 4, 4, 5],
  ['1、一般公共预算资金', 0, 1, 5, 6],
  ['9,501,164', 1, 2, 5, 6],
  ['二、社会保障和就业支出', 2, 3, 5, 6],
  ['1,045,708', 3, 4, 5, 6],
  ['2、政府性基金', 0, 1, 6, 7],
  ['三、卫生健康支出', 2, 3, 6, 7],
  ['332,000', 3, 4, 6, 7],
  ['二、事业收入', 0, 1, 7, 8],
  ['收入总计', 0, 1, 8, 9],
  ['9,501,164', 1, 2, 8, 9],
  ['支出总计', 2, 3, 8, 9],
  ['9,501,164', 3, 4, 8, 9],
];
const SAMPLE_COSTS: ItemRow[] = [
  ['2025年单位“三公”经费和机关运行经费预算表', 0, 2, 0, 1],
  ['项目', 0, 1, 1, 2],
  ['预算数', 1, 2, 1, 2],
  ['因公出国（境）费', 0, 1, 2, 3],
  ['0.00', 1, 2, 2, 3],
  ['公务接待费', 0, 1, 3, 4],
  ['12,345.60', 1, 2, 3, 4],
  ['机关运行经费', 0, 1, 4, 5],
  ['1,234,567.89', 1, 2, 4, 5],
  ['执行率', 0, 1, 5, 6],
  ['95.12%', 1, 2, 5, 6],
  ['未设格式', 0, 1, 6, 7],
  ['0.3', 1, 2, 6, 7],
];

/** A minimal .xlsx package written part by part, for what ExcelJS would never write. */
async function packageOf(sheets: Array<{ name: string; xml: string; rels?: string }>, extra: Record<string, string> = {}, compression: 'DEFLATE' | 'STORE' = 'DEFLATE'): Promise<Buffer> {
  const zip = new JSZip();
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  );
  sheets.forEach((s, i) => {
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${s.xml}</worksheet>`);
    if (s.rels) zip.file(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, s.rels);
  });
  for (const [name, data] of Object.entries(extra)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

/** A BIFF8 record. */
function record(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
}
function bof(dt: number, version = 0x0600): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt16LE(version, 0);
  body.writeUInt16LE(dt, 2);
  return record(0x0809, body);
}
const EOF_RECORD = record(0x000a, Buffer.alloc(0));
function mulBlank(row: number, first: number, n: number): Buffer {
  const body = Buffer.alloc(6 + 2 * n);
  body.writeUInt16LE(row, 0);
  body.writeUInt16LE(first, 2);
  body.writeUInt16LE(first + n - 1, 4 + 2 * n);
  return record(0x00be, body);
}
/** A minimal .xls: globals (BOF, `extra`, one BoundSheet8 per sheet, EOF), then each sheet's records. */
function biff8(sheets: Buffer[][], extra: Buffer[] = [], version = 0x0600): Buffer {
  const boundSize = (i: number) => 4 + 8 + `S${i}`.length;
  const globalsSize = bof(5).length + extra.reduce((n, b) => n + b.length, 0) + sheets.reduce((n, _, i) => n + boundSize(i), 0) + EOF_RECORD.length;
  const bound: Buffer[] = [];
  const bodies: Buffer[] = [];
  let offset = globalsSize;
  sheets.forEach((records, i) => {
    const name = `S${i}`;
    const body = Buffer.alloc(8 + name.length);
    body.writeUInt32LE(offset, 0);
    body.writeUInt8(name.length, 6);
    body.write(name, 8, 'latin1');
    bound.push(record(0x0085, body));
    const stream = Buffer.concat([bof(0x10, version), ...records, EOF_RECORD]);
    bodies.push(stream);
    offset += stream.length;
  });
  const workbook = Buffer.concat([bof(5, version), ...extra, ...bound, EOF_RECORD, ...bodies]);
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, 'Workbook', workbook);
  return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
}

beforeAll(() => {
  if (process.env.JIXIAO_WRITE_FIXTURES === '1' || !existsSync(SAMPLE_XLS)) writeFileSync(SAMPLE_XLS, sampleXls());
});

describe('readSheet: .xlsx', () => {
  let doc: SourceDocument;
  beforeAll(async () => {
    doc = readSheet('budget.xlsx', await budgetXlsx());
  });

  it('gives one page per sheet, in cell units, named and numbered', () => {
    expect(doc.format).toBe('xlsx');
    expect(doc.file).toBe('budget.xlsx');
    expect(doc.pages.map((p) => [p.number, p.name, p.unit])).toEqual([
      [1, '收入预算总表', 'cell'],
      [2, '说明', 'cell'],
      [3, '空表', 'cell'],
    ]);
  });

  it('gives each non-empty cell its formatted text, trimmed, merged cells spanning their range', () => {
    const page = doc.pages[0]!;
    expect(itemsOf(page)).toEqual([
      ...BUDGET_ITEMS,
      ['9,988,164.50', 1, 2, 6, 7], // a formula: its cached value, formatted
      ['100.00%', 2, 3, 6, 7],
      ['0.3', 0, 1, 7, 8], // General 0.30000000000000004: no floating-point noise
      ['12345678901.5', 1, 2, 7, 8], // General, every digit (SheetJS's own text: 12345678901)
      ['1.01', 2, 3, 7, 8], // 1.005 under 0.00, rounded as Excel rounds (SSF alone: 1.00)
    ]);
    expect([page.width, page.height]).toEqual([3, 8]); // D8 holds only spaces: it shows nothing
  });

  it('gives the drawn borders as joined rules, none inside a merged range', () => {
    expect(rulesOf(doc.pages[0]!)).toEqual(BUDGET_RULES);
  });

  it('shows dates, booleans, negatives and scaled formats as a zh-CN Excel does', () => {
    expect(itemsOf(doc.pages[1]!)).toEqual([
      ['编制日期', 0, 1, 0, 1],
      ['2025/1/15', 1, 2, 0, 1], // built-in format 14, the zh-CN short date
      ['执行率', 0, 1, 1, 2],
      ['100.00%', 1, 2, 1, 2],
      ['是否公开', 0, 1, 2, 3],
      ['TRUE', 1, 2, 2, 3],
      ['负数', 0, 1, 3, 4],
      ['-1,234.50', 1, 2, 3, 4],
      ['千元', 0, 1, 4, 5],
      ['9,501.2', 1, 2, 4, 5],
    ]);
    expect(doc.pages[1]!.rules).toEqual([]);
  });

  it('gives an empty sheet an empty page', () => {
    expect(doc.pages[2]).toEqual({ number: 3, name: '空表', width: 0, height: 0, items: [], rules: [], unit: 'cell' });
  });

  it('tells the format by content, not by name', async () => {
    expect(readSheet('named.xls', await budgetXlsx()).format).toBe('xlsx');
    expect(readSheet('named.xlsx', readFileSync(SAMPLE_XLS)).format).toBe('xls');
  });

  it('draws the whole side of a merged range when only its top-left cell has the border', async () => {
    const xlsx = await packageOf([{ name: 'S', xml: '<sheetData><row r="2"><c r="B2" s="1" t="inlineStr"><is><t>合并</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="B2:D3"/></mergeCells>' }], {
      'xl/styles.xml':
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><borders count="2"><border><left/><right/><top/><bottom/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="medium"/></border></borders><cellXfs count="2"><xf numFmtId="0" borderId="0"/><xf numFmtId="0" borderId="1"/></cellXfs></styleSheet>',
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    });
    const page = readSheet('m.xlsx', xlsx).pages[0]!;
    expect(itemsOf(page)).toEqual([['合并', 1, 4, 1, 3]]);
    // B2's own right and bottom sides lie inside B2:D3: not drawn; its four sides draw the range's.
    expect(rulesOf(page)).toEqual([
      [1, 1, 4, 1],
      [1, 3, 4, 3],
      [1, 1, 1, 3],
      [4, 1, 4, 3],
    ]);
    expect([page.width, page.height]).toEqual([4, 3]);
  });
});

describe('readSheet: legacy .xls', () => {
  it('reads fixtures/import/sample.xls (SheetJS BIFF8 writer): texts as printed, merged ranges', () => {
    const doc = readSheet('fixtures/import/sample.xls', readFileSync(SAMPLE_XLS));
    expect(doc.format).toBe('xls');
    expect(doc.pages.map((p) => [p.number, p.name])).toEqual([
      [1, '财务收支预算总表'],
      [2, '三公经费'],
    ]);
    expect(itemsOf(doc.pages[0]!)).toEqual(SAMPLE_ITEMS);
    expect(itemsOf(doc.pages[1]!)).toEqual(SAMPLE_COSTS);
    // SheetJS's writer draws no borders.
    expect(doc.pages.map((p) => [p.width, p.height, p.rules.length])).toEqual([
      [4, 9, 0],
      [2, 7, 0],
    ]);
  });

  it('a draft from sample.xls names each table’s sheet by its tab in the location comment', async () => {
    const { importDocument } = await import('@jixiao/import');
    const result = await importDocument('sample.xls', readFileSync(SAMPLE_XLS));
    expect(result.yaml.split('\n').filter((l) => l.startsWith('  # ──'))).toEqual([
      '  # ── sheet 1 “财务收支预算总表” (rows 1–9) ── 2025年预算单位财务收支预算总表',
      '  # ── sheet 2 “三公经费” (rows 1–7) ── 2025年单位“三公”经费和机关运行经费预算表',
    ]);
  });

  it('sample.xls is what sampleXls() writes', () => {
    const fresh = readSheet('fixtures/import/sample.xls', sampleXls());
    expect(fresh).toEqual(readSheet('fixtures/import/sample.xls', readFileSync(SAMPLE_XLS)));
  });

  it('reads the drawn borders of an .xls (sample-borders.xls, written by xlwt)', () => {
    const doc = readSheet('sample-borders.xls', readFileSync(SAMPLE_BORDERS_XLS));
    expect(doc.format).toBe('xls');
    const page = doc.pages[0]!;
    expect(page.name).toBe('收入预算总表');
    // The total's formula has no cached value (xlwt writes none): it reads empty, never computed.
    expect(itemsOf(page)).toEqual([...BUDGET_ITEMS, ['100.00%', 2, 3, 6, 7]]);
    expect(rulesOf(page)).toEqual(BUDGET_RULES);
    expect([page.width, page.height]).toEqual([3, 7]);
  });
});

describe('numbers as printed, never an invented digit', () => {
  const ssf = XLSX.SSF as Ssf;
  it('General: the shortest text at 15 significant digits', () => {
    expect(generalText(0.1 + 0.2)).toBe('0.3');
    expect(generalText(9501164)).toBe('9501164');
    expect(generalText(12345678901.5)).toBe('12345678901.5');
    expect(generalText(1e-7)).toBe('0.0000001');
    expect(generalText(-0)).toBe('0');
    expect(generalText(1.1 + 2.2)).toBe('3.3');
    expect(numberText(ssf, 'General', 1234567.891, false)).toBe('1234567.891');
    expect(numberText(ssf, '@', 12.5, false)).toBe('12.5');
  });

  it('formats: rounded in decimal, half away from zero, to the places shown', () => {
    expect(placesShown('#,##0.00', 1)).toBe(2);
    expect(placesShown('0.00%', 1)).toBe(4);
    expect(placesShown('#,##0.0,', 1)).toBe(-2);
    expect(placesShown('0.00;(0.000)', -1)).toBe(3);
    expect(placesShown('0.00E+00', 1)).toBeNull();
    expect(placesShown('[>100]0;0.0', 1)).toBeNull();
    expect(numberText(ssf, '0.00', 1.005, false)).toBe('1.01');
    expect(numberText(ssf, '0.00', -1.005, false)).toBe('-1.01');
    expect(numberText(ssf, '0.00', 2.675, false)).toBe('2.68');
    expect(numberText(ssf, '0.00%', 0.99995, false)).toBe('100.00%');
    expect(numberText(ssf, '0.00%', 0.30000000000000004, false)).toBe('30.00%');
    expect(numberText(ssf, '#,##0.00', 9501164.005, false)).toBe('9,501,164.01');
    expect(numberText(ssf, '#,##0', 9501164, false)).toBe('9,501,164');
    expect(numberText(ssf, '0.00;-0.00;"-"', -0.001, false)).toBe('-0.00');
    expect(numberText(ssf, '0.00000000000000000', 0.1, false)).toBe('0.10000000000000000');
    expect(numberText(ssf, '#,##0.00', 0.1 + 0.2, false)).toBe('0.30');
  });

  it('built-in locale formats read as zh-CN, unless the file defines the id', () => {
    expect(formatOf(14, false, 'm/d/yy')).toBe('yyyy/m/d');
    expect(formatOf(31, false, undefined)).toBe('yyyy"年"m"月"d"日"');
    expect(formatOf(43, true, '#,##0.00')).toBe('#,##0.00');
    expect(formatOf(4, false, '#,##0.00')).toBe('#,##0.00');
    expect(formatOf(0, false, undefined)).toBe('General');
    expect(numberText(ssf, formatOf(14, false, 'm/d/yy'), 45672, false)).toBe('2025/1/15');
    expect(numberText(ssf, formatOf(31, false, undefined), 45672, false)).toBe('2025年1月15日');
    expect(numberText(ssf, formatOf(43, false, undefined), -1234.5, false).trim()).toBe('-1,234.50');
    expect(numberText(ssf, formatOf(43, false, undefined), 0, false).trim()).toBe('-');
  });
});

describe('untrusted input', () => {
  const oneCell = (name = 'S') => ({ name, xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' });

  it('rejects a zip bomb before it is unpacked in full', async () => {
    const bomb = await packageOf([oneCell()], { 'xl/media/bomb.bin': 'x'.repeat(60 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    rejects(() => readSheet('bomb.xlsx', bomb), /解压后超过 50 MB/, /unpacks to more than 50 MB/);
  });

  it('rejects a part that declares a huge size (SheetJS would allocate it at once)', async () => {
    const xlsx = Buffer.from(await packageOf([oneCell()]));
    expect(xlsx.readUInt32LE(0)).toBe(0x04034b50);
    xlsx.writeUInt32LE(0xfffffff0, 22); // the first local header's uncompressed size
    rejects(() => readSheet('lying.xlsx', xlsx), /解压后超过 50 MB/, /unpacks to more than 50 MB/);
  });

  it('rejects a sheet of more than 200,000 cells, .xlsx and .xls', async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 201; r++) {
      let row = `<row r="${r}">`;
      for (let c = 0; c < 1000; c++) row += `<c><v>${c}</v></c>`;
      rows.push(row + '</row>');
    }
    const xlsx = await packageOf([{ name: 'S', xml: `<sheetData>${rows.join('')}</sheetData>` }]);
    rejects(() => readSheet('huge.xlsx', xlsx), /单元格过多（201000 个，上限 200000）/, /too many cells \(201000, at most 200000\)/);

    // 800 MULBLANK records of 251 styled blank cells each (SheetJS's writer takes seconds for this).
    const xls = biff8([Array.from({ length: 800 }, (_, row) => mulBlank(row, 0, 251))]);
    rejects(() => readSheet('huge.xls', xls), /单元格过多（超过 200000 个）/, /too many cells \(more than 200000\)/);
  });

  it('reads a merged range over the whole sheet without walking it, and rejects too many merged cells', async () => {
    const wide = await packageOf([{ name: 'S', xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }]);
    const page = readSheet('wide.xlsx', wide).pages[0]!;
    expect(itemsOf(page)).toEqual([['标题', 0, 16384, 0, 1048576]]);
    const spread = await packageOf([
      { name: 'S', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' },
    ]);
    rejects(() => readSheet('spread.xlsx', spread), /合并单元格过多/, /too many merged cells/);
  });

  it('rejects corrupt, truncated, foreign and encrypted-looking files clearly', async () => {
    const xlsx = await budgetXlsx();
    const xls = readFileSync(SAMPLE_XLS);
    rejects(() => readSheet('t.xlsx', xlsx.subarray(0, xlsx.length >> 1)), /文件已损坏/, /the file is corrupt/);
    rejects(() => readSheet('t.xls', xls.subarray(0, xls.length >> 1)), /文件已损坏/, /the file is corrupt/);
    rejects(() => readSheet('e.xlsx', new Uint8Array(0)), /不是 \.xlsx 或 \.xls 工作簿/, /not an \.xlsx or \.xls workbook/);
    rejects(() => readSheet('r.xlsx', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), /不是 \.xlsx 或 \.xls 工作簿/, /not an \.xlsx or \.xls workbook/);
    rejects(() => readSheet('page.xls', Buffer.from('<html><body><table><tr><td>1</td></tr></table></body></html>')), /这是网页（HTML）/, /an HTML page/);
    rejects(
      () => readSheet('x2003.xls', Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>')),
      /Excel 2003 XML/,
      /an Excel 2003 XML spreadsheet/,
    );
    rejects(() => readSheet('old.xls', biff8([[]], [], 0x0500)), /Excel 95 或更早/, /an Excel 95 or older workbook/);
    rejects(() => readSheet('locked.xls', biff8([[]], [record(0x002f, Buffer.alloc(6))])), /文件已加密/, /the file is encrypted/);
    const docFile = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(docFile, 'WordDocument', Buffer.alloc(64));
    rejects(() => readSheet('word.xls', XLSX.CFB.write(docFile, { type: 'buffer' }) as Buffer), /不是 Excel 工作簿/, /not an Excel workbook/);
    const noWorkbook = new JSZip();
    noWorkbook.file('word/document.xml', '<w:document/>');
    const docx = await noWorkbook.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    rejects(() => readSheet('doc.xlsx', docx), /缺少工作簿/, /no workbook part/);
    // Bytes flipped through the whole file: every outcome is a document or a SheetReadError.
    for (const source of [xlsx, xls]) {
      for (let i = 0; i < 60; i++) {
        const bytes = Buffer.from(source);
        for (let j = 0; j < 8; j++) {
          const at = (i * 7907 + j * 104729) % bytes.length;
          bytes[at] = bytes[at]! ^ (1 << ((i + j) % 8));
        }
        try {
          const doc = readSheet('flipped', bytes);
          expect(Array.isArray(doc.pages)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(SheetReadError);
        }
      }
    }
  });

  it('pollutes no prototype: sheets, cells and comments keyed __proto__ (CVE-2023-30533)', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const xlsx = await packageOf(
      [
        {
          name: '__proto__',
          xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>polluted</t></is></c><c r="__proto__" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
          rels: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>',
        },
        oneCell('constructor'),
      ],
      {
        'xl/comments1.xml':
          '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>a</author></authors><commentList><comment ref="__proto__" authorId="0"><text><t>polluted</t></text></comment><comment ref="A1" authorId="0"><text><t>polluted</t></text></comment></commentList></comments>',
      },
    );
    const doc = readSheet('proto.xlsx', xlsx);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).t).toBeUndefined();
    expect(doc?.pages.map((p) => [p.name, itemsOf(p)])).toEqual([
      ['__proto__', [['polluted', 0, 1, 0, 1]]],
      ['constructor', [['1', 0, 1, 0, 1]]],
    ]);
  });
});

describe('readSheetIsolated: the same read in a worker thread, with a heap limit and a timeout', () => {
  it('gives what readSheet gives, and its errors', async () => {
    const bytes = readFileSync(SAMPLE_BORDERS_XLS);
    expect(await readSheetIsolated('sample-borders.xls', bytes)).toEqual(readSheet('sample-borders.xls', bytes));
    await expect(readSheetIsolated('page.xls', Buffer.from('<html></html>'))).rejects.toThrow(/这是网页（HTML）.* \/ the spreadsheet cannot be read: an HTML page/);
    await expect(readSheetIsolated('page.xls', Buffer.from('<html></html>'))).rejects.toBeInstanceOf(SheetReadError);
  });

  it('stops a read that takes too long', async () => {
    await expect(readSheetIsolated('slow.xls', readFileSync(SAMPLE_XLS), { timeoutMs: 1 })).rejects.toThrow(/读取超时（超过 0\.001 秒）（slow\.xls） \/ the spreadsheet cannot be read: reading took longer than 0\.001 s \(slow\.xls\)/);
  });
});
