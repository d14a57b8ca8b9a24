/**
 * A project: every jixiao/1 file of a tree (open in an editor or on disk), the settings that govern
 * it, and its findings — the one pipeline the language server keeps incrementally and `jixiao check`
 * runs in one pass (project/group.ts, parallel/). Files a config ignores are not part of it.
 *
 * What the project knows: every jixiao/1 file (open in the editor or on disk), the
 * settings that govern it, and its findings. Each file is checked on its own (phase 1, as in the
 * CLI); the cross-document checks (score gaps and figures of one project, statements about another
 * document) run over all files' project records, so editing one file updates the others;
 * `refreshCrossChanged` runs them only for the projects of the files changed since they last ran.
 *
 * Open files keep their loaded document (hover, hints, completion need it); files only on disk keep
 * their findings and project record, and are loaded again when a statement elsewhere needs them.
 *
 * `updateOffThread` checks a file on a worker thread instead (parallel/file-thread.ts, under the
 * file budget): for indexing, and for a buffer too large to load on the thread that answers the
 * editor (LARGE_TEXT). Such an entry has findings, record and outline, but no loaded document.
 */
import { checkText, type FileResult } from '../check.js';
import { defaultConfig } from '../config.js';
import { runRules, type Rule } from '../engine/rules.js';
import { peerFiles, projectSubjects, type ProjectRecord } from '../facts/project-subjects.js';
import { statementSubjects } from '../facts/subjects.js';
import { buildDocView, type DocView } from '../facts/views.js';
import type { Finding } from '../finding.js';
import { readTextFileSync } from '../io/read.js';
import { LineSource } from '../positions.js';
import { applySettings, checkLoaded, isForeign, type FileOutcome } from '../run.js';
import { ProjectSettings, type Settings, type SettingsOrProblems } from './settings.js';
import { DEFAULT_FILE_BUDGET, type FileBudget } from '../limits.js';
import { FileThread } from '../parallel/file-thread.js';
import { reparseScalarEdit } from '../yaml/reparse.js';
import { SubjectFindings, type SubjectReuse } from '../engine/subject-reuse.js';

export type { Settings } from './settings.js';

export interface Entry {
  file: string;
  /** Editor version when open; null for a file read from disk. */
  version: number | null;
  text: string;
  outcome: FileOutcome;
  /** Cached view of the loaded document (open files). */
  view?: DocView;
  settingsKey: string;
  /** An open file's subjects' findings and its schema findings, for the next edit (engine/subject-reuse.ts). */
  reuse?: { subjects: SubjectFindings; schema: string };
}

/**
 * The schema findings of a load in short. An edit that changes them may have made the schema's repair
 * drop something, and so the subjects' keys name others: nothing is kept across it (a guard; today a
 * repair drops only the wrong value, inside the subject the edit reaches).
 */
