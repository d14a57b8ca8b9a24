/**
 * The check cache (`jixiao check --cache`, issue 13): each file's phase-1 outcome (its own findings,
 * its project record, whether its statements need peers) kept between runs, keyed by the file's
 * content hash and by everything else a phase-1 outcome depends on — the jixiao version, the
 * resolved config and the rule packs (`settingsKey`). The cross-document phase is not cached: it is
 * made again from the records on every run, so its findings are always those of the files as they are.
 *
 * Reading the content to hash it is most of the work of an unchanged file, so an entry also keeps
 * the file's size, modification time and inode: when all three are as stored, the stored hash is
 * taken to be the content's (as git's index does); otherwise the file is read and hashed.
 *
 * The cache file is untrusted input like any file in a repository: it is read only when it is a
 * regular file under MAX_CACHE_BYTES, parsed as JSON, its envelope checked with zod, and each entry
 * checked with zod when used; anything else is an empty cache (never an error). It is written whole
 * (temporary file, then rename), never through a link.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readSync, statSync, constants } from 'node:fs';
import { z } from 'zod';
import { writeOutputFile } from '../io/write.js';
import type { WireOutcome } from '../parallel/wire.js';

/** A cache file larger than this is ignored (and rewritten). */
export const MAX_CACHE_BYTES = 512 * 1024 * 1024;
export const CACHE_FORMAT = 'jixiao-cache/1';
export const DEFAULT_CACHE_FILE = '.jixiaocache';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

const stampSchema = z.object({ size: z.number(), mtimeMs: z.number(), ino: z.number() });
const spanSchema = z.tuple([z.number(), z.number()]);
const messageSchema = z.object({ zh: z.string(), en: z.string() });
const findingSchema = z.looseObject({ ruleId: z.string(), severity: z.enum(['error', 'warning', 'info']), message: messageSchema, file: z.string(), span: spanSchema, related: z.array(z.unknown()) });
const outcomeSchema = z.looseObject({ file: z.string(), findings: z.array(findingSchema), record: z.unknown(), deferred: z.boolean() });
const entrySchema = z.object({ stamp: stampSchema, hash: z.string(), outcome: outcomeSchema });
const envelopeSchema = z.object({ format: z.literal(CACHE_FORMAT), settings: z.string(), entries: z.record(z.string(), z.unknown()) });

type Entry = z.infer<typeof entrySchema>;

/** The key of everything besides a file's content that its phase-1 outcome depends on. */
export function settingsKey(parts: { version: string; config: unknown; rules: unknown }): string {
  return createHash('sha256').update(JSON.stringify([parts.version, parts.config, parts.rules])).digest('hex');
}

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function stampOf(file: string): FileStamp | undefined {
  try {
    const st = statSync(file);
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino } : undefined;
  } catch {
    return undefined;
  }
}

const sameStamp = (a: FileStamp, b: FileStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/** The cache file's text, or undefined when it is missing, not a regular file, or too large. */
function readCacheText(file: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!lstatSync(file).isFile()) return undefined;
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_CACHE_BYTES) return undefined;
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.toString('utf8', 0, off);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class OutcomeCache {
  private readonly stored: Record<string, unknown>;
  private readonly fresh = new Map<string, Entry>();
  /** Files looked up and found (for the summary line and tests). */
  hits = 0;
  misses = 0;

  private constructor(readonly file: string, readonly settings: string, stored: Record<string, unknown>) {
    this.stored = stored;
  }

  /** The cache at `file` for these settings: empty when there is none, it is unreadable, or it was made with other settings. */
  static open(file: string, settings: string): OutcomeCache {
    const text = readCacheText(file);
    let stored: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    if (text !== undefined) {
      try {
        const parsed = envelopeSchema.safeParse(JSON.parse(text));
        if (parsed.success && parsed.data.settings === settings) stored = Object.assign(Object.create(null) as Record<string, unknown>, parsed.data.entries);
      } catch {
        // Not JSON: an empty cache, rewritten on save.
      }
    }
    return new OutcomeCache(file, settings, stored);
  }

  private entry(path: string): Entry | undefined {
    const raw = this.fresh.get(path) ?? this.stored[path];
    if (raw === undefined) return undefined;
    const parsed = entrySchema.safeParse(raw);
    return parsed.success && parsed.data.outcome.file === path ? parsed.data : undefined;
  }

  /**
   * The stored outcome of `path` when its content is unchanged: by its stamp, else by hashing its
   * bytes (`read` gives them; undefined when it cannot be read). Returns the hash too, for `store`.
   */
  lookup(path: string, read: () => Uint8Array | undefined): { outcome?: WireOutcome; hash?: string; stamp?: FileStamp } {
    const stamp = stampOf(path);
    const entry = this.entry(path);
    if (stamp && entry && sameStamp(stamp, entry.stamp)) {
      this.hits++;
      this.fresh.set(path, entry);
      return { outcome: entry.outcome as unknown as WireOutcome, hash: entry.hash, stamp };
    }
    const bytes = read();
    const hash = bytes ? contentHash(bytes) : undefined;
    if (stamp && entry && hash !== undefined && hash === entry.hash) {
      // Touched, not changed: the outcome stands, under the new stamp.
      this.hits++;
      this.fresh.set(path, { ...entry, stamp });
      return { outcome: entry.outcome as unknown as WireOutcome, hash, stamp };
    }
    this.misses++;
    return { ...(hash !== undefined ? { hash } : {}), ...(stamp ? { stamp } : {}) };
  }

  /** Keeps a file's new outcome (its hash and stamp as `lookup` gave them). */
  store(path: string, hash: string, stamp: FileStamp, outcome: WireOutcome): void {
    this.fresh.set(path, { stamp, hash, outcome: outcome as unknown as Entry['outcome'] });
  }

  /** Writes the entries of this run's files only (a deleted or renamed file's entry goes), whole and atomically. */
  save(): void {
    const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
    for (const [path, entry] of [...this.fresh].sort((a, b) => (a[0] < b[0] ? -1 : 1))) entries[path] = entry;
    writeOutputFile(this.file, JSON.stringify({ format: CACHE_FORMAT, settings: this.settings, entries }));
  }
}
