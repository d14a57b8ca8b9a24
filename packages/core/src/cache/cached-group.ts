/**
 * A group checked with the check cache (outcome-cache.ts): each file is looked up first (for an
 * unchanged file one stat, no read); a hit's stored outcome stands for what phase 1 would give, a
 * miss goes through phase 1 (on worker threads when there are many) and is stored. Phase 2 then runs
 * over every file's record, hits and misses alike, as without the cache, except that a project none
 * of whose members changed (the same files, the same contents) takes its stored findings without its
 * records being read (outcome-cache.ts projectLookup); the others are checked and stored.
 *
 * JIXIAO_DEBUG_CACHE=1 says on stderr, per group, how many projects phase 2 checked again
 * (`phase 2: recomputed N of M projects`), for tests.
 */
import { readFileBytesSync } from '../io/read.js';
import { defaultWorkerCount, phaseOneParallel, type ParallelOptions } from '../parallel/pool.js';
import { phaseOne } from '../project/group.js';
import { Spool } from '../parallel/spool.js';
import { toWire } from '../parallel/wire.js';
import { finishGroupEach, packedPendingOf, type FileOutcome, type GroupOptions, type PendingFile, type ProjectReuse, type ResultSink } from '../run.js';
import type { FileResult } from '../check.js';
import { LineSource } from '../positions.js';
import { recordIn, type WireRecord } from '../parallel/records.js';
import { checkText } from '../check.js';
import { buildDocView } from '../facts/views.js';
import { projectRecordOf, type ProjectRecord } from '../facts/project-subjects.js';
import { readTextFileSync } from '../io/read.js';
import type { CachedRecord, FileStamp, OutcomeCache, ProjectMember } from './outcome-cache.js';

export interface CachedGroupOptions extends GroupOptions {
  cache: OutcomeCache;
  /** The group's key (settingsKey of its resolved config and rules). */
  settings: string;
  /** Worker threads for the misses: undefined by their number (defaultWorkerCount), 0 or 1 on this thread. */
  jobs?: number;
  /** How workers find the group's settings (required for workers). */
  setup?: ParallelOptions['setup'];
}

/** Outcomes that depend on more than the file: a budget's limits, a bug of ours. They are never stored. */
const cacheable = (o: FileOutcome) => !o.result.findings.some((f) => f.ruleId.startsWith('limits/') || f.ruleId.startsWith('internal/'));

function bytesOf(file: string): Uint8Array | undefined {
  const read = readFileBytesSync(file);
  return read.ok ? read.bytes : undefined;
}

