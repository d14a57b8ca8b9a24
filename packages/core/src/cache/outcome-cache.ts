/**
 * The check cache (`jixiao check --cache`, issue 13): each file's phase-1 outcome (its own findings,
 * its project record, whether its statements need peers) kept between runs, keyed by the file's
 * content hash and by everything else a phase-1 outcome depends on — the jixiao version (the whole
 * cache's key), and per entry the resolved config of the file's group and its rule packs
 * (`settingsKey`).
 *
 * The cross-document phase (phase 2) is kept per project: a project's findings, keyed by its group's
 * settings and its id, with the list of its members (each file whose record takes part in it, in the
 * order phase 2 sees them: its path, content hash, whether its statements wait for peers, whether it
 * was named). They stand for a later run's only when that list is the very same (no member added,
 * removed, renamed or edited); else the project is checked again (cached-group.ts). Statements about
 * another document (deferred documents) are not kept: they are checked again on every run.
 *
 * Reading the content to hash it is most of the work of an unchanged file, so an entry also keeps
 * the file's size, modification time and inode: when all three are as stored, the stored hash is
 * taken to be the content's (as git's index does); otherwise the file is read and hashed.
 *
 * The file: a first line with the envelope (`{"format","settings"}`), then one line per entry, its
 * path (a JSON string), a tab, the entry (JSON) without its record, a tab and the record (JSON:
 * read only when its project is checked again); a project's line has `[settings, project id]`
 * (a JSON array) in place of the path. Opening splits the lines and reads only the
 * paths; an entry is parsed and checked (by hand, field by field) when its file is looked up, and an entry used as it
 * was is written back as the very text it was read as (nothing of a run's later changes to the
 * outcome's objects can leak into it).
 *
 * The cache file is untrusted input like any file in a repository: it is read only when it is a
 * regular file (never through a link) under MAX_CACHE_BYTES; anything else, a wrong format or an
 * entry that does not check (one naming any file but its own), is an empty cache or a miss, never
 * an error. It is written whole (temporary file, then rename): a link at its place is replaced, never
 * followed.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readSync, statSync, constants } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { replaceWhole } from '../io/write.js';
import type { WireOutcome } from '../parallel/wire.js';
import type { WireRecord } from '../parallel/records.js';
import type { Finding } from '../finding.js';
import { readFigure } from '../values/figure.js';
import { projectsOf } from '../facts/project-subjects.js';

/** A cache file larger than this is ignored (and rewritten). */
export const MAX_CACHE_BYTES = 512 * 1024 * 1024;
export const CACHE_FORMAT = 'jixiao-cache/3';
export const DEFAULT_CACHE_FILE = '.jixiaocache';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

const envelopeSchema = z.object({ format: z.literal(CACHE_FORMAT), settings: z.string() });

/*
 * An entry is checked by hand (this is the inner loop of a warm run over tens of thousands of files:
 * zod costs ten times as much), field by field as wire.ts / records.ts and finding.ts define them;
 * anything else makes the entry a miss.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || isStr(v);
const isSpan = (v: unknown) => Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]);
const isPos = (v: unknown) => isObj(v) && isNum(v.line) && isNum(v.column);
const optRange = (v: unknown) => v === undefined || (isObj(v) && isPos(v.start) && isPos(v.end));
const isMsg = (v: unknown) => isObj(v) && isStr(v.zh) && isStr(v.en);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const DIRECTIVE_KINDS = new Set(['disable-next-line', 'disable-line', 'disable', 'enable']);
const isStrings = (v: unknown) => Array.isArray(v) && v.every(isStr);
/** A figure's text as records.ts reads it back: a plain number at once, else as readFigure has it. */
const PLAIN_NUMBER = /^-?\d{1,40}(?:\.\d{1,40})?%?$/;

function isFigure(v: unknown): boolean {
  if (!isObj(v) || !isStr(v.text) || !isSpan(v.span) || !isStr(v.path) || !(v.rounded === undefined || v.rounded === true)) return false;
  if (PLAIN_NUMBER.test(v.text)) return true;
  try {
    return readFigure(v.text, [0, 0]).kind === 'number';
  } catch {
    return false;
  }
}

