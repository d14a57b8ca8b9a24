#!/usr/bin/env node
/**
 * Where a file's check time goes: phase by phase, in this process, on one thread, for every file of
 * a directory (`node bench/profile.mjs <dir> [--limit N] [--rounds R]`). Phases: read (bytes → text),
 * parse (YAML → located tree), validate (schema, with repair), facts (the document's view and
 * subjects), rules (conditions over the subjects), output (ranges, then the JSON a finding is written
 * as). Prints per-file means in ms and each phase's share; `--json` prints them as JSON (for run.mjs).
 * The first round warms up and is not counted.
 *
 * `--schema-faults` measures what schema problems cost: it writes a copy of each file with five of them
 * (an unknown key at the top and one in `project`, a list for the text `unit`, an unreadable integer
 * `year`, a claim and an indicator each missing a required key) to a temporary directory, profiles the
 * clean files and the broken copies alike, and prints both splits and the ratios broken ÷ clean of
 * parse + validate (the load) and of the total (issue 13: at most 1.5).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as core from '../packages/core/dist/index.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' }, 'schema-faults': { type: 'boolean' } } });
const dir = positionals[0];
if (!dir) {
  console.error('usage: node bench/profile.mjs <dir> [--limit N] [--rounds R] [--json] [--schema-faults]');
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

function once(totals, files) {
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
  return findings;
}

function measure(files) {
  const totals = Object.fromEntries(PHASES.map((p) => [p, 0]));
  let findings = 0;
  for (let r = 0; r < rounds; r++) {
    const t = Object.fromEntries(PHASES.map((p) => [p, 0]));
    findings = once(t, files);
    if (r > 0 || rounds === 1) for (const p of PHASES) totals[p] += t[p];
  }
  const counted = Math.max(1, rounds - 1) * Math.max(1, files.length);
  // loadDocument parses too: validate is its time less the parse measured alone.
  totals.validate = Math.max(0, totals.validate - totals.parse);
  const perFile = Object.fromEntries(PHASES.map((p) => [p, totals[p] / counted]));
  const sum = PHASES.reduce((n, p) => n + perFile[p], 0);
  return { files: files.length, findings, perFile, total: sum };
}

function print(label, m) {
  console.log(`${label}${m.files} files, ${m.findings} findings; ms per file (mean over ${Math.max(1, rounds - 1)} round(s) after a warm-up):`);
  for (const p of PHASES) console.log(`  ${p.padEnd(9)} ${m.perFile[p].toFixed(3).padStart(7)}  ${((100 * m.perFile[p]) / m.total).toFixed(0).padStart(3)}%`);
  console.log(`  ${'total'.padEnd(9)} ${m.total.toFixed(3).padStart(7)}`);
}

/** The same file with five schema problems: unknown keys, a wrong type, an unreadable value, missing required keys. */
function withSchemaFaults(text) {
  return text
    .replace(/^format: jixiao\/1$/m, 'format: jixiao/1\ncolour: blue')
    .replace(/^project:$/m, 'project:\n  colour: red')
    .replace(/^unit: (.*)$/m, 'unit: [$1]')
    .replace(/^( {2}year:) .*$/m, '$1 二千')
    .replace(/^ {4}count: .*\n/m, '')
    .replace(/\{ name: [^,}]*, /, '{ ');
}

if (values['schema-faults']) {
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-schema-faults-'));
  try {
    const broken = files.map((file, i) => {
      const copy = join(tmp, `${String(i).padStart(6, '0')}-${basename(file)}`);
      writeFileSync(copy, withSchemaFaults(readFileSync(file, 'utf8')));
      return copy;
    });
    // Interleaved, twice each, so that a busy machine weighs on both alike; the lower of each pair counts.
    const best = (a, b) => (a.total <= b.total ? a : b);
    const clean = best(measure(files), measure(files));
    const faulty = best(measure(broken), measure(broken));
    const load = (m) => m.perFile.parse + m.perFile.validate;
    const ratios = { load: load(faulty) / load(clean), total: faulty.total / clean.total };
    if (values.json) console.log(JSON.stringify({ clean, faulty, ratios }));
    else {
      print('clean: ', clean);
      print('with schema faults: ', faulty);
      console.log(`broken ÷ clean: load (parse + validate) ${ratios.load.toFixed(2)}×, total ${ratios.total.toFixed(2)}×`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  const m = measure(files);
  if (values.json) console.log(JSON.stringify(m));
  else print('', m);
}
