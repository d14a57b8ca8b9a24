/**
 * jixiao review: the review model (documents, projects, gaps in exact decimals, counts, rankings),
 * findings.csv / submissions.csv (BOM, columns, quoting), the xlsx workbook, the page's data and
 * safety, and the demo batch: every known fault found, nothing else, and the same findings as
 * `jixiao check`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles, Decimal, defaultConfig, LineIndex, loadPacks, findRulesDir, type CheckConfig } from '@jixiao/core';
import {
  BOM, collectReview, csvField, displayWidth, domainOf, scatterPoints, excerptOf, findingsCsv, FINDING_COLUMNS, gapLevel, gapOf, header, linkProjects, neutralise, renderHtml, reviewWorkbook,
  SCRIPT, sourceLine, STYLE, submissionsCsv, SUBMISSION_COLUMNS, toCsv, type Column, type FindingView, type ReviewModel,
} from '../packages/review/dist/index.js';
import { writeBatch } from '../demo/batch.mjs';
import { parseCsv } from './csv.js';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
const requireReview = createRequire(join(root, 'packages/review/package.json'));
const ExcelJS = requireReview('exceljs') as typeof import('exceljs');
/** The zip reader ExcelJS itself uses, to read the workbook's parts as written. */
const JSZip = createRequire(requireReview.resolve('exceljs'))('jszip') as { loadAsync(data: ArrayBuffer): Promise<{ file(name: string): { async(type: 'string'): Promise<string> } | null }> };
const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

