/**
 * Running the checks the way `jixiao check` does, for every command that needs the findings of a
 * batch (`check`, `review`): paths and globs to files, each file's config (`jixiao.config.yaml`),
 * the files of each config checked together (on worker threads for big batches).
 */
import { relative, resolve, sep } from 'node:path';
import { byFilePath, checkGroup, checkGroupCachedEach, checkGroupEach, checkGroupParallel, checkGroupParallelEach, defaultWorkerCount, ProjectSettings, settingsKey, Spool, type OutcomeCache, type FileBudget, type FileResult, type Finding, type GroupOptions, type ResolvedConfig, type Rule } from '@jixiao/core';
import { expandPaths } from './files.js';
import { rulesDir } from './shared.js';

export interface Group {
  config: ResolvedConfig;
  rules: Rule[];
  severityOf: (ruleId: string, own: Finding['severity']) => Finding['severity'] | 'off';
  files: string[];
}

/** The files of a batch and the groups they are checked in; or why nothing can be checked. */
export type PreparedRun =
  | { ok: true; files: string[]; named: Set<string>; groups: Group[] }
  | { ok: false; reason: 'no-files'; missing: string[] }
  | { ok: false; reason: 'config'; problems: Finding[] };

/** Files grouped by the config that governs them (the core's project settings); config problems are returned, not thrown. */
export function groupByConfig(files: readonly string[], settings: ProjectSettings): { groups: Group[]; problems: Finding[] } {
  const { groups, problems } = settings.group(files);
  return { groups: groups.map((g) => ({ config: g.settings.config, rules: g.settings.rules, severityOf: g.settings.selection.severityOf, files: g.files })), problems };
}

/**
 * Paths and globs to files, grouped by config. `config`: a config file for every file, `false` for
 * the built-in defaults, undefined to look for `jixiao.config.yaml` upward from each file.
 */
export async function prepareRun(paths: readonly string[], config: string | false | undefined, bundled: readonly Rule[]): Promise<PreparedRun> {
  const { files, unmatched, named } = await expandPaths(paths);
  if (unmatched.length > 0 || files.length === 0) return { ok: false, reason: 'no-files', missing: unmatched.length > 0 ? unmatched : [...paths] };
  const { groups, problems } = groupByConfig(files, new ProjectSettings(rulesDir(), config, bundled));
  if (problems.length > 0) return { ok: false, reason: 'config', problems };
  return { ok: true, files, named, groups };
}

/** The locale a config asks for (the first group's that sets one). */
export function configLocale(groups: readonly Group[]): 'zh' | 'en' | undefined {
  return groups.find((g) => g.config.locale)?.config.locale;
}

export interface RunOptions {
  /** Keep each file's text and document (for --fix): checks on this thread. */
  keep: boolean;
  /** Files named on the command line: reported even when they are not jixiao documents. */
  named: ReadonlySet<string>;
  /** Worker threads (`--jobs`); default by CPU cores for many files. */
  jobs: number | undefined;
  /** Files done with phase 1 (for a progress display). */
  onChecked?: (count: number) => void;
  /** Each file's time and memory budget (`--max-file-seconds`, `--max-file-memory`). */
  budget?: FileBudget;
  /** The check cache (`--cache`) and the jixiao version its keys include: only runGroupsEach uses it. */
  cache?: { store: OutcomeCache; version: string };
}

/** A group's cache key: everything besides a file's content its phase-1 outcome depends on (the version, the resolved config, the rules' content). */
export function groupCacheKey(g: Group, version: string): string {
  return settingsKey({ version, config: g.config, rules: g.rules });
}

/** The results of one group, sorted by file. */
export interface GroupResults {
  group: Group;
  results: FileResult[];
}

