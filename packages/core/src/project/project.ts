/**
 * A project: every jixiao/1 file of a tree (open in an editor or on disk), the settings that govern
 * it, and its findings — the one pipeline the language server keeps incrementally and `jixiao check`
 * runs in one pass (project/group.ts, parallel/). Files a config ignores are not part of it.
 *
 * What the project knows: every jixiao/1 file (open in the editor or on disk), the
 * settings that govern it, and its findings. Each file is checked on its own (phase 1, as in the
 * CLI); the cross-document checks (score gaps and figures of one project, statements about another
 * document) run over all files' project records, so editing one file updates the others.
 *
 * Open files keep their loaded document (hover, hints, completion need it); files only on disk keep
 * their findings and project record, and are loaded again when a statement elsewhere needs them.
 *
 * `updateOffThread` checks a file on a worker thread instead (parallel/file-thread.ts, under the
 * file budget): for indexing, and for a buffer too large to load on the thread that answers the
 * editor (LARGE_TEXT). Such an entry has findings, record and outline, but no loaded document.
 */
import { checkText, type FileResult } from '../check.js';
import { pushTo } from '../collections.js';
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
}

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
      this.entries.delete(file);
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
      this.entries.delete(file);
      return false;
    }
    this.entries.set(file, { file, version, text: version !== null && text !== null ? text : '', outcome, settingsKey: key });
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
      this.entries.delete(file);
      return false;
    }
    const result = checkText(file, text);
    if (!isJixiaoResult(result)) {
      this.entries.delete(file);
      return false;
    }
    const { key, settings } = this.settingsFor(file);
    const keep = version !== null;
    let outcome: FileOutcome;
    if ('problems' in settings) {
      result.findings = [];
      outcome = checkLoaded(result, [], defaultConfig(), new Set(), keep);
    } else {
      outcome = checkLoaded(result, settings.rules, settings.config.check, settings.knownIds, keep);
    }
    const doc = outcome.result.loaded?.document;
    const entry: Entry = { file, version, text: keep ? text : '', outcome, settingsKey: key };
    if (keep && doc && outcome.result.loaded) entry.view = outcome.view ?? buildDocView(file, doc, outcome.result.loaded.root, outcome.result.loaded.text);
    this.entries.set(file, entry);
    return true;
  }

  /** Reads a file from disk (closed in the editor). */
  updateFromDisk(file: string): boolean {
    const read = readTextFileSync(file);
    if (!read.ok) {
      this.entries.delete(file);
      return false;
    }
    return this.update(file, read.text, null);
  }

  remove(file: string): void {
    this.bump(file);
    this.entries.delete(file);
  }

  /** The cross-document phase over every file, per settings group; returns the files whose cross findings changed. */
  refreshCross(): Set<string> {
    const next = new Map<string, Finding[]>();
    const groups = new Map<string, Entry[]>();
    for (const e of this.entries.values()) pushTo(groups, e.settingsKey, e);
    for (const [key, entries] of groups) {
      const s = this.settings.get(key);
      if (!s || 'problems' in s) continue;
      const records = entries.flatMap((e) => (e.outcome.record ? [e.outcome.record] : []));
      const found: Finding[] = runRules(s.rules, projectSubjects(records, s.config.check), s.config.check);
      for (const e of entries.filter((x) => x.outcome.deferred)) {
        const view = this.viewOf(e);
        if (!view) continue;
        const peers = [view, ...this.peerViews(view, records)];
        for (const f of runRules(s.rules, statementSubjects(view, peers, s.config.check), s.config.check)) found.push(f);
      }
      for (const f of found) pushTo(next, f.file, f);
    }
    const lines = new LineSource(this.linesKnown());
    for (const list of next.values()) lines.complete(list);
    const changed = new Set<string>();
    for (const file of new Set([...this.cross.keys(), ...next.keys()])) {
      if (signature(this.cross.get(file)) !== signature(next.get(file))) changed.add(file);
    }
    this.cross = next;
    return changed;
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

