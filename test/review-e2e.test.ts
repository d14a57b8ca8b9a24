/**
 * review.html in a real browser (headless Chromium driven by playwright-core): the demo batch is
 * generated and reviewed, the page is opened from disk, and what it shows is compared with
 * findings.csv and submissions.csv: the counts, sorting, filters, search, paging, one
 * submission's findings, the scatter plot's links. The page must make no network request and
 * log no error (its CSP would report a blocked load). Screenshots for the README are saved to
 * docs/review.png and docs/review-detail.png.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../demo/batch.mjs';
import { parseCsv } from './csv.js';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');

type Table = { head: string[]; rows: string[][]; col: (name: string) => number };
function table(file: string): Table {
  const text = readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [head = [], ...rows] = parseCsv(text.slice(1));
  return { head, rows, col: (name) => head.indexOf(name) };
}
const countBy = <T>(list: readonly T[], key: (x: T) => string) => list.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());
const SEVERITY: Record<string, string> = { 错误: 'error', 警告: 'warning', 提示: 'info' };
/** Playwright's own deadlines (30 s by default for the launch and for every wait and action), made generous for a loaded machine. */
const PLAYWRIGHT_TIMEOUT = 10 * 60_000;

describe('review.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-review-e2e-'));
  let browser: Browser;
  let page: Page;
  let findings: Table;
  let submissions: Table;
  const requests: string[] = [];
  const problems: string[] = [];

  const shown = async () => Number(await page.getAttribute('#shown', 'data-shown'));
  const firstRowCell = async (column: number) => (await page.locator('#rows tbody tr').first().locator('td').nth(column).innerText()).trim();

  beforeAll(async () => {
    // As `pnpm demo:review` makes it (relative paths, so the page and its screenshots are the same on every machine).
    writeBatch(join(dir, 'demo/batch'));
    const r = await runProcess(process.execPath, [bin, 'review', 'demo/batch', '--out', 'demo/review', '--title', '演示批次 demo/batch（pnpm demo:batch）'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    findings = table(join(dir, 'demo/review/findings.csv'));
    submissions = table(join(dir, 'demo/review/submissions.csv'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], timeout: PLAYWRIGHT_TIMEOUT });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(PLAYWRIGHT_TIMEOUT);
    page.on('request', (req) => requests.push(req.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'demo/review/review.html')).href);
    await page.waitForSelector('html[data-ready=true]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the counts that are in findings.csv and submissions.csv', async () => {
    const bySeverity = countBy(findings.rows, (r) => SEVERITY[r[findings.col('级别')]!]!);
    const card = async (stat: string) => Number(await page.locator(`[data-stat="${stat}"] > b[data-value]`).innerText());
    expect(await card('errors')).toBe(bySeverity.get('error'));
    expect(await card('warnings')).toBe(bySeverity.get('warning'));
    expect(await card('infos')).toBe(bySeverity.get('info'));
    expect(await card('errors')).toBeGreaterThan(50);
    expect(await card('documents')).toBe(submissions.rows.length);
    const selfRows = submissions.rows.filter((r) => r[submissions.col('评价方')] === '单位自评');
    expect(await card('submissions')).toBe(selfRows.length);
    const withErrors = new Set(findings.rows.filter((r) => r[findings.col('级别')] === '错误').map((r) => r[findings.col('文件')]));
    expect(Number(await page.locator('[data-stat="with-errors"]').innerText())).toBe(withErrors.size);
    // Projects over the gap threshold: every document of such a project says so.
    const inflated = new Set(submissions.rows.filter((r) => r[submissions.col('分差判断')] !== '').map((r) => r[submissions.col('项目编号')]));
    expect(await card('over-warn')).toBe(inflated.size);
    expect(await card('over-warn')).toBeGreaterThan(5);

    // By pack and severity, and the total row.
    const byPack = countBy(findings.rows, (r) => `${r[findings.col('规则包')]} ${SEVERITY[r[findings.col('级别')]!]}`);
    const packs = await page.locator('table.packs tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-pack'), ...Array.from(tr.querySelectorAll('td')).map((td) => [td.getAttribute('data-count'), Number(td.textContent)])]));
    expect(packs.length).toBe(new Set(findings.rows.map((r) => r[findings.col('规则包')])).size);
    for (const [pack, ...cells] of packs) for (const [severity, n] of cells as [string, number][]) expect(n, `${pack} ${severity}`).toBe(byPack.get(`${pack} ${severity}`) ?? 0);

    // The ranking of rules.
    const byRule = countBy(findings.rows, (r) => r[findings.col('规则')]!);
    const ranking = await page.locator('#rules tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-rule'), Number(tr.querySelector('[data-count]')?.textContent)]));
    expect(ranking.length).toBe(byRule.size);
    for (const [rule, n] of ranking) expect(n, String(rule)).toBe(byRule.get(String(rule)));
    expect(ranking.map(([, n]) => n)).toEqual([...ranking.map(([, n]) => n)].sort((a, b) => Number(b) - Number(a)));
  });

  it('sorts the table by a column, both ways', async () => {
    const gaps = submissions.rows.map((r) => r[submissions.col('分差')]!).filter((g) => g !== '').map(Number);
    await page.click('button[data-sort="gap"]');
    expect(await page.getAttribute('#rows th:has(button[data-sort="gap"])', 'aria-sort')).toBe('descending');
    expect(Number(await firstRowCell(6))).toBe(Math.max(...gaps));
    await page.click('button[data-sort="gap"]');
    expect(await page.getAttribute('#rows th:has(button[data-sort="gap"])', 'aria-sort')).toBe('ascending');
    expect(Number(await firstRowCell(6))).toBe(Math.min(...gaps));
    await page.click('button[data-sort="errors"]');
    const errors = submissions.rows.map((r) => Number(r[submissions.col('错误')]));
    expect(Number(await firstRowCell(9))).toBe(Math.max(...errors));
  });

  it('filters, searches and pages through the table', async () => {
    expect(await shown()).toBe(submissions.rows.length);
    expect(await page.locator('#rows tbody tr').count()).toBe(50);
    await page.click('.pager button[data-page="next"]');
    expect(await page.innerText('#page')).toBe(`第 2 / ${Math.ceil(submissions.rows.length / 50)} 页`);

    await page.selectOption('#f-evaluator', 'finance');
    expect(await shown()).toBe(submissions.rows.filter((r) => r[submissions.col('评价方')] === '财政评价').length);
    expect(await page.innerText('#page')).toMatch(/^第 1 \//);
    await page.selectOption('#f-evaluator', '');
    await page.selectOption('#f-status', 'errors');
    expect(await shown()).toBe(submissions.rows.filter((r) => Number(r[submissions.col('错误')]) > 0).length);
    await page.selectOption('#f-status', 'gap');
    expect(await shown()).toBe(submissions.rows.filter((r) => r[submissions.col('分差判断')] !== '').length);
    await page.selectOption('#f-status', '');

    const term = '疾病预防控制中心';
    const expected = submissions.rows.filter((r) => ['文件', '单位', '项目', '项目编号', '评价机构'].some((c) => r[submissions.col(c)]!.includes(term))).length;
    expect(expected).toBeGreaterThan(0);
    await page.fill('#q', term);
    await page.waitForFunction((n) => document.getElementById('shown')?.dataset.shown === String(n), expected);
    expect(await shown()).toBe(expected);
    for (const unit of await page.locator('#rows tbody tr td:first-child').allInnerTexts()) expect(unit).toContain(term);
    await page.fill('#q', '');
    await page.waitForFunction((n) => document.getElementById('shown')?.dataset.shown === String(n), submissions.rows.length);
  });

  it('opens one submission: its findings grouped by rule, each with the marked source lines and the rule’s explanation', async () => {
    await page.selectOption('#f-status', 'errors');
    const row = page.locator('#rows tbody tr').first();
    const id = Number(await row.getAttribute('data-id'));
    await row.click();
    await page.waitForSelector('#detail:not([hidden])');
    expect(await page.evaluate(() => location.hash)).toBe(`#s/${id}`);
    const file = (await page.innerText('#detail-title')).trim();
    const mine = findings.rows.filter((r) => r[findings.col('文件')] === file);
    expect(mine.length).toBeGreaterThan(0);
    const rules = [...new Set(mine.map((r) => r[findings.col('规则')]))].sort();
    expect((await page.locator('#detail details.rule-group').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-rule')))).sort()).toEqual(rules);
    expect(await page.locator('#detail li.finding').count()).toBe(mine.length);
    expect(await page.locator('#detail .explain').count()).toBeGreaterThan(0);
    const marks = await page.locator('#detail pre.excerpt mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.trim().length).toBeGreaterThan(0);
    const messages = await page.locator('#detail li.finding p.msg').allInnerTexts();
    for (const r of mine) expect(messages.some((m) => m.includes(r[findings.col('问题')]!))).toBe(true);
    await page.locator('#detail').screenshot({ path: join(root, 'docs/review-detail.png') });
    await page.click('#detail [data-close]');
    expect(await page.isHidden('#detail')).toBe(true);
    await page.selectOption('#f-status', '');
  });

  it('links each point of the scatter plot to its project', async () => {
    const points = await page.locator('svg.scatter a.pt').count();
    expect(points).toBe(Number(await page.getAttribute('svg.scatter', 'data-points')));
    expect(points).toBeGreaterThan(20);
    const point = page.locator('svg.scatter a.pt.lvl-error').first();
    await point.click();
    await page.waitForSelector('#scope:not([hidden])');
    await page.waitForSelector('#detail:not([hidden])');
    const file = (await page.innerText('#detail-title')).trim();
    const project = submissions.rows.find((r) => r[submissions.col('文件')] === file)?.[submissions.col('项目编号')];
    expect(project).toBeTruthy();
    const docs = submissions.rows.filter((r) => r[submissions.col('项目编号')] === project).length;
    // The project's own documents and the summary table that lists it.
    expect(await shown()).toBe(docs + 1);
    const detailGap = await page.locator('#detail dd.gap-error').innerText();
    expect(Number(detailGap)).toBeGreaterThanOrEqual(10);
    await page.click('#scope-clear');
    expect(await shown()).toBe(submissions.rows.length);
    await page.click('#detail [data-close]');
  });

  it('makes no network request and logs no error', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !/^(file|data|about):/.test(u))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('saves a screenshot of the review for the README', async () => {
    // The table as a reviewer would start: the largest gaps first.
    await page.click('button[data-sort="gap"]');
    if ((await page.getAttribute('#rows th:has(button[data-sort="gap"])', 'aria-sort')) !== 'descending') await page.click('button[data-sort="gap"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 2300 });
    mkdirSync(join(root, 'docs'), { recursive: true });
    const png = await page.screenshot({ path: join(root, 'docs/review.png') });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
