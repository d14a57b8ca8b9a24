/**
 * bin/jixiao.js starts `check` once more with V8 flags (see its header): --single-threaded-gc always;
 * over a folder also a small young generation for the main thread (--max-semi-space-size=2, which
 * only deals files out and writes what comes back: bench/README.md); for files named one by one, which
 * the main thread checks itself, V8's default. A preloaded module records the restarted process's
 * flags; the output is the same as without the restart.
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
});
