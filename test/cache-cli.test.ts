/**
 * `jixiao check --cache` end to end through the built binary (spawned asynchronously): on a copy of
 * fixtures, each cached run's output equals an uncached run's after the files or the config change
 * (an edit, a rename, a deletion, a new config), in every output format and exit code; a corrupt,
 * huge, linked or foreign cache file is ignored without a word and rewritten as a regular file,
 * never followed; nothing of a file outside the working directory is kept.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-cache-cli-'));
  cpSync(join(root, 'fixtures/zaozhuang-2023'), join(dir, 'zaozhuang'), { recursive: true, filter: (f) => !f.endsWith('.md') });
  cpSync(join(root, 'fixtures/daying-justice-2023'), join(dir, 'daying'), { recursive: true, filter: (f) => !f.endsWith('.md') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function check(args: string[], cwd = dir) {
  const r = await runProcess(process.execPath, [bin, 'check', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, JIXIAO_NO_RESTART: '1' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The uncached and the cached run of the same arguments: their outputs and exit codes must be the same. */
async function same(args: string[] = ['.', '--format', 'json'], cacheArgs: string[] = ['--cache']) {
  const plain = await check(args);
  const cached = await check([...args, ...cacheArgs]);
  expect(cached.stderr).toBe(plain.stderr);
  expect(cached.status).toBe(plain.status);
  expect(cached.stdout).toBe(plain.stdout);
  return plain;
}

const cacheFile = () => join(dir, '.jixiaocache');
const cacheKeys = () => readFileSync(cacheFile(), 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l.slice(0, l.indexOf('\t'))) as string | [string, string]);
/** The files with an entry (a project's entry has [settings, project id] for its key). */
const cachedPaths = () => cacheKeys().filter((k): k is string => typeof k === 'string');
const cachedProjects = () => cacheKeys().flatMap((k) => (typeof k === 'string' ? [] : [k[1]])).sort();

