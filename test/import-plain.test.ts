/**
 * `jixiao import` on plain text without layout (packages/import/src/sequence/, source/text.ts): a
 * pdfplumber-style final accounts (one row a line, cells separated by single spaces) is read by token
 * order and reproduces every amount cell of its hand-verified fixture, with no invented figure and
 * every identity of the draft holding; plain `pdftotext` output (one cell a line, in reading order)
 * is recognised as unreadable and leaves every figure unplaced rather than guessing.
 * The texts are copies of the development corpus's (../shared/real/), in fixtures/import/ so that a clone alone runs them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compareCells, importDocument, readText } from '@jixiao/import';
import { buildDocView, checkText, defaultConfig, documentSubjects, factLookup } from '@jixiao/core';

const root = process.cwd();
const ECO_TEXT = join(root, 'fixtures/import/putuo-eco-2025-final.plain.txt');
const WELFARE_PLAIN = join(root, 'fixtures/import/putuo-welfarehome-2024-unit-budget.plain.txt');
const WELFARE_LAYOUT = join(root, 'fixtures/import/putuo-welfarehome-2024-unit-budget.layout.txt');

type Table = { role: string; columns?: string[]; rows?: string[]; income?: { columns: string[]; rows: string[] }; expenditure?: { columns: string[]; rows: string[] } };

function fixture(path: string) {
  return yaml.load(readFileSync(join(root, path), 'utf8')) as { public_tables: Table[] };
}

async function importFile(file: string) {
  const result = await importDocument(file, readFileSync(file));
  return { result, draft: yaml.load(result.yaml) as { public_tables: Table[] } };
}

/** The draft's accounts identities, by check, and how many of each hold (equal, within rounding, or within bound). */
function identities(draft: string): Record<string, [number, number]> {
  const loaded = checkText('draft.yaml', draft);
  const doc = loaded.loaded?.document;
  if (!doc || !loaded.loaded) return {};
  const view = buildDocView('draft.yaml', doc, loaded.loaded.root, loaded.loaded.text);
  const out: Record<string, [number, number]> = {};
  for (const s of documentSubjects(view, [view], defaultConfig())) {
    if (s.kind !== 'accounts-identity') continue;
    const facts = factLookup(s);
    const check = String(facts('check'));
    const holds = check === 'bound' ? !facts('exceeds') : facts('agreement') === 'equal' || facts('agreement') === 'rounding';
    const entry = (out[check] ??= [0, 0]);
    entry[0]++;
    if (holds) entry[1]++;
  }
  return out;
}

const rowsOf = (draft: { public_tables: Table[] }, role: string) => draft.public_tables.find((t) => t.role === role)?.rows ?? [];