async function review(args: string[]) {
  const r = await runProcess(process.execPath, [bin, 'review', ...args], { cwd: root });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixtureFiles = [
  'fixtures/zaozhuang-2023/evaluation-12345-department.yaml',
  'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml',
  'fixtures/zaozhuang-2023/self-evaluation-bigdata-operating.yaml',
  'fixtures/zaozhuang-2023/self-evaluation-office-operating.yaml',
  'fixtures/zaozhuang-2023/self-evaluation-research-operating.yaml',
  'fixtures/zaozhuang-2023/summary.yaml',
  'fixtures/zhengzhou-12319-2022/evaluation.yaml',
];

describe('the review of final accounts and budgets', () => {
  let model: ReviewModel;
  beforeAll(async () => {
    const rules = loadPacks(findRulesDir());
    const config = defaultConfig();
    const files = ['fixtures/zaozhuang-2023/final-accounts.yaml', 'fixtures/putuo-eco-2025/final-accounts.yaml', 'fixtures/putuo-welfarehome-2024/budget.yaml'];
    model = collectReview([{ config, rules, results: await checkFiles(files, { rules, config }) }], { title: 'accounts' });
  });
  it('shows each document with its unit, kind and year, and no evaluator', () => {
    expect(model.submissions.map((s) => [s.kind, s.unit, s.year, s.evaluator])).toEqual([
      ['final-accounts', '上海市普陀区生态环境局', 2025, null],
      ['budget', '上海市普陀区社会福利院', 2024, null],
      ['final-accounts', '枣庄市人民政府办公室', 2023, null],
    ]);
    expect(model.overview.byKind).toMatchObject({ 'final-accounts': 2, budget: 1 });
    expect(model.overview.submissions).toBe(0);
  });
  it('ranks the rules errors first, and the identities that fail most across the batch among the rest, with their findings per unit', () => {
    expect(model.rules.slice(0, 3).map((r) => [r.ruleId, r.severity, r.count, r.submissions])).toEqual([['accounts/narrative-amount', 'error', 2, 2], ['accounts/change-direction', 'error', 1, 1], ['accounts/change-rate', 'error', 1, 1]]);
    const identities = model.rules.filter((r) => r.severity === 'info').slice(0, 3).map((r) => [r.ruleId, r.count, r.submissions]);
    expect(identities).toEqual([['accounts/code-sum', 10, 2], ['accounts/row-sum', 7, 1], ['accounts/total-sum', 7, 2]]);
    expect(model.units.map((u) => [u.unit, u.errors, u.warnings])).toEqual(expect.arrayContaining([['上海市普陀区社会福利院', 1, 5], ['上海市普陀区生态环境局', 2, 0], ['枣庄市人民政府办公室', 0, 1]]));
  });
});

describe('the review model of the fixtures', () => {
  let model: ReviewModel;
  beforeAll(async () => {
    const rules = loadPacks(findRulesDir());
    const config = defaultConfig();
    const results = await checkFiles(fixtureFiles, { rules, config });
    model = collectReview([{ config, rules, results }], { title: 'fixtures' });
  });

  it('counts documents, self submissions, projects and findings as jixiao check does', () => {
    const o = model.overview;
    expect(o.documents).toBe(7);
    expect(o.byKind).toEqual({ 'self-evaluation': 3, evaluation: 3, summary: 1, 'final-accounts': 0, budget: 0, unreadable: 0 });
    expect(o.submissions).toBe(4); // three forms and the summary (evaluator self)
    expect(o.projects).toBe(5);
    expect(o.compared).toBe(1);
    expect(o.findings).toEqual({ error: 13, warning: 3, info: 2 }); // the README's check output
    expect(o.byPack.map((p) => p.pack)).toEqual(['weights', 'grades', 'gaps', 'claims']);
    expect(o.withErrors).toBe(4);
  });

  it('compares the 12345 project’s self-score (the summary line) with the finance evaluation, in exact decimals', () => {
    const p = model.projects.find((x) => x.key === 'zaozhuang-2023-12345-hotline');
    expect(p?.selfScore?.value.toString()).toBe('100');
    expect(p?.externalEvaluator).toBe('finance'); // finance before department
    expect(p?.externalScore?.value.toString()).toBe('92.85');
    expect(p?.gap?.value.toString()).toBe('7.15');
    expect(p?.gapLevel).toBe('warn');
    expect(model.overview.overWarn).toBe(1);
    expect(model.overview.overError).toBe(0);
    const dept = model.submissions.find((s) => s.file.endsWith('evaluation-12345-department.yaml'));
    expect(dept?.externalScore?.value.toString()).toBe('92.85');
    expect(dept?.score?.value.toString()).toBe('100');
    expect(dept?.statedGrade).toBe('优');
    expect(dept?.computedGrade).toBe('优');
  });

  it('keeps each finding’s place and the YAML lines around it, the figure marked', () => {
    const s = model.submissions.find((x) => x.file.endsWith('evaluation-12345-finance.yaml'));
    const f = s?.findings.find((x) => x.ruleId === 'grades/scoring-rule');
    expect(f?.line).toBe(177);
    expect(f?.column).toBe(49);
    const e = f?.excerpt;
    expect(e?.firstLine).toBe(175);
    expect(e?.lines).toHaveLength(5);
    const line = e?.lines[(e?.mark.startLine ?? 0) - (e?.firstLine ?? 0)] ?? '';
    expect(line.slice(e?.mark.startColumn, e?.mark.endColumn)).toBe('9.85');
  });

  it('links a related place to its document of the batch, with the lines around it marked', () => {
    const summary = model.submissions.find((x) => x.file.endsWith('zaozhuang-2023/summary.yaml'));
    const place = summary?.findings.find((x) => x.ruleId === 'gaps/score-gap')?.related[0];
    const finance = model.submissions.find((x) => x.file.endsWith('evaluation-12345-finance.yaml'));
    expect(place?.file).toBe(finance?.file);
    expect(place?.submission).toBe(finance?.id);
    const e = place?.excerpt;
    expect(e?.mark.startLine).toBe(place?.line);
    const line = e?.lines[(e?.mark.startLine ?? 0) - (e?.firstLine ?? 0)] ?? '';
    expect(line.slice(e?.mark.startColumn, e?.mark.endColumn)).toBe('92.85');
  });

  it('ranks rules errors first (then warnings, then info), each by findings, and units by errors', () => {
    expect(model.rules[0]).toMatchObject({ ruleId: 'weights/same-parent', count: 4, submissions: 1, severity: 'error' });
    const order = model.rules.map((r) => [SEVERITY_ORDER[r.severity]!, -r.count]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(new Set(model.rules.map((r) => r.severity))).toEqual(new Set(['error', 'warning', 'info']));
    expect(model.rules[0]?.what.zh).toContain('上级指标');
    expect(model.rules[0]?.what.en).toContain('its parent must be the same');
    expect(model.units[0]?.errors).toBeGreaterThanOrEqual(model.units[1]?.errors ?? 0);
    expect(model.units.reduce((a, u) => a + u.errors, 0)).toBe(13);
  });

  it('grades each project’s self and external score by the configured bands', () => {
    expect(model.overview.grades).toEqual([
      { grade: '优', self: 4, external: 2 },
      { grade: '良', self: 0, external: 0 },
      { grade: '中', self: 0, external: 0 },
      { grade: '差', self: 0, external: 0 },
    ]);
  });
});

describe('gaps and project links', () => {
  const config: CheckConfig = defaultConfig();
  const s = (v: string) => ({ value: new Decimal(v), decimals: v.includes('.') ? v.split('.')[1]!.length : 0 });

  it('computes self − external exactly and levels it by gaps.warn / gaps.error (at least, as the rules do)', () => {
    expect(gapOf(s('99.95'), s('89.9')).value.toString()).toBe('10.05');
    expect(gapOf(s('99.95'), s('89.9')).decimals).toBe(2);
    expect(gapLevel(gapOf(s('95'), s('90')), config)).toBe('warn');
    expect(gapLevel(gapOf(s('94.99'), s('90')), config)).toBe('none');
    expect(gapLevel(gapOf(s('100'), s('90')), config)).toBe('error');
    expect(gapLevel(gapOf(s('80'), s('90')), config)).toBe('none');
    expect(gapLevel(null, config)).toBe('none');
  });

  it('prefers the form’s own score to a summary line, and the most independent evaluator', () => {
    const facts = (kind: 'self-evaluation' | 'evaluation' | 'summary', evaluator: 'self' | 'department' | 'finance' | 'third-party', score: string | null, entries: { projectKey: string; score: string }[] = []) => ({
      kind, evaluator, evaluatorName: null, unit: 'u', authority: null, projectKey: kind === 'summary' ? null : 'p', projectName: 'P', year: 2024,
      score: score ? s(score) : null, statedGrade: null, computedGrade: null,
      entries: entries.map((e) => ({ projectKey: e.projectKey, name: 'P', evaluator: 'self' as const, score: s(e.score), grade: null })), entryCount: entries.length,
    });
    const [p] = linkProjects([
      { id: 0, config, facts: facts('summary', 'self', null, [{ projectKey: 'p', score: '98' }]) },
      { id: 1, config, facts: facts('evaluation', 'department', '90') },
      { id: 2, config, facts: facts('self-evaluation', 'self', '96.5') },
      { id: 3, config, facts: facts('evaluation', 'third-party', '88') },
    ]);
    expect(p?.selfSubmission).toBe(2);
    expect(p?.externalSubmission).toBe(3);
    expect(p?.gap?.value.toString()).toBe('8.5');
    expect(p?.gapLevel).toBe('warn');
    expect(p?.submissions).toEqual([0, 1, 2, 3]);
  });
});

describe('the scatter plot', () => {
  const config = defaultConfig();
  const project = (i: number, self: string, external: string) => {
    const sc = { value: new Decimal(self), decimals: 2 };
    const ec = { value: new Decimal(external), decimals: 1 };
    const gap = gapOf(sc, ec);
    return { key: `p${i}`, name: `项目${i}`, unit: 'u', year: 2024, selfScore: sc, selfSubmission: i, externalScore: ec, externalEvaluator: 'finance' as const, externalSubmission: i, gap, gapLevel: gapLevel(gap, config), selfGrade: null, externalGrade: null, submissions: [i] };
  };

  it('keeps one point legible: at least 20 points of range, 100 at the top', () => {
    const points = scatterPoints([project(0, '96.5', '93.2')]);
    const { lo, hi, step } = domainOf(points);
    expect([lo.toString(), hi.toString(), step.toString()]).toEqual(['80', '100', '5']);
  });

  it('merges projects with the same pair of scores and draws the worst level last (on top)', () => {
    const list = [project(0, '100', '85'), project(1, '100', '85'), project(2, '90', '91'), project(3, '98', '91')];
    const points = scatterPoints(list);
    expect(points.map((p) => [p.level, p.projects.length])).toEqual([['none', 1], ['warn', 1], ['error', 2]]);
    const many = Array.from({ length: 2000 }, (_, i) => project(i, String(70 + (i % 300) / 10), String(60 + (i % 400) / 10)));
    const { lo, step } = domainOf(scatterPoints(many));
    expect([lo.toString(), step.toString()]).toEqual(['55', '10']);
  });
});

describe('excerpts', () => {
  it('cut a very long line around the figure and keep the mark on it', () => {
    const long = `text: ${'很长的叙述，'.repeat(100)}得分 9.85 分${'后文'.repeat(100)}`;
    const text = `a: 1\nb: 2\n${long}\nc: 3\n`;
    const start = long.indexOf('9.85');
    const e = excerptOf(new LineIndex(text), { start: { line: 3, column: start + 1 }, end: { line: 3, column: start + 5 } });
    expect(e.firstLine).toBe(1);
    expect(e.lines).toHaveLength(5);
    const line = e.lines[2] ?? '';
    expect(line.length).toBeLessThanOrEqual(162);
    expect(line.startsWith('…') && line.endsWith('…')).toBe(true);
    expect(line.slice(e.mark.startColumn, e.mark.endColumn)).toBe('9.85');
  });
});

describe('CSV and xlsx', () => {
  let model: ReviewModel;
  beforeAll(async () => {
    const rules = loadPacks(findRulesDir());
    const config = defaultConfig();
    model = collectReview([{ config, rules, results: await checkFiles(fixtureFiles, { rules, config }) }]);
  });

  it('findings.csv: BOM, CRLF, a header in the chosen language, one row per finding', () => {
    const text = findingsCsv(model, 'zh');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(FINDING_COLUMNS.map((c) => c.zh));
    expect(rows[0]?.slice(0, 3)).toEqual(['文件', '单位', '项目编号']);
    expect(rows).toHaveLength(1 + 18);
    const en = parseCsv(findingsCsv(model, 'en').slice(1));
    expect(en[0]).toEqual(['file', 'unit', 'project_id', 'project', 'year', 'evaluator', 'rule', 'pack', 'severity', 'line', 'column', 'path', 'message', 'source']);
    const gap = en.find((r) => r[6] === 'gaps/score-gap' && r[0]?.endsWith('summary.yaml'));
    expect(gap?.[8]).toBe('warning');
    expect(gap?.[12]).toContain('self-evaluation score 100 is 7.15 points above the finance evaluation score 92.85');
    const zh = parseCsv(text.slice(1)).find((r) => r[6] === 'grades/scoring-rule');
    expect(zh?.[8]).toBe('错误');
    expect(zh?.[13]).toContain('9.85');
  });

  it('submissions.csv: one row per document, scores with their decimals and the gap signed', () => {
    const rows = parseCsv(submissionsCsv(model, 'en').slice(1));
    expect(rows[0]).toEqual(SUBMISSION_COLUMNS.map((c) => c.key));
    expect(rows).toHaveLength(1 + 7);
    const col = (name: string) => rows[0]!.indexOf(name);
    const dept = rows.find((r) => r[0]?.endsWith('evaluation-12345-department.yaml'))!;
    expect([dept[col('score')], dept[col('self_score')], dept[col('external_score')], dept[col('external_evaluator')], dept[col('gap')], dept[col('gap_level')]]).toEqual(['100', '100', '92.85', 'finance', '+7.15', 'over the warning threshold']);
    const summary = rows.find((r) => r[0]?.endsWith('summary.yaml'))!;
    expect([summary[col('kind')], summary[col('entries')], summary[col('errors')], summary[col('warnings')]]).toEqual(['summary table', '18', '3', '1']);
  });

  it('quotes what needs quoting and keeps Excel from running a cell as a formula', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    const s = model.submissions[0]!;
    const evil = { ...model, submissions: [{ ...s, unit: '=HYPERLINK("http://x")', findings: [] }] };
    const row = parseCsv(submissionsCsv(evil, 'zh').slice(1))[1]!;
    expect(row[2]).toBe('\'=HYPERLINK("http://x")');
  });

  it('neutralises every cell a spreadsheet would run as a formula, and leaves every other cell as its text', () => {
    const formulas = ['=HYPERLINK("http://x","y")', '=1+1', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '@SUM(A1:A2)', '\t=1+1', '\r=1+1', ' =1+1', '\u3000=1', '-', "- 1+cmd|'x'!A0", '+3 items', '-abc'];
    for (const f of formulas) expect(neutralise(f), JSON.stringify(f)).toBe(`'${f}`);
    const texts = ['name: 成本指标', '{ name: 按时完成, score: 5 }', '产出指标', 'a=b', 'x-y', '自评 100，高出 7.15 分', '', '…cut', '“引号”', '#1', "'quoted"];
    for (const t of texts) expect(neutralise(t), JSON.stringify(t)).toBe(t);
    // A plain number is its value to a spreadsheet too: no apostrophe.
    for (const n of ['-5.2', '+3', '+3%', '-0.5%', '85%', '92.85', '-.5']) expect(neutralise(n), n).toBe(n);

    // Through the CSV writer: the guard survives quoting, and only text columns are guarded.
    const columns: Column<{ v: string }>[] = [{ key: 'text', zh: '文字', type: 'text', maxWidth: 40, value: (r) => r.v }];
    const cells = parseCsv(toCsv(columns, [...formulas, ...texts].map((v) => ({ v })), 'zh').slice(1)).slice(1).map((r) => r[0]);
    expect(cells).toEqual([...formulas.map((f) => `'${f}`), ...texts]);
    const gap: Column<{ v: string }>[] = [{ key: 'gap', zh: '分差', type: 'score', maxWidth: 8, value: () => ({ value: new Decimal('-2.5'), decimals: 1 }) }];
    expect(toCsv(gap, [{ v: '' }], 'zh')).toBe(`${BOM}分差\r\n-2.5\r\n`);
  });

  it('shows a figure’s source line as written, without YAML’s indentation and list dash', () => {
    const view = (line: string, startColumn: number): FindingView => ({
      ruleId: 'x/y', pack: 'x', severity: 'error', message: { zh: '', en: '' }, line: 3, column: startColumn + 1, path: null, related: [],
      excerpt: { firstLine: 1, lines: ['a:', 'b:', line, 'c:'], mark: { startLine: 3, startColumn, endLine: 3, endColumn: startColumn + 1 } },
    });
    expect(sourceLine(view('    - name: 成本指标', 12))).toBe('name: 成本指标');
    expect(sourceLine(view('  - { name: 满意度, score: 9 }', 20))).toBe('{ name: 满意度, score: 9 }');
    expect(sourceLine(view('  - - 9.5', 6))).toBe('9.5');
    expect(sourceLine(view('  - -3.5', 4))).toBe('-3.5');
    expect(sourceLine(view('  score: 9.85', 9))).toBe('score: 9.85');
    // What is left is still guarded in the CSV.
    expect(sourceLine(view('  - =HYPERLINK("http://x")', 4))).toBe('=HYPERLINK("http://x")');
  });

  it('review.xlsx: the same two sheets, a bold frozen header with filters, scores as numbers with their decimals', async () => {
    const buffer = await reviewWorkbook(model, 'zh').xlsx.writeBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['问题', '提交']);
    const findings = wb.getWorksheet('问题')!;
    const submissions = wb.getWorksheet('提交')!;
    expect(findings.rowCount).toBe(1 + 18);
    expect(submissions.rowCount).toBe(1 + 7);
    expect((findings.getRow(1).values as unknown[]).slice(1)).toEqual(FINDING_COLUMNS.map((c) => c.zh));
    expect(findings.getRow(1).font?.bold).toBe(true);
    expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(submissions.autoFilter).toBeTruthy();
    const header = (submissions.getRow(1).values as unknown[]).slice(1);
    const finance = submissions.getRows(2, 7)!.find((r) => String(r.getCell(1).value).endsWith('evaluation-12345-finance.yaml'))!;
    const cell = (name: string) => finance.getCell(header.indexOf(name) + 1);
    expect(cell('得分').value).toBe(92.85);
    expect(cell('得分').numFmt).toBe('0.00');
    expect(cell('分差').value).toBe(7.15);
    expect(cell('分差').numFmt).toBe('+0.00;-0.00;0.00');
    expect(cell('错误').value).toBe(2);
  });

  it('review.xlsx: columns fit their headers (a CJK character counts double) and their cells, up to a maximum', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reviewWorkbook(model, 'zh').xlsx.writeBuffer()) as ArrayBuffer);
    expect(displayWidth('外部评价得分')).toBe(12);
    expect(displayWidth('gap 7.15（财政）')).toBe(16);
    expect(displayWidth('two\nlines')).toBe(5);
    const check = <T>(sheet: string, columns: readonly Column<T>[]) => {
      const ws = wb.getWorksheet(sheet)!;
      columns.forEach((c, i) => {
        const column = ws.getColumn(i + 1);
        const width = column.width ?? 0;
        const head = displayWidth(header(c, 'zh'));
        // The header and its filter button always fit …
        expect(width, c.key).toBeGreaterThanOrEqual(head + 3);
        // … and so does the longest cell, up to the column's maximum.
        const longest = Math.max(0, ...Array.from(column.values as unknown[]).slice(2).map((v) => displayWidth(v === null || v === undefined ? '' : String(v))));
        expect(width, c.key).toBeGreaterThanOrEqual(Math.min(longest, c.maxWidth));
        expect(width, c.key).toBeLessThanOrEqual(Math.max(c.maxWidth, head + 5));
      });
    };
    check('问题', FINDING_COLUMNS);
    check('提交', SUBMISSION_COLUMNS);
    const submissions = wb.getWorksheet('提交')!;
    expect(submissions.getColumn(SUBMISSION_COLUMNS.findIndex((c) => c.key === 'external_score') + 1).width).toBe(12 + 3 + 2);
    // A long message wraps at the column's width (rows grow as tall as they need).
    const findings = wb.getWorksheet('问题')!;
    const message = findings.getColumn(FINDING_COLUMNS.findIndex((c) => c.key === 'message') + 1);
    expect(message.width).toBe(60);
    expect(findings.getRow(2).getCell(message.number).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
  });

  it('review.xlsx: prints landscape on A4, fit to the page’s width, the header row on every page', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reviewWorkbook(model, 'zh').xlsx.writeBuffer()) as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(2);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(ws.headerFooter.oddFooter).toContain('&P');
    }
  });

  it('review.xlsx: filters over the whole table, with the hidden _xlnm._FilterDatabase name LibreOffice needs for its buttons', async () => {
    for (const locale of ['zh', 'en'] as const) {
      const buffer = (await reviewWorkbook(model, locale).xlsx.writeBuffer()) as ArrayBuffer;
      const zip = await JSZip.loadAsync(buffer);
      const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
      const names = [...workbook.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)].map(([, attrs = '', text = '']) => ({ attrs, text }));
      const filters = names.filter((n) => n.attrs.includes('name="_xlnm._FilterDatabase"'));
      const [findingsSheet, submissionsSheet] = locale === 'zh' ? ['问题', '提交'] : ['findings', 'submissions'];
      expect(filters.map((n) => [/localSheetId="(\d+)"/.exec(n.attrs)?.[1], /hidden="1"/.test(n.attrs), n.text])).toEqual([
        ['0', true, `'${findingsSheet}'!$A$1:$N$19`],
        ['1', true, `'${submissionsSheet}'!$A$1:$U$8`],
      ]);
      // The print titles ExcelJS writes stay, after the filters (Excel keeps its built-in names in order).
      expect(names.filter((n) => n.attrs.includes('name="_xlnm.Print_Titles"'))).toHaveLength(2);
      expect(workbook.indexOf('_xlnm._FilterDatabase')).toBeLessThan(workbook.indexOf('_xlnm.Print_Titles'));
      // The sheets' own filters cover the same ranges (the header and every row).
      expect(await zip.file('xl/worksheets/sheet1.xml')?.async('string')).toContain('<autoFilter ref="A1:N19"/>');
      expect(await zip.file('xl/worksheets/sheet2.xml')?.async('string')).toContain('<autoFilter ref="A1:U8"/>');
      // And it still reads back.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer);
      expect(wb.worksheets[0]?.autoFilter).toBe('A1:N19');
    }
  });
});

