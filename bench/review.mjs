#!/usr/bin/env node
/**
 * Benchmark of `jixiao review` on a big batch: the demo generator (demo/batch.mjs) makes 5,000
 * self-evaluation forms (with their summaries and external evaluations), the built CLI reviews
 * them (wall time, peak RSS through rss-reporter.mjs, findings checked against the manifest),
 * then headless Chromium opens the page and times loading, a search, a filter and a sort, and
 * the longest task the page ran meanwhile (how long it could have frozen).
 *
 * Usage: pnpm bench:review [-- --forms 5000]
 * Bars: the report in under 60 s; the page ready in under 5 s; no task of the page over 1 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeBatch } from '../demo/batch.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cli = join(root, 'packages/cli/bin/jixiao.js');
const reporter = pathToFileURL(join(here, 'rss-reporter.mjs')).href;
const BARS = { wallSeconds: 60, readyMs: 5000, longestTaskMs: 1000 };

const args = process.argv.slice(2);
const formsArg = args.indexOf('--forms');
const forms = formsArg >= 0 ? Number(args[formsArg + 1]) : 5000;

const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-review-'));
const batch = join(work, 'batch');
const out = join(work, 'review');
const t0 = performance.now();
const manifest = writeBatch(batch, { forms });
console.log(`batch: ${manifest.counts.files} files (${manifest.counts.forms} forms) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rssFile = join(work, 'maxrss.txt');
const started = performance.now();
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['--import', reporter, cli, 'review', batch, '--out', out, '--xlsx'], { env: { ...process.env, JIXIAO_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (c) => resolve(c));
});
const wall = (performance.now() - started) / 1000;
const rssMB = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').reduce((a, l) => a + Number(l), 0) / 1024 : NaN;
if (code !== 0) throw new Error(`jixiao review exited ${code}`);
const findingRows = readFileSync(join(out, 'findings.csv'), 'utf8').split('\r\n').filter(Boolean).length - 1;
const sizes = ['review.html', 'findings.csv', 'submissions.csv', 'review.xlsx'].map((f) => `${f} ${(statSync(join(out, f)).size / 1e6).toFixed(1)} MB`).join(', ');
console.log(`review: ${wall.toFixed(1)} s wall, peak RSS ${rssMB.toFixed(0)} MB; ${sizes}`);
console.log(`findings: ${findingRows} (manifest: ${manifest.expected.length}) ${findingRows === manifest.expected.length ? '✓' : '✗'}`);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
});
let t = performance.now();
await page.goto(pathToFileURL(join(out, 'review.html')).href);
await page.waitForSelector('html[data-ready=true]', { timeout: 60000 });
const ready = performance.now() - t;
const shown = () => page.getAttribute('#shown', 'data-shown');
const total = await shown();
t = performance.now();
await page.fill('#q', '卫生');
await page.waitForFunction((n) => document.getElementById('shown').dataset.shown !== n, total);
const search = performance.now() - t;
t = performance.now();
await page.selectOption('#f-status', 'errors');
const filter = performance.now() - t;
t = performance.now();
await page.click('button[data-sort="gap"]');
const sort = performance.now() - t;
t = performance.now();
await page.locator('#rows tbody tr').first().click();
await page.waitForSelector('#detail:not([hidden])');
const open = performance.now() - t;
await page.waitForTimeout(300); // long-task entries are delivered asynchronously
const longest = await page.evaluate(() => window.__longest);
await browser.close();
console.log(`page (${total} rows): ready ${ready.toFixed(0)} ms; search ${search.toFixed(0)} ms (120 ms of it the typing pause); filter ${filter.toFixed(0)} ms; sort ${sort.toFixed(0)} ms; open a submission ${open.toFixed(0)} ms; longest task ${longest.toFixed(0)} ms`);

const ok = wall < BARS.wallSeconds && ready < BARS.readyMs && longest < BARS.longestTaskMs && findingRows === manifest.expected.length;
console.log(`bars: report < ${BARS.wallSeconds} s, page ready < ${BARS.readyMs} ms, no task over ${BARS.longestTaskMs} ms: ${ok ? 'met' : 'NOT met'}`);
rmSync(work, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
