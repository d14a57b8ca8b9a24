/**
 * Repositories nobody vetted (issue 11, items 2–3), through the built binary: no loop, link, FIFO,
 * device or glob hangs a run, a config found in the tree names no pack outside it, and no document
 * value can rewrite the terminal. Each case finishes with a positioned finding, never a stall.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
const ZHENGZHOU = readFileSync(join(root, 'fixtures/zhengzhou-12319-2022/evaluation.yaml'), 'utf8');

interface JsonFinding { ruleId: string; severity: string; message: string; file: string }

async function run(args: string[], cwd = root) {
  const r = await runProcess(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const base = (f: JsonFinding) => f.file.replace(/^.*[\\/]/, '');

describe('the directory walk', () => {
  it('follows no linked directory (current -> ., two links into each other): each file once', async () => {
    const dir = tempDir({ 'a/z.yaml': ZHENGZHOU, 'x/keep.txt': '', 'y/keep.txt': '' });
    symlinkSync('.', join(dir, 'a', 'current'));
    symlinkSync('../y', join(dir, 'x', 'l'));
    symlinkSync('../x', join(dir, 'y', 'l'));
    const r = await run(['check', dir, '--format', 'json']);
    const files = new Set((JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.file));
    expect([...files].map((f) => f.replace(dir, ''))).toEqual(['/a/z.yaml']);
  });

  it('reports a dangling link, a link loop and a FIFO with a document’s name instead of skipping or blocking on them', async () => {
    const dir = tempDir({ 'z.yaml': ZHENGZHOU });
    symlinkSync('nowhere.yaml', join(dir, 'dangling.yaml'));
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = await run(['check', dir, '--format', 'json']);
    expect(r.status).toBe(1);
    const io = (JSON.parse(r.stdout) as JsonFinding[]).filter((f) => f.ruleId === 'io/unreadable');
    expect(io.map(base).sort()).toEqual(['dangling.yaml', 'loop-a.yaml', 'loop-b.yaml', 'pipe.yaml']);
    expect(io.find((f) => base(f) === 'pipe.yaml')?.message).toContain('不是普通文件');
    // Named on the command line, a looping link is io/unreadable and exit 1, not an internal error.
    const named = await run(['check', join(dir, 'loop-a.yaml'), '--format', 'json']);
    expect(named.status).toBe(1);
    expect((JSON.parse(named.stdout) as JsonFinding[]).map((f) => f.ruleId)).toEqual(['io/unreadable']);
  });
});

describe('an untrusted config', () => {
  it('refuses an ignore glob whose matching would take minutes, as a positioned config finding', async () => {
    const long = 'a'.repeat(60);
    const dir = tempDir({ 'jixiao.config.yaml': 'ignore: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n', [`${long}/${long}.yaml`]: ZHENGZHOU });
    const r = await run(['check', dir, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('config/invalid');
    expect(r.stderr).toContain('glob too complex');
  });

  it('names no pack outside its own directory unless given with --config', async () => {
    const dir = tempDir({ 'repo/z.yaml': ZHENGZHOU, 'repo/jixiao.config.yaml': 'packs: [../elsewhere/style]\n' });
    mkdirSync(join(dir, 'elsewhere'));
    execFileSync('cp', ['-r', join(root, 'rules', 'style'), join(dir, 'elsewhere', 'style')]);
    const found = await run(['check', join(dir, 'repo'), '--format', 'json']);
    expect(found.status).toBe(2);
    expect(found.stderr).toContain('不在配置文件所在目录内');
    const given = await run(['check', join(dir, 'repo'), '--config', join(dir, 'repo', 'jixiao.config.yaml'), '--format', 'json']);
    expect(given.status).toBe(0);
  });

  it('reads no rule-pack file that is not a regular file (a link to /dev/zero), and prints no line of it', async () => {
    const dir = tempDir({ 'z.yaml': ZHENGZHOU, 'jixiao.config.yaml': 'packs: [./mine]\n', 'mine/pack.yaml': 'id: mine\nsummary: { zh: 我的, en: mine }\n' });
    symlinkSync('/dev/zero', join(dir, 'mine', 'zero.yaml'));
    const r = await run(['check', dir, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a regular file');
    expect(r.stderr.split('\n').length).toBeLessThan(10);
  });
});

describe('terminal output', () => {
  it('writes a document’s control characters as escapes: a value cannot erase its own line', async () => {
    const dir = tempDir({ 'esc.yaml': 'format: jixiao/1\nkind: self-evaluation\nindicators:\n  - { name: "x\\u001b[2K\\r0 errors", weight: 10, score: 11 }\n' });
    const r = await run(['check', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/[\u001b\r]/);
    expect(r.stdout).toContain('x\\x1b[2K\\x0d0 errors');
  });
});

describe('odd documents', () => {
  it('a blank or empty statement value is a finding at its place, and the file’s other findings stay', async () => {
    const dir = tempDir({ 'v.yaml': 'format: jixiao/1\nkind: evaluation\nbudget: { adjusted: 31, spent: 31, execution_rate: 90% }\nstatements:\n  - text: 全年预算数为 30.98 万元\n    figures:\n      - { value: , refers: budget.adjusted }\n      - { value: "", refers: budget.adjusted }\n' });
    const r = await run(['check', dir, '--format', 'json']);
    const found = JSON.parse(r.stdout) as (JsonFinding & { startLine: number })[];
    expect(found.filter((f) => f.ruleId === 'schema/missing-value').map((f) => f.startLine)).toEqual([7, 8]);
    expect(found.some((f) => f.ruleId === 'grades/execution-rate')).toBe(true);
    expect(found.some((f) => f.ruleId.startsWith('internal/'))).toBe(false);
  });

  it('a __proto__ project id or grade is an ordinary word', async () => {
    const dir = tempDir({ 'p.yaml': 'format: jixiao/1\nkind: evaluation\nproject: { id: __proto__ }\nresult: { score: 95, grade: __proto__ }\n' });
    const r = await run(['check', dir, '--format', 'json']);
    const found = JSON.parse(r.stdout) as JsonFinding[];
    expect(found.map((f) => f.ruleId)).toEqual(['grades/grade-band']);
    expect(found[0]?.message).toContain('“__proto__”');
  });
});

/** A dense evaluation document of about `mb` megabytes: one flow-mapping indicator per line. */
function denseDocument(mb: number): string {
  const parts = ['format: jixiao/1\nkind: evaluation\nscorecards:\n  - id: s\n    indicators:\n'];
  let size = 0;
  for (let n = 0; size < mb * 1024 * 1024; n++) {
    const part = `      - {name: 指标${n}, weight: 1, score: 1}\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('');
}

describe('a file’s budget', () => {
  // Budgets no machine can meet (10 ms for 2 MB, 64 MB of heap for a document that needs hundreds):
  // the test holds on a fast machine and a slow one alike.
  const dense = denseDocument(2);

  it('a file over its time budget gets limits/time, and the run goes on with the others', async () => {
    const dir = tempDir({ 'dense.yaml': dense, 'other.yaml': 'format: jixiao/1\nkind: evaluation\nresult: { score: 95, grade: 合格 }\n' });
    const r = await run(['check', dir, '--format', 'json', '--max-file-seconds', '0.01']);
    expect(r.status).toBe(1);
    const found = JSON.parse(r.stdout) as (JsonFinding & { startLine: number })[];
    const over = found.filter((f) => base(f) === 'dense.yaml');
    expect(over.map((f) => [f.ruleId, f.startLine])).toEqual([['limits/time', 1]]);
    expect(over[0]?.message).toBe('检查此文件超出时间预算（0.01 秒），检查未完成；可用 --max-file-seconds 放宽');
    // The run went on to the other file. A three-line file is checked well within 10 ms, but a loaded machine can
    // overrun even that (the budget is the run's, for every file): then it gets limits/time of its own.
    const others = found.filter((f) => base(f) === 'other.yaml').map((f) => f.ruleId);
    expect(others.includes('grades/grade-band') || (others.length === 1 && others[0] === 'limits/time')).toBe(true);
  }, 120_000);

  it('a file over its memory budget gets limits/memory, on one thread and with worker threads', async () => {
    const dir = tempDir({ 'dense.yaml': dense, 'other.yaml': 'format: jixiao/1\nkind: evaluation\nresult: { score: 95, grade: 合格 }\n' });
    for (const jobs of ['1', '2']) {
      const r = await run(['check', dir, '--format', 'json', '--locale', 'en', '--max-file-memory', '64', '--jobs', jobs]);
      expect(r.status).toBe(1);
      const found = JSON.parse(r.stdout) as JsonFinding[];
      expect(found.filter((f) => base(f) === 'dense.yaml').map((f) => [f.ruleId, f.message])).toEqual([
        ['limits/memory', 'checking this file needed more memory than its budget (64 MB) and was not finished; --max-file-memory raises it'],
      ]);
      expect(found.some((f) => base(f) === 'other.yaml' && f.ruleId === 'grades/grade-band')).toBe(true);
    }
  }, 240_000);

  it('within the default budget the same file is checked in full', async () => {
    const dir = tempDir({ 'dense.yaml': dense });
    const r = await run(['check', dir, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.status).toBe(0);
  }, 120_000);

  it('budgets are checked as usage: a bad value is exit 2 with the reason', async () => {
    const seconds = await run(['check', '.', '--max-file-seconds', '0']);
    expect([seconds.status, seconds.stderr.trim()]).toEqual([2, expect.stringContaining('--max-file-seconds：0？应为大于 0 的秒数')]);
    const memory = await run(['check', '.', '--max-file-memory', '10', '--locale', 'en']);
    expect([memory.status, memory.stderr.trim()]).toEqual([2, expect.stringContaining('--max-file-memory: 10?  (whole megabytes ≥ 64)')]);
  });
});

describe('the cooperative deadline of a file checked on the calling thread', () => {
  it('stops loading or the rules at the deadline with limits/time, and keeps the findings made before', async () => {
    const { checkGroup, findRulesDir, loadPacks } = await import('@jixiao/core');
    const dir = tempDir({ 'z.yaml': ZHENGZHOU });
    const rules = loadPacks(findRulesDir());
    const [spent] = await checkGroup([join(dir, 'z.yaml')], { rules, budget: { seconds: 0, megabytes: 4096 } });
    expect(spent!.findings.map((f) => [f.ruleId, f.range?.start.line])).toEqual([['limits/time', 1]]);
    const [full] = await checkGroup([join(dir, 'z.yaml')], { rules, budget: { seconds: 120, megabytes: 4096 } });
    expect(full!.findings.map((f) => f.ruleId)).toContain('claims/count-items');
  });
});
