/**
 * No input hangs a run (issue 11, item 2): the documents that once took many seconds, or crashed,
 * each checked by the built binary, each with the exact findings it must give. The time is never
 * asserted (a CI machine may be slow and busy); the per-test timeout is only a guard against a hang.
 * The links, FIFOs, devices and globs of a hostile repository are in hostile.test.ts; the alias bomb,
 * deep nesting and big files through the library in bad-input.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
/** A guard against a hang, not a measure: each case finishes in seconds. */
const GUARD = 120_000;

interface Placed { ruleId: string; line: number; column: number; message: string }

const dir = mkdtempSync(join(tmpdir(), 'jixiao-hangs-'));
let counter = 0;
function file(text: string): string {
  const name = join(dir, `case-${++counter}.yaml`);
  writeFileSync(name, text);
  return name;
}

/** `jixiao check <file> --no-config` with compact output (one line per finding, for files with many findings). */
async function check(name: string, ...args: string[]): Promise<{ status: number | null; findings: Placed[] }> {
  const r = await runProcess(process.execPath, [bin, 'check', name, '--no-config', '--format', 'compact', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stderr).not.toMatch(/\n\s+at |RangeError|Maximum call stack/);
  const findings = r.stdout.split('\n').filter((l) => l !== '').map((l) => {
    const m = /^.*?:(\d+):(\d+): (?:error|warning|info): ([^]*) \[([^\]]+)\]$/.exec(l);
    if (!m) throw new Error(`not a compact line: ${l.slice(0, 200)}`);
    return { ruleId: m[4]!, line: Number(m[1]), column: Number(m[2]), message: m[3]! };
  });
  return { status: r.status, findings };
}

const at = (f: Placed) => `${f.ruleId} ${f.line}:${f.column}`;
/** The lines of a rule's findings, each once, in order. */
const linesOf = (found: readonly Placed[], ruleId: string) => found.filter((f) => f.ruleId === ruleId).map((f) => f.line);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('a 3 KB figure with a long run of spaces (the figure pattern once backtracked for 15 s)', () => {
  const spaces = ' '.repeat(3000);
  // Read as 1 with the unit x, as `50 人` is 50 with the unit 人.
  const spaced = `"1${spaces}x"`;
  // A line break after the spaces: no figure at all, and the pattern's worst case.
  const broken = `"1${spaces}x\\ny"`;

  it('as a weight', async () => {
    const { status, findings } = await check(file([
      'format: jixiao/1',
      'kind: self-evaluation',
      'indicators:',
      `  - { name: a, weight: ${spaced}, score: 5 }`,
      `  - { name: b, weight: ${broken}, score: 5 }`,
      '',
    ].join('\n')));
    expect(status).toBe(1);
    expect(findings.map(at)).toEqual([`grades/score-range 4:${33 + spaced.length}`, 'value/unreadable 5:24']);
    expect(findings[1]!.message).toContain('indicators[1].weight');
  }, GUARD);

  it('as a score', async () => {
    const { status, findings } = await check(file([
      'format: jixiao/1',
      'kind: self-evaluation',
      'indicators:',
      `  - { name: a, weight: 10, score: ${spaced} }`,
      `  - { name: b, weight: 10, score: ${broken} }`,
      '',
    ].join('\n')));
    expect(status).toBe(1);
    expect(findings.map(at)).toEqual(['grades/deduction-without-reason 4:35', 'value/unreadable 5:35']);
    expect(findings[1]!.message).toContain('indicators[1].score');
  }, GUARD);

  it('as a statement figure', async () => {
    const { status, findings } = await check(file([
      'format: jixiao/1',
      'kind: evaluation',
      'budget: { adjusted: 31, spent: 31, execution_rate: 100% }',
      'statements:',
      '  - text: 全年预算数为 31 万元',
      '    figures:',
      `      - { value: ${spaced}, refers: budget.adjusted }`,
      `      - { value: ${broken}, refers: budget.adjusted }`,
      '      - { value: "30", refers: budget.adjusted }',
      '',
    ].join('\n')));
    expect(status).toBe(1);
    // The figure that is no number is a text figure, which a statement may hold; the one after it is still checked.
    expect(findings.map(at)).toEqual(['claims/statement-figure 7:18', 'claims/statement-figure 9:18']);
  }, GUARD);
});

