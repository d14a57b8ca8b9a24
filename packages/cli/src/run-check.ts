/**
 * Running the checks the way `jixiao check` does, for every command that needs the findings of a
 * batch (`check`, `review`): paths and globs to files, each file's config (`jixiao.config.yaml`),
 * the files of each config checked together (on worker threads for big batches).
 */
import { checkGroup, checkGroupParallel, defaultWorkerCount, ProjectSettings, type FileBudget, type FileResult, type Finding, type ResolvedConfig, type Rule } from '@jixiao/core';
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
  const reportForeign = (file: string) => opts.named.has(file);
  for (const g of groups) {
    const setup = { configFile: g.config.file, rulesDir: rulesDir() };
    const options = { rules: g.rules, severityOf: g.severityOf, config: g.config.check, keep: opts.keep, reportForeign, onChecked: opts.onChecked, budget: opts.budget, threadSetup: setup };
    const workers = opts.keep ? 0 : opts.jobs !== undefined ? (opts.jobs > 1 ? opts.jobs : 0) : defaultWorkerCount(g.files.length);
    const results = workers > 0
      ? await checkGroupParallel(g.files, { ...options, workers, setup })
      : await checkGroup(g.files, options);
    out.push({ group: g, results: results.sort(byFile) });
  }
  return out;
}

/** Every group's results in one list, sorted by file (what `jixiao check` reports). */
export function allResults(groups: readonly GroupResults[]): FileResult[] {
  return groups.flatMap((g) => g.results).sort(byFile);
}
