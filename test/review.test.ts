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
  BOM, collectReview, csvField, domainOf, scatterPoints, excerptOf, findingsCsv, FINDING_COLUMNS, gapLevel, gapOf, linkProjects, renderHtml, reviewWorkbook, SCRIPT, STYLE,
  submissionsCsv, SUBMISSION_COLUMNS, type ReviewModel,
} from '../packages/review/dist/index.js';
import { writeBatch } from '../demo/batch.mjs';
import { parseCsv } from './csv.js';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
const ExcelJS = createRequire(join(root, 'packages/review/package.json'))('exceljs') as typeof import('exceljs');

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
  it('ranks the identities that fail most across the batch, with their findings per unit', () => {
    const top = model.rules.slice(0, 3).map((r) => [r.ruleId, r.count, r.submissions]);
    expect(top).toEqual([['accounts/code-sum', 10, 2], ['accounts/row-sum', 7, 1], ['accounts/total-sum', 7, 2]]);
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

  it('ranks rules by findings and units by errors', () => {
    expect(model.rules[0]).toMatchObject({ ruleId: 'weights/same-parent', count: 4, submissions: 1, severity: 'error' });
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
