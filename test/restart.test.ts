/**
 * bin/jixiao.js starts `check` once more with V8 flags (see its header): --single-threaded-gc always;
 * over a folder also a small young generation for the main thread (--max-semi-space-size=2, which
 * only deals files out and writes what comes back: bench/README.md); for files named one by one, which
 * the main thread checks itself, and for `-j 1`, V8's default. A preloaded module records the restarted
 * process's flags; the output is the same as without the restart. The small young generation is
 * cleared before workers start (core's parallel/young-generation.ts), so they get their own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
let dir: string;
let preload: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-restart-'));
  cpSync(join(root, 'fixtures/zaozhuang-2023'), join(dir, 'docs'), { recursive: true, filter: (f) => !f.endsWith('.md') });
  preload = join(dir, 'flags.mjs');
  // Appends the flags of each process it is loaded into (the launcher and the one it starts) as a JSON line.
  writeFileSync(preload, "import { appendFileSync } from 'node:fs';\nimport { isMainThread } from 'node:worker_threads';\nif (isMainThread) appendFileSync(process.env.FLAGS_FILE, JSON.stringify(process.execArgv.filter((a) => !a.startsWith('--import') && !a.startsWith('file:'))) + '\\n');\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function flagsOf(args: string[], name: string): Promise<{ launches: string[][]; stdout: string; status: number | null }> {
  const flagsFile = join(dir, `${name}.flags`);
  const r = await runProcess(process.execPath, ['--import', pathToFileURL(preload).href, bin, 'check', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, FLAGS_FILE: flagsFile }, timeout: 120_000 });
  const launches = readFileSync(flagsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
  return { launches, stdout: r.stdout, status: r.status };
}

async function unrestarted(args: string[]) {
  const r = await runProcess(process.execPath, [bin, 'check', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, JIXIAO_NO_RESTART: '1' }, timeout: 120_000 });
  return { stdout: r.stdout, status: r.status };
}

describe('jixiao check starts once more with V8 flags', () => {
  it('over a folder: --single-threaded-gc and a small young generation for the main thread; the same findings as without', async () => {
    const args = ['docs', '--format', 'json'];
    const run = await flagsOf(args, 'folder');
    expect(run.launches).toEqual([[], ['--single-threaded-gc', '--max-semi-space-size=2']]);
    const plain = await unrestarted(args);
    expect(run.status).toBe(plain.status);
    expect(run.stdout).toBe(plain.stdout);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('for files named one by one (an option’s value such as `json` names none): V8’s default young generation', async () => {
    const args = ['docs/evaluation-12345-finance.yaml', 'docs/self-evaluation-office-operating.yaml', '--format', 'json'];
    const run = await flagsOf(args, 'files');
    expect(run.launches).toEqual([[], ['--single-threaded-gc']]);
    const plain = await unrestarted(args);
    expect(run.stdout).toBe(plain.stdout);
  });

  it('with -j 1 over a folder (the main thread checks every file): V8’s default young generation', async () => {
    for (const [i, jobs] of [['-j', '1'], ['--jobs=1'], ['-j1']].entries()) {
      const args = ['docs', ...jobs, '--format', 'json'];
      const run = await flagsOf(args, `one-thread-${i}`);
      expect(run.launches).toEqual([[], ['--single-threaded-gc']]);
      expect(run.stdout).toBe((await unrestarted(args)).stdout);
    }
  });
});

describe('the main thread’s --max-semi-space-size does not cap the workers’ young generation', () => {
  // A worker asking for a 16 MB young generation allocates garbage and reports the largest new space it reached.
  const probe = (release: boolean) => `
import { Worker } from 'node:worker_threads';
import { releaseSemiSpaceFlag } from ${JSON.stringify(pathToFileURL(join(root, 'packages/core/dist/parallel/young-generation.js')).href)};
if (${release}) releaseSemiSpaceFlag();
const code = "const v8 = require('node:v8'); let max = 0; let keep = []; for (let i = 0; i < 200000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; if (i % 1000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); } require('node:worker_threads').parentPort.postMessage(max);";
const worker = new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
worker.on('message', (max) => { console.log(JSON.stringify({ worker: max })); worker.terminate(); });
`;
  async function newSpaceMb(release: boolean): Promise<number> {
    const file = join(dir, `probe-${release}.mjs`);
    writeFileSync(file, probe(release));
    const r = await runProcess(process.execPath, ['--max-semi-space-size=2', file], { timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { worker: number }).worker / 2 ** 20;
  }

  it('under the flag a worker’s new space stays at 2 × 2 MB; released, it grows to the 16 MB it asked for', async () => {
    expect(await newSpaceMb(false)).toBeLessThanOrEqual(4);
    expect(await newSpaceMb(true)).toBeGreaterThan(8);
  });
});
