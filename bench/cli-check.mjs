/**
 * Running the built `jixiao check` on a corpus and comparing its findings with a manifest: shared
 * by bench/run.mjs (evaluation reports) and bench/accounts.mjs (final accounts).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..');
export const cliBin = join(root, 'packages/cli/bin/jixiao.js');
export const cliDist = join(root, 'packages/cli/dist/cli.js');
const reporter = pathToFileURL(join(here, 'rss-reporter.mjs')).href;

export const MiB = 1024 * 1024;

/**
 * Runs `node --import rss-reporter.mjs jixiao.js check <target> --format json`, stdout and stderr
 * to files in `work`; resolves with wall time (spawn to exit), exit code, peak RSS (KB, summed over
 * the processes the CLI starts) and the output files.
 */
export function runCli(target, work, timeoutSeconds) {
  const stdoutFile = join(work, 'stdout.json');
  const stderrFile = join(work, 'stderr.txt');
  const rssFile = join(work, 'maxrss.txt');
  rmSync(rssFile, { force: true });
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', reporter, cliBin, 'check', target, '--format', 'json'], {
      cwd: root,
      env: { ...process.env, JIXIAO_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', out, err],
    });
    let timedOut = false;
    const timer = timeoutSeconds > 0 ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutSeconds * 1000) : null;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (timer) clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      const rssKB = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').reduce((a, l) => a + Number(l), 0) : NaN;
      resolvePromise({ wall, code, signal, timedOut, rssKB, stdoutFile, stderrFile });
    });
  });
}

export const keyOf = (f) => [f.file, f.ruleId, f.path ?? null, f.severity].join('\u0000');
export const showKey = (k) => {
  const [file, ruleId, path, severity] = k.split('\u0000');
  return `${file}  ${ruleId}  ${path === '' ? '(no path)' : path}  ${severity}`;
};

/** Multiset difference of expected and actual findings. */
export function compare(expected, actual) {
  const counts = new Map();
  for (const f of expected) counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
  const unexpected = [];
  for (const f of actual) {
    const k = keyOf(f);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else unexpected.push(k);
  }
  const missing = [];
  for (const [k, n] of counts) for (let i = 0; i < n; i++) missing.push(k);
  return { missing, unexpected };
}

/**
 * Checks a CLI run against the manifest: `{ failed, findings }` (findings: how many the CLI
 * reported, null when its output was unusable); prints what went wrong.
 */
export function verifyRun(run, expected, filesDir, timeoutSeconds, manifest = 'the manifest') {
  const stderr = readFileSync(run.stderrFile, 'utf8');
  const tail = () => {
    if (stderr.trim()) console.log(stderr.trim().split('\n').slice(-15).map((l) => `    ${l}`).join('\n'));
  };
  if (run.timedOut || (run.code !== 0 && run.code !== 1)) {
    console.log(`  ✗ the CLI failed (${run.timedOut ? `killed after ${timeoutSeconds} s` : `exit ${run.code ?? run.signal}`})`);
    tail();
    return { failed: true, findings: null };
  }
  let findings;
  try {
    findings = JSON.parse(readFileSync(run.stdoutFile, 'utf8'));
    if (!Array.isArray(findings)) throw new Error('not an array');
  } catch (e) {
    console.log(`  ✗ stdout is not a JSON array of findings (${e.message})`);
    tail();
    return { failed: true, findings: null };
  }
  const actual = findings.map((f) => ({ ...f, file: relative(filesDir, resolve(root, f.file)) }));
  const { missing, unexpected } = compare(expected, actual);
  if (missing.length === 0 && unexpected.length === 0) return { failed: false, findings: actual.length };
  console.log(`  ✗ findings differ from ${manifest}: ${missing.length} missing, ${unexpected.length} unexpected`);
  for (const k of missing.slice(0, 20)) console.log(`    missing     ${showKey(k)}`);
  if (missing.length > 20) console.log(`    … ${missing.length - 20} more missing`);
  for (const k of unexpected.slice(0, 20)) console.log(`    unexpected  ${showKey(k)}`);
  if (unexpected.length > 20) console.log(`    … ${unexpected.length - 20} more unexpected`);
  return { failed: true, findings: actual.length };
}

/**
 * A corpus of this size and seed under `base/<name>`: reused when its marker (corpus.json, written
 * last by the generator) matches `generator`, seed and count, else generated afresh by `generate`.
 */
export function cachedCorpus({ base, name, generator, count, seed, generate }) {
  const dir = join(base, name);
  const markerFile = join(dir, 'corpus.json');
  if (existsSync(markerFile)) {
    try {
      const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
      if (marker.generator === generator && marker.seed === seed && marker.count === count) {
        console.log(`corpus ${count}: reusing ${dir}`);
        return { dir, marker, reused: true };
      }
    } catch {
      // regenerate
    }
  }
  const started = process.hrtime.bigint();
  process.stdout.write(`corpus ${count}: generating into ${dir} … `);
  const marker = generate({ dir, count, seed });
  console.log(`${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  return { dir, marker, reused: false };
}

/** A benchmark's options, or the exit code 2 when they are wrong or the CLI is not built (said on stderr). */
export function optionsOrExit(parseArgs, argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(e.message);
    return { code: 2 };
  }
  if (!existsSync(cliDist)) {
    console.error(`${relative(process.cwd(), cliDist)} is missing: build first (pnpm build), or run pnpm bench`);
    return { code: 2 };
  }
  return { opts };
}
