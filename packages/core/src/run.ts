/**
 * Checks many files in one pass with bounded memory, in two phases.
 *
 * 1. Each file on its own (one bad file never stops the others): read, load, run the rules whose
 *    subjects lie within the document, and keep only a compact project record for phase 2. This
 *    phase may run on worker threads (parallel.ts); its output is plain data.
 * 2. Across the files of the set: score gaps and figures stated by several documents of one project
 *    (from the records), statements about another document (those documents are read again; rare),
 *    then severities and suppression comments, applied to every finding.
 */
import { defaultConfig, type CheckConfig } from './config.js';
import type { Finding, Severity } from './finding.js';
import { attachRanges, LineSource } from './positions.js';
import { checkFile, type FileResult } from './check.js';
import { runRules, type Rule } from './engine/rules.js';
import type { SubjectReuse } from './engine/subject-reuse.js';
import { buildDocView, type DocView } from './facts/views.js';
import { documentSubjects, needsPeers, statementSubjects } from './facts/subjects.js';
import { hasProjectFacts, peerFiles, projectRecordOf, projectsOf, projectSubjects, type ProjectRecord } from './facts/project-subjects.js';
import { parseSuppressions, suppressorOf, unknownDirectiveRules, unusedDirectives, type Suppressions } from './suppressions.js';
import { LinePositions } from './yaml/lines.js';
import { OverBudget, overBudgetFinding, withDeadline, type FileBudget } from './limits.js';
import type { WorkerSetup } from './parallel/setup.js';
import type { Outline } from './facts/outline.js';
import { recordIn, recordOut, type WireRecord } from './parallel/records.js';
import type { Spool } from './parallel/spool.js';

export interface GroupOptions {
  rules: readonly Rule[];
  config?: CheckConfig;
  /** Severity for a rule id (after `off` rules were left out of `rules`); undefined keeps the finding's own. */
  severityOf?: (ruleId: string, own: Severity) => Severity | 'off';
  /** Keep each file's text and loaded document in its result (the language server, --fix). */
  keep?: boolean;
  /**
   * Whether to report a file that is not a jixiao document at all (YAML or JSON without a `format`
   * key, such as a CI workflow or package.json found while walking a directory). Default: report.
   * Files for which this returns false are left out of the results.
   */
  reportForeign?: (file: string) => boolean;
  /** Called as files are done with phase 1 (how many more), for a progress display. */
  onChecked?: (count: number) => void;
  /** Each file's time and memory budget (limits.ts); none when not given. */
  budget?: FileBudget;
  /**
   * How a worker thread finds the same rules and settings. Given, files over WORKER_MAX_FILE_BYTES
   * are checked on a thread of their own under the budget's hard limits; otherwise on this thread.
   */
  threadSetup?: WorkerSetup;
}

/** What phase 1 leaves of one file for phase 2. */
export interface FileOutcome {
  result: FileResult;
  /** The document's view, when its file was kept (`keep`): the language server reuses it. */
  view?: DocView;
  record: ProjectRecord | null;
  /** Some statement is about another document: its statements are checked in phase 2. */
  deferred: boolean;
  /** The document's outline, made where it was loaded (a worker thread, for a document too large for the editor's). */
  outline?: Outline;
  /** Whether it is a jixiao document at all, when a worker checked it for an editor. */
  jixiao?: boolean;
}

/** Parsed cleanly, but is not meant as a jixiao document: no top-level `format` key. */
export function isForeign(result: FileResult): boolean {
  const root = result.loaded?.root;
  if (!root || result.findings.some((f) => f.ruleId.startsWith('parse/'))) return false;
  return root.kind !== 'map' || !root.entries.some((e) => e.key === 'format');
}

function internalError(file: string, err: unknown): Finding {
  const message = err instanceof Error ? err.message : String(err);
  return { ruleId: 'internal/error', severity: 'error', message: { zh: `内部错误（请报告此问题）：${message}`, en: `internal error (please report it): ${message}` }, file, span: [0, 0], related: [] };
}

/**
 * Phase 1 for a file already read and loaded. With a budget, the rules stop at the file's deadline
 * (limits.ts) with limits/time; the findings made before stay.
 */
