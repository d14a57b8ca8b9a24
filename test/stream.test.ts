/**
 * Reports written as results arrive: every format is the same byte for byte whether what waits
 * (a group's phase-1 findings, results ahead of their turn, SARIF's results) stays in memory or
 * goes through the spools' temporary files (JIXIAO_SPOOL_BYTES=0), on one thread and on workers,
 * with several formats in one run; the order is the files' over the whole run although the config
 * groups' files interleave; a group's results go out before the next group is checked; and the
 * jsonl lines carry the json findings, one document line per file and the totals.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';
import { jsonlLines, shardCorpus } from './shard-corpus.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');

async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = await runProcess(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('streamed output', () => {
  const dir = shardCorpus(12);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the same in every format whether it waits in memory or in the spools’ files, on one thread or on workers', async () => {
    for (const format of ['stylish', 'compact', 'json', 'jsonl', 'sarif', 'github', 'gitlab']) {
      const base = await run(['check', 'corpus', '-f', format, '-j', '1'], dir);
      expect(base.status, base.stderr).toBe(1);
      for (const [jobs, env] of [['1', { JIXIAO_SPOOL_BYTES: '0' }], ['2', {}], ['2', { JIXIAO_SPOOL_BYTES: '0' }], ['2', { JIXIAO_SPOOL_BYTES: '5000' }]] as const) {
        const r = await run(['check', 'corpus', '-f', format, '-j', jobs], dir, env);
        expect(r.status).toBe(1);
        expect(r.stdout, `${format} -j ${jobs} ${JSON.stringify(env)}`).toBe(base.stdout);
      }
    }
    // Several formats in one run: each file as its format alone writes it.
    const several = await run(['check', 'corpus', '-f', 'json', '-o', 'a.json', '-f', 'sarif', '-o', 'b.sarif', '-f', 'jsonl', '-o', 'c.jsonl', '-f', 'compact'], dir, { JIXIAO_SPOOL_BYTES: '0' });
    expect(several.status).toBe(1);
    expect(several.stdout).toBe((await run(['check', 'corpus', '-f', 'compact'], dir)).stdout);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe((await run(['check', 'corpus', '-f', 'json'], dir)).stdout);
    expect(readFileSync(join(dir, 'b.sarif'), 'utf8')).toBe((await run(['check', 'corpus', '-f', 'sarif'], dir)).stdout);
    expect(readFileSync(join(dir, 'c.jsonl'), 'utf8')).toBe((await run(['check', 'corpus', '-f', 'jsonl'], dir)).stdout);
  });

  it('is in the order of the files over the whole run, though the groups’ files interleave', async () => {
    const lines = jsonlLines((await run(['check', 'corpus', '-f', 'jsonl'], dir)).stdout);
    const files = lines.filter((l) => l.type === 'document').map((l) => l.file as string);
    expect(files[0]).toBe('corpus/a-top.yaml');
    expect(files).toEqual([...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const json = JSON.parse((await run(['check', 'corpus', '-f', 'json'], dir)).stdout) as { file: string }[];
    expect(json.map((f) => f.file)).toEqual([...json.map((f) => f.file)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('hands a group’s results on before the next group is checked', async () => {
    const { prepareRun, runGroupsEach } = await import('../packages/cli/dist/run-check.js');
    const { bundledRules } = await import('../packages/cli/dist/shared.js');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const prepared = await prepareRun(['corpus'], undefined, bundledRules());
      if (!prepared.ok) throw new Error('not prepared');
      expect(prepared.groups.length).toBe(4);
      const events: string[] = [];
      await runGroupsEach(prepared.groups, { keep: false, named: prepared.named, jobs: 1, onChecked: (n: number) => events.push(`checked ${n}`) }, (r: { file: string }) => {
        events.push(`out ${r.file}`);
      });
      const firstOut = events.indexOf('out corpus/a-top.yaml');
      const lastChecked = events.lastIndexOf(events.filter((e) => e.startsWith('checked')).pop() as string);
      expect(firstOut).toBeGreaterThan(0);
      // The first file went out while the other groups had files left to check.
      expect(firstOut).toBeLessThan(lastChecked);
      const out = events.filter((e) => e.startsWith('out ')).map((e) => e.slice(4));
      expect(out).toEqual([...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      // Every document of the run once (the demo's manifest.json files are no jixiao documents).
      const documents = jsonlLines((await run(['check', 'corpus', '-f', 'jsonl'], dir)).stdout).filter((l) => l.type === 'document').map((l) => l.file);
      expect(out).toEqual(documents);
    } finally {
      process.chdir(cwd);
    }
  });

  it('jsonl: a run line, then per file a document line and its findings (a json finding each, with both languages), a summary line', async () => {
    const r = await run(['check', 'corpus', '-f', 'jsonl', '--locale', 'en'], dir);
    const lines = jsonlLines(r.stdout);
    expect(lines[0]).toMatchObject({ type: 'run', schema: 'jixiao-jsonl/1', tool: 'jixiao', locale: 'en', paths: ['corpus'], shard: null, quiet: false, config: null });
    const json = JSON.parse((await run(['check', 'corpus', '-f', 'json', '--locale', 'en'], dir)).stdout) as Record<string, unknown>[];
    const findings = lines.filter((l) => l.type === 'finding');
    expect(findings.map(({ type, messages, related, ...rest }) => ({ ...rest, related: (related as { messages: unknown }[]).map(({ messages: _m, ...x }) => x) }))).toEqual(json);
    for (const f of findings) expect(f.messages).toMatchObject({ en: f.message, zh: expect.any(String) });
    // A finding follows the document line of its file.
    let current = '';
    for (const l of lines) {
      if (l.type === 'document') current = l.file as string;
      if (l.type === 'finding') expect(l.file).toBe(current);
    }
    const documents = lines.filter((l) => l.type === 'document');
    expect(documents.find((d) => d.file === 'corpus/r2/d01-00/u01001/self-evaluation-01.yaml' || (d.file as string).startsWith('corpus/r2/'))?.config).toBe('corpus/r2/jixiao.config.yaml');
    expect(documents.find((d) => (d.file as string).startsWith('corpus/r4/'))?.config).toBeNull();
    const summary = lines[lines.length - 1];
    expect(summary).toEqual({ type: 'summary', files: documents.length, errors: json.filter((f) => f.severity === 'error').length, warnings: json.filter((f) => f.severity === 'warning').length, infos: json.filter((f) => f.severity === 'info').length });
    // Documented in both help texts.
    expect((await run(['check', '--help'], dir)).stdout).toMatch(/jsonl（每行一个问题/);
    expect((await run(['check', '--help', '--locale', 'en'], dir)).stdout).toMatch(/jsonl\s+\(one finding per line, streamed/);
    expect((await run(['check', '--help', '--locale', 'en'], dir)).stdout).toMatch(/--shard <i\/n>/);
  });
});
