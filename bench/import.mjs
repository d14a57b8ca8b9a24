#!/usr/bin/env node
/**
 * Benchmark of `jixiao import` (issue 12) on real documents: every PDF and text of the development
 * corpus (../shared/real/, or --real DIR) and the seed final accounts (../shared/seeds/004…, or
 * --seeds DIR). Builds nothing: run it after `tsc -b` (`pnpm bench:import` does both).
 *
 * Per document it prints: source, pages, seconds (median of --runs imports, in process), tables found /
 * expected (nine for a complete final accounts or budget), the share of the draft's identities that
 * hold (accounts-identity subjects whose agreement is equal or within rounding), and the unplaced
 * cells. Where a hand-verified fixture exists (fixtures/…/budget.yaml, final-accounts.yaml), every
 * amount cell of the fixture is looked up in the draft — same table role and side, same row (its code,
 * or its name without numbering, and its rank among rows of that key), same column (its name, or its
 * rank among the amount columns) — and counted as reproduced only when the draft prints exactly the
 * same text there. Misses are listed, and so are invented cells: a figure in the draft where the
 * fixture has a blank or no such cell. Targets (reported, never enforced): ≥ 99.5% of cells, no
 * invented figure, under 1 s per 30-page document.
 *
 * Forms section: every self-evaluation form text of the corpus (the *-self folders) and the three forms
 * of the seed, each form drafted (packages/import/src/forms/) and compared with its hand-verified
 * transcription (fixtures/<slug>/self-evaluation*.yaml) figure by figure — funds rows, indicator
 * weights / scores / targets / actuals by indicator path, 总分, annex tables
 * (packages/import/src/forms/compare.ts). Per form: figures reproduced exactly / figures in the
 * fixture, invented figures (in the draft where the fixture has none or another), unplaced cells.
 * Where the corpus is absent, the copies in fixtures/import/forms/ are used.
 *
 * Options: --real DIR  --seeds DIR  --runs N (default 3)  --only SLUG  --misses N (listed per document, default 20)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { buildDocView, checkText, defaultConfig, documentSubjects, factLookup } from '@jixiao/core';
import { compareCells, compareForms, draftForms, importDocument, readText } from '../packages/import/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const realDir = resolve(opt('real', join(root, '../shared/real')));
const seedsDir = resolve(opt('seeds', join(root, '../shared/seeds')));
const runs = Number(opt('runs', '3'));
const only = opt('only', undefined);
const missesShown = Number(opt('misses', '20'));

/** Hand-verified fixtures of the previous issues, by corpus slug. */
const FIXTURES = {
  'putuo-welfarehome-2024-unit-budget': 'fixtures/putuo-welfarehome-2024/budget.yaml',
  'putuo-wanli-2023-budget': 'fixtures/putuo-wanli-2023/budget.yaml',
  'putuo-wanli-2024-budget': 'fixtures/putuo-wanli-2024/budget.yaml',
  'putuo-wanli-2025-budget': 'fixtures/putuo-wanli-2025/budget.yaml',
  'shanghai-finance-2025-unit-budget': 'fixtures/shanghai-finance-2025/budget.yaml',
  'putuo-eco-2025-final': 'fixtures/putuo-eco-2025/final-accounts.yaml',
  'seed-004': 'fixtures/zaozhuang-2023/final-accounts.yaml',
};

function sources() {
  const out = [];
  if (existsSync(realDir)) {
    for (const slug of readdirSync(realDir).sort()) {
      const dir = join(realDir, slug);
      if (!existsSync(join(dir, 'source.txt'))) continue;
      const kind = /budget|final/.test(slug) ? 'accounts' : 'form';
      if (kind !== 'accounts') continue; // self-evaluation forms: the forms section below
      if (existsSync(join(dir, 'original.pdf'))) out.push({ slug, file: join(dir, 'original.pdf') });
      if (existsSync(join(dir, 'text.txt'))) out.push({ slug, file: join(dir, 'text.txt') });
      // Plain pdftotext output (no -layout), read through the plain-text dialects (source/text.ts).
      if (existsSync(join(dir, 'text.plain.txt'))) out.push({ slug, file: join(dir, 'text.plain.txt') });
    }
  }
  const seed = join(seedsDir, '004_2bba3a29b22476c1.txt');
  if (existsSync(seed)) out.push({ slug: 'seed-004', file: seed });
  return only ? out.filter((s) => s.slug === only) : out;
}

