/**
 * The language server on final accounts and budgets, in a real session over stdio (test/lsp/client.ts):
 * hover on a table cell (its place, the exact Σ of the rows under it, the same figure in the other
 * tables) and on a code (its name in the code dictionary), inlay hints with those Σ, completion of
 * codes and names inside a row string, go to definition to the same line in the other tables, and
 * the accounts findings' related cells as relatedInformation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Hover, InlayHint, Location, MarkupContent, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { lineOf, rangeOn } from './lsp/text.js';
import { TestClient } from './lsp/client.js';

const repo = process.cwd();
const FIXTURES = join(repo, 'fixtures');
const ZAOZHUANG = join(FIXTURES, 'zaozhuang-2023/final-accounts.yaml');
const PUTUO_ECO = join(FIXTURES, 'putuo-eco-2025/final-accounts.yaml');
const WELFARE = join(FIXTURES, 'putuo-welfarehome-2024/budget.yaml');
const ZZ = readFileSync(ZAOZHUANG, 'utf8');
const ECO = readFileSync(PUTUO_ECO, 'utf8');
const WF = readFileSync(WELFARE, 'utf8');
const DICTIONARY = JSON.parse(readFileSync(join(repo, 'packages/language-server/data/account-codes.json'), 'utf8')) as Record<string, Record<string, string | string[]>>;

// ---------------------------------------------------------------------------------------------
// Helpers (LF texts)

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}


const inside = (r: Range, chars = 1): Position => ({ line: r.start.line, character: r.start.character + chars });
const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');
const itemsOf = (items: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(items) ? items : items?.items ?? []);
const wholeDocument = (text: string): Range => ({ start: { line: 0, character: 0 }, end: positionAt(text, text.length) });
const textAt = (text: string, r: Range): string => text.split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

/** The amount cells of a row line (the parts after the code and name), as printed. */
const cellsOf = (text: string, line: number): string[] => text.split('\n')[line]!.replace(/^\s*-\s+/, '').split('|').map((c) => c.trim());

/** Where the tables start (0-based lines), checked against the fixture. */
const ZZ_SUMMARY_OUT = lineOf(ZZ, /^ {4}expenditure:$/, lineOf(ZZ, /^ {4}no: 公开01表$/));
const ZZ_01_TOTAL = lineOf(ZZ, /^ {8}- 本年支出合计 \| 58 \| 7,394\.53$/, ZZ_SUMMARY_OUT);
const ZZ_01_GENERAL = lineOf(ZZ, /^ {8}- 一、一般公共服务支出 \| 32 \| 5,013\.30$/, ZZ_SUMMARY_OUT);
const ZZ_02 = lineOf(ZZ, /^ {4}no: 公开02表$/);
const ZZ_02_RUN = lineOf(ZZ, /^ {6}- 2010101 \| 行政运行 \|/, ZZ_02);
const ZZ_03 = lineOf(ZZ, /^ {4}no: 公开03表$/);
const ZZ_03_TOTAL = lineOf(ZZ, /^ {6}- 合计 \| \| 7,394\.53 \|/, ZZ_03);
const ZZ_03_201 = lineOf(ZZ, /^ {6}- 201 \| 一般公共服务支出 \| 5,013\.30 \|/, ZZ_03);
const ZZ_03_RUN = lineOf(ZZ, /^ {6}- 2010101 \| 行政运行 \|/, ZZ_03);
const ZZ_05 = lineOf(ZZ, /^ {4}no: 公开05表$/);
const ZZ_05_RUN = lineOf(ZZ, /^ {6}- 2010101 \| 行政运行 \|/, ZZ_05);
const ZZ_06 = lineOf(ZZ, /^ {4}no: 公开06表$/);

/** 公开03's rows with `digits`-digit codes whose code starts with `prefix`, and their amounts in column `column` (2 = 本年支出合计). */
function rowsUnder(prefix: string, digits: number, column = 2): { line: number; amount: string }[] {
  const lines = ZZ.split('\n');
  const out: { line: number; amount: string }[] = [];
  for (let i = ZZ_03_TOTAL + 1; i < lines.length && /^ {6}- /.test(lines[i]!); i++) {
    const cells = cellsOf(ZZ, i);
    if (cells[0]!.length === digits && cells[0]!.startsWith(prefix)) out.push({ line: i, amount: cells[column]! });
  }
  return out;
}

