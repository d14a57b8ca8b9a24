/**
 * The check cache's store (core/src/cache/outcome-cache.ts): an outcome comes back only for the same
 * content under the same settings; the cache file is untrusted (a corrupt, foreign, oversized or
 * linked file is an empty cache) and is never written through a link.
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FORMAT, OutcomeCache, settingsKey, stampOf } from '../packages/core/src/cache/outcome-cache.js';
import { projectsOf } from '../packages/core/src/facts/project-subjects.js';

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
const settings = settingsKey({ version: '1.0.0', config: null, rules: null });
const group = settingsKey({ version: '1.0.0', config: { a: 1 }, rules: ['r1'] });

/** One run: look every file up, store the misses with `outcome`, save; what was hit. */
function run(cacheFile: string, files: string[], key = group): { hit: string[]; cache: OutcomeCache } {
  const cache = OutcomeCache.open(cacheFile, settings);
  const hit: string[] = [];
  for (const f of files) {
    const found = cache.lookup(f, key, () => readFileSync(f));
    if (found.outcome) {
      expect(found.outcome).toEqual(outcomeOf(f));
      hit.push(f);
    } else cache.store(f, key, found.hash!, found.stamp!, outcomeOf(f));
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
    const lines = readFileSync(cacheFile, 'utf8').trim().split('\n');
    expect(lines.slice(1).map((l) => JSON.parse(l.slice(0, l.indexOf('\t'))))).toEqual([a]);
    expect(run(cacheFile, [a, b]).hit).toEqual([a]);
  });

  it('is empty under other settings (version, config or rules)', () => {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const cacheFile = join(dir, '.jixiaocache');
    run(cacheFile, [a]);
    expect(OutcomeCache.open(cacheFile, settings).lookup(a, group, () => readFileSync(a)).outcome).toBeDefined();
    // Another version: the whole cache is empty.
    expect(OutcomeCache.open(cacheFile, settingsKey({ version: '1.0.1', config: null, rules: null })).lookup(a, group, () => readFileSync(a)).outcome).toBeUndefined();
    // Another group config or other rules: that entry is a miss.
    for (const other of [{ version: '1.0.0', config: { a: 2 }, rules: ['r1'] }, { version: '1.0.0', config: { a: 1 }, rules: ['r2'] }]) {
      expect(OutcomeCache.open(cacheFile, settings).lookup(a, settingsKey(other), () => readFileSync(a)).outcome).toBeUndefined();
    }
  });

  it('reads a corrupt, foreign or tampered cache file as empty, never throws', () => {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const cacheFile = join(dir, '.jixiaocache');
    const stamp = stampOf(a)!;
    const head = JSON.stringify({ format: CACHE_FORMAT, settings });
    // An entry's line: its first part (the record's projects in place of the record), a tab, the record.
    const line = (entry: { outcome: { record: unknown } } | string, path = a) => {
      if (typeof entry === 'string') return `${head}\n${JSON.stringify(path)}\t${JSON.stringify(entry)}\tnull\n`;
      const record = entry.outcome.record as { projectId?: string; scores: { projectId: string }[] } | null;
      const first = { ...entry, outcome: { ...entry.outcome, record: record && { projectId: record.projectId, projects: projectsOf(record) } } };
      return `${head}\n${JSON.stringify(path)}\t${JSON.stringify(first)}\t${JSON.stringify(record)}\n`;
    };
    const good = { settings: group, stamp, hash: 'h', outcome: outcomeOf(a) };
    // The well-formed entry is a hit: each variant below differs from it in one way.
    writeFileSync(cacheFile, line(good));
    expect(OutcomeCache.open(cacheFile, settings).lookup(a, group, () => readFileSync(a)).outcome).toEqual(outcomeOf(a));
    const finding = outcomeOf(a).findings[0]!;
    const variants = [
      '', '{', 'null', '[]', '{"format":"other"}', `${head}\n`, `${head}\n"${a}"\t{`, `${head}\n${JSON.stringify(a)}\tnull`,
      line({ ...good, outcome: { ...outcomeOf(a), findings: [{ ruleId: 1 }] } }),
      // Naming another file, in any place: never used.
      line({ ...good, outcome: outcomeOf('/etc/passwd') }),
      line({ ...good, outcome: { ...outcomeOf(a), findings: [{ ...finding, file: '/etc/passwd' }] } }),
      line({ ...good, outcome: { ...outcomeOf(a), findings: [{ ...finding, related: [{ file: '/etc/passwd', span: [0, 1], message: { zh: 'x', en: 'x' } }] }] } }),
      line({ ...good, outcome: { ...outcomeOf(a), findings: [{ ...finding, fix: { message: { zh: 'x', en: 'x' }, safe: true, edits: [{ file: '/etc/passwd', span: [0, 1], text: 'x' }] } }] } }),
      `${head}\n${JSON.stringify(a)}\t${JSON.stringify({ ...good, outcome: { ...outcomeOf(a), record: { projects: [1] } } })}\tnull\n`,
      line({ ...good, outcome: { ...outcomeOf(a), suppressions: { directives: [{ kind: 'x' }], lines: [], blocks: [] } } }),
      line({ ...good, stamp: { size: 'big' } }),
      line(good, '__proto__'),
      line(JSON.stringify(good)),
    ];
    for (const text of variants) {
      writeFileSync(cacheFile, text);
      const cache = OutcomeCache.open(cacheFile, settings);
      expect(cache.lookup(a, group, () => readFileSync(a)).outcome).toBeUndefined();
    }

    // A record is read (and checked) only when asked for: one that does not check is none, and its entry goes.
    const record = { file: a, projectId: 'p1', evaluator: 'self', scores: [{ projectId: 'p2', source: { file: a, type: 'self', score: { text: '90', span: [0, 2], path: 'result.score' } } }], figures: {} };
    writeFileSync(cacheFile, line({ ...good, outcome: { ...outcomeOf(a), record } }));
    const found = OutcomeCache.open(cacheFile, settings).lookup(a, group, () => readFileSync(a)).outcome?.record;
    expect(found?.projects).toEqual(['p1', 'p2']);
    expect(found?.read()).toEqual(record);
    const badRecords = [
      // A figure that does not read as a number; another file; projects other than its first part says.
      { ...record, figures: { adjusted: { text: 'abc', span: [0, 3], path: 'x' } } },
      { ...record, file: '/etc/passwd' },
      { ...record, scores: [{ ...record.scores[0]!, source: { ...record.scores[0]!.source, file: '/etc/passwd' } }] },
    ];
    for (const bad of badRecords) {
      const text = line({ ...good, outcome: { ...outcomeOf(a), record } });
      writeFileSync(cacheFile, text.replace(/\t[^\t]*\n$/, `\t${JSON.stringify(bad)}\n`));
      const cache = OutcomeCache.open(cacheFile, settings);
      const r = cache.lookup(a, group, () => readFileSync(a)).outcome?.record;
      expect(r?.projects).toEqual(['p1', 'p2']);
      expect(r?.read()).toBeUndefined();
      cache.save();
      expect(readFileSync(cacheFile, 'utf8').trim().split('\n')).toHaveLength(1);
    }
    writeFileSync(cacheFile, line({ ...good, outcome: { ...outcomeOf(a), record } }).replace(/\t[^\t]*\n$/, '\t{\n'));
    expect(OutcomeCache.open(cacheFile, settings).lookup(a, group, () => readFileSync(a)).outcome?.record?.read()).toBeUndefined();
  });

  it('gives back a project’s phase-2 findings only for the very same members, and drops the entries of projects not seen', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    const cacheFile = join(dir, '.jixiaocache');
    const members: [string, string, boolean, boolean][] = [[a, 'h1', false, true], [b, 'h2', false, true]];
    const finding = { ...outcomeOf(a, 'gaps/score-gap').findings[0]!, related: [{ file: b, span: [0, 1] as [number, number], message: { zh: 'x', en: 'x' } }] };
    const first = OutcomeCache.open(cacheFile, settings);
    expect(first.projectLookup(group, 'p', members)).toBeUndefined();
    first.storeProject(group, 'p', members, [finding]);
    first.storeProject(group, 'q', [[b, 'h2', false, true]], []);
    first.save();
    const again = () => OutcomeCache.open(cacheFile, settings);
    expect(again().projectLookup(group, 'p', members)).toEqual([finding]);
    expect(again().projectLookup(group, 'q', [[b, 'h2', false, true]])).toEqual([]);
    // Any change of a member (its content, its name, whether it waits for peers or was named, their order, one more or less), of the settings: none.
    const others: [string, string, boolean, boolean][][] = [
      [[a, 'h1', false, true], [b, 'h3', false, true]],
      [[a, 'h1', false, true], [join(dir, 'c.yaml'), 'h2', false, true]],
      [[a, 'h1', true, true], [b, 'h2', false, true]],
      [[a, 'h1', false, false], [b, 'h2', false, true]],
      [[b, 'h2', false, true], [a, 'h1', false, true]],
      [[a, 'h1', false, true]],
      [...members, [join(dir, 'c.yaml'), 'h4', false, true]],
    ];
    for (const m of others) expect(again().projectLookup(group, 'p', m)).toBeUndefined();
    expect(again().projectLookup(settings, 'p', members)).toBeUndefined();
    // Only the projects looked up and found (or stored) by a run are kept.
    const third = again();
    expect(third.projectLookup(group, 'p', members)).toBeDefined();
    third.save();
    expect(again().projectLookup(group, 'p', members)).toEqual([finding]);
    expect(again().projectLookup(group, 'q', [[b, 'h2', false, true]])).toBeUndefined();
    // A finding naming a file not among the members: never used.
    const text = readFileSync(cacheFile, 'utf8');
    expect(text).toContain(`"file":${JSON.stringify(b)}`);
    writeFileSync(cacheFile, text.replace(`"file":${JSON.stringify(b)}`, '"file":"/etc/passwd"'));
    expect(again().projectLookup(group, 'p', members)).toBeUndefined();
    writeFileSync(cacheFile, text.replace('"findings":[', '"findings":[1,'));
    expect(again().projectLookup(group, 'p', members)).toBeUndefined();
  });

  it('keeps nothing of a file outside its root', () => {
    const inside = join(dir, 'repo');
    mkdirSync(inside);
    const a = join(inside, 'a.yaml');
    const b = join(dir, 'outside.yaml');
    writeFileSync(a, 'x: 1\n');
    writeFileSync(b, 'x: 2\n');
    const cacheFile = join(inside, '.jixiaocache');
    for (let i = 0; i < 2; i++) {
      const cache = OutcomeCache.open(cacheFile, settings, inside);
      for (const f of [a, b]) {
        const found = cache.lookup(f, group, () => readFileSync(f));
        if (!found.outcome && found.hash) cache.store(f, group, found.hash, found.stamp!, outcomeOf(f));
      }
      cache.save();
    }
    expect(readFileSync(cacheFile, 'utf8')).not.toContain('outside');
  });

  it('does not rewrite an unchanged cache', () => {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'x: 1\n');
    const cacheFile = join(dir, '.jixiaocache');
    run(cacheFile, [a]);
    const ino = lstatSync(cacheFile).ino;
    expect(run(cacheFile, [a]).hit).toEqual([a]);
    expect(lstatSync(cacheFile).ino).toBe(ino);
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
    const found = cache.lookup(a, group, () => readFileSync(a));
    expect(found.outcome).toBeUndefined();
    cache.store(a, group, found.hash!, found.stamp!, outcomeOf(a));
    // Saving replaces the link by a regular file; the file it pointed at is untouched.
    cache.save();
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(before);
  });
});