function identityShare(yamlText) {
  const loaded = checkText('draft.yaml', yamlText);
  const doc = loaded.loaded?.document;
  if (!doc) return { total: 0, hold: 0, schema: loaded.findings.length };
  const view = buildDocView('draft.yaml', doc, loaded.loaded.root, loaded.loaded.text);
  let total = 0;
  let hold = 0;
  for (const s of documentSubjects(view, [view], defaultConfig())) {
    if (s.kind !== 'accounts-identity') continue;
    const facts = factLookup(s);
    const agreement = facts('agreement');
    const check = facts('check');
    if (check === 'bound') {
      total++;
      if (!facts('exceeds')) hold++;
      continue;
    }
    total++;
    if (agreement === 'equal' || agreement === 'rounding') hold++;
  }
  return { total, hold, schema: loaded.findings.filter((f) => f.ruleId.startsWith('schema/') || f.ruleId.startsWith('parse/')).length };
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const list = sources();
if (list.length === 0) {
  console.error(`no documents found under ${realDir} or ${seedsDir}`);
  process.exit(1);
}
let failed = false;
console.log('document | source | pages | s | tables | identities hold | cells exact | invented | unplaced');
console.log('--- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---:');
const details = [];
/** Texts read as one cell a line (source/text.ts, dialect `cells`): their tables are not read, every figure is unplaced. */
const unread = [];
for (const { slug, file } of list) {
  const bytes = readFileSync(file);
  const times = [];
  let result;
  try {
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      result = await importDocument(file, bytes);
      times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  } catch (err) {
    console.log(`${slug} | ${file.replace(/^.*[\\/]/, '')} | – | – | – | – | – | – | failed: ${err.message}`);
    failed = true;
    continue;
  }
  const ids = identityShare(result.yaml);
  const fixturePath = FIXTURES[slug];
  let cellText = '–';
  let inventedText = '–';
  if (fixturePath) {
    const fixture = yaml.load(readFileSync(join(root, fixturePath), 'utf8'));
    const draft = yaml.load(result.yaml);
    const c = compareCells(fixture, draft);
    cellText = `${c.exact} / ${c.cells} (${((100 * c.exact) / Math.max(1, c.cells)).toFixed(1)}%)`;
    inventedText = String(c.invented.length);
    details.push({ slug, file, misses: c.misses, invented: c.invented });
  }
  if (result.source.dialect === 'cells') unread.push(`${slug} (${file.replace(/^.*[\\/]/, '')})`);
  const pages = result.source.pages.length;
  const tables = result.tables.length;
  const expected = 9;
  console.log(`${slug} | ${file.replace(/^.*[\\/]/, '')} | ${pages} | ${median(times).toFixed(3)} | ${tables} / ${expected} | ${ids.hold} / ${ids.total}${ids.schema ? ` (${ids.schema} schema)` : ''} | ${cellText} | ${inventedText} | ${result.unplaced}`);
}
if (unread.length > 0) {
  console.log('\nNot read (plain text of one cell a line in the extraction\'s reading order: a row\'s cells are not together and blank cells leave no trace, so no figure is placed; all are unplaced):');
  for (const u of unread) console.log(`  ${u}`);
}
for (const d of details) {
  if (d.misses.length === 0 && d.invented.length === 0) continue;
  if (unread.includes(`${d.slug} (${d.file.replace(/^.*[\\/]/, '')})`)) {
    console.log(`\n${d.slug} (${d.file.replace(/^.*[\\/]/, '')}): not read, ${d.misses.length} cells unplaced, ${d.invented.length} invented`);
    continue;
  }
  console.log(`\n${d.slug} (${d.file.replace(/^.*[\\/]/, '')}): ${d.misses.length} missed, ${d.invented.length} invented`);
  for (const m of d.misses.slice(0, missesShown)) console.log(`  missed   ${m}`);
  for (const m of d.invented.slice(0, missesShown)) console.log(`  invented ${m}`);
}

// ── Self-evaluation forms ──

/** Each form text of the corpus: its copy in fixtures/import/forms/, and the transcription of each form it holds, in order. */
const FORMS = [
  { slug: 'suiyang-taibai-2021-dept-self', copy: 'fixtures/import/forms/suiyang-taibai-2021.txt', fixtures: ['fixtures/suiyang-taibai-2021/self-evaluation.yaml'] },
  { slug: 'guiping-audit-2019-dept-self', copy: 'fixtures/import/forms/guiping-audit-2019.txt', fixtures: ['fixtures/guiping-audit-2019/self-evaluation.yaml'] },
  { slug: 'daying-justice-2023-proj-self', copy: 'fixtures/import/forms/daying-justice-2023.txt', fixtures: ['fixtures/daying-justice-2023/self-evaluation-a.yaml', 'fixtures/daying-justice-2023/self-evaluation-b.yaml'] },
  { slug: 'langfang-foodschool-2019-proj-self', copy: 'fixtures/import/forms/langfang-foodschool-2019.txt', fixtures: ['fixtures/langfang-foodschool-2019/self-evaluation.yaml'] },
  { slug: 'huangshi-library-2022-proj-self', copy: 'fixtures/import/forms/huangshi-library-2022.txt', fixtures: ['fixtures/huangshi-library-2022/self-evaluation.yaml'] },
  { slug: 'jishan-zhaidian-2021-proj-self', copy: 'fixtures/import/forms/jishan-zhaidian-2021.txt', fixtures: ['fixtures/jishan-zhaidian-2021/self-evaluation.yaml'] },
  {
    slug: 'seed-004',
    copy: 'fixtures/import/zaozhuang-2023-seed-004.txt',
    file: join(seedsDir, '004_2bba3a29b22476c1.txt'),
    fixtures: ['fixtures/zaozhuang-2023/self-evaluation-research-operating.yaml', 'fixtures/zaozhuang-2023/self-evaluation-bigdata-operating.yaml', 'fixtures/zaozhuang-2023/self-evaluation-office-operating.yaml'],
  },
];

console.log('\nform | source | s | figures exact | invented | unplaced');
console.log('--- | --- | ---: | ---: | ---: | ---:');
const formDetails = [];
let formFigures = 0;
let formExact = 0;
let formInvented = 0;
for (const f of FORMS) {
  if (only && only !== f.slug) continue;
  const real = f.file ?? join(realDir, f.slug, 'text.txt');
  const file = existsSync(real) ? real : join(root, f.copy);
  const text = readFileSync(file, 'utf8');
  const times = [];
  let forms;
  try {
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      forms = draftForms(readText(file, text), file.replace(/^.*[\\/]/, ''));
      times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  } catch (err) {
    console.log(`${f.slug} | ${file.replace(/^.*[\\/]/, '')} | – | – | – | failed: ${err.message}`);
    failed = true;
    continue;
  }
  f.fixtures.forEach((fixturePath, k) => {
    const draft = forms[k];
    const c = compareForms(readFileSync(join(root, fixturePath), 'utf8'), draft?.yaml ?? '');
    formFigures += c.figures;
    formExact += c.exact;
    formInvented += c.invented.length;
    const name = fixturePath.replace(/^fixtures\//, '');
    console.log(`${name} | ${f.slug}${f.fixtures.length > 1 ? ` (form ${k + 1})` : ''} | ${median(times).toFixed(3)} | ${c.exact} / ${c.figures} (${((100 * c.exact) / Math.max(1, c.figures)).toFixed(1)}%) | ${c.invented.length} | ${draft ? draft.unplaced.length : 'no form'}`);
    formDetails.push({ name, misses: c.misses, invented: c.invented });
  });
  if (forms.length !== f.fixtures.length) console.log(`${f.slug}: ${forms.length} forms found, ${f.fixtures.length} transcribed`);
}
console.log(`all forms | | | ${formExact} / ${formFigures} (${((100 * formExact) / Math.max(1, formFigures)).toFixed(1)}%) | ${formInvented} |`);
for (const d of formDetails) {
  if (d.misses.length === 0 && d.invented.length === 0) continue;
  console.log(`\n${d.name}: ${d.misses.length} missed, ${d.invented.length} invented`);
  for (const m of d.misses.slice(0, missesShown)) console.log(`  missed   ${m}`);
  for (const m of d.invented.slice(0, missesShown)) console.log(`  invented ${m}`);
}
process.exit(failed ? 1 : 0);
