#!/usr/bin/env node
/**
 * Benchmark of `jixiao check` on synthetic final accounts (部门决算, `kind: final-accounts`).
 *
 * Builds nothing: run it after `tsc -b` (`pnpm bench` does both). Two measurements:
 *
 * 1. Batch: generates (or reuses) a corpus of --count documents (bench/accounts-corpus.mjs: nine
 *    tables, ~340 rows, ~60 statements each, a fault in every 4th) under os.tmpdir(), runs the built
 *    CLI as a child process (`node packages/cli/bin/jixiao.js check <dir> --format json`), prints
 *    files/s and the child's peak RSS (bench/rss-reporter.mjs), and verifies that the findings are
 *    exactly the injected ones (file, ruleId, path, severity: every finding, infos included — a
 *    clean document draws none).
 * 2. Single document: one clean ~30-page document checked in this process the way the CLI checks a
 *    file (checkText → checkLoaded → finishGroup of @jixiao/core, the bundled rules with the default
 *    settings), --warmup unmeasured runs, then the median (and p95, min) of --runs. It must draw no
 *    finding.
 *
 * A verification mismatch or a CLI failure fails the run (exit 1); the speed target — a single
 * document under 50 ms — is reported, never enforced.
 *
 * Options: --count N      corpus size (default 1000)
 *          --seed N       generator seed (default: DEFAULT_SEED of bench/corpus.mjs)
 *          --runs N       measured single-document runs (default 50)
 *          --warmup N     unmeasured runs before them (default 10)
 *          --index N      which document to time (default 0)
 *          --only batch|single   one of the two measurements
 *          --keep         keep the corpus and the CLI's output (a later run reuses the corpus)
 *          --timeout S    kill the CLI after S seconds (default: no limit)
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS_GENERATOR_VERSION, DEFAULT_SEED, FAULT_KINDS, generateAccountsCorpus, generateAccountsDocument } from './accounts-corpus.mjs';
import { cachedCorpus, MiB, optionsOrExit, runCli, verifyRun } from './cli-check.mjs';

const TARGET_MS = 50;

function parseArgs(argv) {
  const opts = { count: 1000, seed: DEFAULT_SEED, runs: 50, warmup: 10, index: 0, only: null, keep: false, timeout: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => Number(value().replace(/_/g, ''));
    if (a === '--count') opts.count = int();
    else if (a === '--seed') opts.seed = int();
    else if (a === '--runs') opts.runs = int();
    else if (a === '--warmup') opts.warmup = int();
    else if (a === '--index') opts.index = int();
    else if (a === '--only') opts.only = value();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--timeout') opts.timeout = Number(value());
    else throw new Error(`unknown option ${a}\nusage: node bench/accounts.mjs [--count 1000] [--seed N] [--runs 50] [--warmup 10] [--index 0] [--only batch|single] [--keep] [--timeout S]`);
  }
  for (const k of ['count', 'runs']) if (!Number.isInteger(opts[k]) || opts[k] <= 0) throw new Error(`--${k}: a positive integer`);
  for (const k of ['seed', 'warmup', 'index']) if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k}: a non-negative integer`);
  if (opts.only !== null && opts.only !== 'batch' && opts.only !== 'single') throw new Error('--only: batch or single');
  return opts;
}

/** The corpus of this size and seed: reused when its marker matches, else generated afresh. */
function corpus(base, count, seed) {
  const generator = `accounts-${ACCOUNTS_GENERATOR_VERSION}`;
  return cachedCorpus({ base, name: `${generator}-seed${seed}-n${count}`, generator, count, seed, generate: generateAccountsCorpus });
}

async function batch(opts) {
  const base = join(tmpdir(), 'jixiao-bench');
  mkdirSync(base, { recursive: true });
  const c = corpus(base, opts.count, opts.seed);
  const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8'));
  const faults = FAULT_KINDS.map((k) => `${c.marker.faults[k] ?? 0} ${k}`).join(', ');
  console.log(`  ${Object.values(c.marker.faults).reduce((a, b) => a + b, 0)} faulty files (${faults}), ${expected.length} expected findings`);
  process.stdout.write(`check ${opts.count}: running the CLI … `);
  const run = await runCli(join(c.dir, 'files'), c.dir, opts.timeout);
  console.log(`${run.wall.toFixed(2)} s, exit ${run.code ?? run.signal}`);
  const verdict = verifyRun(run, expected, join(c.dir, 'files'), opts.timeout, join(c.dir, 'expected.json'));
  if (!Number.isFinite(run.rssKB)) console.log('  (no peak RSS reported: the reporter did not run)');
  if (!opts.keep && !c.reused) rmSync(c.dir, { recursive: true, force: true });
  else console.log(`  corpus kept: ${c.dir}`);
  return { files: opts.count, bytes: c.marker.bytes, wall: run.wall, rssKB: run.rssKB, findings: verdict.findings, expected: expected.length, ok: !verdict.failed };
}

