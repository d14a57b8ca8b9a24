/**
 * The check cache's store (core/src/cache/outcome-cache.ts): an outcome comes back only for the same
 * content under the same settings; the cache file is untrusted (a corrupt, foreign, oversized or
 * linked file is an empty cache) and is never written through a link.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutcomeCache, settingsKey, stampOf } from '../packages/core/src/cache/outcome-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const outcomeOf = (file: string, ruleId = 'sums/deduction') => ({
  file,
  findings: [{ ruleId, severity: 'error' as const, message: { zh: '扣分不符', en: 'deduction' }, file, span: [3, 7] as [number, number], related: [] }],
  record: null,
  deferred: false,
});
const settings = settingsKey({ version: '1.0.0', config: { a: 1 }, rules: ['r1'] });

/** One run: look every file up, store the misses with `outcome`, save; what was hit. */
function run(cacheFile: string, files: string[], key = settings): { hit: string[]; cache: OutcomeCache } {
  const cache = OutcomeCache.open(cacheFile, key);
  const hit: string[] = [];
  for (const f of files) {
    const found = cache.lookup(f, () => readFileSync(f));
    if (found.outcome) {
      expect(found.outcome).toEqual(outcomeOf(f));
      hit.push(f);
    } else cache.store(f, found.hash!, found.stamp!, outcomeOf(f));
  }
  cache.save();
  return { hit, cache };
}

describe('OutcomeCache', () => {
  it('gives back an unchanged file’s outcome, by its stamp or, when only touched, by its content; a changed file is a miss', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'format: jixiao/1\n');
    writeFileSync(b, 'format: jixiao/1\nkind: evaluation\n');
    const cacheFile = join(dir, '.jixiaocache');
    expect(run(cacheFile, [a, b]).hit).toEqual([]);
    const second = run(cacheFile, [a, b]);
    expect(second.hit).toEqual([a, b]);
    // Touched (new mtime), same bytes: still a hit.
    utimesSync(a, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(run(cacheFile, [a, b]).hit).toEqual([a, b]);
    // Edited: a miss, then a hit again.
    writeFileSync(b, 'format: jixiao/1\nkind: budget\n');
    expect(run(cacheFile, [a, b]).hit).toEqual([a]);
    expect(run(cacheFile, [a, b]).hit).toEqual([a, b]);
  });

  it('keeps only the entries of the files of the last run (a deleted or renamed file’s entry goes)', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'x: 1\n');
    writeFileSync(b, 'x: 2\n');
    const cacheFile = join(dir, '.jixiaocache');
    run(cacheFile, [a, b]);
    run(cacheFile, [a]);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')).entries)).toEqual([a]);
    expect(run(cacheFile, [a, b]).hit).toEqual([a]);
  });

  it('is empty under other settings (version, config or rules)', () => {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const cacheFile = join(dir, '.jixiaocache');
    run(cacheFile, [a]);
    for (const other of [{ version: '1.0.1', config: { a: 1 }, rules: ['r1'] }, { version: '1.0.0', config: { a: 2 }, rules: ['r1'] }, { version: '1.0.0', config: { a: 1 }, rules: ['r2'] }]) {
      expect(OutcomeCache.open(cacheFile, settingsKey(other)).lookup(a, () => readFileSync(a)).outcome).toBeUndefined();
    }
  });

  it('reads a corrupt, foreign or tampered cache file as empty, never throws', () => {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const cacheFile = join(dir, '.jixiaocache');
    const stamp = stampOf(a)!;
    const tampered = { format: 'jixiao-cache/1', settings, entries: { [a]: { stamp, hash: 'h', outcome: { file: a, findings: [{ ruleId: 1 }], record: null, deferred: false } } } };
    const elsewhere = { format: 'jixiao-cache/1', settings, entries: { [a]: { stamp, hash: 'h', outcome: outcomeOf('/etc/passwd') } } };
    for (const text of ['', '{', 'null', '[]', '{"format":"other"}', JSON.stringify(tampered), JSON.stringify(elsewhere), JSON.stringify({ format: 'jixiao-cache/1', settings, entries: { ['__proto__']: 1 } })]) {
      writeFileSync(cacheFile, text);
      const cache = OutcomeCache.open(cacheFile, settings);
      expect(cache.lookup(a, () => readFileSync(a)).outcome).toBeUndefined();
    }
  });

  it('never reads or writes through a link', () => {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const real = join(dir, 'real-cache');
    run(real, [a]);
    const before = readFileSync(real, 'utf8');
    const link = join(dir, '.jixiaocache');
    symlinkSync(real, link);
    const cache = OutcomeCache.open(link, settings);
    expect(cache.lookup(a, () => readFileSync(a)).outcome).toBeUndefined();
    expect(() => cache.save()).toThrow();
    expect(readFileSync(real, 'utf8')).toBe(before);
  });
});
