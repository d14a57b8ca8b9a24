/**
 * `jixiao check --shard i/n` by project, through the built binary: under ONE config with many
 * projects the files spread over the shards (none empty), the documents that name a common project
 * id (peers: checked against each other) always share a shard, the shards' findings together are
 * an unsharded run's, and `review --merge` of the shards' jsonl is the review of one run. A file
 * the pre-scan cannot read (JSON) is loaded and still lands with its peers; a shard left with no
 * file is a clean run.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJixiao } from './run-process.js';
import { jsonlLines, oneConfigCorpus, peerComponents, type JsonlLine } from './shard-corpus.js';


const run = runJixiao;

const key = (l: JsonlLine) => JSON.stringify(l);

describe('jixiao check --shard i/n under one config', () => {
  const dir = oneConfigCorpus();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('spreads the projects of one config over every shard, keeps peers together, and gives the findings and review of one run', async () => {
    const whole = await run(['check', 'one', '-f', 'jsonl'], dir);
    expect([0, 1], whole.stderr).toContain(whole.status);
    const all = jsonlLines(whole.stdout);
    const files = all.filter((l) => l.type === 'document').map((l) => l.file as string);
    const findings = all.filter((l) => l.type === 'finding').map(key).sort();
    // Cross-document findings are there to be kept: score gaps between a project's documents.
    expect(findings.some((f) => f.includes('"gaps/'))).toBe(true);
    const component = peerComponents(files, dir);
    // The JSON file is the finance evaluation of the department report's project: they are peers.
    expect(component.get('one/zz-finance-as-json.yaml')).toBe(component.get('one/top/zaozhuang-department.yaml'));
    expect(new Set(component.values()).size).toBeGreaterThanOrEqual(10);

    const one = await run(['review', 'one', '--out', 'review-one'], dir);
    expect(one.status, one.stderr).toBe(0);
    for (const n of [2, 3, 4]) {
      const shardOf = new Map<string, number>();
      const found: string[] = [];
      const inputs: string[] = [];
      for (let i = 1; i <= n; i++) {
        const out = `one-${i}-of-${n}.jsonl`;
        const r = await run(['check', 'one', '--shard', `${i}/${n}`, '-f', 'jsonl', '-o', out], dir);
        expect([0, 1], r.stderr).toContain(r.status);
        inputs.push(out);
        let documents = 0;
        for (const l of jsonlLines(readFileSync(join(dir, out), 'utf8'))) {
          if (l.type === 'document') {
            expect(shardOf.has(l.file as string), `${l.file} in two shards`).toBe(false);
            shardOf.set(l.file as string, i);
            documents++;
          }
          if (l.type === 'finding') found.push(key(l));
        }
        expect(documents, `shard ${i}/${n} is empty`).toBeGreaterThan(0);
      }
      // Every file exactly once, and the findings of one run.
      expect([...shardOf.keys()].sort()).toEqual([...files].sort());
      expect(found.sort()).toEqual(findings);
      // Peers in one shard.
      const shardOfComponent = new Map<string, number>();
      for (const [f, i] of shardOf) {
        const c = component.get(f) as string;
        expect(shardOfComponent.get(c) ?? i, `${f} (${c}) apart from its peers`).toBe(i);
        shardOfComponent.set(c, i);
      }
      const merged = await run(['review', '--merge', ...inputs, '--out', `review-merged-${n}`], dir);
      expect(merged.status, merged.stderr).toBe(0);
      for (const name of ['review.html', 'findings.csv', 'submissions.csv']) {
        expect(readFileSync(join(dir, `review-merged-${n}`, name), 'utf8'), `${name} of ${n} shards`).toBe(readFileSync(join(dir, 'review-one', name), 'utf8'));
      }
    }
  });

  it('assigns the same shards from another checkout, another working directory and another order of paths', async () => {
    const other = mkdtempSync(join(tmpdir(), 'jixiao-shard-one-copy-'));
    try {
      cpSync(join(dir, 'one'), join(other, 'work', 'one'), { recursive: true });
      const docs = (text: string) => jsonlLines(text).filter((l) => l.type === 'document').map((l) => l.file as string);
      for (let i = 1; i <= 3; i++) {
        const a = docs((await run(['check', 'one', '--shard', `${i}/3`, '-f', 'jsonl'], dir)).stdout);
        // From the parent directory, the paths named the other way round.
        const b = docs((await run(['check', 'work/one/top', 'work/one', '--shard', `${i}/3`, '-f', 'jsonl'], other)).stdout);
        expect(b.map((f) => f.replace(/^work\//, ''))).toEqual(a);
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a shard with no file is a clean run', async () => {
    const r1 = await run(['check', 'one/zhengzhou.yaml', '--shard', '1/2'], dir);
    const r2 = await run(['check', 'one/zhengzhou.yaml', '--shard', '2/2'], dir);
    const empty = [r1, r2].filter((r) => r.stdout.startsWith('0 个文件'));
    expect(empty).toHaveLength(1);
    expect(empty[0]?.status).toBe(0);
  });
});
