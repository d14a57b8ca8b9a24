/**
 * `jixiao review --merge <jsonl…>` through the built binary: the review built from the jsonl outputs
 * of n shards is the review of one run over every file — review.html, findings.csv and
 * submissions.csv byte for byte, review.xlsx part by part — and inputs that cannot make that
 * review (a shard missing or given twice, an output cut short, a --quiet run, not jsonl) are
 * refused with exit 2.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJixiao } from './run-process.js';
import { shardCorpus } from './shard-corpus.js';

const root = process.cwd();
const requireReview = createRequire(join(root, 'packages/review/package.json'));
/** The zip reader ExcelJS itself uses: the workbook's parts as written (a zip's own timestamps aside). */
type Zip = { files: Record<string, { dir: boolean }>; file(name: string): { async(type: 'string'): Promise<string> } | null };
const JSZip = createRequire(requireReview.resolve('exceljs'))('jszip') as { loadAsync(data: Buffer): Promise<Zip> };

const run = runJixiao;

/** Every part of a workbook by name, as text. */
async function parts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out[name] = (await zip.file(name)?.async('string')) ?? '';
  return out;
}

describe('jixiao review --merge', () => {
  const dir = shardCorpus();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds from the shards’ jsonl the same review as one run over every file', async () => {
    const one = await run(['review', 'corpus', '--out', 'one', '--xlsx'], dir);
    expect(one.status, one.stderr).toBe(0);
    for (const n of [3, 2]) {
      const inputs: string[] = [];
      for (let i = 1; i <= n; i++) {
        const out = `shard-${i}-of-${n}.jsonl`;
        const r = await run(['check', 'corpus', '--shard', `${i}/${n}`, '--format', 'jsonl', '-o', out], dir);
        expect([0, 1], r.stderr).toContain(r.status);
        inputs.push(out);
      }
      const merged = await run(['review', '--merge', ...inputs.reverse(), '--out', `merged-${n}`, '--xlsx'], dir);
      expect(merged.status, merged.stderr).toBe(0);
      expect(readdirSync(join(dir, `merged-${n}`)).sort()).toEqual(readdirSync(join(dir, 'one')).sort());
      for (const name of ['review.html', 'findings.csv', 'submissions.csv']) {
        expect(readFileSync(join(dir, `merged-${n}`, name), 'utf8'), `${name} of ${n} shards`).toBe(readFileSync(join(dir, 'one', name), 'utf8'));
      }
      expect(await parts(join(dir, `merged-${n}`, 'review.xlsx'))).toEqual(await parts(join(dir, 'one', 'review.xlsx')));
      // The same summary line on stderr, time aside.
      const said = (s: string) => s.replace(/用时 [\d.]+ 秒/, '').replace(/one|merged-\d/g, 'OUT');
      expect(said(merged.stderr)).toBe(said(one.stderr));
    }
    // In English too (the jsonl carries both languages, whatever the shards' --locale).
    const en = await run(['review', 'corpus', '--out', 'one-en', '--locale', 'en'], dir);
    expect(en.status, en.stderr).toBe(0);
    const enMerged = await run(['review', '--merge', 'shard-1-of-2.jsonl', 'shard-2-of-2.jsonl', '--out', 'merged-en', '--locale', 'en'], dir);
    expect(enMerged.status, enMerged.stderr).toBe(0);
    for (const name of ['review.html', 'findings.csv', 'submissions.csv']) expect(readFileSync(join(dir, 'merged-en', name), 'utf8')).toBe(readFileSync(join(dir, 'one-en', name), 'utf8'));
  });

  it('refuses inputs that cannot make the review, with exit 2', async () => {
    for (let i = 1; i <= 3; i++) await run(['check', 'corpus', '--shard', `${i}/3`, '--format', 'jsonl', '-o', `s${i}.jsonl`], dir);
    const refused = async (inputs: string[], message: RegExp) => {
      const r = await run(['review', '--merge', ...inputs, '--out', 'refused'], dir);
      expect(r.status, inputs.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await refused(['s1.jsonl', 's2.jsonl'], /缺少分片 3\/3/);
    await refused(['s1.jsonl', 's1.jsonl', 's2.jsonl', 's3.jsonl'], /已出现在|给了两次/);
    const text = readFileSync(join(dir, 's2.jsonl'), 'utf8');
    writeFileSync(join(dir, 'cut.jsonl'), text.split('\n').slice(0, 5).join('\n'));
    await refused(['s1.jsonl', 'cut.jsonl', 's3.jsonl'], /没有 summary 行/);
    await run(['check', 'corpus', '--shard', '1/3', '--format', 'jsonl', '--quiet', '-o', 'q1.jsonl'], dir);
    await refused(['q1.jsonl', 's2.jsonl', 's3.jsonl'], /--quiet/);
    await run(['check', 'corpus', '--format', 'json', '-o', 'all.json'], dir);
    await refused(['all.json'], /不是 JSON|不是 jixiao check --format jsonl/);
    await refused(['nowhere.jsonl'], /无法读取/);
    const en = await run(['review', '--merge', 's1.jsonl', '--out', 'refused', '--locale', 'en'], dir);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/missing shard 2\/3, 3\/3/);
  });
});