describe('jixiao check --cache', () => {
  it('gives the same findings as an uncached run, cold and warm, after an edit, a rename, a deletion and a config change', async () => {
    const first = await same();
    expect(JSON.parse(first.stdout).length).toBeGreaterThan(0);
    expect(existsSync(cacheFile())).toBe(true);
    expect(cachedPaths().length).toBeGreaterThan(5);
    // Warm: every file from the cache (so the cache file is not even written again).
    const ino = lstatSync(cacheFile()).ino;
    await same();
    expect(lstatSync(cacheFile()).ino).toBe(ino);
    for (const format of ['stylish', 'compact', 'jsonl', 'sarif', 'github', 'gitlab']) await same(['.', '--format', format]);
    await same(['.', '--format', 'json', '--locale', 'en', '--quiet']);

    // An edit: a score changed (its own findings and the cross-document ones of its project change).
    const edited = join(dir, 'zaozhuang/evaluation-12345-finance.yaml');
    const text = readFileSync(edited, 'utf8');
    const changed = text.replace(/score: (\d+)(\.\d+)?/, (_m, n: string) => `score: ${Number(n) - 7}`);
    expect(changed).not.toBe(text);
    writeFileSync(edited, changed);
    const afterEdit = await same();
    expect(afterEdit.stdout).not.toBe(first.stdout);
    await same();

    // A rename: the old path's entry goes, the new one's is made.
    renameSync(join(dir, 'daying/self-evaluation-a.yaml'), join(dir, 'daying/renamed.yaml'));
    await same();
    expect(cachedPaths()).toContain('daying/renamed.yaml');
    expect(cachedPaths()).not.toContain('daying/self-evaluation-a.yaml');

    // A deletion.
    unlinkSync(join(dir, 'zaozhuang/evaluation-12345-department.yaml'));
    await same();
    expect(cachedPaths()).not.toContain('zaozhuang/evaluation-12345-department.yaml');

    // A config: the same files, other settings (grade bands, a severity).
    const before = (await check(['.', '--format', 'json'])).stdout;
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'grades:\n  bands:\n    - { grade: 优, min: 99 }\n    - { grade: 良, min: 80 }\n    - { grade: 中, min: 60 }\n    - { grade: 差, min: 0 }\nrules:\n  style/*: off\n');
    const withConfig = await same();
    expect(withConfig.stdout).not.toBe(before);
    await same();
    // And back.
    unlinkSync(join(dir, 'jixiao.config.yaml'));
    await same();
  }, 240_000);

  it('ignores a corrupt, huge, foreign or linked cache file without a word, rewrites it, and never follows the link', async () => {
    const plain = await check(['.', '--format', 'json']);
    const outside = join(dir, 'outside.txt');
    const cases: [string, () => void][] = [
      ['garbage', () => writeFileSync(cacheFile(), '\u0000\u0001garbage\n{"format":"jixiao-cache/2","settings":"x"}\n"a"\t{')],
      ['wrong format', () => writeFileSync(cacheFile(), JSON.stringify({ format: 'jixiao-cache/1', settings: 'x', entries: {} }))],
      ['json of another shape', () => writeFileSync(cacheFile(), '[1,2,3]\n"zaozhuang/summary.yaml"\t{"settings":1}\n')],
      ['huge', () => {
        writeFileSync(cacheFile(), '');
        truncateSync(cacheFile(), 600 * 1024 * 1024);
      }],
      ['a link', () => {
        writeFileSync(outside, 'not yours');
        symlinkSync(outside, cacheFile());
      }],
      ['a dangling link', () => symlinkSync(join(dir, 'nowhere', 'x'), cacheFile())],
    ];
    for (const [name, plant] of cases) {
      rmSync(cacheFile(), { force: true });
      plant();
      const r = await check(['.', '--format', 'json', '--cache']);
      expect({ name, stderr: r.stderr, status: r.status }).toEqual({ name, stderr: plain.stderr, status: plain.status });
      expect(r.stdout).toBe(plain.stdout);
      expect(lstatSync(cacheFile()).isFile()).toBe(true);
      expect(cachedPaths().length).toBeGreaterThan(5);
      // Warm again from the rewritten file.
      expect((await check(['.', '--format', 'json', '--cache'])).stdout).toBe(plain.stdout);
    }
    expect(readFileSync(outside, 'utf8')).toBe('not yours');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  }, 240_000);

  it('puts the cache where --cache-location says (a file, or .jixiaocache in a directory) and keeps no file outside the working directory', async () => {
    mkdirSync(join(dir, 'cachedir'));
    await same(['zaozhuang', '--format', 'json'], ['--cache-location', 'cachedir']);
    expect(existsSync(join(dir, 'cachedir/.jixiaocache'))).toBe(true);
    await same(['zaozhuang', '--format', 'json'], ['--cache-location', 'my-cache.txt']);
    expect(existsSync(join(dir, 'my-cache.txt'))).toBe(true);
    expect(existsSync(cacheFile())).toBe(false);

    // Run from a subdirectory: the files of ../daying are outside it, checked but never kept.
    const sub = join(dir, 'zaozhuang');
    const args = ['.', '../daying', '--format', 'json'];
    const plain = await check(args, sub);
    for (let i = 0; i < 2; i++) expect((await check([...args, '--cache'], sub)).stdout).toBe(plain.stdout);
    const text = readFileSync(join(sub, '.jixiaocache'), 'utf8');
    expect(text).toContain('summary.yaml');
    expect(text).not.toContain('daying');
  }, 240_000);

  it('reports a file that is not a jixiao document only when it is named, as without the cache', async () => {
    writeFileSync(join(dir, 'daying/workflow.yaml'), 'name: ci\non: push\n');
    for (let i = 0; i < 2; i++) {
      await same(['daying/workflow.yaml', 'daying', '--format', 'json']);
      await same(['daying', '--format', 'json']);
      await same(['.', '--format', 'json']);
    }
    expect((await check(['daying/workflow.yaml', '--format', 'json', '--cache'])).stdout).toContain('schema/format');
  }, 240_000);

  it('re-runs the cross-document phase only for the projects whose files changed, with the findings of an uncached run', async () => {
    // Three more projects of two evaluations each (a department's and a finance one: their scores and
    // budget figures differ), beside the fixtures (a summary whose entries and statements are about
    // other projects' documents).
    for (const n of [1, 2, 3]) {
      mkdirSync(join(dir, `p${n}`));
      for (const f of ['evaluation-12345-department', 'evaluation-12345-finance']) {
        const text = readFileSync(join(root, 'fixtures/zaozhuang-2023', `${f}.yaml`), 'utf8');
        writeFileSync(join(dir, `p${n}`, `${f}.yaml`), text.replaceAll('zaozhuang-2023-12345-hotline', `proj-${n}`));
      }
    }
    const debug = async (args: string[] = ['.', '--format', 'json']) => {
      const plain = await check(args);
      const r = await runProcess(process.execPath, [bin, 'check', ...args, '--cache'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, JIXIAO_NO_RESTART: '1', JIXIAO_DEBUG_CACHE: '1' }, timeout: 120_000 });
      expect(r.status).toBe(plain.status);
      expect(r.stdout).toBe(plain.stdout);
      const said = /phase 2: recomputed (\d+) of (\d+) projects/.exec(r.stderr);
      expect(said, r.stderr).not.toBeNull();
      expect(r.stderr.replace(/^jixiao cache: .*\n/gm, '')).toBe(plain.stderr);
      return { recomputed: Number(said?.[1]), projects: Number(said?.[2]), plain };
    };
    const first = await debug();
    const cross = (JSON.parse(first.plain.stdout) as { ruleId: string; file: string }[]).filter((f) => f.ruleId.startsWith('gaps/'));
    for (const n of [1, 2, 3]) expect(cross.some((f) => f.file.startsWith(`p${n}/`))).toBe(true);
    expect(first.recomputed).toBe(first.projects);
    const all = first.projects;
    expect(all).toBeGreaterThanOrEqual(6);
    expect(cachedProjects()).toEqual(expect.arrayContaining(['proj-1', 'proj-2', 'proj-3']));
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all });
    for (const format of ['stylish', 'jsonl', 'sarif']) expect(await debug(['.', '--format', format])).toMatchObject({ recomputed: 0, projects: all });

    // An edit of one file of proj-2: only proj-2 again.
    const edited = join(dir, 'p2/evaluation-12345-finance.yaml');
    const text = readFileSync(edited, 'utf8');
    writeFileSync(edited, text.replace(/score: (\d+)(\.\d+)?/, (_m, n: string) => `score: ${Number(n) - 9}`));
    const afterEdit = await debug();
    expect(afterEdit).toMatchObject({ recomputed: 1, projects: all });
    expect(afterEdit.plain.stdout).not.toBe(first.plain.stdout);
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all });

    // A rename in proj-1: proj-1 only.
    renameSync(join(dir, 'p1/evaluation-12345-department.yaml'), join(dir, 'p1/renamed.yaml'));
    expect(await debug()).toMatchObject({ recomputed: 1, projects: all });
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all });

    // A deletion in proj-3: proj-3 only; its entry stays, with one member.
    unlinkSync(join(dir, 'p3/evaluation-12345-department.yaml'));
    expect(await debug()).toMatchObject({ recomputed: 1, projects: all });
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all });

    // A project gone: its entry is dropped.
    rmSync(join(dir, 'p3'), { recursive: true });
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all - 1 });
    expect(cachedProjects()).not.toContain('proj-3');
    expect(cachedProjects()).toContain('proj-2');

    // A file of the fixtures with statements about other projects' documents (read again every run).
    const summary = join(dir, 'zaozhuang/summary.yaml');
    writeFileSync(summary, readFileSync(summary, 'utf8').replace(/score: (\d+)(\.\d+)?/, (_m, n: string) => `score: ${Number(n) - 3}`));
    const afterSummary = await debug();
    expect(afterSummary.recomputed).toBeGreaterThan(0);
    expect(afterSummary.recomputed).toBeLessThan(all - 1);
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all - 1 });

    // A project's stored findings tampered with: naming a file not among its members, the entry is not used.
    const lines = readFileSync(cacheFile(), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('[') && l.includes('"proj-2"'));
    expect(at).toBeGreaterThan(0);
    lines[at] = (lines[at] as string).replaceAll('"file":"p2/evaluation-12345-department.yaml"', '"file":"../secret.yaml"');
    writeFileSync(cacheFile(), lines.join('\n'));
    expect(await debug()).toMatchObject({ recomputed: 1, projects: all - 1 });

    // A member's record broken in the cache (read only when its project is checked again): made again
    // from its file, the findings those of an uncached run, and the entry goes.
    const dept = 'p2/evaluation-12345-department.yaml';
    const lines2 = readFileSync(cacheFile(), 'utf8').split('\n');
    const own = lines2.findIndex((l) => l.startsWith(`${JSON.stringify(dept)}\t`));
    expect(own).toBeGreaterThan(0);
    expect(lines2[own]).toMatch(/"text":"[\d.]+%?"/);
    lines2[own] = (lines2[own] as string).replace(/(\t[^\t]*)"text":"[\d.]+%?"/, '$1"text":"abc"');
    writeFileSync(cacheFile(), lines2.join('\n'));
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/score: (\d+)(\.\d+)?/, (_m, n: string) => `score: ${Number(n) - 2}`));
    expect(await debug()).toMatchObject({ recomputed: 1, projects: all - 1 });
    expect(cachedPaths()).not.toContain(dept);
    // The file is checked again (its content as before: its project's entry stands).
    expect(await debug()).toMatchObject({ recomputed: 0, projects: all - 1 });
    expect(cachedPaths()).toContain(dept);
  }, 240_000);

  it('leaves --help with both options', async () => {
    const zh = await runProcess(process.execPath, [bin, 'check', '--help'], { cwd: dir });
    expect(zh.stdout + zh.stderr).toContain('--cache-location');
  });
});
