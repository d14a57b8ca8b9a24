/**
 * review.html in a real browser (headless Chromium driven by playwright-core): the demo batch is
 * generated and reviewed, the page is opened from disk, and what it shows is compared with
 * findings.csv and submissions.csv: the counts, sorting, filters, search, paging, one
 * submission's findings, the scatter plot's links. The page must make no network request and
 * log no error (its CSP would report a blocked load). The same page on a 390 px phone: no sideways
 * scroll, the tables as labelled cards, legible chart labels, the highlighted figure on screen.
 * Screenshots for the README are saved to docs/review-desktop.png (1280 px), docs/review-phone.png
 * (390 px) and docs/review-detail.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };
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
  /** The element's box is inside the window (so the reader sees it without scrolling). */
  const inView = (p: Page, selector: string) => p.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });
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

    // The ranking of rules: errors first, then warnings, then info, each by number of findings; every column labelled.
    const byRule = countBy(findings.rows, (r) => r[findings.col('规则')]!);
    const worst = new Map<string, number>();
    for (const r of findings.rows) {
      const rank = RANK[SEVERITY[r[findings.col('级别')]!]!]!;
      worst.set(r[findings.col('规则')]!, Math.min(rank, worst.get(r[findings.col('规则')]!) ?? 9));
    }
    const ranking = await page.locator('#rules tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-rule') ?? '', Number(tr.querySelector('[data-count]')?.textContent)] as const));
    expect(ranking.length).toBe(byRule.size);
    for (const [rule, n] of ranking) expect(n, rule).toBe(byRule.get(rule));
    const order = ranking.map(([rule, n]) => [worst.get(rule)!, -n]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(order[0]?.[0]).toBe(0);
    expect(order.at(-1)?.[0]).toBe(2);
    expect((await page.locator('#rules thead th').allInnerTexts()).map((t) => t.trim())).toEqual(['排名', '规则', '说明', '级别', '问题数', '文件数']);
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

  it('links each related place to its document: the place shown, its figure highlighted and on screen, and back', async () => {
    await page.fill('#q', 'd01-00/summary.yaml');
    await page.waitForFunction(() => document.getElementById('shown')?.dataset.shown === '1');
    await page.locator('#rows tbody tr').first().click();
    await page.waitForSelector('#detail:not([hidden])');
    const summary = await page.evaluate(() => location.hash);
    const link = page.locator('#detail ul.related a').first();
    const [file, line, column] = (await link.innerText()).trim().split(':');
    const message = (await link.evaluate((a) => a.parentElement?.textContent ?? '')).trim();
    await link.click();
    await page.waitForFunction((f) => document.getElementById('detail-title')?.textContent === f, file);
    expect(await page.evaluate(() => location.hash)).toMatch(new RegExp(`^#s/\\d+/${line}:${column}$`));
    expect(submissions.rows.some((r) => r[submissions.col('文件')] === file)).toBe(true);
    // The figure there is marked, highlighted and on screen; it is the figure the finding compared.
    const mark = page.locator('#detail .target mark');
    expect(await mark.count()).toBe(1);
    expect(await inView(page, '#detail .target mark')).toBe(true);
    expect(message.endsWith(await mark.innerText())).toBe(true);
    // The findings that point here link back to their own place.
    const back = page.locator('#detail .place ul.related a', { hasText: 'd01-00/summary.yaml:' }).first();
    await back.click();
    await page.waitForFunction(() => document.querySelector('#detail li.finding.target') !== null);
    expect(await page.evaluate(() => location.hash)).toMatch(new RegExp(`^${summary.replace('/', '\\/')}/\\d+:\\d+$`));
    expect(await inView(page, '#detail li.finding.target mark')).toBe(true);
    await page.click('#detail [data-close]');
    await page.fill('#q', '');
    await page.waitForFunction((n) => document.getElementById('shown')?.dataset.shown === String(n), submissions.rows.length);
  });

  describe('on a 390 px phone', () => {
    let phone: Page;
    const noSidewaysScroll = async () => {
      const { scrollWidth, clientWidth } = await phone.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(clientWidth).toBe(390);
      expect(scrollWidth).toBeLessThanOrEqual(390);
      // Nothing sticks out either (an excerpt's own box may scroll sideways; the page does not).
      const wide = await phone.evaluate(() => Array.from(document.body.querySelectorAll('*')).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > innerWidth + 0.5 && !el.closest('pre.excerpt');
      }).map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`));
      expect(wide).toEqual([]);
    };

    beforeAll(async () => {
      phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
      phone.setDefaultTimeout(PLAYWRIGHT_TIMEOUT);
      phone.on('request', (req) => requests.push(req.url()));
      phone.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      phone.on('pageerror', (e) => problems.push(e.message));
      await phone.goto(pathToFileURL(join(dir, 'demo/review/review.html')).href);
      await phone.waitForSelector('html[data-ready=true]');
    });

    it('scrolls no page sideways, and shows the tables as cards, each value labelled', async () => {
      await noSidewaysScroll();
      // The submissions table: a row of sort buttons, then one card per document, each value under its column's name.
      const heads = (await phone.locator('#rows thead th').allInnerTexts()).map((t) => t.replace(/[▲▼]/g, '').trim());
      expect(heads).toHaveLength(11);
      const card = phone.locator('#rows tbody tr').first();
      expect(await card.evaluate((tr) => getComputedStyle(tr).display)).toBe('grid');
      const cells = await card.locator('td').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-label'), getComputedStyle(td, '::before').content, getComputedStyle(td, '::before').display]));
      expect(cells.map(([label]) => label)).toEqual(heads);
      for (const [label, content, display] of cells.slice(2)) {
        expect(content).toBe(JSON.stringify(label));
        expect(display).toBe('block');
      }
      const box = await card.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      // Sorting still works from the buttons.
      await phone.click('button[data-sort="errors"]');
      expect(await phone.locator('#rows tbody tr').first().locator('td').nth(9).innerText()).toBe(String(Math.max(...submissions.rows.map((r) => Number(r[submissions.col('错误')])))));

      // The rankings: cards, the figures labelled.
      const rule = phone.locator('#rules tbody tr').first();
      expect(await rule.evaluate((tr) => getComputedStyle(tr).display)).toBe('grid');
      expect(await rule.locator('td.count').evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"问题数 "');
      expect(await rule.locator('td.files').evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"文件数 "');
      expect(await phone.locator('#units tbody tr').first().evaluate((tr) => getComputedStyle(tr).display)).toBe('grid');
    });

    it('keeps the charts’ labels legible (11 px or more)', async () => {
      const sizes = await phone.locator('svg.scatter text, svg.grades text').evaluateAll((texts) => texts.map((t) => {
        const svg = (t as SVGTextElement).ownerSVGElement!;
        return [t.textContent, Number.parseFloat(getComputedStyle(t).fontSize) * (svg.getScreenCTM()?.a ?? 0)] as const;
      }));
      expect(sizes.length).toBeGreaterThan(20);
      for (const [text, px] of sizes) expect(px, String(text)).toBeGreaterThanOrEqual(11);
      // At 1280 px the same labels are their usual size.
      const desktop = await page.locator('svg.scatter text.tick').first().evaluate((t) => Number.parseFloat(getComputedStyle(t).fontSize) * ((t as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 0));
      expect(desktop).toBeGreaterThanOrEqual(11);
      expect(desktop).toBeLessThan(14);
    });

    it('opens a document with its highlighted figure on screen, and a related place likewise', async () => {
      await phone.selectOption('#f-status', 'errors');
      await phone.locator('#rows tbody tr').first().tap();
      await phone.waitForSelector('#detail:not([hidden])');
      expect(await inView(phone, '#detail mark')).toBe(true);
      // Excerpt lines wrap instead of running off the screen.
      expect(await phone.locator('#detail pre.excerpt').first().evaluate((pre) => pre.scrollWidth <= pre.clientWidth)).toBe(true);
      await noSidewaysScroll();
      await phone.selectOption('#f-status', '');

      await phone.evaluate(() => {
        location.hash = '';
      });
      await phone.fill('#q', 'd01-00/summary.yaml');
      await phone.waitForFunction(() => document.getElementById('shown')?.dataset.shown === '1');
      await phone.locator('#rows tbody tr').first().tap();
      await phone.waitForSelector('#detail:not([hidden])');
      await phone.locator('#detail ul.related a').first().tap();
      await phone.waitForSelector('#detail .target');
      expect(await phone.evaluate(() => location.hash)).toMatch(/^#s\/\d+\/\d+:\d+$/);
      expect(await inView(phone, '#detail .target mark')).toBe(true);
      await noSidewaysScroll();
      await phone.click('#detail [data-close]');
      await phone.fill('#q', '');
      await phone.waitForFunction((n) => document.getElementById('shown')?.dataset.shown === String(n), submissions.rows.length);
    });

    it('saves a screenshot of the page at 390 px for the README', async () => {
      await phone.click('button[data-sort="gap"]');
      if ((await phone.getAttribute('#rows th:has(button[data-sort="gap"])', 'aria-sort')) !== 'descending') await phone.click('button[data-sort="gap"]');
      await phone.evaluate(() => window.scrollTo(0, 0));
      // From the top to the third document of the table.
      const bottom = await phone.locator('#rows tbody tr').nth(2).evaluate((tr) => tr.getBoundingClientRect().bottom + window.scrollY);
      const png = await phone.screenshot({ path: join(root, 'docs/review-phone.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: Math.ceil(bottom) + 12 } });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    });
  });

  it('makes no network request and logs no error', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !/^(file|data|about):/.test(u))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('saves a screenshot of the review at 1280 px for the README', async () => {
    // The table as a reviewer would start: the largest gaps first.
    await page.click('button[data-sort="gap"]');
    if ((await page.getAttribute('#rows th:has(button[data-sort="gap"])', 'aria-sort')) !== 'descending') await page.click('button[data-sort="gap"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 2300 });
    mkdirSync(join(root, 'docs'), { recursive: true });
    const png = await page.screenshot({ path: join(root, 'docs/review-desktop.png') });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('review.html in headless Chromium: a project id and a grade that are prototype keys', () => {
  // issue 11, item 4: a `__proto__` project id once emptied the detail panel (the page's map of
  // projects lost the key, and the lookup found Object.prototype instead).
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-review-proto-'));
  const docs: Record<string, string> = {
    'self.yaml': [
      'format: jixiao/1',
      'kind: self-evaluation',
      'project: { id: __proto__, name: 原型项目, department: 演示单位, year: 2024 }',
      'evaluator: { type: self, name: 演示单位 }',
      'indicators:',
      '  - { name: 产出指标, weight: 50, score: 50 }',
      '  - { name: 效益指标, weight: 50, score: 48, reason: 部分目标未完成 }',
      'total: { weight: 100, score: 98 }',
    ].join('\n'),
    'finance.yaml': [
      'format: jixiao/1',
      'kind: evaluation',
      'project: { id: __proto__, name: 原型项目, department: 演示单位, year: 2024 }',
      'evaluator: { type: finance, name: 演示市财政局 }',
      'result: { score: 85, grade: __proto__ }',
    ].join('\n'),
    'other.yaml': [
      'format: jixiao/1',
      'kind: self-evaluation',
      'project: { id: constructor, name: 构造项目, department: 演示单位, year: 2024 }',
      'evaluator: { type: self, name: 演示单位 }',
      'indicators:',
      '  - { name: 产出指标, weight: 50, score: 50 }',
      '  - { name: 效益指标, weight: 50, score: 50 }',
      'total: { weight: 100, score: 100 }',
    ].join('\n'),
  };
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  /** The detail panel's facts (dt → dd), the other files of its project, and its findings' rules. */
  const detail = async () => ({
    title: (await page.innerText('#detail-title')).trim(),
    facts: Object.fromEntries(await page.locator('#detail dl.facts dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']))),
    same: (await page.locator('#detail p.same a').allInnerTexts()).map((t) => t.trim()),
    rules: await page.locator('#detail details.rule-group').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-rule'))),
    findings: await page.locator('#detail li.finding').count(),
  });
  /** Runs `work`; an error in the page fails it at once (not after Playwright's long timeout). */
  const orPageError = async (work: () => Promise<unknown>) => {
    let onError: (e: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      onError = reject;
      page.once('pageerror', onError);
    });
    try {
      await Promise.race([work(), failed]);
    } finally {
      page.off('pageerror', onError);
    }
  };
  const titled = (file: string) => page.waitForFunction((f) => document.getElementById('detail-title')?.textContent === f, file);
  /** Clicks the file's row and waits for its detail panel. */
  const open = async (file: string) => {
    await orPageError(async () => {
      await page.locator('#rows tbody tr', { hasText: file }).click();
      await titled(file);
    });
    return detail();
  };

  beforeAll(async () => {
    mkdirSync(join(dir, 'docs'));
    for (const [name, text] of Object.entries(docs)) writeFileSync(join(dir, 'docs', name), `${text}\n`);
    const r = await runProcess(process.execPath, [bin, 'review', 'docs', '--out', 'out'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], timeout: PLAYWRIGHT_TIMEOUT });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(PLAYWRIGHT_TIMEOUT);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'out/review.html')).href);
    await page.waitForSelector('html[data-ready=true]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the project’s documents as rows, with their scores', async () => {
    const rows = await page.locator('#rows tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
    // 单位, 项目 (file), 年度, 评价方, 自评得分, 外部评价得分, 分差, 写明等级, 按分数段等级, 错误, 警告
    expect(rows).toEqual([
      ['演示单位', '原型项目 docs/finance.yaml', '2024', '财政评价', '98', '85', '+13', '__proto__', '良', '1', '0'],
      ['演示单位', '构造项目 docs/other.yaml', '2024', '单位自评', '100', '', '', '', '优', '0', '0'],
      ['演示单位', '原型项目 docs/self.yaml', '2024', '单位自评', '98', '85', '+13', '', '优', '1', '0'],
    ]);
  });

  it('opens the __proto__ project’s self-evaluation: its scores, the project’s other document and its findings', async () => {
    const self = await open('docs/self.yaml');
    expect(self.facts).toMatchObject({ 项目: '原型项目', 评价方: '单位自评 · 演示单位', 得分: '98', 自评得分: '98', 外部评价得分: '85（财政评价）', 分差: '+13', 按分数段等级: '优' });
    expect(self.same).toEqual(['财政评价 docs/finance.yaml']);
    expect(self.rules).toEqual(['gaps/score-gap-large', 'weights/form-guidance']);
    expect(self.findings).toBe(2);
    expect(await page.locator('#detail dd.gap-error').innerText()).toBe('+13');
    await page.click('#detail [data-close]');
  });

  it('opens its finance evaluation, whose stated grade is __proto__: the grade shown, and back to the self-evaluation', async () => {
    const finance = await open('docs/finance.yaml');
    expect(finance.facts).toMatchObject({ 项目: '原型项目', 评价方: '财政评价 · 演示市财政局', 得分: '85', 自评得分: '98', 外部评价得分: '85（财政评价）', 写明等级: '__proto__', 按分数段等级: '良' });
    expect(finance.same).toEqual(['单位自评 docs/self.yaml']);
    expect(finance.rules).toEqual(['grades/grade-band']);
    expect(await page.locator('#detail li.finding p.msg').innerText()).toContain('“__proto__”');
    await orPageError(async () => {
      await page.locator('#detail p.same a').click();
      await titled('docs/self.yaml');
    });
    expect((await detail()).facts).toMatchObject({ 自评得分: '98', 外部评价得分: '85（财政评价）' });
    await page.click('#detail [data-close]');
  });

  it('opens the constructor project’s only document: no other files listed', async () => {
    const other = await open('docs/other.yaml');
    expect(other.facts).toMatchObject({ 项目: '构造项目', 自评得分: '100' });
    expect(other.same).toEqual([]);
    await page.click('#detail [data-close]');
  });

  it('links the project’s point in the scatter plot to its two documents', async () => {
    expect(await page.locator('svg.scatter a.pt').count()).toBe(1);
    await orPageError(async () => {
      await page.locator('svg.scatter a.pt').click();
      await page.waitForSelector('#scope:not([hidden])');
      await titled('docs/self.yaml');
    });
    expect(Number(await page.getAttribute('#shown', 'data-shown'))).toBe(2);
    expect(await page.innerText('#scope')).toContain('原型项目');
    await page.click('#scope-clear');
    await page.click('#detail [data-close]');
  });

  it('logs no error', () => {
    expect(problems).toEqual([]);
  });
});