export function checkLoaded(result: FileResult, rules: readonly Rule[], config: CheckConfig, knownIds: ReadonlySet<string>, keep = false, budget?: FileBudget, reuse?: SubjectReuse): FileOutcome {
  try {
    return withDeadline(budget, result.startedAt ?? Date.now(), () => checkLoadedOrThrow(result, rules, config, knownIds, keep, reuse));
  } catch (err) {
    // A bug of ours on one file must not stop the others: it becomes that file's finding.
    result.findings.push(err instanceof OverBudget ? overBudgetFinding(result.file, err.limit, err.budget) : internalError(result.file, err));
    settle(result, keep);
    return { result, record: null, deferred: false };
  }
}

function checkLoadedOrThrow(result: FileResult, rules: readonly Rule[], config: CheckConfig, knownIds: ReadonlySet<string>, keep: boolean, reuse: SubjectReuse | undefined): FileOutcome {
  const text = result.text;
  result.lines = new LinePositions(text);
  result.suppressions = parseSuppressions(text);
  // One at a time: a spread of 250,000 findings would overflow the stack.
  for (const f of unknownDirectiveRules(result.file, result.suppressions, knownIds)) result.findings.push(f);
  let record: ProjectRecord | null = null;
  let deferred = false;
  let view: DocView | undefined;
  const doc = result.loaded?.document;
  if (doc && result.loaded) {
    view = buildDocView(result.file, doc, result.loaded.root, result.loaded.text);
    const r = projectRecordOf(view);
    if (hasProjectFacts(r)) record = r;
    deferred = needsPeers(view);
    for (const f of runRules(rules, documentSubjects(view, deferred ? null : [view], config), config, reuse)) result.findings.push(f);
  }
  settle(result, keep);
  return keep && view ? { result, view, record, deferred } : { result, record, deferred };
}

/** The end of phase 1 for a file: its findings get their ranges; unless kept, its text, tree and lines go. */
function settle(result: FileResult, keep: boolean): void {
  result.lines ??= new LinePositions(result.text);
  attachRanges(result.findings, result.file, result.lines);
  if (result.suppressions && result.suppressions.directives.length === 0) result.suppressions = undefined;
  if (!keep) {
    result.text = '';
    result.loaded = null;
    result.lines = undefined;
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || a.ruleId.localeCompare(b.ruleId));
}

/**
 * What phase 2 needs of a file in memory: its project record (live, or left in a spool by a run of
 * many files: packedPendingOf) and whether its statements wait for their peers.
 */
export interface PendingFile {
  file: string;
  record: ProjectRecord | PackedRecord | null;
  deferred: boolean;
}

/**
 * A record kept out of the heap, read when asked for (from a spool, or from the check cache), with
 * the project ids it takes part in (its own first).
 */
export interface PackedRecord {
  packed: () => ProjectRecord;
  projectId?: string;
  projects: string[];
}

/** Where the files of a group go once phase 2 is done with them (awaited: a writer may hold the next one back). */
export type ResultSink = (result: FileResult) => void | Promise<void>;

export const pendingOf = (o: FileOutcome): PendingFile => ({ file: o.result.file, record: o.record, deferred: o.deferred });

/**
 * As pendingOf, for a run that keeps many records until phase 2: the record waits in `records` (in
 * its memory budget, then in its temporary file: a live record with its figures' decimals is about
 * ten times larger) and is read back when its project is checked, so the run holds a few ids per file.
 */
export function packedPendingOf(o: FileOutcome, records: Spool<WireRecord>): PendingFile {
  const r = o.record;
  if (!r) return pendingOf(o);
  const file = o.result.file;
  records.put(file, recordOut(r));
  return spooledPending(file, o.deferred, records, projectsOf(r), r.projectId);
}

/** The pending entry of a file whose record waits in `records` under its path already (put there by packedPendingOf, or packed by a worker). */
export function spooledPending(file: string, deferred: boolean, records: Spool<WireRecord>, projects: string[], projectId: string | undefined): PendingFile {
  return { file, record: new SpooledRecord(records, file, projects, projectId), deferred };
}