/** As checkGroupEach / checkGroupParallelEach, with the cache: results go to `emit` in order of their paths once phase 2 is done. */
export async function checkGroupCachedEach(files: readonly string[], options: CachedGroupOptions, emit: ResultSink): Promise<void> {
  const { cache, settings } = options;
  // A file that is not a jixiao document is reported only when named: named or not, its outcome differs.
  const keyOf = (file: string) => (options.reportForeign && !options.reportForeign(file) ? settings : `${settings}+named`);
  const slots: (PendingFile | undefined)[] = new Array(files.length);
  const spool = new Spool<FileResult>();
  const records = new Spool<WireRecord>();
  const keys = new Map<string, { hash: string; stamp: FileStamp }>();
  /** Each file's content hash, as looked up (none: it cannot be read, or lies outside the cache's root). */
  const hashes = new Map<string, string>();
  const misses: number[] = [];
  const hits = new Map<string, FileResult>();
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i] as string;
      const found = cache.lookup(file, keyOf(file), () => bytesOf(file));
      const w = found.outcome;
      if (found.hash !== undefined) hashes.set(file, found.hash);
      if (w) {
        // As packedPendingOf of fromWire(w), the record read only when its project is checked again.
        const rec = w.record;
        slots[i] = { file, deferred: w.deferred, record: rec ? { packed: () => recordFrom(file, rec), ...(rec.projectId !== undefined ? { projectId: rec.projectId } : {}), projects: rec.projects } : null };
        // Held as they are (a few findings each), not spooled.
        hits.set(file, { file, text: '', loaded: null, findings: w.findings, suppressions: w.suppressions, bom: w.bom });
        continue;
      }
      if (found.hash !== undefined && found.stamp) keys.set(file, { hash: found.hash, stamp: found.stamp });
      misses.push(i);
    }
    if (misses.length > 0) options.onChecked?.(files.length - misses.length);
    else options.onChecked?.(files.length);
    const take = (o: FileOutcome) => {
      const key = keys.get(o.result.file);
      if (key && cacheable(o)) cache.store(o.result.file, keyOf(o.result.file), key.hash, key.stamp, toWire(o));
      spool.put(o.result.file, o.result);
      return packedPendingOf(o, records);
    };
    const missFiles = misses.map((i) => files[i] as string);
    const workers = options.jobs !== undefined ? (options.jobs > 1 ? options.jobs : 0) : defaultWorkerCount(missFiles.length);
    if (missFiles.length > 0 && workers > 0 && options.setup) {
      await phaseOneParallel(missFiles, { ...options, workers, setup: options.setup }, (j, o) => {
        if (o) slots[misses[j] as number] = take(o);
      });
    } else if (missFiles.length > 0) {
      const at = new Map(missFiles.map((f, j) => [f, misses[j] as number]));
      await phaseOne(missFiles, options, (o) => {
        const i = at.get(o.result.file);
        if (i !== undefined) slots[i] = take(o);
      });
    }
    const pending = slots.filter((p): p is PendingFile => p !== undefined);
    const reuse = projectReuse(cache, settings, hashes, (file) => keyOf(file) !== settings);
    const before = { hits: cache.projectHits, misses: cache.projectMisses };
    await finishGroupEach(pending, (file) => hits.get(file) ?? (spool.take(file) as FileResult), options, emit, { sorted: true, reuse });
    if (process.env.JIXIAO_DEBUG_CACHE === '1') {
      const recomputed = cache.projectMisses - before.misses;
      process.stderr.write(`jixiao cache: phase 2: recomputed ${recomputed} of ${recomputed + cache.projectHits - before.hits} projects\n`);
    }
  } finally {
    spool.close();
    records.close();
  }
}

/**
 * Phase 2's findings of a project from the cache when none of its members changed; else made and
 * stored, with their ranges (read from the members' files, as the report would read them): a later
 * run reads no file for them. A project with a member whose content is unknown is made every time.
 */
function projectReuse(cache: OutcomeCache, settings: string, hashes: ReadonlyMap<string, string>, named: (file: string) => boolean): ProjectReuse {
  const membersOf = (members: readonly PendingFile[]): ProjectMember[] | undefined => {
    const out: ProjectMember[] = [];
    for (const m of members) {
      const hash = hashes.get(m.file);
      if (hash === undefined) return undefined;
      out.push([m.file, hash, m.deferred, named(m.file)]);
    }
    return out;
  };
  return {
    reuse(project, members) {
      const list = membersOf(members);
      if (list) return cache.projectLookup(settings, project, list);
      cache.projectMisses++;
      return undefined;
    },
    computed(project, members, findings) {
      const list = membersOf(members);
      if (!list) return;
      const files = new Set(list.map((m) => m[0]));
      // Only findings about the members themselves are kept (so are they all, today).
      if (!findings.every((f) => files.has(f.file) && f.related.every((r) => files.has(r.file)) && (f.fix?.edits ?? []).every((e) => files.has(e.file)))) return;
      new LineSource().complete(findings);
      cache.storeProject(settings, project, list, findings);
    },
  };
}

/**
 * A hit's record, read from the cache (its figures were checked to read as numbers); when that entry
 * turns out not to hold one after all, made again from the file (as phase 1 would: the file is the
 * one its entry was made of, by its stamp or hash).
 */
function recordFrom(file: string, rec: CachedRecord): ProjectRecord {
  const wire = rec.read();
  if (wire) return recordIn(wire);
  const read = readTextFileSync(file);
  const again = checkText(file, read.text, read.ok ? read.bom : false);
  const doc = again.loaded?.document;
  if (doc && again.loaded) return projectRecordOf(buildDocView(file, doc, again.loaded.root, again.loaded.text));
  return { file, evaluator: 'self', scores: [], figures: {} };
}