const schemaSignature = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId} ${f.path ?? ''} ${f.message.en}`).join('\n');

/** A text whose top level declares the jixiao format (even while it does not parse yet). */
export const SAYS_JIXIAO = /^\s*format\s*:\s*["']?jixiao\//m;

/** A file that parses and has `format:` at its top is ours; others (CI workflows, package.json) are left alone. */
export function isJixiaoResult(result: FileResult): boolean {
  if (isForeign(result)) return false;
  if (result.loaded?.root) return true;
  // Unparsable or empty: ours only if the text says so.
  return SAYS_JIXIAO.test(result.text);
}

/**
 * A buffer longer than this (in characters) is checked off the editor's thread: loading it would
 * hold every request for a second or more. Real documents are a few hundred kilobytes at most.
 */
export const LARGE_TEXT = 1024 * 1024;

export class Project {
  private readonly entries = new Map<string, Entry>();
  readonly settings: ProjectSettings;
  /** Findings of the cross-document phase, by file. */
  private cross = new Map<string, Finding[]>();
  /** Worker threads by settings key, for updateOffThread. */
  private readonly threads = new Map<string, FileThread>();
  /** Each file's latest update: a check off the thread that finishes after a newer update is dropped. */
  private readonly generations = new Map<string, number>();
  /** Each file's time and memory budget on a thread. */
  budget: FileBudget = DEFAULT_FILE_BUDGET;

  /** `config` as for ProjectSettings: a config file for every file, false for the defaults, undefined to look upward. */
  constructor(private readonly rulesDir: string, config?: string | false) {
    this.settings = new ProjectSettings(rulesDir, config);
  }

  /** Files whose entry changed since the cross-document phase last ran for them (refreshCrossChanged). */
  private readonly crossDirty = new Set<string>();
  /** What each file took part in when the cross-document phase last ran for it. */
  private readonly crossIndex = new Map<string, { key: string; own?: string; projects: string[]; about: string[] }>();
  /** Files whose record names a project (its own or a score entry's), by `settings key \0 project id`. */
  private readonly projectMembers = new Map<string, Set<string>>();
  /** Files with statements about a project (deferred), by `settings key \0 project id`. */
  private readonly projectWatchers = new Map<string, Set<string>>();
  /** Files whose own project id it is, by project id (any settings). */
  private readonly ownProject = new Map<string, Set<string>>();
  /** Cross-document findings by where they were made: a project (`key \0 id`) or a deferred file's statements (`\0 file`). */
  private readonly crossBuckets = new Map<string, Finding[]>();
  /** The buckets with findings in a file. */
  private readonly bucketsOfFile = new Map<string, Set<string>>();

  private setEntry(file: string, entry: Entry): void {
    this.entries.set(file, entry);
    this.crossDirty.add(file);
  }

  private dropEntry(file: string): void {
    if (this.entries.delete(file)) this.crossDirty.add(file);
  }

  private bump(file: string): number {
    const g = (this.generations.get(file) ?? 0) + 1;
    this.generations.set(file, g);
    return g;
  }

  /**
   * Checks `file` on a worker thread: its `text` (an open buffer, version given) or the file on
   * disk (text null). Resolves to whether it is a jixiao document, or 'stale' when another update
   * of the file came meanwhile (this result is dropped).
   */
  async updateOffThread(file: string, text: string | null, version: number | null): Promise<boolean | 'stale'> {
    const generation = this.bump(file);
    if (this.settings.ignores(file)) {
      this.dropEntry(file);
      return false;
    }
    const { key, settings } = this.settingsFor(file);
    // A broken config checks nothing: no thread needed.
    if ('problems' in settings) return text === null ? this.updateFromDisk(file) : this.update(file, text, version);
    let thread = this.threads.get(key);
    if (!thread) {
      thread = new FileThread({ configFile: key === '' ? null : key, rulesDir: this.rulesDir }, this.budget);
      this.threads.set(key, thread);
    }
    const outcome = await thread.check(file, { ...(text !== null ? { text } : {}), reportForeign: true, forEditor: true });
    if (this.generations.get(file) !== generation) return 'stale';
    if (!outcome || outcome.jixiao === false) {
      this.dropEntry(file);
      return false;
    }
    this.setEntry(file, { file, version, text: version !== null && text !== null ? text : '', outcome, settingsKey: key });
    return true;
  }

  /** Stops the worker threads (they are started again when needed). */
  async close(): Promise<void> {
    const threads = [...this.threads.values()];
    this.threads.clear();
    await Promise.all(threads.map((t) => t.close()));
  }

  /** Settings for a file: its config file's packs, severities and figures; or the config's problems. */
  settingsFor(file: string): { key: string; settings: SettingsOrProblems } {
    return this.settings.for(file);
  }

  /** Forgets every config file read (one changed on disk); files are checked again by the caller. */
  reloadConfig(): void {
    this.settings.reload();
  }

  /** Every rule in use (of every config), by id, for rule docs in diagnostics and hovers. */
  rulesById(): Map<string, Rule> {
    return this.settings.rulesById();
  }

  get(file: string): Entry | undefined {
    return this.entries.get(file);
  }

  files(): string[] {
    return [...this.entries.keys()];
  }

  /** Checks `text` as the content of `file` (phase 1). Returns false when the file is not a jixiao document. */
  update(file: string, text: string, version: number | null): boolean {
    this.bump(file);
    // A file its config ignores is not checked, as `jixiao check` leaves it out.
    if (this.settings.ignores(file)) {
      this.dropEntry(file);
      return false;
    }
    // An open document's edit that only retypes a value: its tree from the one before (yaml/reparse.ts),
    // and the findings of the subjects it leaves alone from the check before (engine/subject-reuse.ts).
    const previous = this.entries.get(file);
    const before = previous?.outcome.result.loaded;
    const reparsed = before?.parsedCleanly ? reparseScalarEdit(before.text, before.root, text) : null;
    // A load that found nothing wrong gives its model too, for the retyped value alone to be read (format/retype.ts).
    const model = before?.document && previous?.reuse?.schema === '' && reparsed && reparsed.edit !== 'same' ? { document: before.document, edit: reparsed.edit } : undefined;
    const result = checkText(file, text, false, undefined, Date.now(), reparsed ? { tree: { root: reparsed.root, problems: [] }, ...(model ? { retyped: model } : {}) } : undefined);
    if (!isJixiaoResult(result)) {
      this.dropEntry(file);
      return false;
    }
    const { key, settings } = this.settingsFor(file);
    const keep = version !== null;
    let outcome: FileOutcome;
    let reuse: SubjectReuse | undefined;
    let schema = '';
    if ('problems' in settings) {
      result.findings = [];
      outcome = checkLoaded(result, [], defaultConfig(), new Set(), keep);
    } else {
      if (keep) {
        schema = schemaSignature(result.findings);
        const kept = previous?.settingsKey === key && previous.reuse?.schema === schema ? previous.reuse.subjects : undefined;
        reuse = { file, before: kept, edit: reparsed?.edit, after: new SubjectFindings(settings.rules, settings.config.check) };
      }
      outcome = checkLoaded(result, settings.rules, settings.config.check, settings.knownIds, keep, undefined, reuse);
    }
    const doc = outcome.result.loaded?.document;
    const entry: Entry = { file, version, text: keep ? text : '', outcome, settingsKey: key, ...(reuse ? { reuse: { subjects: reuse.after, schema } } : {}) };
    if (keep && doc && outcome.result.loaded) entry.view = outcome.view ?? buildDocView(file, doc, outcome.result.loaded.root, outcome.result.loaded.text);
    this.setEntry(file, entry);
    return true;
  }

  /** Reads a file from disk (closed in the editor). */
  updateFromDisk(file: string): boolean {
    const read = readTextFileSync(file);
    if (!read.ok) {
      this.dropEntry(file);
      return false;
    }
    return this.update(file, read.text, null);
  }

  remove(file: string): void {
    this.bump(file);
    this.dropEntry(file);
  }

  /** The cross-document phase over every file, per settings group; returns the files whose cross findings changed. */
  refreshCross(): Set<string> {
    for (const file of this.entries.keys()) this.crossDirty.add(file);
    for (const file of this.crossIndex.keys()) this.crossDirty.add(file);
    return this.refreshCrossChanged();
  }

  /**
   * The cross-document phase for what changed since it last ran (files updated or removed): the
   * projects those files' records name, before and after, and the statements about those projects
   * or in those files; the rest of the workspace is left as it is. The same findings as
   * `refreshCross`, in time proportional to the change rather than to the workspace. Returns the
   * files whose cross findings changed.
   */
  refreshCrossChanged(): Set<string> {
    const changed = new Set<string>();
    if (this.crossDirty.size === 0) return changed;
    const dirty = [...this.crossDirty];
    this.crossDirty.clear();
    const projects = new Set<string>();
    const deferred = new Set<string>();
    const remove = (index: Map<string, Set<string>>, key: string, file: string) => {
      const set = index.get(key);
      if (set?.delete(file) && set.size === 0) index.delete(key);
    };
    const add = (index: Map<string, Set<string>>, key: string, file: string) => {
      const set = index.get(key);
      if (set) set.add(file);
      else index.set(key, new Set([file]));
    };
    for (const file of dirty) {
      const old = this.crossIndex.get(file);
      if (old) {
        for (const p of old.projects) {
          projects.add(p);
          remove(this.projectMembers, p, file);
        }
        for (const p of old.about) remove(this.projectWatchers, p, file);
        if (old.own !== undefined) remove(this.ownProject, old.own, file);
        this.crossIndex.delete(file);
      }
      // its statements' findings (if it had any) go or are made again
      deferred.add(file);
      const e = this.entries.get(file);
      const s = e ? this.settings.get(e.settingsKey) : undefined;
      if (!e || !s || 'problems' in s) continue;
      const record = e.outcome.record;
      const ids = record ? [...new Set([...(record.projectId !== undefined ? [record.projectId] : []), ...record.scores.map((x) => x.projectId)])] : [];
      const keys = ids.map((id) => `${e.settingsKey}\0${id}`);
      for (const p of keys) {
        projects.add(p);
        add(this.projectMembers, p, file);
      }
      if (record?.projectId !== undefined) add(this.ownProject, record.projectId, file);
      this.crossIndex.set(file, { key: e.settingsKey, own: record?.projectId, projects: keys, about: [] });
    }
    // statements elsewhere about a project whose documents changed
    for (const p of projects) for (const file of this.projectWatchers.get(p) ?? []) deferred.add(file);

    const made = new Map<string, Finding[]>();
    for (const p of projects) made.set(p, this.projectFindings(p));
    for (const file of deferred) made.set(`\0${file}`, this.statementFindings(file, add, remove));

    const lines = new LineSource((function* (entries: Map<string, Entry>) {
      const files = new Set<string>();
      for (const list of made.values()) for (const f of list) {
        files.add(f.file);
        for (const r of f.related) files.add(r.file);
      }
      for (const file of files) {
        const l = entries.get(file)?.outcome.result.lines;
        if (l) yield [file, l] as [string, NonNullable<FileResult['lines']>];
      }
    })(this.entries));
    // the files with findings of a remade bucket, before or now, and the buckets now holding some in each
    const holders = new Map<string, Set<string>>();
    for (const [bucket, found] of made) {
      lines.complete(found);
      for (const f of this.crossBuckets.get(bucket) ?? []) if (!holders.has(f.file)) holders.set(f.file, new Set());
      for (const f of found) {
        const set = holders.get(f.file);
        if (set) set.add(bucket);
        else holders.set(f.file, new Set([bucket]));
      }
      if (found.length > 0) this.crossBuckets.set(bucket, found);
      else this.crossBuckets.delete(bucket);
    }
    for (const [file, now] of holders) {
      for (const bucket of this.bucketsOfFile.get(file) ?? []) if (!made.has(bucket)) now.add(bucket);
      const next: Finding[] = [];
      for (const bucket of now) for (const f of this.crossBuckets.get(bucket) ?? []) if (f.file === file) next.push(f);
      if (now.size > 0) this.bucketsOfFile.set(file, now);
      else this.bucketsOfFile.delete(file);
      if (signature(this.cross.get(file)) !== signature(next)) changed.add(file);
      if (next.length > 0) this.cross.set(file, next);
      else this.cross.delete(file);
    }
    return changed;
  }

  /** Files whose own record is of `projectId` (any settings), as of the last cross-document refresh. */
  filesOfProject(projectId: string): string[] {
    return [...(this.ownProject.get(projectId) ?? [])];
  }

  /** The findings of one project's cross-document checks (score gaps, restated scores and figures). */
  private projectFindings(project: string): Finding[] {
    const members = this.projectMembers.get(project);
    if (!members) return [];
    const key = project.slice(0, project.indexOf('\0'));
    const id = project.slice(key.length + 1);
    const s = this.settings.get(key);
    if (!s || 'problems' in s) return [];
    // The records as far as they concern this project (another project's entries are that project's).
    const records: ProjectRecord[] = [];
    let sources = 0;
    for (const file of members) {
      const r = this.entries.get(file)?.outcome.record;
      if (!r) continue;
      const scores = r.scores.filter((x) => x.projectId === id);
      sources += scores.length;
      records.push({ ...r, projectId: r.projectId === id ? id : undefined, scores });
    }
    // One document with at most one score of the project is compared with nothing.
    if (records.length < 2 && sources < 2) return [];
    return runRules(s.rules, projectSubjects(records, s.config.check), s.config.check);
  }

  /** The findings of a deferred file's statements about other documents (which are loaded again). */
  private statementFindings(file: string, add: (index: Map<string, Set<string>>, key: string, file: string) => void, remove: (index: Map<string, Set<string>>, key: string, file: string) => void): Finding[] {
    const index = this.crossIndex.get(file);
    if (index) for (const p of index.about) remove(this.projectWatchers, p, file);
    const e = this.entries.get(file);
    if (!e || !index || !e.outcome.deferred) {
      if (index) index.about = [];
      return [];
    }
    const s = this.settings.get(e.settingsKey);
    if (!s || 'problems' in s) return [];
    const view = this.viewOf(e);
    const about = view ? [...new Set((view.doc.statements ?? []).flatMap((st) => (st.about?.project !== undefined ? [st.about.project] : [])))] : [];
    index.about = about.map((id) => `${e.settingsKey}\0${id}`);
    for (const p of index.about) add(this.projectWatchers, p, file);
    if (!view) return [];
    const records: ProjectRecord[] = [];
    for (const p of index.about) {
      for (const other of this.projectMembers.get(p) ?? []) {
        const r = this.entries.get(other)?.outcome.record;
        if (r) records.push(r);
      }
    }
    const peers = [view, ...this.peerViews(view, records)];
    return runRules(s.rules, statementSubjects(view, peers, s.config.check), s.config.check);
  }

  /** Lines of every file (kept ones first, others read on need), for ranges of related places. */
  lineSource(): LineSource {
    return new LineSource(this.linesKnown());
  }

  private *linesKnown(): Iterable<[string, NonNullable<FileResult['lines']>]> {
    for (const e of this.entries.values()) if (e.outcome.result.lines) yield [e.file, e.outcome.result.lines];
  }

  /** The document view of an entry: kept for open files, loaded again for files on disk. */
  viewOf(e: Entry): DocView | undefined {
    if (e.view) return e.view;
    let text = e.text;
    if (!text) {
      const read = readTextFileSync(e.file);
      if (!read.ok) return undefined;
      text = read.text;
    }
    const again = checkText(e.file, text);
    const doc = again.loaded?.document;
    return doc && again.loaded ? buildDocView(e.file, doc, again.loaded.root, again.loaded.text) : undefined;
  }

  private peerViews(view: DocView, records: readonly ProjectRecord[]): DocView[] {
    return peerFiles([view], records).flatMap((file) => {
      const e = this.entries.get(file);
      const v = e ? this.viewOf(e) : undefined;
      return v ? [v] : [];
    });
  }

  /** The findings of a file as the user sees them: its own, the cross-document ones, after settings and suppressions. */
  findingsOf(file: string): Finding[] {
    const e = this.entries.get(file);
    if (!e) return [];
    const s = this.settings.get(e.settingsKey);
    if (s && 'problems' in s) {
      // The config file is wrong: nothing is checked; say so at the top of the file, pointing at the config.
      const first = s.problems[0];
      return [{
        ruleId: 'config/invalid', severity: 'error', file, span: [0, 0], range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        message: { zh: `配置文件有误，未检查本文件：${first?.message.zh ?? ''}`, en: `the config file is invalid, this file was not checked: ${first?.message.en ?? ''}` },
        related: s.problems.map((p) => ({ file: p.file, span: p.span, range: p.range, message: p.message })),
      }];
    }
    return applySettings([...e.outcome.result.findings, ...(this.cross.get(file) ?? [])], e.outcome.result.suppressions, s?.selection.severityOf, file);
  }

  settingsOfEntry(e: Entry): Settings | undefined {
    const s = this.settings.get(e.settingsKey);
    return s && !('problems' in s) ? s : undefined;
  }
}

function signature(findings: readonly Finding[] | undefined): string {
  return (findings ?? []).map((f) => `${f.ruleId}@${f.span[0]}:${f.span[1]}:${f.severity}:${f.message.zh}`).sort().join('|');
}