describe('a final accounts as pdfplumber-style plain text (上海市普陀区生态环境局 2025 年度部门决算)', () => {
  it('is read as a sequence text (one row a line, no column positions)', () => {
    const source = readText(ECO_TEXT, readFileSync(ECO_TEXT, 'utf8')) as ReturnType<typeof readText> & { dialect?: string };
    expect(source.dialect).toBe('sequence');
    expect(source.pages[0]?.unit).toBe('char');
  });

  it('reproduces all 747 amount cells of the hand-verified fixture exactly, and invents none', async () => {
    const { result, draft } = await importFile(ECO_TEXT);
    expect(result.kind).toBe('final-accounts');
    expect(result.tables.map((t) => t.role)).toEqual(['summary', 'income', 'expenditure', 'fiscal-summary', 'general-public', 'general-public-basic', 'three-public', 'government-fund', 'state-capital']);
    const c = compareCells(fixture('fixtures/putuo-eco-2025/final-accounts.yaml') as never, draft as never);
    expect({ cells: c.cells, exact: c.exact, misses: c.misses, invented: c.invented }).toEqual({ cells: 747, exact: 747, misses: [], invented: [] });
    // Every figure of the tables is placed; what is left unplaced is the narrative's (年初预算 and other figures no table holds).
    expect(result.tables.flatMap((t) => t.unplaced)).toEqual([]);
  });

  it('writes every table with the fixture’s columns and rows, names included', async () => {
    const { draft } = await importFile(ECO_TEXT);
    const want = fixture('fixtures/putuo-eco-2025/final-accounts.yaml');
    const shape = (d: { public_tables: Table[] }) => d.public_tables.map((t) => [t.role, t.columns, t.rows ?? [], t.income?.columns, t.income?.rows, t.expenditure?.columns, t.expenditure?.rows]);
    expect(shape(draft)).toEqual(shape(want));
  });

  it('places a line holding one side of a two-sided table by its figures’ count or its name (九、卫生健康支出 109.34 → 支出)', async () => {
    const { draft } = await importFile(ECO_TEXT);
    const summary = draft.public_tables.find((t) => t.role === 'summary');
    expect(summary?.expenditure?.rows).toContain('九、卫生健康支出 | 109.34');
    expect(summary?.income?.rows).toHaveLength(12);
    const fiscal = draft.public_tables.find((t) => t.role === 'fiscal-summary');
    // 一、一般公共预算财政拨款 0.00 after 年初财政拨款结转和结余: one figure, as the 收入 side has (支出 has four).
    expect(fiscal?.income?.rows?.slice(4)).toEqual(['年初财政拨款结转和结余 | 0.00', '一、一般公共预算财政拨款 | 0.00', '二、政府性基金预算财政拨款 | 0.00', '三、国有资本经营预算财政拨款 | 0.00', '总计 | 4,733.14']);
  });

  it('decodes the interleaved wrapped names of 五 from the names the same codes have in 二 and 三, and joins the pieces of wrapped names elsewhere', async () => {
    const { draft } = await importFile(ECO_TEXT);
    expect(rowsOf(draft, 'general-public').slice(4, 8).map((r) => r.split(' | ').slice(0, 2).join(' '))).toEqual(['2080505 机关事业单位基本养老保险缴费支出', '2080506 机关事业单位职业年金缴费支出', '2080599 其他行政事业单位养老支出', '20808 抚恤']);
    // 三: 支出 printed on a line of its own under 机关事业单位基本养老保险缴费; 二 prints the name short, kept as printed.
    expect(rowsOf(draft, 'expenditure')).toContain('2080505 | 机关事业单位基本养老保险缴费支出 | 229.67 | 229.67 | 0.00 | 0.00 | 0.00 | 0.00');
    expect(rowsOf(draft, 'income')).toContain('2080505 | 机关事业单位基本养老保险 | 229.67 | 229.67 | 0.00 | 0.00 | 0.00 | 0.00 | 0.00');
    // 六: pieces above and below a row that prints no name, and a line holding one piece of each half (费 因公出国（境）费).
    const basic = rowsOf(draft, 'general-public-basic');
    expect(basic).toContain('301 | 08 | 机关事业单位基本养老保险缴费 | 229.67');
    expect(basic).toContain('301 | 11 | 公务员医疗补助缴费 | 0.00');
    expect(basic).toContain('302 | 12 | 因公出国（境）费用 | 0.00');
    expect(basic.slice(-2)).toEqual(['人员经费合计 | | | 2,949.02', '公用经费合计 | | | 416.36']);
  });

  it('reads the 三公 line of twelve figures as a 预算数 row and a 决算数 row', async () => {
    const { draft } = await importFile(ECO_TEXT);
    expect(rowsOf(draft, 'three-public')).toEqual(['预算数 | 21.00 | 0.00 | 20.50 | 0.00 | 20.50 | 0.50', '决算数 | 16.95 | 0.00 | 16.95 | 0.00 | 16.95 | 0.00']);
  });

  it('holds every identity of its draft, as the fixture does (434 of 434)', async () => {
    const { result } = await importFile(ECO_TEXT);
    const want = { 'line-sum': [15, 15], sides: [2, 2], 'row-sum': [127, 127], 'code-sum': [180, 180], 'total-sum': [18, 18], balance: [3, 3], cross: [23, 23], bound: [66, 66] };
    expect(identities(result.yaml)).toEqual(want);
    expect(identities(readFileSync(join(root, 'fixtures/putuo-eco-2025/final-accounts.yaml'), 'utf8'))).toEqual(want);
  });

  it('says where each figure is: its line and character columns on its page', async () => {
    const { result } = await importFile(ECO_TEXT);
    const at = result.tables.findIndex((t) => t.role === 'summary');
    const expenditure = result.tables[at]?.blocks.find((b) => b.side === 'expenditure');
    const k = expenditure?.rows.findIndex((r) => r.cells[0] === '九、卫生健康支出') ?? -1;
    expect(result.sources.unit).toBe('char');
    // Page 7, line 14 (0-based 13): "九、卫生健康支出 109.34".
    expect(result.sources.rows[`public_tables[${at}].expenditure.rows[${k}]`]).toEqual([{ page: 7, x0: 0, y0: 13, x1: 8, y1: 14 }, { page: 7, x0: 9, y0: 13, x1: 15, y1: 14 }]);
  });
});

