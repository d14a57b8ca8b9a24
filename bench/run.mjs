#!/usr/bin/env node
/**
 * Benchmark of `jixiao check` on synthetic corpora (issue 3).
 *
 * Builds nothing: run it after `tsc -b` (`pnpm bench` does both). For each size it generates (or
 * reuses) a corpus under os.tmpdir(), runs the built CLI as a child process
 * (`node packages/cli/bin/jixiao.js check <dir> --format json`), measures wall time and the child's
 * peak RSS (through bench/rss-reporter.mjs, preloaded with --import), and verifies the findings
 * against the generator's manifest. A verification mismatch (or a CLI failure: exit code other than
 * 0/1, no parsable JSON) fails the run; the performance bars are only reported.
 *
 * Options: --sizes 1000,10000   corpus sizes (files)
 *          --seed N             generator seed (default: corpus.mjs DEFAULT_SEED)
 *          --keep               keep the corpora and the CLI's output after the run (a later run
 *                               with the same sizes and seed reuses them)
 *          --timeout S          kill the CLI after S seconds (default: no limit)
 */
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedCorpus, MiB, optionsOrExit, runCli, verifyRun } from './cli-check.mjs';
import { DEFAULT_SEED, GENERATOR_VERSION, generateCorpus } from './corpus.mjs';

const BARS = { files: 10000, wallSeconds: 20, rssMB: 400 };

function parseArgs(argv) {
  const opts = { sizes: [1000, 10000], seed: DEFAULT_SEED, keep: false, timeout: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes') opts.sizes = value().split(',').map((s) => Number(s.trim().replace(/_/g, '')));
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--keep') opts.keep = true;
    else if (a === '--timeout') opts.timeout = Number(value());
    else throw new Error(`unknown option ${a}\nusage: node bench/run.mjs [--sizes 1000,10000] [--seed N] [--keep] [--timeout S]`);
  }
  if (opts.sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes: positive integers, comma-separated');
  if (!Number.isInteger(opts.seed)) throw new Error('--seed: an integer');
  return opts;
}

/** The corpus of this size and seed: reused when its marker matches, else generated afresh. */
function corpus(base, count, seed) {
  return cachedCorpus({ base, name: `v${GENERATOR_VERSION}-seed${seed}-n${count}`, generator: GENERATOR_VERSION, count, seed, generate: generateCorpus });
}

function table(rows) {
  const head = ['files', 'total MB', 'wall s', 'files/s', 'peak RSS MB', 'findings', 'verified'];
  const body = rows.map((r) => [
    String(r.files),
    (r.bytes / MiB).toFixed(1),
    r.wall.toFixed(2),
    r.wall > 0 ? Math.round(r.files / r.wall).toString() : '-',
    Number.isFinite(r.rssKB) ? (r.rssKB / 1024).toFixed(0) : '?',
    r.findings === null ? '-' : `${r.findings} / ${r.expected}`,
    r.ok ? '✓' : '✗',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main() {
  const { opts, code } = optionsOrExit(parseArgs, process.argv.slice(2));
  if (!opts) return code;
  const base = join(tmpdir(), 'jixiao-bench');
  mkdirSync(base, { recursive: true });
  const rows = [];
  let failed = false;
  for (const size of opts.sizes) {
    const c = corpus(base, size, opts.seed);
    const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8'));
    process.stdout.write(`check ${size}: running the CLI … `);
    const run = await runCli(join(c.dir, 'files'), c.dir, opts.timeout);
    console.log(`${run.wall.toFixed(2)} s, exit ${run.code ?? run.signal}`);
    const row = { files: size, bytes: c.marker.bytes, wall: run.wall, rssKB: run.rssKB, findings: null, expected: expected.length, ok: false };
    rows.push(row);
    const verdict = verifyRun(run, expected, join(c.dir, 'files'), opts.timeout, join(c.dir, 'expected.json'));
    row.findings = verdict.findings;
    row.ok = !verdict.failed;
    if (verdict.failed) failed = true;
    if (!Number.isFinite(run.rssKB)) console.log('  (no peak RSS reported: the reporter did not run)');
    if (!opts.keep && !c.reused) rmSync(c.dir, { recursive: true, force: true });
  }
  console.log('');
  table(rows);
  console.log('');
  const big = rows.find((r) => r.files === BARS.files);
  if (big) {
    const wallMet = big.wall < BARS.wallSeconds;
    const rssMB = big.rssKB / 1024;
    const rssMet = Number.isFinite(rssMB) && rssMB < BARS.rssMB;
    console.log(`bars (${BARS.files.toLocaleString('en')} files, reported, not enforced):`);
    console.log(`  wall < ${BARS.wallSeconds} s        ${big.wall.toFixed(2)} s   ${wallMet ? 'met' : 'NOT met'}`);
    console.log(`  peak RSS < ${BARS.rssMB} MB  ${Number.isFinite(rssMB) ? `${rssMB.toFixed(0)} MB` : '?'}   ${rssMet ? 'met' : 'NOT met'}`);
  } else {
    console.log(`bars (${BARS.files.toLocaleString('en')} files: wall < ${BARS.wallSeconds} s, peak RSS < ${BARS.rssMB} MB): not measured (add ${BARS.files} to --sizes)`);
  }
  if (opts.keep) console.log(`corpora kept under ${base}`);
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