describe('the page', () => {
  let model: ReviewModel;
  beforeAll(async () => {
    const rules = loadPacks(findRulesDir());
    const config = defaultConfig();
    model = collectReview([{ config, rules, results: await checkFiles(fixtureFiles, { rules, config }) }], { title: 'fixtures </script><b>' });
  });

  it('loads nothing from elsewhere: one inline style and script allowed by hash, no URL to fetch', () => {
    const html = renderHtml(model, 'zh');
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).toContain(`<script>${SCRIPT}</script>`);
    expect(html).toContain(`<style>${STYLE}</style>`);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/@import|url\((?!#)|@font-face/); // url(#…) is the scatter's clip path inside the page
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('embeds its data as JSON no text can break out of', () => {
    const html = renderHtml(model, 'zh');
    expect(html).toContain('<code>fixtures &lt;/script&gt;&lt;b&gt;</code>');
    const json = /<script type="application\/json" id="review-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    const data = JSON.parse(json) as { rows: unknown[]; findings: unknown[][]; locale: string };
    expect(data.rows).toHaveLength(7);
    expect(data.findings.flat()).toHaveLength(18);
    expect(data.locale).toBe('zh');
  });

  it('labels the rules ranking’s columns and lists errors first; links a related place to its document', () => {
    const html = renderHtml(model, 'zh');
    const rules = /<section id="rules"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect([...rules.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['排名', '规则', '说明', '级别', '问题数', '文件数']);
    expect([...rules.matchAll(/data-severity="(\w+)"/g)].map((m) => m[1])).toEqual(model.rules.map((r) => r.severity));
    // Each cell carries its column's name (a phone shows the rows as cards).
    expect(rules).toContain('<td class="severity" data-label="级别"><span class="sev sev-error">错误</span></td>');
    const en = /<section id="rules"[\s\S]*?<\/section>/.exec(renderHtml(model, 'en'))?.[0] ?? '';
    expect([...en.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['rank', 'rule', 'summary', 'severity', 'findings', 'documents']);

    const json = /<script type="application\/json" id="review-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const data = JSON.parse(json) as { rows: { id: number; file: string }[]; findings: [string, string, string, number, number, string | null, unknown, [string, number, number, string, number, [number, string[], number[]] | null][]][][] };
    const related = data.findings.flat().flatMap((f) => f[7]);
    expect(related.length).toBeGreaterThan(0);
    for (const [file, line, , , target, excerpt] of related) {
      expect(data.rows[target]?.file).toBe(file);
      expect(excerpt?.[2][0]).toBe(line);
    }
  });

  it('shows the counts and the scatter plot, in Chinese or in English', () => {
    const zh = renderHtml(model, 'zh');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('data-stat="errors"><b data-value>13</b><span>错误</span>');
    expect(zh).toMatch(/<svg class="scatter"[^>]*data-points="1"/);
    expect(zh).toContain('<a href="#pt/0" class="pt lvl-warn"');
    const en = renderHtml(model, 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Self-evaluation quality review');
    expect(en).toContain('data-stat="warnings"><b data-value>3</b><span>warnings</span>');
    // The page's own words are English (the documents' text stays as it is).
    const chrome = en.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    for (const word of ['概览', '提交列表', '规则排行', '单位排行', '自评得分', '外部评价得分', '搜索']) expect(chrome.includes(word), word).toBe(false);
    // So are the rules' explanations.
    const dataOf = (html: string) => JSON.parse(/<script type="application\/json" id="review-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { rules: Record<string, { summary: string; what: string; why: string }> };
    const enRule = dataOf(en).rules['weights/same-parent'];
    expect(enRule?.what).toContain('its parent must be the same');
    expect(enRule?.why).toContain('indicator system table');
    expect(dataOf(zh).rules['weights/same-parent']?.what).toContain('上级指标');
  });
});

describe('the demo batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-demo-'));
  const batch = join(dir, 'batch');
  const out = join(dir, 'review');
  let manifest: { counts: Record<string, number>; expected: { file: string; ruleId: string; path: string | null; severity: string }[] };
  let run: Awaited<ReturnType<typeof review>>;
  beforeAll(async () => {
    manifest = writeBatch(batch);
    run = await review([batch, '--out', out, '--xlsx']);
  });

  it('is a few hundred forms with summaries and external evaluations of some projects', () => {
    expect(manifest.counts.forms).toBe(300);
    expect(manifest.counts.summaries).toBeGreaterThanOrEqual(8);
    expect(manifest.counts.department + manifest.counts.finance + manifest.counts.thirdParty).toBeGreaterThanOrEqual(30);
    expect(manifest.counts.finance).toBeGreaterThan(0);
    expect(manifest.counts.thirdParty).toBeGreaterThan(0);
    expect(manifest.expected.length).toBeGreaterThan(100);
  });

  it('is the same for the same seed', () => {
    const again = writeBatch(join(dir, 'again'));
    expect(again).toEqual(manifest);
    expect(readFileSync(join(dir, 'again', 'd01-00/u01001/self-evaluation-01.yaml'), 'utf8')).toBe(readFileSync(join(batch, 'd01-00/u01001/self-evaluation-01.yaml'), 'utf8'));
  });

  it('reviews to exactly its known faults: every one found, nothing else', () => {
    expect(run.status, run.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(out, 'findings.csv'), 'utf8').slice(1));
    const [head, ...body] = rows;
    const col = (name: string) => head!.indexOf(name);
    const severity: Record<string, string> = { 错误: 'error', 警告: 'warning', 提示: 'info' };
    const found = body.map((r) => {
      const rule = r[col('规则')]!;
      const parse = rule.startsWith('parse/');
      return `${r[col('文件')]!.slice(batch.length + 1)} ${parse ? 'parse/*' : rule} ${parse ? '' : r[col('位置')]} ${severity[r[col('级别')]!]}`;
    }).sort();
    const expected = manifest.expected.map((e) => `${e.file} ${e.ruleId} ${e.path ?? ''} ${e.severity}`).sort();
    expect(found).toEqual(expected);
    const kinds = new Set(manifest.expected.map((e) => e.ruleId));
    for (const id of ['sums/children-score', 'grades/execution-rate', 'grades/score-range', 'grades/missed-target-full-marks', 'gaps/score-gap', 'gaps/score-gap-large', 'gaps/figure-differs', 'grades/grade-band', 'claims/count-entries', 'parse/*']) expect(kinds.has(id), id).toBe(true);
  });

  it('writes CSV cells that read as their text: no apostrophe before a source line that starts with a YAML list dash', () => {
    const rows = parseCsv(readFileSync(join(out, 'findings.csv'), 'utf8').slice(1));
    const [head, ...body] = rows;
    const source = head!.indexOf('原文');
    const cells = body.map((r) => r[source]!).filter((c) => c !== '');
    expect(cells.length).toBeGreaterThan(100);
    // Before, 83 of 167 showed a leading apostrophe ("'- name: 成本指标").
    expect(cells.filter((c) => c.startsWith("'"))).toEqual([]);
    expect(cells).toContain('name: 成本指标');
    expect(cells.some((c) => c.startsWith('{ name: '))).toBe(true);
    for (const file of ['findings.csv', 'submissions.csv']) {
      for (const row of parseCsv(readFileSync(join(out, file), 'utf8').slice(1))) for (const c of row) expect(c.startsWith("'"), `${file}: ${c}`).toBe(false);
    }
  });

  it('finds what jixiao check finds, and lists every document', async () => {
    const check = await runProcess(process.execPath, [bin, 'check', batch, '--format', 'json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const findings = JSON.parse(check.stdout) as unknown[];
    const rows = parseCsv(readFileSync(join(out, 'findings.csv'), 'utf8').slice(1));
    expect(rows.length - 1).toBe(findings.length);
    const subs = parseCsv(readFileSync(join(out, 'submissions.csv'), 'utf8').slice(1));
    expect(subs.length - 1).toBe(manifest.counts.files);
    expect(run.stderr).toContain(`已审核 ${manifest.counts.files} 个文件`);
    expect(readFileSync(join(out, 'review.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('jixiao review (command line)', () => {
  it('exits 2 when no file matches, and on a bad option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-review-'));
    expect((await review(['no/such/dir', '--out', dir])).status).toBe(2);
    const r = await review(['fixtures', '--out', dir, '--locale', 'fr']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('jixiao review');
  });

  it('prints its help in both languages', async () => {
    expect((await review(['--help'])).stdout).toContain('用法：jixiao review');
    expect((await review(['--help', '--locale', 'en'])).stdout).toContain('usage: jixiao review');
  });
});