/**
 * A record waiting in a spool under its file's path until its project's turn. A class rather than a
 * closure: it stays alive for every file of the run until phase 2, and a closure with its context was
 * twice the size of this one object.
 */
class SpooledRecord implements PackedRecord {
  readonly projectId?: string;

  constructor(private readonly records: Spool<WireRecord>, private readonly file: string, readonly projects: string[], projectId: string | undefined) {
    if (projectId !== undefined) this.projectId = projectId;
  }

  packed(): ProjectRecord {
    const w = this.records.read(this.file);
    if (!w) throw new Error(`the project record of ${this.file} is gone from the spool`);
    return recordIn(w);
  }
}

const isPacked = (r: ProjectRecord | PackedRecord): r is PackedRecord => 'packed' in r;

/**
 * Phase 2's cross-document findings kept per project (the check cache: cache/cached-group.ts). A
 * project's findings depend only on its members' records (and the group's rules and config).
 */
export interface ProjectReuse {
  /** The stored findings of `project`, whose members (the files whose records take part, in order) are these; undefined: compute them. */
  reuse(project: string, members: readonly PendingFile[]): Finding[] | undefined;
  /** The findings just computed for `project`, to keep; it may fill in their ranges (as the end of phase 2 would). */
  computed(project: string, members: readonly PendingFile[], findings: readonly Finding[]): void;
}

/**
 * The cross-document subjects' findings of a group's records, project by project: one project's
 * records alive at a time (each record restricted to that project's scores; the subjects of
 * project-subjects.ts never pair records of different projects). With `reuse`, a project's stored
 * findings stand for its records' (which are then never unpacked).
 */
function projectFindings(holders: readonly PendingFile[], rules: readonly Rule[], config: CheckConfig, add: (f: Finding) => void, reuse?: ProjectReuse): void {
  const records = holders.map((p) => p.record as ProjectRecord | PackedRecord);
  if (!reuse && !records.some(isPacked)) {
    for (const f of runRules(rules, projectSubjects(records as ProjectRecord[], config), config)) add(f);
    return;
  }
  const byProject = new Map<string, number[]>();
  records.forEach((r, i) => {
    const ids = isPacked(r) ? r.projects : projectsOf(r);
    for (const id of ids) {
      const list = byProject.get(id);
      if (list) list.push(i);
      else byProject.set(id, [i]);
    }
  });
  for (const [project, indexes] of byProject) {
    const members = reuse ? indexes.map((i) => holders[i] as PendingFile) : [];
    const stored = reuse?.reuse(project, members);
    if (stored) {
      for (const f of stored) add(f);
      continue;
    }
    const list = indexes.map((i) => {
      const r = records[i] as ProjectRecord | PackedRecord;
      const record = isPacked(r) ? r.packed() : r;
      return { ...record, projectId: record.projectId === project ? project : undefined, scores: record.scores.filter((s) => s.projectId === project) };
    });
    const found = runRules(rules, projectSubjects(list, config), config);
    reuse?.computed(project, members, found);
    for (const f of found) add(f);
  }
}

export const byFilePath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Related places are read from disk once per file for this many files, then forgotten (memory stays flat). */
const LINES_KEPT_FOR = 256;

/**
 * Phase 2 over a group whose phase-1 results are kept aside: `resultOf` gives each file's result
 * back once. First the cross-document findings (from the records; the deferred documents read
 * again), kept by file — few; then, file by file in order of their paths (`sorted`, else as
 * given), the result is taken back, gets the cross findings, its ranges and settings, and goes to
 * `emit` before the next is taken: one file's findings alive at a time. `how.reuse`: the
 * cross-document findings of a project may come from a store (the check cache) instead.
 */