describe('plain text that holds figures out of their rows', () => {
  it('leaves a one-sided line whose side neither its figures nor its name tell unplaced, and a row short of figures unplaced', async () => {
    const lines = [
      '收入支出决算总表',
      '单位：万元',
      '项目 决算数 项目 决算数',
      ...Array.from({ length: 12 }, (_, i) => `收入${i + 1} ${i}.00 支出${i + 1} ${i}.50`),
      '其他事项 7.00',
      '收入决算表',
      '单位：万元',
      '科目编码 科目名称 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入',
      ...Array.from({ length: 12 }, (_, i) => `20805${i + 10} 科目${i} 1.00 1.00 0.00 0.00 0.00 0.00 0.00`),
      '2080599 短行 3.00 3.00',
    ];
    const text = lines.join('\n');
    const result = await importDocument('plain.txt', new TextEncoder().encode(text), { kind: 'final-accounts' });
    expect((result.source as { dialect?: string }).dialect).toBe('sequence');
    const [summary, income] = result.tables;
    expect(summary?.unplaced.map((p) => p.text)).toEqual(['其他事项', '7.00']);
    expect(summary?.blocks.map((b) => b.rows.length)).toEqual([12, 12]);
    expect(income?.unplaced.map((p) => p.text)).toEqual(['3.00', '3.00']);
    expect(income?.blocks[0]?.rows.at(-1)?.cells).toEqual(['2080599', '短行', '', '', '', '', '', '', '']);
  });
});

describe('a budget as plain pdftotext output (上海市普陀区社会福利院 2024年单位预算, text.plain.txt)', () => {
  it('is recognised as one cell a line in reading order, and places no figure rather than guess', async () => {
    const { result, draft } = await importFile(WELFARE_PLAIN);
    expect((result.source as { dialect?: string }).dialect).toBe('cells');
    expect(result.tables).toHaveLength(9);
    const c = compareCells(fixture('fixtures/putuo-welfarehome-2024/budget.yaml') as never, draft as never);
    expect({ cells: c.cells, exact: c.exact, invented: c.invented }).toEqual({ cells: 185, exact: 0, invented: [] });
    expect(result.tables.every((t) => t.blocks.every((b) => b.rows.length === 0))).toBe(true);
    // Every figure of the fixture printed with a thousands separator (no code looks like one) is listed as unplaced.
    const unplaced = new Set(result.tables.flatMap((t) => t.unplaced.map((p) => p.text)));
    const printed = c.misses.map((m) => /: (\S+) → /.exec(m)?.[1] ?? '').filter((v) => v.includes(','));
    expect(printed.length).toBeGreaterThan(100);
    expect(printed.filter((v) => !unplaced.has(v))).toEqual([]);
    expect(result.yaml).toContain('the tables cannot be read reliably; their figures are all unplaced');
  });

  it('leaves its -layout text read as layout, as before', () => {
    const source = readText(WELFARE_LAYOUT, readFileSync(WELFARE_LAYOUT, 'utf8')) as ReturnType<typeof readText> & { dialect?: string };
    expect(source.dialect).toBe('layout');
  });
});
