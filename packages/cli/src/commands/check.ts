/**
 * `jixiao check [paths|globs…]`: finds each file's config, checks the files of each config
 * together, prints the findings in the chosen format and returns the exit code
 * (0 clean, 1 errors or too many warnings, 2 usage or config error).
 */
import { parseArgs } from 'node:util';
import type { FileBudget, Rule } from '@jixiao/core';
import type { FileResult, Finding } from '@jixiao/core';
import { checkOutputFile, closest, DEFAULT_CACHE_FILE, OutcomeCache, settingsKey } from '@jixiao/core';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { applySafeFixes } from '../fix.js';
import { Progress } from '../progress.js';
import { CompactWriter } from '../formats/compact.js';
import { appendStepSummary, StepSummary } from '../formats/step-summary.js';
import { GithubWriter } from '../formats/github.js';
import { GitlabWriter } from '../formats/gitlab.js';
import { JsonWriter } from '../formats/json.js';
import { JsonlWriter } from '../formats/jsonl.js';
import { SarifWriter } from '../formats/sarif.js';
import { formatStylish, StylishWriter } from '../formats/stylish.js';
import { addTotals, emptyTotals, type FormatWriter } from '../formats/writer.js';
import { buildReport, Locator } from '../locate.js';
import { pick, type Locale } from '../locale.js';
import { FileOut, StdoutOut, type Out } from '../output.js';
import { allResults, configLocale, groupKey, prepareRun, runGroups, runGroupsEach, type Group } from '../run-check.js';
import { shardGroups } from '../shard.js';
import { BUDGET_OPTIONS, bundledRules, cliVersion, parseBudget, UsageError } from '../shared.js';