/**
 * Every file a finding or record names must be `path`'s own, or for a project's finding one of its
 * members (nothing outside the run is ever printed from the cache).
 */
function isFinding(f: unknown, path: string | ReadonlySet<string>): boolean {
  const own = typeof path === 'string' ? (v: unknown) => v === path : (v: unknown) => isStr(v) && path.has(v);
  if (!isObj(f) || !isStr(f.ruleId) || !SEVERITIES.has(f.severity as string) || !isMsg(f.message) || !own(f.file) || !isSpan(f.span) || !optRange(f.range) || !optStr(f.path)) return false;
  if (!Array.isArray(f.related)) return false;
  for (const r of f.related) if (!isObj(r) || !own(r.file) || !isSpan(r.span) || !optRange(r.range) || !optStr(r.path) || !isMsg(r.message)) return false;
  if (f.fix !== undefined) {
    const fix = f.fix;
    if (!isObj(fix) || !isMsg(fix.message) || typeof fix.safe !== 'boolean' || !Array.isArray(fix.edits)) return false;
    for (const e of fix.edits) if (!isObj(e) || !own(e.file) || !isSpan(e.span) || !isStr(e.text)) return false;
  }
  return true;
}

function isDirective(d: unknown): boolean {
  return isObj(d) && DIRECTIVE_KINDS.has(d.kind as string) && isNum(d.line) && isSpan(d.span) && (d.columns === undefined || isSpan(d.columns)) && isStrings(d.rules);
}

function isSuppressions(s: unknown): boolean {
  if (s === undefined) return true;
  if (!isObj(s) || !Array.isArray(s.directives) || !Array.isArray(s.lines) || !Array.isArray(s.blocks)) return false;
  return s.directives.every(isDirective) && s.blocks.every(isDirective) && s.lines.every((l) => isObj(l) && isNum(l.line) && isStrings(l.rules) && (l.directive === undefined || isNum(l.directive)));
}

function isRecord(r: unknown, path: string): boolean {
  if (r === null) return true;
  if (!isObj(r) || r.file !== path || !optStr(r.projectId) || !isStr(r.evaluator) || !Array.isArray(r.scores) || !isObj(r.figures)) return false;
  for (const s of r.scores) {
    if (!isObj(s) || !isStr(s.projectId) || !isObj(s.source)) return false;
    const src = s.source;
    if (src.file !== path || !isStr(src.type) || !optStr(src.grade) || !(src.entry === undefined || typeof src.entry === 'boolean') || !isFigure(src.score)) return false;
  }
  for (const f of Object.values(r.figures)) if (!isFigure(f)) return false;
  return true;
}

/** What an entry's first part says of its record: the projects it takes part in. */
interface RecordStub {
  projectId?: string;
  projects: string[];
}

/**
 * A hit's record: the projects it takes part in at once; the record itself is read (and checked)
 * only when `read` asks for it (when its project is checked again: on a warm run, hardly ever).
 * Undefined when it does not check (the entry then goes on save).
 */
export interface CachedRecord extends RecordStub {
  read(): WireRecord | undefined;
}

/** A hit's outcome as the cache gives it: as a wire outcome, its record read only when asked for. */
export type CachedOutcome = Omit<WireOutcome, 'record'> & { record: CachedRecord | null };

/** An entry's first part (the record, most of its bytes, is its second: parsed only when needed). */
interface Entry {
  settings: string;
  stamp: FileStamp;
  hash: string;
  outcome: Omit<WireOutcome, 'record'> & { record: RecordStub | null };
}

const isStub = (r: unknown) => r === null || (isObj(r) && optStr(r.projectId) && Array.isArray(r.projects) && r.projects.every(isStr));

/** `raw` as an entry's first part of `path`, or undefined when it is not one. */
function entryOf(raw: unknown, path: string): Entry | undefined {
  if (!isObj(raw) || !isStr(raw.settings) || !isStr(raw.hash) || !isObj(raw.stamp) || !isObj(raw.outcome)) return undefined;
  const st = raw.stamp;
  if (!isNum(st.size) || !isNum(st.mtimeMs) || !isNum(st.ino)) return undefined;
  const o = raw.outcome;
  if (o.file !== path || !Array.isArray(o.findings) || typeof o.deferred !== 'boolean' || !(o.bom === undefined || typeof o.bom === 'boolean')) return undefined;
  for (const f of o.findings) if (!isFinding(f, path)) return undefined;
  if (!isSuppressions(o.suppressions) || !isStub(o.record)) return undefined;
  return raw as unknown as Entry;
}

