#!/usr/bin/env node
/**
 * Makes docs/import-draft.png for the README: page 8 of a real budget PDF (rendered by poppler's
 * pdftoppm) beside the part of the draft `jixiao import` writes for it, in Chromium (playwright-core).
 * Needs /usr/bin/pdftoppm and /usr/bin/chromium (Debian: poppler-utils, chromium); run after
 * `tsc -b`: `node docs/import-screenshot.mjs`. Not part of the test suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { importDocument } from '../packages/import/dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pdf = join(root, 'fixtures/import/putuo-welfarehome-2024-unit-budget.pdf');
const page = 8;
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-shot-'));
execFileSync('/usr/bin/pdftoppm', ['-f', String(page), '-l', String(page), '-r', '90', '-png', pdf, join(tmp, 'page')]);
const png = readFileSync(join(tmp, `page-${String(page).padStart(2, '0')}.png`)).toString('base64');

const result = await importDocument(pdf, readFileSync(pdf), { documentName: 'budget.pdf' });
const lines = result.yaml.split('\n');
const start = lines.findIndex((l) => l.includes(`── page ${page} `));
const end = lines.findIndex((l, i) => i > start && /^ {2}# ── page/.test(l));
const excerpt = lines.slice(start, end).join('\n').trimEnd();
const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const html = `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; font: 13px/1.45 "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; background: #f4f4f2; display: flex; gap: 16px; padding: 16px; }
figure { margin: 0; background: white; box-shadow: 0 1px 3px #0003; }
figcaption { font-size: 12px; color: #555; padding: 6px 10px; border-bottom: 1px solid #ddd; }
img { display: block; width: 640px; }
pre { margin: 0; padding: 10px 12px; font: 12px/1.5 "Noto Sans Mono CJK SC", monospace; white-space: pre; }
</style>
<figure><figcaption>budget.pdf — page ${page} (上海市普陀区社会福利院 2024年单位预算)</figcaption><img src="data:image/png;base64,${png}"></figure>
<figure><figcaption>budget.jixiao.yaml — written by <b>jixiao import budget.pdf</b></figcaption><pre>${escape(excerpt)}</pre></figure>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const tab = await browser.newPage({ viewport: { width: 1500, height: 600 }, deviceScaleFactor: 1 });
await tab.setContent(html);
await tab.screenshot({ path: join(root, 'docs/import-draft.png'), fullPage: true });
await browser.close();
console.log('docs/import-draft.png');