export async function finishGroupEach(pending: readonly PendingFile[], resultOf: (file: string) => FileResult, options: GroupOptions, emit: ResultSink, how: { sorted?: boolean; lines?: LineSource; reuse?: ProjectReuse } = {}): Promise<void> {
  const config = options.config ?? defaultConfig();
  const rules = options.rules;
  const inGroup = new Set(pending.map((p) => p.file));
  const holders = pending.filter((p) => p.record);
  // What peerFiles reads of a record: its file and project.
  const owners: ProjectRecord[] = pending.flatMap((p) => (p.record ? [isPacked(p.record) ? { file: p.file, projectId: p.record.projectId, evaluator: 'self' as const, scores: [], figures: {} } : p.record] : []));
  const cross = new Map<string, Finding[]>();
  const add = (f: Finding) => {
    if (!inGroup.has(f.file)) return;
    const list = cross.get(f.file);
    if (list) list.push(f);
    else cross.set(f.file, [f]);
  };
  projectFindings(holders, rules, config, add, how.reuse);

  const deferred = pending.filter((p) => p.deferred).map((p) => p.file);
  if (deferred.length > 0) {
    const views = await viewsOf(deferred);
    const peers = [...views, ...(await viewsOf(peerFiles(views, owners)))];
    for (const view of views) {
      try {
        for (const f of runRules(rules, statementSubjects(view, peers, config), config)) add(f);
      } catch (err) {
        // As in phase 1: a bug of ours on one file is that file's finding, and the others go on.
        add(internalError(view.file, err));
      }
    }
  }

  const files = pending.map((p) => p.file);
  if (how.sorted) files.sort(byFilePath);
  let lines = how.lines ?? new LineSource();
  let done = 0;
  for (const file of files) {
    const r = resultOf(file);
    for (const f of cross.get(file) ?? []) r.findings.push(f);
    cross.delete(file);
    // Findings of phase 2 (and related places in other files) get their ranges from their files' lines.
    if (!how.lines && ++done % LINES_KEPT_FOR === 0) lines = new LineSource();
    if (r.lines && !how.lines) lines = new LineSource([[r.file, r.lines]]);
    lines.complete(r.findings);
    r.findings = applySettings(r.findings, r.suppressions, options.severityOf, r.file);
    await emit(r);
  }
}

/** Phase 2 over the outcomes of a set of files, all in memory; the results in the outcomes' order. */
export async function finishGroup(outcomes: readonly FileOutcome[], options: GroupOptions): Promise<FileResult[]> {
  const results = outcomes.map((o) => o.result);
  const byFile = new Map(results.map((r) => [r.file, r]));
  const lines = new LineSource(results.flatMap((r) => (r.lines ? [[r.file, r.lines] as [string, LinePositions]] : [])));
  await finishGroupEach(outcomes.map(pendingOf), (file) => byFile.get(file) as FileResult, options, () => undefined, { lines });
  return results;
}

/**
 * The findings a user sees: configured severities (`off` drops), suppression comments, in order.
 * Every finding must have its range (its line decides suppression).
 */
export function applySettings(findings: readonly Finding[], suppressions: Suppressions | undefined, severityOf?: GroupOptions['severityOf'], file?: string): Finding[] {
  const kept: Finding[] = [];
  const used = new Set<number>();
  for (const f of findings) {
    const severity = severityOf ? severityOf(f.ruleId, f.severity) : f.severity;
    if (severity === 'off') continue;
    const by = suppressions && f.range ? suppressorOf(suppressions, f.range.start.line, f.ruleId) : undefined;
    if (by !== undefined) {
      used.add(by);
      continue;
    }
    kept.push(severity === f.severity ? f : { ...f, severity });
  }
  // A comment that suppressed nothing is said (once the file's findings are known: this is the last step).
  if (suppressions && suppressions.directives.length > 0 && file !== undefined) {
    // A comment naming an unknown rule is already said (suppress/unknown-rule).
    const unknown = new Set(findings.filter((f) => f.ruleId === 'suppress/unknown-rule').map((f) => f.span[0]));
    for (const f of unusedDirectives(file, suppressions, used)) {
      if (unknown.has(f.span[0])) continue;
      const severity = severityOf ? severityOf(f.ruleId, f.severity) : f.severity;
      if (severity !== 'off') kept.push(severity === f.severity ? f : { ...f, severity });
    }
  }
  return sortFindings(kept);
}

async function viewsOf(files: readonly string[]): Promise<DocView[]> {
  const views: DocView[] = [];
  for (const file of files) {
    const again = await checkFile(file);
    const doc = again.loaded?.document;
    if (doc && again.loaded) views.push(buildDocView(file, doc, again.loaded.root, again.loaded.text));
  }
  return views;
}

