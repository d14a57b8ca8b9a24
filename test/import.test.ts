/**
 * `jixiao import` (issue 12) on real documents: the draft of a real budget's `pdftotext -layout` text
 * and of the seed final accounts' tabbed text reproduce every amount cell of the hand-verified
 * fixtures exactly, invent none, and check with exactly the inconsistencies the truth tables record;
 * and the command, through the built binary, writes, refuses and reports as documented.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compareCells, importDocument, readText, extractTables } from '@jixiao/import';
import { checkText, checkLoaded, defaultConfig, findRulesDir, loadPacks, applySettings } from '@jixiao/core';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
const WELFARE_TEXT = join(root, 'fixtures/import/putuo-welfarehome-2024-unit-budget.layout.txt');
const SEED_TEXT = join(root, 'fixtures/import/zaozhuang-2023-seed-004.txt');
const rules = loadPacks(findRulesDir());

function fixture(path: string) {
  return yaml.load(readFileSync(join(root, path), 'utf8')) as { public_tables?: never[] };
}

/** The draft's findings as `jixiao check` reports them: rule, line and message. */
function findingsOf(draft: string): string[] {
  const loaded = checkText('draft.yaml', draft);
  const outcome = checkLoaded(loaded, rules, defaultConfig(), new Set(rules.map((r) => r.id)));
  return applySettings(outcome.result.findings, outcome.result.suppressions, undefined, 'draft.yaml').map((f) => `${f.ruleId} ${f.range?.start.line}: ${f.message.zh}`);
}

