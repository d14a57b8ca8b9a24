/**
 * `jixiao check --shard i/n` through the built binary: usage errors (exit 2, the wrong part of the
 * value marked, zh and en); the shards of a corpus of several config groups cover every file
 * exactly once, keep peers (a config's documents naming a common project) together, and together give
 * exactly the findings of one run; the assignment is the same from another copy of the corpus (another
 * machine's checkout). One config over many projects: shard-project.test.ts.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJixiao } from './run-process.js';
import { jsonlLines, peerComponents, shardCorpus, type JsonlLine } from './shard-corpus.js';


const run = runJixiao;

/** A finding line as a comparable key (the run line and document lines aside). */
const key = (l: JsonlLine) => JSON.stringify(l);

describe('jixiao check --shard i/n', () => {
  const dir = shardCorpus();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says what is wrong with the value, under it, and exits 2 (zh and en)', async () => {
    const cases: [string, RegExp, RegExp][] = [
      ['4/3', /分片序号 i 应在 1 到 3 之间/, /the shard index i must be between 1 and 3/],
      ['0/3', /分片序号 i 应在 1 到 3 之间/, /between 1 and 3/],
      ['1/0', /分片数 n 应 ≥ 1/, /the number of shards n must be ≥ 1/],
      ['x/3', /应为整数 i\/n/, /expected whole numbers i\/n/],
      ['2/y', /应为整数 i\/n/, /expected whole numbers i\/n/],
      ['3', /应为 i\/n/, /expected i\/n/],
    ];
    for (const [value, zh, en] of cases) {
      const z = await run(['check', 'corpus', '--shard', value], dir);
      expect(z.status, value).toBe(2);
      expect(z.stderr).toMatch(zh);
      expect(z.stderr).toContain(`--shard ${value}\n`);
      const e = await run(['check', 'corpus', '--shard', value, '--locale', 'en'], dir);
      expect(e.status, value).toBe(2);
      expect(e.stderr).toMatch(en);
    }
    // The caret stands under the part that is wrong: the index of 4/3, the count of 2/y.
    const lines = (await run(['check', 'corpus', '--shard', '4/3'], dir)).stderr.split('\n');
    const at = lines.findIndex((l) => l === '  --shard 4/3');
    expect(lines[at + 1]).toBe(`  ${' '.repeat('--shard '.length)}^`);
    const y = (await run(['check', 'corpus', '--shard', '2/y'], dir)).stderr.split('\n');
    expect(y[y.findIndex((l) => l === '  --shard 2/y') + 1]).toBe(`  ${' '.repeat('--shard 2/'.length)}^`);
    expect((await run(['check', 'corpus', '--shard', '1/2', '--fix'], dir)).status).toBe(2);
  });

  it('covers every file exactly once, keeps peers in one shard, and gives the findings of one run', async () => {
    const whole = await run(['check', 'corpus', '-f', 'jsonl'], dir);
    expect(whole.status, whole.stderr).toBe(1);
    const all = jsonlLines(whole.stdout);
    const files = all.filter((l) => l.type === 'document').map((l) => l.file as string);
    const findings = all.filter((l) => l.type === 'finding').map(key).sort();
    expect(files.length).toBeGreaterThan(60);
    expect(findings.some((f) => f.includes('gaps/'))).toBe(true);
    const component = peerComponents(files, dir);

    for (const n of [1, 2, 3, 4]) {
      const seen = new Map<string, number>();
      const found: string[] = [];
      const nonEmpty = new Set<number>();
      for (let i = 1; i <= n; i++) {
        const r = await run(['check', 'corpus', '--shard', `${i}/${n}`, '-f', 'jsonl'], dir);
        expect([0, 1], r.stderr).toContain(r.status);
        const lines = jsonlLines(r.stdout);
        expect(lines[0]).toMatchObject({ type: 'run', shard: { index: i, count: n } });
        expect(lines[lines.length - 1]?.type).toBe('summary');
        for (const l of lines) {
          if (l.type === 'document') {
            expect(seen.has(l.file as string), `${l.file} in two shards`).toBe(false);
            seen.set(l.file as string, i);
            nonEmpty.add(i);
          }
          if (l.type === 'finding') found.push(key(l));
        }
      }
      // Every file exactly once, in the order of one run (each shard's own files sorted).
      expect([...seen.keys()].sort()).toEqual(files);
      expect(found.sort()).toEqual(findings);
      // Peers (in one config group, naming a common project id) are never apart.
      const groupOf = (f: string) => (/^corpus\/r[123]\//.test(f) ? f.slice(0, 'corpus/r1'.length) : '');
      const shardOfPeers = new Map<string, number>();
      for (const [f, i] of seen) {
        const c = `${groupOf(f)}\0${component.get(f) as string}`;
        expect(shardOfPeers.get(c) ?? i, `${f}: apart from its peers`).toBe(i);
        shardOfPeers.set(c, i);
      }
      if (n >= 2) expect(nonEmpty.size).toBeGreaterThanOrEqual(2);
    }
  });

  it('puts a file in the same shard from another checkout (another directory)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'jixiao-shard-copy-'));
    try {
      cpSync(join(dir, 'corpus'), join(other, 'corpus'), { recursive: true });
      for (let i = 1; i <= 3; i++) {
        const a = await run(['check', 'corpus', '--shard', `${i}/3`, '-f', 'jsonl'], dir);
        const b = await run(['check', 'corpus', '--shard', `${i}/3`, '-f', 'jsonl'], other);
        expect(b.stdout).toBe(a.stdout);
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