/** An entry's record (its second part) when it checks and is the one its first part says. */
function recordOf(text: string, stub: RecordStub, path: string): WireRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (raw === null || !isRecord(raw, path)) return undefined;
  const r = raw as WireRecord;
  const projects = projectsOf(r);
  if (r.projectId !== stub.projectId || projects.length !== stub.projects.length || projects.some((p, i) => p !== stub.projects[i])) return undefined;
  return r;
}

/** A member of a project as phase 2 saw it: its file, content hash, whether its statements wait for peers, whether it was named. */
export type ProjectMember = [path: string, hash: string, deferred: boolean, named: boolean];

/** A project entry's text (as storeProject writes it) up to its findings: its members, which must be the very text of `members`. */
const projectHead = (members: readonly ProjectMember[]) => `{"members":${JSON.stringify(members)},"findings":`;

/** A project entry's findings, when `text` is one whose members are `members` exactly (compared as text: most entries are never parsed). */
function projectFindingsOf(text: string, members: readonly ProjectMember[]): Finding[] | undefined {
  const head = projectHead(members);
  if (!text.startsWith(head) || !text.endsWith('}')) return undefined;
  const rest = text.slice(head.length, -1);
  if (rest === '[]') return [];
  const findings: unknown = JSON.parse(rest);
  if (!Array.isArray(findings)) return undefined;
  const paths = new Set(members.map((m) => m[0]));
  for (const f of findings) if (!isFinding(f, paths)) return undefined;
  return findings as Finding[];
}

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

/** The cache file's text, or undefined when it is missing, not a regular file (a link included), or too large. */
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

/** Project entries' text by settings, then project id (on disk `[settings, project]`). */
class ProjectTexts {
  private readonly bySettings = new Map<string, Map<string, string>>();
  size = 0;

  get(settings: string, project: string): string | undefined {
    return this.bySettings.get(settings)?.get(project);
  }

  set(settings: string, project: string, text: string): void {
    let m = this.bySettings.get(settings);
    if (!m) this.bySettings.set(settings, (m = new Map()));
    if (!m.has(project)) this.size++;
    m.set(project, text);
  }

  /** Every entry as its line, in order of settings and project. */
  lines(): string[] {
    const out: string[] = [];
    for (const settings of [...this.bySettings.keys()].sort()) {
      const m = this.bySettings.get(settings) as Map<string, string>;
      for (const project of [...m.keys()].sort()) out.push(`${JSON.stringify([settings, project])}\t${m.get(project) as string}`);
    }
    return out;
  }
}

interface Lines {
  files: Map<string, string>;
  projects: ProjectTexts;
}

/**
 * The entry lines of a cache file's text by path and by project key (their JSON unparsed), or
 * undefined when its envelope is not this format under these settings.
 */
function entryLines(text: string, settings: string): Lines | undefined {
  const lines = text.split('\n');
  try {
    const head = envelopeSchema.safeParse(JSON.parse(lines[0] ?? ''));
    if (!head.success || head.data.settings !== settings) return undefined;
  } catch {
    return undefined;
  }
  const out: Lines = { files: new Map(), projects: new ProjectTexts() };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    // JSON holds no raw tab: the first one ends the path (or the project's key).
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const head = line.slice(0, tab);
    // A JSON string without a backslash has no escapes: its text is the path (most lines).
    if (tab >= 2 && head.charCodeAt(0) === 34 && head.charCodeAt(tab - 1) === 34 && !head.includes('\\')) {
      const path = head.slice(1, -1);
      if (!path.includes('"')) {
        out.files.set(path, line.slice(tab + 1));
        continue;
      }
    }
    try {
      const key: unknown = JSON.parse(head);
      if (typeof key === 'string') out.files.set(key, line.slice(tab + 1));
      else if (Array.isArray(key) && key.length === 2 && isStr(key[0]) && isStr(key[1])) out.projects.set(key[0], key[1], line.slice(tab + 1));
    } catch {
      // A broken line: no entry.
    }
  }
  return out;
}