export const FORMATS = ['stylish', 'compact', 'json', 'jsonl', 'sarif', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

export const CHECK_HELP = {
  zh: `用法：jixiao check [路径|通配符…] [选项]

  -f, --format <格式>      stylish（默认）| compact（文件:行:列: 级别: 说明 [规则]，供 Vim、Emacs）| json | jsonl（每行一个问题，
                           边查边写，供分片合并：docs/jsonl.md）| sarif | github | gitlab
  -o, --output-file <文件>  把结果写入文件（而不是标准输出）
      --shard <i/n>        只检查 n 个分片中的第 i 个（1 ≤ i ≤ n）：按项目划分，同一配置下涉及同一项目编号的文件
                           （project.id、汇总表 project_id、陈述的 about.project）总在同一分片，跨文档规则照常；
                           各分片合起来恰好覆盖全部文件一次（见 README“分片运行”）
      --locale <语言>      zh（默认）| en
      --max-warnings <n>   警告超过 n 个时以代码 1 退出
      --quiet              只报告错误
      --fix                应用标记为安全的修复（原子写入，不改动注释和格式）
      --config <文件>      使用指定的配置文件（不再向上查找 jixiao.config.yaml）
      --no-config          不读取任何配置文件
      --color / --no-color 是否着色（默认：终端时着色）
      --cache              只重新检查改动过的文件（按内容哈希、配置、规则包和 jixiao 版本缓存每个文件的单文件检查结果；
                           跨文档检查按项目缓存，只重新计算有文件改动的项目）；缓存文件默认为当前目录下的 .jixiaocache
      --cache-location <文件|目录>  缓存文件的位置（目录时为其中的 .jixiaocache）；隐含 --cache
  -j, --jobs <n>          并行线程数（默认：文件多时按 CPU 核数；1 为单线程）
      --max-file-seconds <s>  每个文件的检查时间上限（默认 120 秒；超出时该文件报 limits/time）
      --max-file-memory <MB>  每个文件的检查内存上限（默认 4096 MB；超出时报 limits/memory）

退出代码：0 无错误；1 有错误（或警告超过 --max-warnings）；2 用法、配置或内部错误。`,
  en: `usage: jixiao check [paths|globs…] [options]

  -f, --format <format>     stylish (default) | compact (file:line:col: severity: message [rule], for Vim and Emacs) | json | jsonl
                            (one finding per line, streamed, for merging shards: docs/jsonl.md) | sarif | github | gitlab
  -o, --output-file <file>  write the report to a file instead of stdout
      --shard <i/n>         check only shard i of n (1 ≤ i ≤ n): files are split by project; the files of one config that
                            name the same project id (project.id, a summary's project_id, a statement's about.project) are
                            always in one shard, so cross-document rules see them all; the shards cover every file once
                            (README, Scaling out)
      --locale <locale>     zh (default) | en
      --max-warnings <n>    exit 1 when there are more than n warnings
      --quiet               report errors only
      --fix                 apply the fixes marked safe (atomic writes; comments and layout kept)
      --config <file>       use this config file (no upward search for jixiao.config.yaml)
      --no-config           read no config file
      --color / --no-color  colour the output (default: when stdout is a terminal)
      --cache               re-check only the files that changed (each file's own findings kept by content hash, config,
                            rule packs and jixiao version; the cross-document checks kept per project, re-run for a project with a
                            changed file); the cache file is
                            .jixiaocache in the working directory
      --cache-location <file|dir>  where the cache file goes (a directory: .jixiaocache in it); implies --cache
  -j, --jobs <n>            worker threads (default: by CPU cores when there are many files; 1: one thread)
      --max-file-seconds <s>  time budget of one file (default 120; over it: limits/time for that file)
      --max-file-memory <MB>  memory budget of one file (default 4096; over it: limits/memory)

exit codes: 0 no errors; 1 errors (or more warnings than --max-warnings); 2 usage, config or internal error.`,
};

interface CheckOptions {
  paths: string[];
  format: Format;
  output?: string;
  /** Every format written in this run: each `-f` with the `-o` of the same rank, the last one without to stdout. */
  outputs: { format: Format; file?: string }[];
  locale: Locale;
  localeGiven: boolean;
  maxWarnings?: number;
  quiet: boolean;
  fix: boolean;
  config?: string | false;
  color: boolean;
  jobs?: number;
  budget: FileBudget;
  shard: { index: number; count: number } | null;
  /** `--cache` / `--cache-location`: the cache file, or null for none. */
  cache: string | null;
}

/**
 * `--shard i/n`: whole numbers with 1 ≤ i ≤ n. A mistake is shown under the value, with a caret at
 * the part that is wrong.
 */
export function parseShard(value: string, locale: Locale): { index: number; count: number } {
  const fail = (from: number, to: number, zh: string, en: string): never => {
    const lead = '--shard ';
    const caret = `${' '.repeat(lead.length + from)}${'^'.repeat(Math.max(1, to - from))}`;
    throw new UsageError(`${pick(locale, `--shard：${zh}`, `--shard: ${en}`)}\n  ${lead}${value}\n  ${caret}`);
  };
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) {
    const slash = value.indexOf('/');
    if (slash < 0) fail(0, value.length, '应为 i/n，例如 --shard 1/4', 'expected i/n, e.g. --shard 1/4');
    const bad = /^\d+$/.test(value.slice(0, slash)) ? [slash + 1, value.length] : [0, slash];
    fail(bad[0] as number, bad[1] as number, '应为整数 i/n，例如 --shard 1/4', 'expected whole numbers i/n, e.g. --shard 1/4');
  }
  const [, i = '', n = ''] = m as RegExpExecArray;
  const index = Number(i);
  const count = Number(n);
  if (count < 1) fail(i.length + 1, value.length, '分片数 n 应 ≥ 1', 'the number of shards n must be ≥ 1');
  if (index < 1 || index > count) fail(0, i.length, `分片序号 i 应在 1 到 ${count} 之间`, `the shard index i must be between 1 and ${count}`);
  return { index, count };
}