describe('a real budget from its pdftotext -layout text (上海市普陀区社会福利院 2024年单位预算)', () => {
  it('reproduces all 185 amount cells of the hand-verified fixture exactly, and invents none', async () => {
    const result = await importDocument(WELFARE_TEXT, readFileSync(WELFARE_TEXT));
    expect(result.kind).toBe('budget');
    expect(result.tables.map((t) => t.role)).toEqual(['summary', 'income', 'expenditure', 'fiscal-summary', 'general-public', 'government-fund', 'state-capital', 'general-public-basic', 'three-public']);
    const c = compareCells(fixture('fixtures/putuo-welfarehome-2024/budget.yaml'), yaml.load(result.yaml) as never);
    expect({ cells: c.cells, exact: c.exact, misses: c.misses, invented: c.invented }).toEqual({ cells: 185, exact: 185, misses: [], invented: [] });
  });

  it('numbers the tables as the fixture does, from the 目录 where the pages print no number, and says so', async () => {
    const result = await importDocument(WELFARE_TEXT, readFileSync(WELFARE_TEXT));
    const draft = yaml.load(result.yaml) as { public_tables: { role: string; no?: string }[] };
    const want = fixture('fixtures/putuo-welfarehome-2024/budget.yaml') as unknown as typeof draft;
    expect(draft.public_tables.map((t) => [t.role, t.no])).toEqual(want.public_tables.map((t) => [t.role, t.no]));
    expect(draft.public_tables.map((t) => t.no)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(result.yaml).toContain("    no: '1'  # from the table of contents (目录); the page prints no number\n");
  });

  it('names the columns as the fixture does (groups as group/column, wrapped headings joined)', async () => {
    const result = await importDocument(WELFARE_TEXT, readFileSync(WELFARE_TEXT));
    const draft = yaml.load(result.yaml) as { public_tables: { role: string; columns?: string[]; expenditure?: { columns: string[] } }[] };
    const want = fixture('fixtures/putuo-welfarehome-2024/budget.yaml') as unknown as typeof draft;
    const columns = (d: typeof draft) => d.public_tables.map((t) => [t.role, t.columns ?? t.expenditure?.columns]);
    expect(columns(draft)).toEqual(columns(want));
  });

  it('checks with the truth table’s findings: the 类 210 name (twice, B98, B120), the code printed 7 11 02 (twice, B153, B154) and the narrative’s old name of 类 210 (C45)', async () => {
    const result = await importDocument(WELFARE_TEXT, readFileSync(WELFARE_TEXT));
    const found = findingsOf(result.yaml);
    expect(found.map((f) => f.split(' ')[0])).toEqual(['accounts/line-name', 'accounts/code-digits', 'accounts/line-name', 'accounts/code-digits', 'accounts/narrative-name']);
    expect(found[1]).toContain('“7 11 02 事业单位医疗”的编码印作“7 11 02”');
    expect(found[4]).toContain('说明中的“医疗卫生与计划生育支出（类）”在表2 2024年预算单位收入预算总表中名为“210 卫生健康支出”');
  });

  it('ties the narrative’s 收入预算 figure to the 收入总计 cell, and leaves the misstated 738.66万元 tied to nothing', async () => {
    const result = await importDocument(WELFARE_TEXT, readFileSync(WELFARE_TEXT));
    const total = result.statements.flatMap((s) => s.figures).find((f) => f.value === '1,212.12万元');
    expect(total?.cell).toBe('summary/income/收入总计/预算数');
    // Truth table C32: 社会福利事业单位（项）738.66万元, where table 5 holds 6,964,796 元: no cell holds it.
    const misstated = result.statements.flatMap((s) => s.figures).find((f) => f.value === '738.66万元');
    expect(misstated).toEqual({ value: '738.66万元', candidates: 0 });
    expect(result.yaml).toContain('# unplaced: 738.66万元');
  });
});

describe('the same budget from its PDF (pdfjs-dist text items and ruling lines)', () => {
  const PDF = join(root, 'fixtures/import/putuo-welfarehome-2024-unit-budget.pdf');
  it('reproduces all 185 amount cells exactly, invents none, and checks with the same five findings', async () => {
    const result = await importDocument(PDF, readFileSync(PDF));
    expect(result.source.format).toBe('pdf');
    expect(result.tables).toHaveLength(9);
    const c = compareCells(fixture('fixtures/putuo-welfarehome-2024/budget.yaml'), yaml.load(result.yaml) as never);
    expect({ cells: c.cells, exact: c.exact, misses: c.misses, invented: c.invented }).toEqual({ cells: 185, exact: 185, misses: [], invented: [] });
    expect(findingsOf(result.yaml).map((f) => f.split(' ')[0])).toEqual(['accounts/line-name', 'accounts/code-digits', 'accounts/line-name', 'accounts/code-digits', 'accounts/narrative-name']);
    // Each table says where it is on its page, in points.
    expect(result.yaml).toMatch(/# ── page 8 \(y \d+–\d+ pt\) ── 2 2024年预算单位收入预算总表/);
  });
});

describe('real inconsistencies a draft shows at once (万里街道 2024年部门预算, -layout text)', () => {
  const TEXT = join(root, 'fixtures/import/putuo-wanli-2024-budget.layout.txt');
  it('table 9 prints its 三公 figures above a note that says the table is empty: the note is drafted as its empty-table note, so the contradiction shows (truth A650)', async () => {
    const result = await importDocument(TEXT, readFileSync(TEXT));
    expect(result.yaml).toContain('    empty: 注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。');
    const errors = findingsOf(result.yaml).filter((f) => !/^accounts\/(narrative|unknown-cell)|^claims\//.test(f) && !/^accounts\/code-digits/.test(f));
    expect(errors.map((f) => f.replace(/^(\S+) \d+: /, '$1: '))).toEqual([
      'accounts/empty-table: 表9 部门“三公”经费和机关运行经费预算表注明本表无数据（“注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。”），表中却有数字 47.91',
    ]);
    // Tables 6 and 7 (no figures, “故本表为空表”) and table 9.
    expect(result.yaml.match(/^ {4}empty: /gm)).toHaveLength(3);
  });
});

describe('real inconsistencies a draft shows at once (上海市财政局 2025年单位预算, PDF)', () => {
  const PDF = join(root, 'fixtures/import/shanghai-finance-2025-unit-budget.pdf');
  it('表8 302 商品和服务支出 prints 24,840,779 where its 18 款 add up to 24,840,778 (verified by hand: text lines 270–294), tables 6 and 7 are printed empty with no note, and nothing else breaks', async () => {
    const result = await importDocument(PDF, readFileSync(PDF));
    const errors = findingsOf(result.yaml).filter((f) => !/^accounts\/(narrative|unknown-cell)|^claims\//.test(f));
    expect(errors.map((f) => f.replace(/^(\S+) \d+: /, '$1: '))).toEqual([
      // fixtures/shanghai-finance-2025/budget.truth.md A221, A223: pages 15 and 16 print headers and a blank 合计 row only.
      'accounts/empty-table-note: 表6 2025年预算单位政府性基金预算支出功能分类预算表没有任何数字，却没有空表说明（没有此类资金的单位应以一句说明代替数字，写明为何为空）',
      'accounts/empty-table-note: 表7 2025年预算单位国有资本经营预算支出功能分类预算表没有任何数字，却没有空表说明（没有此类资金的单位应以一句说明代替数字，写明为何为空）',
      'accounts/code-sum: 表8 2025年预算单位一般公共预算基本支出部门预算经济分类预算表“302 商品和服务支出” 合计 24,840,779 ≠ 24,840,778：类 = Σ 其款',
      'accounts/code-sum: 表8 2025年预算单位一般公共预算基本支出部门预算经济分类预算表“302 商品和服务支出” 公用经费 24,840,779 ≠ 24,840,778：类 = Σ 其款',
    ]);
  });
});

describe('the seed final accounts from tabbed text (枣庄市人民政府办公室 2023年度部门决算)', () => {
  it('reproduces all 279 amount cells of fixtures/zaozhuang-2023/final-accounts.yaml exactly, the halves of 公开06 and the two bands of the 三公 table included', async () => {
    const result = await importDocument(SEED_TEXT, readFileSync(SEED_TEXT));
    expect(result.kind).toBe('final-accounts');
    expect(result.tables).toHaveLength(9);
    const c = compareCells(fixture('fixtures/zaozhuang-2023/final-accounts.yaml'), yaml.load(result.yaml) as never);
    expect({ cells: c.cells, exact: c.exact, misses: c.misses, invented: c.invented }).toEqual({ cells: 279, exact: 279, misses: [], invented: [] });
  });

  it('says that the text also holds the three self-evaluation forms of its annex, which --kind self-evaluation drafts', async () => {
    const result = await importDocument(SEED_TEXT, readFileSync(SEED_TEXT));
    expect(result.forms).toBe(3);
    expect(result.yaml).toContain('# The source also holds 3 self-evaluation forms (绩效自评表), not in this draft: import it again with --kind self-evaluation to draft them.');
    const forms = await importDocument(SEED_TEXT, readFileSync(SEED_TEXT), { kind: 'self-evaluation' });
    expect(forms.kind).toBe('self-evaluation');
    expect(forms.yaml).toMatch(/^# Draft made by `jixiao import` from zaozhuang-2023-seed-004\.txt \(text, 1 page\): a self-evaluation form \(form 1 of 3 in the text\)\./);
    expect(forms.yaml.match(/^# ════ form \d of 3 in the text/gm)).toHaveLength(2);
  });

  it('skips the table of contents and the header printed again mid-table', () => {
    const doc = readText(SEED_TEXT, readFileSync(SEED_TEXT, 'utf8'));
    const { tables } = extractTables(doc);
    expect(tables.map((t) => t.title)).toEqual(['收入支出决算总表', '收入决算表', '支出决算表', '财政拨款收入支出决算总表', '一般公共预算财政拨款支出决算表', '一般公共预算财政拨款基本支出决算明细表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表', '财政拨款“三公”经费支出决算表']);
    const fiscal = tables[3]?.blocks[1];
    expect(fiscal?.rows.some((r) => /栏次|项目/.test(r.cells[0] ?? ''))).toBe(false);
  });
});

async function cli(args: string[], cwd: string) {
  return runProcess(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
}

describe('jixiao import through the built binary', () => {
  it('writes the draft beside the source, prints a summary and the findings, exit 0; refuses to overwrite without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
    writeFileSync(join(dir, 'budget.txt'), readFileSync(WELFARE_TEXT));
    const first = await cli(['import', 'budget.txt'], dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('草稿：budget.jixiao.yaml（部门预算，16 页，9 张表，97 行');
    expect(first.stdout).toContain('accounts/code-digits');
    expect(existsSync(join(dir, 'budget.jixiao.yaml'))).toBe(true);
    // The sidecar links every cell to its place: 表2's 208 row, 合计 11,281,624 on page 8, line 10, columns 37–46.
    const sources = JSON.parse(readFileSync(join(dir, 'budget.jixiao.sources.json'), 'utf8')) as { source: string; unit: string; rows: Record<string, unknown[]> };
    expect([sources.source, sources.unit]).toEqual(['budget.txt', 'char']);
    expect(sources.rows['public_tables[1].rows[0]']?.[4]).toEqual({ page: 8, x0: 36, y0: 9, x1: 46, y1: 10 });
    const again = await cli(['import', 'budget.txt', '--locale', 'en'], dir);
    expect([again.status, again.stderr.trim()]).toEqual([2, 'jixiao: budget.jixiao.yaml exists and was not overwritten (--force overwrites it)']);
    const forced = await cli(['import', 'budget.txt', '--force'], dir);
    expect(forced.status).toBe(0);
    // The draft is a jixiao/1 document `jixiao check` reads: the same five warnings.
    const check = await cli(['check', 'budget.jixiao.yaml', '--format', 'json'], dir);
    expect((JSON.parse(check.stdout) as { ruleId: string }[]).map((f) => f.ruleId)).toEqual(['accounts/line-name', 'accounts/code-digits', 'accounts/line-name', 'accounts/code-digits', 'accounts/narrative-name']);
  });

  it('-o - writes the draft to stdout and the summary to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
    writeFileSync(join(dir, 'seed.txt'), readFileSync(SEED_TEXT));
    const r = await cli(['import', 'seed.txt', '-o', '-'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('# Draft made by `jixiao import` from seed.txt (text, 1 pages).')).toBe(true);
    expect(yaml.load(r.stdout)).toMatchObject({ format: 'jixiao/1', kind: 'final-accounts', year: 2023 });
    expect(r.stderr).toContain('草稿：-（部门决算');
  });

  it('never writes through a link, and says why a file cannot be imported (exit 2, no stack trace)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
    writeFileSync(join(dir, 'budget.txt'), readFileSync(WELFARE_TEXT));
    writeFileSync(join(dir, 'victim.sh'), 'echo hi\n');
    symlinkSync(join(dir, 'victim.sh'), join(dir, 'draft.yaml'));
    const linked = await cli(['import', 'budget.txt', '-o', 'draft.yaml', '--force'], dir);
    expect(linked.status).toBe(2);
    expect(readFileSync(join(dir, 'victim.sh'), 'utf8')).toBe('echo hi\n');
    writeFileSync(join(dir, 'binary.dat'), Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x82]));
    const binary = await cli(['import', 'binary.dat', '--locale', 'en'], dir);
    expect([binary.status, binary.stderr.trim()]).toEqual([2, 'jixiao: not a file import can read: expected a PDF, an xlsx/xls spreadsheet or UTF-8 text (such as the output of pdftotext -layout)']);
    const missing = await cli(['import', 'nothing.pdf', '--locale', 'en'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read file: it does not exist');
    expect(`${binary.stderr}${missing.stderr}`).not.toMatch(/\n\s+at /);
  });
});
