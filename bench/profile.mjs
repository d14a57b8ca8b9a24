#!/usr/bin/env node
/**
 * Where a file's check time goes: phase by phase, in this process, on one thread, for every file of
 * a directory (`node bench/profile.mjs <dir> [--limit N] [--rounds R]`). Phases: read (bytes → text),
 * parse (YAML → located tree), validate (schema, with repair), facts (the document's view and
 * subjects), rules (conditions over the subjects), output (ranges, then the JSON a finding is written
 * as). Prints per-file means in ms and each phase's share; `--json` prints them as JSON (for run.mjs).
 * The first round warms up and is not counted.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as core from '../packages/core/dist/index.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } } });
const dir = positionals[0];
if (!dir) {
  console.error('usage: node bench/profile.mjs <dir> [--limit N] [--rounds R] [--json]');
  process.exit(2);
}
const walk = (d) => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
}).sort();
const files = walk(dir).slice(0, values.limit ? Number(values.limit) : undefined);
const rounds = Number(values.rounds ?? 2);
const rules = core.selectRules(core.defaultResolvedConfig(), core.loadPacks(core.findRulesDir())).rules;
const config = core.defaultConfig();
const PHASES = ['read', 'parse', 'validate', 'facts', 'rules', 'output'];
const mark = () => performance.now();

function once(totals) {
  let findings = 0;
  for (const file of files) {
    let t = mark();
    const read = core.readTextFileSync(file);
    totals.read += mark() - t;
    if (!read.ok) continue;
    t = mark();
    const parsed = core.parseYaml(read.text);
    totals.parse += mark() - t;
    t = mark();
    const loaded = core.loadDocument(file, read.text); // parses again: its parse time is taken off below
    totals.validate += mark() - t;
    const doc = loaded.document;
    const found = [...loaded.findings];
    if (doc) {
      t = mark();
      const view = core.buildDocView(file, doc, loaded.root, read.text);
      const subjects = core.documentSubjects(view, [view], config);
      totals.facts += mark() - t;
      t = mark();
      for (const f of core.runRules(rules, subjects, config)) found.push(f);
      totals.rules += mark() - t;
    }
    t = mark();
    core.attachRanges(found, file, new core.LinePositions(read.text));
    for (const f of found) JSON.stringify(f);
    totals.output += mark() - t;
    findings += found.length;
    void parsed;
  }
  totals.validate -= 0; // adjusted after the loop
  return findings;
}

const totals = Object.fromEntries(PHASES.map((p) => [p, 0]));
let findings = 0;
for (let r = 0; r < rounds; r++) {
  const t = Object.fromEntries(PHASES.map((p) => [p, 0]));
  findings = once(t);
  if (r > 0 || rounds === 1) for (const p of PHASES) totals[p] += t[p];
}
const counted = Math.max(1, rounds - 1) * files.length;
// loadDocument parses too: validate is its time less the parse measured alone.
totals.validate = Math.max(0, totals.validate - totals.parse);
const perFile = Object.fromEntries(PHASES.map((p) => [p, totals[p] / counted]));
const sum = PHASES.reduce((n, p) => n + perFile[p], 0);
if (values.json) {
  console.log(JSON.stringify({ files: files.length, findings, perFile, total: sum }));
} else {
  console.log(`${files.length} files, ${findings} findings; ms per file (mean over ${Math.max(1, rounds - 1)} round(s) after a warm-up):`);
  for (const p of PHASES) console.log(`  ${p.padEnd(9)} ${perFile[p].toFixed(3).padStart(7)}  ${((100 * perFile[p]) / sum).toFixed(0).padStart(3)}%`);
  console.log(`  ${'total'.padEnd(9)} ${sum.toFixed(3).padStart(7)}`);
}