/** The exact Σ of printed amounts, printed as the tables print them (two decimals, thousands grouped). */
function exactSum(amounts: string[]): string {
  const sum = amounts.reduce((s, a) => s.plus(new Decimal(a === '' ? '0' : a.replace(/,/g, ''))), new Decimal(0));
  const [whole, fraction] = sum.toFixed(2).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

// ---------------------------------------------------------------------------------------------

describe('final accounts and budgets in a session on fixtures/', () => {
  let client: TestClient;
  let zz: string;
  let eco: string;
  let wf: string;

  beforeAll(async () => {
    client = new TestClient({ root: FIXTURES });
    await client.initialize();
    zz = await client.open(ZAOZHUANG);
    eco = await client.open(PUTUO_ECO);
    wf = await client.open(WELFARE);
    await Promise.all([zz, eco, wf].map((uri) => client.waitForVersion(uri, 1)));
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('the code dictionary covers every code of the three fixtures, under their years', () => {
    for (const [text, year] of [[ZZ, '2023'], [ECO, '2025'], [WF, '2024']] as const) {
      const codes = DICTIONARY[year]!;
      const lines = text.split('\n');
      let missing = 0;
      let checked = 0;
      for (const line of lines) {
        // Joined codes (2010101 | 行政运行) and split ones (208 | 05 | 02 | 事业单位离退休, 301 | 01 | 基本工资).
        const joined = /^\s*- (\d{3,7}) \| ([^|]+?) \|/.exec(line);
        const split = /^\s*- ([23]\d{2}) \| (\d{0,2}) \|(?: (\d{0,2}) \|)?/.exec(line);
        const code = joined ? joined[1]! : split ? `${split[1]}${split[2] ? split[2].padStart(2, '0') : ''}${split[3] ? split[3].padStart(2, '0') : ''}` : null;
        if (!code) continue;
        checked++;
        if (!(code in codes)) missing++;
      }
      expect(checked, year).toBeGreaterThan(30);
      expect(missing, year).toBe(0);
    }
  });

  it('hover on a 类 cell: its table, row and column, the exact Σ of its 款, and the same figure in 公开01', async () => {
    const cell = rangeOn(ZZ, ZZ_03_201, '5,013.30');
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: zz }, position: inside(cell, 2) }));
    expect(text).toContain('**公开03表 支出决算表** · 201 一般公共服务支出 · 本年支出合计 **5,013.30** 万元');
    // 201 = 20101 + 20103, computed here from the fixture's text with decimal.js: 76.48 + 4,936.81 = 5,013.29, within rounding.
    const sections = rowsUnder('201', 5);
    expect(sections.map((s) => s.amount)).toEqual(['76.48', '4,936.81']);
    expect(exactSum(sections.map((s) => s.amount))).toBe('5,013.29');
    expect(text).toContain('Σ 其下各行 = **5,013.29** ≈（类 = Σ 其款，2 行非空白）');
    expect(text).toContain('Σ 本行各列 = **5,013.30** ✓');
    expect(text).toContain('- = 公开01表 收入支出决算总表 支出 一、一般公共服务支出 金额 **5,013.30** ✓（公开01表 一般公共服务支出 = 公开03表 201）');
    expect(text).toContain('同一科目在：公开02表（第');
    expect(text).toContain('公开05表（第');
  });

  it('hover on 公开01 本年支出合计: Σ of the lines above, exact, and 公开03 合计 tied to it', async () => {
    const cell = rangeOn(ZZ, ZZ_01_TOTAL, '7,394.53');
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: zz }, position: inside(cell) }));
    expect(text).toContain('**公开01表 收入支出决算总表**（支出） · 本年支出合计 · 金额 **7,394.53** 万元');
    // The 一、… lines of the expenditure side, from the text.
    const lines = ZZ.split('\n');
    const amounts: string[] = [];
    for (let i = ZZ_SUMMARY_OUT + 1; i < ZZ_01_TOTAL; i++) if (/^ {8}- [一二三四五六七八九十]+、/.test(lines[i]!)) amounts.push(cellsOf(ZZ, i)[2]!);
    expect(amounts.length).toBe(26);
    expect(exactSum(amounts)).toBe('7,394.54');
    expect(text).toContain('Σ 以上各行 = **7,394.54** ≈（本年支出合计 = Σ 以上各项，6 行非空白）');
    expect(text).toContain('- = 公开03表 支出决算表 合计 本年支出合计 **7,394.53** ✓（公开01表 本年支出合计 = 公开03表 合计）');
  });

  it('hover on a code: its name and year from the dictionary; a split 类 printed short says how it is read', async () => {
    const code = rangeOn(ZZ, ZZ_03_RUN, '2010101');
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: zz }, position: inside(code, 3) }));
    expect(text).toContain('**2010101** 行政运行 — 支出功能分类科目·项（2023 年）');
    expect(text).toContain('201 一般公共服务支出 › 20101 人大事务 › 2010101 行政运行');

    const wfRow = lineOf(WF, /^ {6}- 7 \| 11 \| 02 \| 事业单位医疗 \|/);
    const seven = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: wf }, position: inside(rangeOn(WF, wfRow, '7'), 0) }));
    expect(seven).toContain('**210** 卫生健康支出 — 支出功能分类科目·类（2024 年）');
    expect(seven).toContain('本行印作“7”，读作 210');
    const section = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: wf }, position: inside(rangeOn(WF, wfRow, '11'), 1) }));
    expect(section).toContain('**21011** 行政事业单位医疗');

    // One code printed with two names in one year's documents: both are kept, the more printed first.
    const ecoRow = lineOf(ECO, /^ {6}- 2080505 \| 机关事业单位基本养老保险 \|/);
    const two = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: eco }, position: inside(rangeOn(ECO, ecoRow, '2080505'), 2) }));
    expect(two).toContain('**2080505** 机关事业单位基本养老保险缴费支出 — 支出功能分类科目·项（2025 年）');
    expect(two).toContain('也印作：机关事业单位基本养老保险');
  });

  it('hover in English', async () => {
    client.settings = { locale: 'en' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jixiao: { locale: 'en' } } });
    try {
      const cell = rangeOn(ZZ, ZZ_03_TOTAL, '7,394.53');
      const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: zz }, position: inside(cell) }));
      expect(text).toContain('Σ of the rows under it = **7,394.54** ≈ (total = Σ classes; 6 non-blank rows)');
      expect(text).toContain('The corresponding figures elsewhere:');
    } finally {
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jixiao: { locale: 'zh' } } });
    }
  });

  it('inlay hints: Σ after each amount of a 类 / 款 / 合计 row, ✓ or ≈ as the rules judge it', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: zz }, range: wholeDocument(ZZ) });
    const at = (line: number, needle: string, occurrence = 0) => {
      const end = rangeOn(ZZ, line, needle, occurrence).end;
      return hints.filter((h) => h.position.line === end.line && h.position.character === end.character).map((h) => h.label);
    };
    expect(at(ZZ_03_201, '5,013.30')).toEqual(['Σ 5,013.29 ≈']);
    expect(at(ZZ_03_TOTAL, '7,394.53')).toEqual([`Σ ${exactSum(rowsUnder('', 3).map((r) => r.amount))} ≈`]);
    expect(at(ZZ_03_TOTAL, '7,394.53')).toEqual(['Σ 7,394.54 ≈']);
    const twoOhOneOhOneOhThree = lineOf(ZZ, /^ {6}- 20103 \|/, ZZ_03);
    expect(at(twoOhOneOhOneOhThree, '4,936.81')).toEqual([`Σ ${exactSum(rowsUnder('20103', 7).map((r) => r.amount))} ≈`]);
    // 公开02 合计 = Σ 类, exactly.
    const income = lineOf(ZZ, /^ {6}- 合计 \| \| 7,393\.10 \|/, ZZ_02);
    expect(at(income, '7,393.10')).toEqual(['Σ 7,393.10 ✓']);
    // A 项 row (no rows under it) gets none; nor does a blank cell over blank rows.
    expect(at(ZZ_03_RUN, '52.23')).toEqual([]);
    // 公开06 人员经费合计 = 301 + 303.
    const personnel = lineOf(ZZ, /^ {6}- 人员经费合计 \| \| 2,836\.08$/, ZZ_06);
    expect(at(personnel, '2,836.08')).toEqual(['Σ 2,836.07 ≈']);
    // A range: only the hints inside it.
    const some = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: zz }, range: { start: { line: ZZ_03_TOTAL, character: 0 }, end: { line: ZZ_03_TOTAL + 1, character: 0 } } });
    expect(some.map((h) => h.label)).toEqual(['Σ 7,394.54 ≈', 'Σ 3,054.13 ≈', 'Σ 4,340.41 ✓']);
  });

  it('completion in a row string: codes of the year with their names in a code cell, the code’s name first in a name cell', async () => {
    const complete = async (uri: string, position: Position) => itemsOf(await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position }));
    // Inside 公开03's 2010101, after “20101”.
    const code = rangeOn(ZZ, ZZ_03_RUN, '2010101');
    const items = await complete(zz, inside(code, 5));
    const run = items.find((i) => i.label === '2010101')!;
    expect(run).toBeDefined();
    expect(run.detail).toBe('行政运行');
    expect((run.textEdit as TextEdit).range).toEqual({ start: code.start, end: inside(code, 5) });
    expect((run.textEdit as TextEdit).newText).toBe('2010101');
    // Function codes only (no economic 301 …) outside the basic-expenditure table.
    expect(items.some((i) => i.label.startsWith('3'))).toBe(false);
    expect(items.some((i) => i.label === '2080505' && i.detail === '机关事业单位基本养老保险缴费支出')).toBe(true);

    // The name cell of that row: 行政运行 first.
    const name = rangeOn(ZZ, ZZ_03_RUN, '行政运行');
    const names = (await complete(zz, inside(name, 0))).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    expect(names[0]!.label).toBe('行政运行');
    expect(names[0]!.detail).toBe('2010101');

    // An amount cell: nothing (not the schema's keys either).
    expect(await complete(zz, inside(rangeOn(ZZ, ZZ_03_RUN, '52.23'), 1))).toEqual([]);

    // A new row typed at the end of 公开06 (economic codes): the code brings its name.
    const lastRow = lineOf(ZZ, /^ {6}- 公用经费合计 \|/, ZZ_06);
    const end = { line: lastRow, character: ZZ.split('\n')[lastRow]!.length };
    const version = await client.edit(zz, { start: end, end }, '\n      - 3011');
    await client.waitForVersion(zz, version);
    const economic = await complete(zz, { line: lastRow + 1, character: '      - 3011'.length });
    const medical = economic.find((i) => i.label === '30110')!;
    expect(medical.detail).toBe('职工基本医疗保险缴费');
    expect((medical.textEdit as TextEdit).newText).toBe('30110 | 职工基本医疗保险缴费');
    expect(economic.some((i) => i.label.startsWith('2'))).toBe(false);
    const restored = await client.edit(zz, { start: end, end: { line: lastRow + 1, character: '      - 3011'.length } }, '');
    await client.waitForVersion(zz, restored);

    // Split codes (类 | 款 | 项): the 项 under 208 05.
    const wfRow = lineOf(WF, /^ {6}- 208 \| 05 \| 02 \| 事业单位离退休 \|/);
    const item = await complete(wf, inside(rangeOn(WF, wfRow, '02'), 0));
    expect(item.map((i) => i.label)).toContain('02');
    expect(item.find((i) => i.label === '02')!.detail).toBe('2080502 事业单位离退休');
    expect(item.every((i) => (i.detail ?? '').startsWith('20805'))).toBe(true);
  });

  it('go to definition on a cell: the same line in the other tables, by identity and by code', async () => {
    // 公开01 本年支出合计 → 公开03 合计 本年支出合计.
    const total = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: zz }, position: inside(rangeOn(ZZ, ZZ_01_TOTAL, '7,394.53')) });
    expect(total).toEqual([{ uri: zz, range: rangeOn(ZZ, ZZ_03_TOTAL, '7,394.53') }]);
    // 公开03 201 本年支出合计 → 公开01 一、一般公共服务支出 (an identity), and the total columns of 201 in 公开02 (本年收入合计) and 公开05 (小计).
    const general = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: zz }, position: inside(rangeOn(ZZ, ZZ_03_201, '5,013.30')) });
    const ZZ_02_201 = lineOf(ZZ, /^ {6}- 201 \| 一般公共服务支出 \|/, ZZ_02);
    const ZZ_05_201 = lineOf(ZZ, /^ {6}- 201 \| 一般公共服务支出 \|/, ZZ_05);
    expect(general).toEqual([
      { uri: zz, range: rangeOn(ZZ, ZZ_01_GENERAL, '5,013.30') },
      { uri: zz, range: rangeOn(ZZ, ZZ_02_201, '5,011.86') },
      { uri: zz, range: rangeOn(ZZ, ZZ_05_201, '5,013.30') },
    ]);
    // 基本支出 → 公开05's 基本支出 (公开05 ≤ 公开03, and the same column of the same code); 公开02 has no such column: its row.
    const basic = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: zz }, position: inside(rangeOn(ZZ, ZZ_03_201, '2,285.30')) });
    expect(basic.map((l) => textAt(ZZ, l.range).split(' | ').slice(0, 3).join(' | '))).toEqual(['201 | 一般公共服务支出 | 5,011.86', '2,285.30']);
    expect(basic[1]!.range).toEqual(rangeOn(ZZ, ZZ_05_201, '2,285.30'));
    // On a code: the rows of the same code in 公开02, 公开05.
    const code = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: zz }, position: inside(rangeOn(ZZ, ZZ_03_RUN, '2010101'), 2) });
    expect(code.map((l) => l.range.start.line)).toEqual([ZZ_02_RUN, ZZ_05_RUN]);
    expect(textAt(ZZ, code[0]!.range)).toMatch(/^2010101 \| 行政运行 \| 52\.23/);
    // References include the cell itself when asked.
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: zz }, position: inside(rangeOn(ZZ, ZZ_01_TOTAL, '7,394.53')), context: { includeDeclaration: true } });
    expect(refs).toEqual([{ uri: zz, range: rangeOn(ZZ, ZZ_01_TOTAL, '7,394.53') }, { uri: zz, range: rangeOn(ZZ, ZZ_03_TOTAL, '7,394.53') }]);
  });

  it('a narrative cell reference: hover shows the cell it names (as printed and converted), definition goes to it', async () => {
    const refLine = lineOf(WF, /cell: general-public\/2101102\/合计 \}$/);
    const ref = rangeOn(WF, refLine, 'general-public/2101102/合计');
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: wf }, position: inside(ref, 5) }));
    expect(text).toContain('7 11 02 事业单位医疗 合计 **503,724** 元');
    expect(text).toContain('= 50.3724 万元');
    const table5 = lineOf(WF, /^ {4}no: '5'$/);
    const row = lineOf(WF, /^ {6}- 7 \| 11 \| 02 \| 事业单位医疗 \|/, table5);
    expect(text).toContain(`（第 ${row + 1} 行）`);
    const target = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: wf }, position: inside(ref, 5) });
    expect(target).toEqual([{ uri: wf, range: rangeOn(WF, row, '503,724') }]);
  });

  it('accounts findings carry their related cells as relatedInformation', async () => {
    const diagnostics = client.latest(zz)!;
    const sums = diagnostics.filter((d) => String(d.code).startsWith('accounts/'));
    expect(sums.length).toBeGreaterThan(5);
    const total = sums.find((d) => d.code === 'accounts/total-sum' && d.range.start.line === ZZ_03_TOTAL)!;
    expect(total).toBeDefined();
    expect(total.relatedInformation!.length).toBeGreaterThan(1);
    for (const r of total.relatedInformation!) {
      expect(r.location.uri).toBe(zz);
      // Each related place is a printed amount of the table.
      expect(textAt(ZZ, r.location.range)).toMatch(/^[\d,]+\.\d\d$/);
    }
    const cross = diagnostics.find((d) => d.code === 'accounts/cross-table');
    expect(cross?.relatedInformation?.length).toBeGreaterThan(0);
  });
});