/** A `..` step of a path, or a `.` one (which resolve would drop: `./` is left to it), or a drive (`C:`). */
const UP = /(?:^|[\\/])\.{1,2}(?:[\\/]|$)|:/;

export class OutcomeCache {
  private readonly stored: Map<string, string>;
  private readonly storedProjects: ProjectTexts;
  /** The entries of this run's files, as the text they are written as. */
  private readonly fresh = new Map<string, string>();
  /** The entries of this run's projects, as the text they are written as. */
  private readonly freshProjects = new ProjectTexts();
  /** An entry was added or changed since the cache was read (else only the set of files can make it differ). */
  private changed = false;
  /** The cache file as read was usable (a regular file of this format and settings). */
  private readonly readable: boolean;
  /** Files looked up and found (for the summary line and tests). */
  hits = 0;
  misses = 0;
  /** Projects whose phase-2 findings were taken from the cache, and made again (for JIXIAO_DEBUG_CACHE and tests). */
  projectHits = 0;
  projectMisses = 0;

  /** The root is the working directory: a relative path without `..` lies inside it at once. */
  private readonly rootIsCwd: boolean;

  private constructor(readonly file: string, readonly settings: string, stored: Lines | undefined, private readonly root: string | undefined) {
    this.rootIsCwd = root !== undefined && root === resolve();
    this.stored = stored?.files ?? new Map();
    this.storedProjects = stored?.projects ?? new ProjectTexts();
    this.readable = stored !== undefined;
  }

  /** Whether a file may have an entry: it lies inside the root (when one was given). */
  covers(path: string): boolean {
    if (this.root === undefined) return true;
    if (this.rootIsCwd && path !== '' && !isAbsolute(path) && !UP.test(path) && !/^\.?$/.test(path)) return true;
    const rel = relative(this.root, resolve(path));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }

  /**
   * The cache at `file` for these settings (the jixiao version and anything else common to the whole
   * run): empty when there is none, it is unreadable, not a regular file, or was made under other settings.
   * `root`: only files inside it have entries (the checked repository: nothing of a file outside is kept).
   */
  static open(file: string, settings: string, root?: string): OutcomeCache {
    const text = readCacheText(file);
    return new OutcomeCache(file, settings, text !== undefined ? entryLines(text, settings) : undefined, root === undefined ? undefined : resolve(root));
  }

  private entry(path: string): { entry: Entry; text: string; record: string } | undefined {
    const text = this.stored.get(path);
    if (text === undefined) return undefined;
    // JSON holds no raw tab: the first one ends the entry's first part.
    const tab = text.indexOf('\t');
    if (tab < 0) return undefined;
    try {
      const entry = entryOf(JSON.parse(text.slice(0, tab)), path);
      return entry ? { entry, text, record: text.slice(tab + 1) } : undefined;
    } catch {
      return undefined;
    }
  }

  /** A hit's outcome, its record to be read from `record` (the text of the entry's second part). */
  private outcomeOf(path: string, entry: Entry, record: string): CachedOutcome {
    const stub = entry.outcome.record;
    if (!stub) return { ...entry.outcome, record: null };
    const read = () => {
      const r = recordOf(record, stub, path);
      if (!r) {
        // Not a record after all: the entry goes (the file is checked again by the next run).
        this.fresh.delete(path);
        this.changed = true;
      }
      return r;
    };
    return { ...entry.outcome, record: { ...(stub.projectId !== undefined ? { projectId: stub.projectId } : {}), projects: stub.projects, read } };
  }

