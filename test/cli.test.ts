import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const bin = join(process.cwd(), 'packages/cli/bin/jixiao.js');
const run = (...args: string[]) => runProcess(process.execPath, [bin, ...args]);

describe('jixiao check (built binary)', () => {
  it('checks the fixtures: exits 1 with the seed inconsistencies as positioned JSON findings', async () => {
    const r = await run('check', 'fixtures', '--format', 'json');
    expect(r.status).toBe(1);
    const errors = (JSON.parse(r.stdout) as { ruleId: string; severity: string; startLine: number }[]).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.ruleId)).toContain('grades/stated-rate');
    expect(errors.every((f) => f.startLine > 0)).toBe(true);
  });
  it('gives related locations with lines and columns in other files', async () => {
    const r = await run('check', 'fixtures', '--format', 'json');
    const findings = JSON.parse(r.stdout) as { ruleId: string; file: string; related: { file: string; startLine: number; path: string }[] }[];
    const gap = findings.find((f) => f.ruleId === 'gaps/figure-differs');
    expect(gap?.file).toBe('fixtures/zaozhuang-2023/evaluation-12345-department.yaml');
    expect(gap?.related).toEqual([expect.objectContaining({ file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', path: 'budget.execution_rate' })]);
    expect(gap!.related[0]!.startLine).toBeGreaterThan(1);
  });
  it('exits 0 on a clean file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    writeFileSync(join(dir, 'ok.yaml'), 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 99.5 }\n');
    expect((await run('check', dir)).status).toBe(0);
  });
  it('exits 1 with positioned JSON findings on a bad file, and still checks the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    writeFileSync(join(dir, 'bad.yaml'), 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: x }\n');
    writeFileSync(join(dir, 'good.yaml'), 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 1 }\n');
    const r = await run('check', dir, '--format', 'json', '--locale', 'en');
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as { ruleId: string; file: string; startLine: number; startColumn: number; path: string }[];
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'value/unreadable', startLine: 4, startColumn: 23, path: 'entries[0].score' });
    expect(findings[0]!.file.endsWith('bad.yaml')).toBe(true);
  });
  it('exits 2 on usage errors', async () => {
    expect((await run('frobnicate')).status).toBe(2);
    expect((await run('check', '--format', 'xml')).status).toBe(2);
    expect((await run('check', 'no-such-dir-anywhere')).status).toBe(2);
  });
  it('prints Chinese by default', async () => {
    const out = (await run('check', 'fixtures')).stdout;
    expect(out).toContain('个文件');
    expect(out).toContain('错误');
  });
});
