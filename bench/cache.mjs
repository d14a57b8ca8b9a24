/**
 * The check cache's benchmark (`pnpm bench:cache`, issue 13): the built CLI as a child process
 * (`node packages/cli/bin/jixiao.js check files --format json`, working directory a copy of the
 * corpus) without the cache, then with `--cache` cold (no cache file), warm (nothing changed), after
 * one file was only touched (new mtime, same bytes), and after one file was edited (a score changed:
 * its own and its project's findings change), each against an uncached run of the same files.
 * Prints each run's wall time (spawn to exit), whether its output is byte-identical to the
 * uncached run's and, for a cached run, how many projects its cross-document phase checked again
 * (JIXIAO_DEBUG_CACHE=1: `phase 2: recomputed N of M projects`; the others took their stored findings). Exit 1 when any output differs or the CLI fails; the target (10,000 unchanged files
 * in ≤ 1 s wall) is reported, never enforced.
 *
 * Options: --count N (default 10000), --seed N, --keep (keep the working copy), --timeout S.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedCorpus, cliBin } from './cli-check.mjs';
import { arg, DEFAULT_SEED, GENERATOR_VERSION, generateCorpus } from './corpus.mjs';

const argv = process.argv.slice(2);
const count = Number(arg(argv, '--count', '10000'));
const seed = Number(arg(argv, '--seed', String(DEFAULT_SEED)));
const timeout = Number(arg(argv, '--timeout', '900'));
const keep = argv.includes('--keep');

const base = join(tmpdir(), 'jixiao-bench');
const { dir } = cachedCorpus({ base, name: `v${GENERATOR_VERSION}-seed${seed}-n${count}`, generator: GENERATOR_VERSION, count, seed, generate: (o) => generateCorpus(o) });
const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-cache-'));
cpSync(join(dir, 'files'), join(work, 'files'), { recursive: true });

/** One run: wall time, exit code and stdout (a file in `work`). */
function run(name, extra) {
  const outFile = join(work, `${name}.json`);
  const errFile = join(work, `${name}.stderr.txt`);
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const env = extra.includes('--cache') ? { ...process.env, JIXIAO_DEBUG_CACHE: '1' } : process.env;
    const child = spawn(process.execPath, [cliBin, 'check', 'files', '--format', 'json', ...extra], { cwd: work, stdio: ['ignore', out, err], env });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout * 1000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      resolve({ name, wall, code, signal, stdout: readFileSync(outFile, 'utf8'), stderr: readFileSync(errFile, 'utf8') });
    });
  });
}

let failed = false;
const show = (r, reference) => {
  const ok = (r.code === 0 || r.code === 1) && r.stdout === reference.stdout && r.code === reference.code;
  if (!ok) failed = true;
  const findings = (() => {
    try {
      return JSON.parse(r.stdout).length;
    } catch {
      return NaN;
    }
  })();
  const debug = /^jixiao cache: (.*)$/gm;
  const phase2 = [...r.stderr.matchAll(debug)].map((m) => m[1]).join('; ');
  console.log(`  ${r.name.padEnd(22)} ${r.wall.toFixed(2).padStart(7)} s   exit ${r.code ?? r.signal}   ${String(findings).padStart(6)} findings   ${reference === r ? '(reference)' : ok ? 'identical to the uncached run' : '✗ DIFFERS from the uncached run'}${phase2 ? `   (${phase2})` : ''}`);
  const rest = r.stderr.replace(debug, '').trim();
  if (rest) console.log(rest.split('\n').slice(-5).map((l) => `      ${l}`).join('\n'));
};

const files = readdirSync(join(work, 'files')).sort();
console.log(`${files.length} files, working copy ${work}`);
const plain = await run('uncached', []);
show(plain, plain);
const cold = await run('cache cold', ['--cache']);
show(cold, plain);
console.log(`  cache file: ${(statSync(join(work, '.jixiaocache')).size / 1024 / 1024).toFixed(1)} MiB`);
const warm = await run('cache warm', ['--cache']);
show(warm, plain);
const warm2 = await run('cache warm (again)', ['--cache']);
show(warm2, plain);
// Touched: a new mtime, the same bytes (read and hashed, still a hit).
const touched = join(work, 'files', files[0]);
utimesSync(touched, new Date(), new Date(Date.now() + 5000));
show(await run('cache, 1 file touched', ['--cache']), plain);
// Edited: a score of one file changed (its own findings and its project's cross-document ones).
const edited = join(work, 'files', files[Math.floor(files.length / 2)]);
const text = readFileSync(edited, 'utf8');
writeFileSync(edited, text.replace(/score: (\d+)(\.\d+)?/, (_m, n) => `score: ${Number(n) - 7}`));
const plainAfter = await run('uncached, 1 edited', []);
show(plainAfter, plainAfter);
console.log(`  (edited ${files[Math.floor(files.length / 2)]}: the uncached findings ${plainAfter.stdout === plain.stdout ? 'did not change' : 'changed'})`);
show(await run('cache, 1 file edited', ['--cache']), plainAfter);
show(await run('cache warm after edit', ['--cache']), plainAfter);
console.log(`target: ${count} unchanged files in ≤ 1 s wall: warm ${Math.min(warm.wall, warm2.wall).toFixed(2)} s (reported, not enforced)`);

if (!keep) rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