export function parseCheckArgs(argv: string[]): CheckOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', multiple: true },
      'output-file': { type: 'string', short: 'o', multiple: true },
      locale: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      fix: { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      shard: { type: 'string' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      ...BUDGET_OPTIONS,
    },
  });
  const formats = values.format && values.format.length > 0 ? values.format : ['stylish'];
  const files = values['output-file'] ?? [];
  const locale = values.locale ?? 'zh';
  for (const format of formats) {
    if (!(FORMATS as readonly string[]).includes(format)) {
      const guess = closest(format, FORMATS);
      const hint = guess ? (locale === 'en' ? `  did you mean ${guess}?` : `  是否想写 ${guess}？`) : '';
      throw new UsageError(`--format: ${format}?${hint}  (${FORMATS.join(' | ')})`);
    }
  }
  // -f json -o a.json -f sarif -o b.sarif -f stylish: each -f with the -o of its rank; at most one goes to stdout.
  if (files.length > formats.length) throw new UsageError(locale === 'en' ? '-o/--output-file: one per --format' : '-o/--output-file：每个 --format 至多一个');
  if (formats.length - files.length > 1) throw new UsageError(locale === 'en' ? '--format: only one format can go to stdout; give the others an -o' : '--format：只有一个格式可以输出到标准输出，其余请用 -o 指定文件');
  const outputs = formats.map((format, i) => ({ format: format as Format, file: files[i] }));
  const format = formats[formats.length - 1] as string;
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale: ${locale}?  (zh | en)`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(locale === 'en' ? `--max-warnings: ${values['max-warnings']}?  (a whole number ≥ 0)` : `--max-warnings：${values['max-warnings']}？应为 ≥ 0 的整数`);
    maxWarnings = Number(values['max-warnings']);
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(locale === 'en' ? `--jobs: ${values.jobs}?  (a whole number ≥ 1)` : `--jobs：${values.jobs}？应为 ≥ 1 的整数`);
    jobs = Number(values.jobs);
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError(locale === 'en' ? '--config / --no-config: choose one' : '--config 与 --no-config 只能选一个');
  const shard = values.shard !== undefined ? parseShard(values.shard, locale) : null;
  if (shard && values.fix) throw new UsageError(locale === 'en' ? '--shard / --fix: choose one (fix in one run)' : '--shard 与 --fix 只能选一个（修复请在一次完整运行中进行）');
  const envColor = process.env.FORCE_COLOR !== undefined ? process.env.FORCE_COLOR !== '0' : process.env.NO_COLOR ? false : undefined;
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as Format,
    output: files[0],
    outputs,
    locale,
    localeGiven: values.locale !== undefined,
    maxWarnings,
    quiet: values.quiet ?? false,
    fix: values.fix ?? false,
    config: values['no-config'] ? false : values.config,
    jobs,
    budget: parseBudget(values, locale),
    shard,
    cache: cacheFileOf(values.cache === true, values['cache-location']),
    color: values['no-color'] ? false : values.color ?? envColor ?? (process.stdout.isTTY === true && files.length < formats.length),
  };
}

/**
 * The cache file of `--cache` / `--cache-location` (as ESLint's: a directory, existing or written with
 * a trailing slash, holds .jixiaocache), or null without either.
 */
export function cacheFileOf(cache: boolean, location: string | undefined): string | null {
  if (location === undefined) return cache ? DEFAULT_CACHE_FILE : null;
  if (/[\\/]$/.test(location)) return join(location, DEFAULT_CACHE_FILE);
  try {
    if (lstatSync(location).isDirectory()) return join(location, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: a file.
  }
  return location;
}

function writerFor(format: Format, out: Out, opts: CheckOptions, toFile: boolean, rules: readonly Rule[]): FormatWriter {
  switch (format) {
    case 'json':
      return new JsonWriter(out, opts.locale);
    case 'jsonl':
      return new JsonlWriter(out, opts.locale, { version: cliVersion(), locale: opts.locale, paths: opts.paths, shard: opts.shard, quiet: opts.quiet, config: opts.config ?? null });
    case 'sarif':
      return new SarifWriter(out, rules, opts.locale, cliVersion());
    case 'github':
      return new GithubWriter(out, opts.locale);
    case 'gitlab':
      return new GitlabWriter(out, opts.locale);
    case 'compact':
      return new CompactWriter(out, opts.locale);
    default:
      // A report written to a file is not wrapped at the terminal's width; a file gets no colour.
      return new StylishWriter(out, opts.locale, { color: toFile ? false : opts.color, ...(toFile ? { width: 0 } : {}) });
  }
}

/** Writes the cache; one that cannot be written is said on stderr (the report and exit code stand). */
function saveCache(cache: OutcomeCache, locale: Locale): void {
  try {
    cache.save();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.error(pick(locale, `无法写入缓存文件 ${cache.file}：${why}`, `cannot write the cache file ${cache.file}: ${why}`));
  }
}

export async function checkCommand(argv: string[]): Promise<number> {
  const opts = parseCheckArgs(argv);
  // An output that cannot be written is said before any work.
  for (const o of opts.outputs) if (o.file) checkOutputFile(o.file);
  const prepared = await prepareRun(opts.paths, opts.config, bundledRules());
  if (!prepared.ok && prepared.reason === 'no-files') {
    console.error(pick(opts.locale, `没有找到文件：${prepared.missing.join(' ')}`, `no files found: ${prepared.missing.join(' ')}`));
    return 2;
  }
  if (!prepared.ok) {
    const report = buildReport([], prepared.problems);
    console.error(formatStylish(report, opts.locale, { color: opts.color }));
    console.error(pick(opts.locale, '配置有误，未检查任何文件。', 'the configuration is invalid; no file was checked.'));
    return 2;
  }
  const { named } = prepared;
  // --shard i/n: only the files of shard i, a project's documents (peers) always together (shard.ts).
  const groups = opts.shard ? await shardGroups(prepared.groups, opts.shard) : prepared.groups;
  // A config's `locale` applies unless --locale was given.
  const fromConfig = configLocale(prepared.groups);
  if (!opts.localeGiven && fromConfig) opts.locale = fromConfig;

  const total = groups.reduce((n, g) => n + g.files.length, 0);
  const allRules = [...new Map(groups.flatMap((g) => g.rules).map((r) => [r.id, r])).values()];
  const progress = new Progress(total, opts.locale);
  const outs: Out[] = [];
  const writers: FormatWriter[] = [];
  const summary = process.env.GITHUB_STEP_SUMMARY && opts.outputs.some((o) => o.format === 'github') ? new StepSummary() : null;
  const totals = emptyTotals();
  /** Findings to put first in a file's (fixes that could not be written). */
  const before = new Map<string, Finding[]>();
  // --cache: each file's phase-1 outcome from the last run, for files unchanged; the cross-document phase per project, re-run for a project with a changed file.
  const cache = opts.cache !== null && !opts.fix ? { store: OutcomeCache.open(opts.cache, settingsKey({ version: cliVersion(), config: null, rules: null }), process.cwd()), version: cliVersion() } : undefined;
  const configOf = new Map<Group, string | null>(groups.map((g) => [g, g.config.file === null ? null : groupKey(g)]));
  const emit = async (result: FileResult, group: Group | undefined): Promise<void> => {
    const first = before.get(result.file);
    if (first) result.findings = [...first, ...result.findings];
    if (opts.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
    const locator = new Locator([result]);
    const located = result.findings.map((f) => locator.locate(f));
    addTotals(totals, located);
    summary?.add(located);
    const entry = { result, located, config: group ? configOf.get(group) ?? null : null };
    for (const w of writers) w.file(entry);
    for (const o of outs) await o.drain();
  };
  try {
    for (const o of opts.outputs) {
      // stdout as the terminal allows; a progress line on the same terminal is wiped before each chunk.
      const out = o.file ? new FileOut(o.file) : new StdoutOut(() => progress.end());
      outs.push(out);
      writers.push(writerFor(o.format, out, opts, o.file !== undefined, allRules));
    }
    const groupByFile = new Map(groups.flatMap((g) => g.files.map((f) => [f, g] as [string, Group])));
    const groupOfFile = (file: string) => groupByFile.get(file);
    if (opts.fix) {
      // --fix checks with each file's text kept (to edit it), applies the safe fixes, then checks again.
      let results = allResults(await runGroups(groups, { keep: true, named, jobs: opts.jobs, onChecked: progress.add, budget: opts.budget }));
      const { fixed, problems } = applySafeFixes(results);
      // A file whose fixes could not be written says so, and its findings stand (each one put first, as it came).
      for (const p of problems) before.set(p.file, [p, ...(before.get(p.file) ?? [])]);
      progress.end();
      if (fixed.length > 0) {
        const n = fixed.reduce((a, f) => a + f.applied, 0);
        console.error(pick(opts.locale, `已修复 ${fixed.length} 个文件中的 ${n} 处问题。`, `fixed ${n} problems in ${fixed.length} files.`));
        results = [];
        await runGroupsEach(groups, { keep: false, named, jobs: opts.jobs, onChecked: progress.add, budget: opts.budget }, emit);
      }
      for (const r of results) await emit(r, groupOfFile(r.file));
    } else {
      await runGroupsEach(groups, { keep: false, named, jobs: opts.jobs, onChecked: progress.add, budget: opts.budget, ...(cache ? { cache } : {}) }, emit);
    }
    progress.end();
    if (cache) saveCache(cache.store, opts.locale);
    for (const w of writers) w.end(totals);
    for (const o of outs) o.close();
  } catch (err) {
    progress.end();
    for (const o of outs) o.abort();
    throw err;
  }
  // On GitHub Actions, the run's summary page gets the counts and the first findings.
  if (summary && process.env.GITHUB_STEP_SUMMARY) appendStepSummary(process.env.GITHUB_STEP_SUMMARY, summary.markdown(totals, opts.locale));
  if (totals.errors > 0) return 1;
  if (opts.maxWarnings !== undefined && totals.warnings > opts.maxWarnings) {
    console.error(pick(opts.locale, `警告 ${totals.warnings} 个，超过 --max-warnings ${opts.maxWarnings}。`, `${totals.warnings} warnings, more than --max-warnings ${opts.maxWarnings}.`));
    return 1;
  }
  return 0;
}