const byFile = (a: FileResult, b: FileResult) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * Checks every group. Many files go to worker threads (`jobs`, default by CPU cores); `keep`
 * (for --fix, which needs each file's text) checks on this thread.
 */
export async function runGroups(groups: readonly Group[], opts: RunOptions): Promise<GroupResults[]> {
  const out: GroupResults[] = [];
  for (const g of groups) {
    const { options, workers, setup } = groupOptions(g, opts);
    const results = workers > 0
      ? await checkGroupParallel(g.files, { ...options, workers, setup })
      : await checkGroup(g.files, options);
    out.push({ group: g, results: results.sort(byFile) });
  }
  return out;
}

function groupOptions(g: Group, opts: RunOptions) {
  const reportForeign = (file: string) => opts.named.has(file);
  const setup = { configFile: g.config.file, rulesDir: rulesDir() };
  const options: GroupOptions = { rules: g.rules, severityOf: g.severityOf, config: g.config.check, keep: opts.keep, reportForeign, onChecked: opts.onChecked, budget: opts.budget, threadSetup: setup };
  const workers = opts.keep ? 0 : opts.jobs !== undefined ? (opts.jobs > 1 ? opts.jobs : 0) : defaultWorkerCount(g.files.length);
  return { options, workers, setup };
}

/** Where each result goes, with the group it was checked in. */
export type GroupSink = (result: FileResult, group: Group) => void | Promise<void>;

/**
 * Checks every group, handing each file's result to `emit` as soon as its group's cross-document
 * phase is done, in order of the files' paths over the whole run (as allResults sorts them). A
 * group's results that come before a file of a group not yet checked wait in a spool (constant
 * memory); nothing else is held. Not for `keep` (--fix checks with runGroups).
 */
export async function runGroupsEach(groups: readonly Group[], opts: RunOptions, emit: GroupSink): Promise<void> {
  const reorder = new Reorder(groups, emit);
  try {
    for (const [i, g] of groups.entries()) {
      const { options, workers, setup } = groupOptions(g, { ...opts, keep: false });
      const sink = (r: FileResult) => reorder.add(i, r);
      if (opts.cache) await checkGroupCachedEach(g.files, { ...options, cache: opts.cache.store, settings: groupCacheKey(g, opts.cache.version), jobs: opts.jobs, setup }, sink);
      else if (workers > 0) await checkGroupParallelEach(g.files, { ...options, workers, setup }, sink);
      else await checkGroupEach(g.files, options, sink);
      await reorder.groupDone(i);
    }
  } finally {
    reorder.close();
  }
}

/**
 * Puts the results of groups checked one after another into the order of their files' paths over
 * the whole run. Each group gives its own files in order; a result goes out once every file before
 * it is out or known to give none (a foreign file left out): until then it waits in a spool.
 */
class Reorder {
  /** Every file of the run, in order, and the group of each. */
  private readonly order: string[];
  private readonly groupOf: Int32Array;
  /** Per file: 0 not yet, 1 waiting in the spool, 2 out (or none). */
  private readonly state: Uint8Array;
  private readonly position = new Map<string, number>();
  /** Each group's files in order, and how far each group has come. */
  private readonly groupFiles: number[][];
  private readonly cursor: number[];
  private next = 0;
  private readonly waiting = new Spool<FileResult>();

  constructor(private readonly groups: readonly Group[], private readonly emit: GroupSink) {
    const all: [string, number][] = groups.flatMap((g, i) => g.files.map((f) => [f, i] as [string, number]));
    all.sort((a, b) => byFilePath(a[0], b[0]));
    this.order = all.map(([f]) => f);
    this.groupOf = Int32Array.from(all.map(([, g]) => g));
    this.state = new Uint8Array(all.length);
    this.order.forEach((f, i) => this.position.set(f, i));
    this.groupFiles = groups.map(() => []);
    for (let i = 0; i < all.length; i++) this.groupFiles[this.groupOf[i] as number]?.push(i);
    this.cursor = groups.map(() => 0);
  }

  async add(group: number, result: FileResult): Promise<void> {
    const at = this.position.get(result.file);
    if (at === undefined) {
      // Not a file of the run's list (never so today): out at once.
      await this.emit(result, this.groups[group] as Group);
      return;
    }
    // The group's files before this one gave no result (left out).
    const files = this.groupFiles[group] as number[];
    let c = this.cursor[group] as number;
    while (c < files.length && (files[c] as number) < at) this.state[files[c++] as number] = 2;
    if (files[c] === at) c++;
    this.cursor[group] = c;
    if (at === this.next) {
      this.state[at] = 2;
      await this.emit(result, this.groups[group] as Group);
    } else {
      this.state[at] = 1;
      this.waiting.put(result.file, result);
    }
    await this.flush();
  }

  async groupDone(group: number): Promise<void> {
    const files = this.groupFiles[group] as number[];
    for (let c = this.cursor[group] as number; c < files.length; c++) this.state[files[c] as number] = 2;
    this.cursor[group] = files.length;
    await this.flush();
  }

  private async flush(): Promise<void> {
    while (this.next < this.order.length && this.state[this.next] !== 0) {
      const i = this.next++;
      if (this.state[i] === 1) {
        this.state[i] = 2;
        const r = this.waiting.take(this.order[i] as string);
        if (r) await this.emit(r, this.groups[this.groupOf[i] as number] as Group);
      }
    }
  }

  close(): void {
    this.waiting.close();
  }
}

/** A group's config file relative to the working directory ('' for none), as the jsonl output names it. (--shard: shard.ts.) */
export function groupKey(g: Group): string {
  return g.config.file === null ? '' : relative(process.cwd(), resolve(g.config.file)).split(sep).join('/');
}

/** Every group's results in one list, sorted by file (what `jixiao check` reports). */
export function allResults(groups: readonly GroupResults[]): FileResult[] {
  return groups.flatMap((g) => g.results).sort(byFile);
}