const ms = (ns) => Number(ns) / 1e6;
const nearestRank = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** One clean document checked in this process as the CLI checks a file: median of `runs`. */
async function single(opts) {
  const core = await import('@jixiao/core');
  const doc = generateAccountsDocument({ seed: opts.seed, index: opts.index });
  const file = join(tmpdir(), 'jixiao-bench', doc.name);
  // The CLI's rules and settings for a file with no jixiao.config.yaml: the bundled packs, defaults.
  const resolved = core.defaultResolvedConfig(tmpdir());
  const selection = core.selectRules(resolved, core.loadPacks(core.findRulesDir()));
  const rules = selection.rules;
  const config = resolved.check;
  const knownIds = new Set(rules.map((r) => r.id));
  const options = { rules, severityOf: selection.severityOf, config };
  const once = async () => {
    const t0 = process.hrtime.bigint();
    const loaded = core.checkText(file, doc.text);
    const t1 = process.hrtime.bigint();
    const outcome = core.checkLoaded(loaded, rules, config, knownIds, false);
    const [result] = await core.finishGroup([outcome], options);
    const t2 = process.hrtime.bigint();
    return { load: t1 - t0, total: t2 - t0, findings: result.findings };
  };
  const first = await once();
  if (first.findings.length > 0) {
    console.log(`  ✗ the clean document draws ${first.findings.length} finding(s):`);
    for (const f of first.findings.slice(0, 10)) console.log(`    ${f.ruleId}  ${f.path ?? '(no path)'}  ${f.severity}`);
    return { ok: false, doc };
  }
  for (let i = 1; i < opts.warmup; i++) await once();
  const totals = [];
  const loads = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await once();
    totals.push(ms(r.total));
    loads.push(ms(r.load));
  }
  totals.sort((a, b) => a - b);
  loads.sort((a, b) => a - b);
  return { ok: true, doc, median: nearestRank(totals, 0.5), p95: nearestRank(totals, 0.95), min: totals[0], loadMedian: nearestRank(loads, 0.5) };
}

async function main() {
  const { opts, code } = optionsOrExit(parseArgs, process.argv.slice(2));
  if (!opts) return code;
  let failed = false;
  let b = null;
  let s = null;
  console.log('final accounts (kind: final-accounts)');
  if (opts.only !== 'single') {
    b = await batch(opts);
    if (!b.ok) failed = true;
  }
  if (opts.only !== 'batch') {
    process.stdout.write(`single document: ${opts.warmup} warm-up + ${opts.runs} measured runs in process … `);
    s = await single(opts);
    console.log(s.ok ? 'done' : 'FAILED');
    if (!s.ok) failed = true;
  }
  console.log('');
  if (b) {
    const cells = [
      ['files', String(b.files)],
      ['total MB', (b.bytes / MiB).toFixed(1)],
      ['wall s', b.wall.toFixed(2)],
      ['files/s', b.wall > 0 ? (b.files / b.wall).toFixed(1) : '-'],
      ['peak RSS MB', Number.isFinite(b.rssKB) ? (b.rssKB / 1024).toFixed(0) : '?'],
      ['findings', b.findings === null ? '-' : `${b.findings} / ${b.expected}`],
      ['verified', b.ok ? '✓' : '✗'],
    ];
    const widths = cells.map(([h, v]) => Math.max(h.length, v.length));
    console.log(cells.map(([h], i) => h.padStart(widths[i])).join('  '));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(cells.map(([, v], i) => v.padStart(widths[i])).join('  '));
    console.log('');
  }
  if (s) {
    const d = s.doc;
    console.log(`single document (${d.name}: ${d.tableRows} table rows, ${d.statements} statements, ${d.lines} lines, ${(Buffer.byteLength(d.text) / 1024).toFixed(0)} KB):`);
    if (s.ok) {
      console.log(`  check median ${s.median.toFixed(1)} ms (p95 ${s.p95.toFixed(1)}, min ${s.min.toFixed(1)}; of which load (parse + schema) ${s.loadMedian.toFixed(1)} ms)`);
      console.log(`  target < ${TARGET_MS} ms (reported, not enforced): ${s.median < TARGET_MS ? 'met' : 'NOT met'}`);
    }
  }
  console.log(failed ? '\nverification FAILED' : '\nverification passed');
  return failed ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 2;
  },
);