  /**
   * The stored outcome of `path` when its content is unchanged under the same `settings` (its
   * group's key): by its stamp, else by hashing its bytes (`read` gives them; undefined when it cannot
   * be read). Returns the hash and stamp too, for `store`. The outcome is the caller's to change.
   */
  lookup(path: string, settings: string, read: () => Uint8Array | undefined): { outcome?: CachedOutcome; hash?: string; stamp?: FileStamp } {
    if (!this.covers(path)) {
      this.misses++;
      return {};
    }
    const stamp = stampOf(path);
    const found = stamp ? this.entry(path) : undefined;
    const entry = found && found.entry.settings === settings ? found.entry : undefined;
    if (stamp && found && entry && sameStamp(stamp, entry.stamp)) {
      this.hits++;
      this.fresh.set(path, found.text);
      return { outcome: this.outcomeOf(path, entry, found.record), hash: entry.hash, stamp };
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = stamp ? read() : undefined;
    } catch {
      bytes = undefined;
    }
    const hash = bytes ? contentHash(bytes) : undefined;
    if (stamp && found && entry && hash !== undefined && hash === entry.hash) {
      // Touched, not changed: the outcome stands, under the new stamp.
      this.hits++;
      this.fresh.set(path, `${JSON.stringify({ ...entry, stamp })}\t${found.record}`);
      this.changed = true;
      return { outcome: this.outcomeOf(path, entry, found.record), hash, stamp };
    }
    this.misses++;
    return { ...(hash !== undefined ? { hash } : {}), ...(stamp ? { stamp } : {}) };
  }

  /** Keeps a file's new outcome (its hash and stamp as `lookup` gave them), as it is now: later changes to it are not kept. */
  store(path: string, settings: string, hash: string, stamp: FileStamp, outcome: WireOutcome): void {
    if (!this.covers(path)) return;
    const { file, findings, suppressions, bom, record, deferred } = outcome;
    const stub: RecordStub | null = record ? { ...(record.projectId !== undefined ? { projectId: record.projectId } : {}), projects: projectsOf(record) } : null;
    this.fresh.set(path, `${JSON.stringify({ settings, stamp, hash, outcome: { file, findings, suppressions, bom, record: stub, deferred } })}\t${JSON.stringify(record)}`);
    this.changed = true;
  }

  /**
   * The stored phase-2 findings of `project` under `settings` (its group's key) when its members are
   * `members` exactly (in order); undefined when not (the caller checks it again and stores it). The
   * findings are the caller's to change.
   */
  projectLookup(settings: string, project: string, members: readonly ProjectMember[]): Finding[] | undefined {
    const text = this.storedProjects.get(settings, project);
    let found: Finding[] | undefined;
    if (text !== undefined && members.every((m) => this.covers(m[0]))) {
      try {
        found = projectFindingsOf(text, members);
      } catch {
        found = undefined;
      }
    }
    if (found && text !== undefined) {
      this.projectHits++;
      this.freshProjects.set(settings, project, text);
      return found;
    }
    this.projectMisses++;
    return undefined;
  }

  /** Keeps a project's phase-2 findings (with their ranges) for its members as they are now. */
  storeProject(settings: string, project: string, members: readonly ProjectMember[], findings: readonly Finding[]): void {
    if (!members.every((m) => this.covers(m[0]))) return;
    this.freshProjects.set(settings, project, `${projectHead(members)}${JSON.stringify(findings)}}`);
    this.changed = true;
  }

  /** How many entries the next save writes. */
  get size(): number {
    return this.fresh.size;
  }

  /**
   * Writes the entries of this run's files only (a deleted or renamed file's entry goes), whole: a
   * new temporary file beside it, then a rename onto its place (which replaces a link there, never
   * follows it). Throws when it cannot be written (a directory at its place, a linked or missing
   * directory): the caller says so and goes on.
   */
  save(): void {
    // Nothing new: every entry is the one read, and every file read is still there. (A file that was
    // a miss left the cache changed: a miss is stored, or its old entry goes.)
    // A project entry not used goes (its project is no more, or it was not checked).
    if (this.readable && !this.changed && this.fresh.size === this.stored.size && this.misses === 0 && this.hits === this.fresh.size && this.freshProjects.size === this.storedProjects.size) return;
    const target = resolve(this.file);
    const dir = dirname(target);
    const st = lstatOrNull(target);
    if (st && st.isDirectory()) throw new Error(`${this.file} is a directory`);
    if (lstatOrNull(dir)?.isSymbolicLink()) throw new Error(`${dirname(this.file)} is a symbolic link`);
    const parts: string[] = [JSON.stringify({ format: CACHE_FORMAT, settings: this.settings })];
    for (const path of [...this.fresh.keys()].sort()) parts.push(`${JSON.stringify(path)}\t${this.fresh.get(path) as string}`);
    for (const line of this.freshProjects.lines()) parts.push(line);
    replaceWhole(target, parts.join('\n') + '\n');
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