describe('2,000 YAML aliases in one document (28 s once)', () => {
  it('each alias is parse/alias at its place, and nothing else', async () => {
    const entries = range(1, 2000).map((i) => `  - { name: p${String(i).padStart(4, '0')}, score: *s }`);
    const { status, findings } = await check(file(['format: jixiao/1', 'kind: summary', 'entries:', '  - { name: p0000, score: &s 90 }', ...entries, ''].join('\n')));
    expect(status).toBe(1);
    expect(findings).toHaveLength(2000);
    expect(findings.map(at)).toEqual(range(5, 2000).map((line) => `parse/alias ${line}:27`));
    expect(findings[0]!.message).toBe('jixiao/1 文件不支持锚点与别名（&/*）：别名“*s”未展开，请直接写出该值');
  }, GUARD);
});

describe('2,000 strings where numbers are expected (the schema repair loop was once quadratic, 25 s)', () => {
  it('2,000 scores that are words: value/unreadable at each', async () => {
    const entries = range(0, 2000).map((i) => `  - { name: p${String(i).padStart(4, '0')}, score: 九十分 }`);
    const { status, findings } = await check(file(['format: jixiao/1', 'kind: summary', 'entries:', ...entries, ''].join('\n')));
    expect(status).toBe(1);
    expect(findings.map(at)).toEqual(range(4, 2000).map((line) => `value/unreadable ${line}:27`));
    expect(findings[1999]!.message).toBe('无法读取数值“九十分”（位于 entries[1999].score）');
  }, GUARD);

  it('2,000 entries that are strings, not mappings: schema/invalid at each', async () => {
    const entries = range(0, 2000).map((i) => `  - 第 ${i} 项 95 分`);
    const { status, findings } = await check(file(['format: jixiao/1', 'kind: summary', 'entries:', ...entries, ''].join('\n')));
    expect(status).toBe(1);
    expect(findings.map(at)).toEqual(range(4, 2000).map((line) => `schema/invalid ${line}:5`));
    expect(findings[0]!.message).toBe('“entries[0]”的类型不对：应为映射（键: 值），实际是“第 0 项 95 分”');
  }, GUARD);
});

describe('250,000 suppression comments (they once overflowed the stack)', () => {
  const N = 250_000;
  const head = ['format: jixiao/1', 'kind: summary', 'entries:'];

  it('before one line: its finding suppressed, the line after it reported, each comment that suppressed nothing said', async () => {
    const comments = Array.from({ length: N }, () => '  # jixiao-disable-next-line value/unreadable -- 原文如此');
    // Lines 4 … 250,003 the comments, 250,004 the suppressed line, 250,005 the next one.
    const { status, findings } = await check(file([...head, ...comments, '  - { name: p, score: x }', '  - { name: q, score: y }', ''].join('\n')));
    expect(status).toBe(1);
    expect(findings.filter((f) => f.ruleId !== 'suppress/unused').map(at)).toEqual(['value/unreadable 250005:23']);
    // All of them cover line 250,004; one suppressed its finding, the others are said.
    const unused = findings.filter((f) => f.ruleId === 'suppress/unused');
    expect(unused).toHaveLength(N - 1);
    expect(new Set(unused.map((f) => f.line)).size).toBe(N - 1);
    expect(unused.every((f) => f.line >= 4 && f.line < 4 + N && f.column === 3)).toBe(true);
  }, GUARD);

  it('naming a misspelt rule: each comment is suppress/unknown-rule at its line, and the findings stand', async () => {
    const comments = Array.from({ length: N }, () => '  # jixiao-disable-next-line grades/grade-bnad');
    const { status, findings } = await check(file([...head, ...comments, '  - { name: p, score: x }', '  - { name: q, score: y }', ''].join('\n')));
    expect(status).toBe(1);
    expect(findings.filter((f) => f.ruleId !== 'suppress/unknown-rule').map(at)).toEqual(['value/unreadable 250004:23', 'value/unreadable 250005:23']);
    expect(linesOf(findings, 'suppress/unknown-rule')).toEqual(range(4, N));
  }, GUARD);

  it('each before the line whose finding it suppresses: only the one line without a comment reported', async () => {
    const lines = [...head];
    for (let i = 0; i < N; i++) lines.push('  # jixiao-disable-next-line grades/grade-band', `  - { name: p${String(i).padStart(6, '0')}, score: 85, grade: 优 }`);
    lines.push('  - { name: last, score: 85, grade: 优 }', '');
    const { status, findings } = await check(file(lines.join('\n')));
    expect(status).toBe(1);
    expect(findings.map(at)).toEqual([`grades/grade-band ${4 + 2 * N}:37`]);
  }, GUARD);
});
