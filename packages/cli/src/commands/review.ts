/**
 * `jixiao review [paths|globs…] --out <dir>`: the finance bureau's review of a batch. Runs the same
 * checks as `jixiao check` (configs, groups, worker threads), then writes review.html,
 * findings.csv, submissions.csv and, with --xlsx, review.xlsx. Exit 0 once written (findings are
 * the report's content, not a failure); 2 on usage or config errors.
 */
import { join, relative, resolve } from 'node:path';
import { checkOutputDir, checkOutputFile, type FileBudget } from '@jixiao/core';
import { parseArgs } from 'node:util';
import { collectReview, OUTPUT_FILES, writeReview, type ReviewModel } from '@jixiao/review';
import { readShards, MergeError } from '../merge.js';
import { builtinRuleDocs } from '../builtin-rules.js';
import { buildReport } from '../locate.js';
import { formatStylish } from '../formats/stylish.js';
import { pick, type Locale } from '../locale.js';
import { configLocale, groupByConfig, prepareRun, runGroups } from '../run-check.js';
import { ProjectSettings } from '@jixiao/core';
import { rulesDir } from '../shared.js';
import { BUDGET_OPTIONS, bundledRules, parseBudget, UsageError } from '../shared.js';

export const REVIEW_HELP = {
  zh: `用法：jixiao review [路径|通配符…] --out <目录> [选项]

对一批自评表、评价报告和汇总表运行与 jixiao check 相同的检查，生成审核报告：
  review.html      自包含的网页（概览、自评与外部评价散点图、提交列表、每个文件的问题、规则与单位排行）
  findings.csv     每个问题一行（UTF-8 带 BOM，Excel 可直接打开）
  submissions.csv  每个文件一行
  review.xlsx      同样两张表的工作簿（--xlsx）

  -o, --out <目录>         输出目录（默认 jixiao-review）
      --merge <jsonl…>     不再检查：由各分片的 jixiao check --shard i/n --format jsonl 输出合成同一份审核报告
                           （在同一目录下运行，被审文件须仍在原处：报告要读取原文摘录；见 docs/jsonl.md）
      --xlsx               同时生成 review.xlsx
      --locale <语言>      zh（默认）| en
      --title <文字>       报告标题下显示的批次说明（默认：所给路径）
      --config <文件>      使用指定的配置文件（不再向上查找 jixiao.config.yaml）
      --no-config          不读取任何配置文件
  -j, --jobs <n>          并行线程数（默认：文件多时按 CPU 核数）
      --max-file-seconds <s>  每个文件的检查时间上限（默认 120 秒）
      --max-file-memory <MB>  每个文件的检查内存上限（默认 4096 MB）

分差阈值（gaps.warn / gaps.error）和等级分数段（grades.bands）在 jixiao.config.yaml 中配置。
退出代码：0 已生成报告；2 用法或配置错误。`,
  en: `usage: jixiao review [paths|globs…] --out <dir> [options]

Runs the same checks as jixiao check over a batch of self-evaluation forms, evaluation reports and
summary tables, and writes the review:
  review.html      a self-contained page (overview, self vs external scatter plot, submissions table,
                   each document's findings, rule and unit rankings)
  findings.csv     one row per finding (UTF-8 with BOM, opens in Excel)
  submissions.csv  one row per document
  review.xlsx      a workbook with the same two sheets (--xlsx)

  -o, --out <dir>           output directory (default jixiao-review)
      --merge <jsonl…>      check nothing: build the same review from the shards' jixiao check --shard i/n --format jsonl
                            outputs (run in the same directory, with the files still in place: the review reads
                            their excerpts; docs/jsonl.md)
      --xlsx                also write review.xlsx
      --locale <locale>     zh (default) | en
      --title <text>        what the batch is, shown under the page's title (default: the paths given)
      --config <file>       use this config file (no upward search for jixiao.config.yaml)
      --no-config           read no config file
  -j, --jobs <n>            worker threads (default: by CPU cores when there are many files)
      --max-file-seconds <s>  time budget of one file (default 120)
      --max-file-memory <MB>  memory budget of one file (default 4096)

Gap thresholds (gaps.warn / gaps.error) and grade bands (grades.bands) come from jixiao.config.yaml.
exit codes: 0 review written; 2 usage or config error.`,
};

interface ReviewOptions {
  paths: string[];
  out: string;
  xlsx: boolean;
  locale: Locale;
  localeGiven: boolean;
  title?: string;
  config?: string | false;
  jobs?: number;
  budget: FileBudget;
  /** --merge: the positionals are jsonl outputs of sharded checks. */
  merge: boolean;
}

export function parseReviewArgs(argv: string[]): ReviewOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      xlsx: { type: 'boolean' },
      locale: { type: 'string' },
      title: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      merge: { type: 'boolean' },
      ...BUDGET_OPTIONS,
    },
  });
  const locale = values.locale ?? 'zh';
  if (values.merge && positionals.length === 0) throw new UsageError(locale === 'en' ? '--merge: give the jsonl files of the shards' : '--merge：请给出各分片的 jsonl 文件');
  if (values.merge && (values.config !== undefined || values['no-config'])) throw new UsageError(locale === 'en' ? '--merge: the shards\' --config applies; give it to jixiao check' : '--merge：沿用各分片检查时的 --config，请在 jixiao check 时给出');
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale: ${locale}?  (zh | en)`);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(locale === 'en' ? `--jobs: ${values.jobs}?  (a whole number ≥ 1)` : `--jobs：${values.jobs}？应为 ≥ 1 的整数`);
    jobs = Number(values.jobs);
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError(locale === 'en' ? '--config / --no-config: choose one' : '--config 与 --no-config 只能选一个');
  if (values.out === '') throw new UsageError(locale === 'en' ? '--out: a directory' : '--out：应为一个目录');
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    out: values.out ?? 'jixiao-review',
    xlsx: values.xlsx ?? false,
    locale,
    localeGiven: values.locale !== undefined,
    title: values.title,
    config: values['no-config'] ? false : values.config,
    jobs,
    budget: parseBudget(values, locale),
    merge: values.merge ?? false,
  };
}

export async function reviewCommand(argv: string[]): Promise<number> {
  const opts = parseReviewArgs(argv);
  // The output directory and the files it will hold are checked before any work (no link, no file in the way).
  checkOutputDir(opts.out);
  for (const name of [OUTPUT_FILES.html, OUTPUT_FILES.findings, OUTPUT_FILES.submissions, ...(opts.xlsx ? [OUTPUT_FILES.xlsx] : [])]) checkOutputFile(join(opts.out, name));
  const started = Date.now();
  if (opts.merge) return mergeReview(opts, started);
  const prepared = await prepareRun(opts.paths, opts.config, bundledRules());
  if (!prepared.ok && prepared.reason === 'no-files') {
    console.error(pick(opts.locale, `没有找到文件：${prepared.missing.join(' ')}`, `no files found: ${prepared.missing.join(' ')}`));
    return 2;
  }
  if (!prepared.ok) {
    console.error(formatStylish(buildReport([], prepared.problems), opts.locale, { color: false }));
    console.error(pick(opts.locale, '配置有误，未检查任何文件。', 'the configuration is invalid; no file was checked.'));
    return 2;
  }
  const fromConfig = configLocale(prepared.groups);
  if (!opts.localeGiven && fromConfig) opts.locale = fromConfig;
  // The output directory's own files are never part of the batch.
  const outDir = resolve(opts.out);
  const groups = prepared.groups.map((g) => ({ ...g, files: g.files.filter((f) => relative(outDir, resolve(f)).startsWith('..')) }));
  const results = await runGroups(groups, { keep: false, named: prepared.named, jobs: opts.jobs, budget: opts.budget });
  const model = collectReview(
    results.map(({ group, results: r }) => ({ config: group.config.check, rules: group.rules, results: r })),
    { title: opts.title ?? opts.paths.join(' '), docsFor: (id) => builtinRuleDocs(id) },
  );
  return written(await writeReview(model, opts.out, { locale: opts.locale, xlsx: opts.xlsx }), model, opts, started);
}

function written(files: string[], model: ReviewModel, opts: ReviewOptions, started: number): number {
  const o = model.overview;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.error(pick(
    opts.locale,
    `已审核 ${o.documents} 个文件（${o.projects} 个项目）：${o.findings.error} 个错误，${o.findings.warning} 个警告，${o.findings.info} 个提示；自评高出外部评价达到阈值的项目 ${o.overWarn} 个。用时 ${seconds} 秒。\n已写入：${files.join('、')}`,
    `reviewed ${o.documents} documents (${o.projects} projects): ${o.findings.error} errors, ${o.findings.warning} warnings, ${o.findings.info} info; ${o.overWarn} projects with a self-score over the gap threshold. ${seconds} s.\nwritten: ${files.join(', ')}`,
  ));
  return 0;
}

/**
 * `--merge`: the review of one run over every file, from the jsonl outputs of sharded checks. The
 * findings come from the shards; the files are grouped by their configs as one run groups them
 * (the shards' --config), and each is read once more for its facts and excerpts, as a review does.
 */
async function mergeReview(opts: ReviewOptions, started: number): Promise<number> {
  let merged;
  try {
    merged = await readShards(opts.paths);
  } catch (err) {
    if (!(err instanceof MergeError)) throw err;
    console.error(`jixiao review --merge: ${opts.locale === 'en' ? err.en : err.zh}`);
    return 2;
  }
  const outDir = resolve(opts.out);
  const files = [...merged.results.keys()].filter((f) => relative(outDir, resolve(f)).startsWith('..')).sort();
  const { groups, problems } = groupByConfig(files, new ProjectSettings(rulesDir(), merged.config, bundledRules()));
  if (problems.length > 0) {
    console.error(formatStylish(buildReport([], problems), opts.locale, { color: false }));
    console.error(pick(opts.locale, '配置有误，未生成审核报告。', 'the configuration is invalid; no review was written.'));
    return 2;
  }
  const fromConfig = configLocale(groups);
  if (!opts.localeGiven && fromConfig) opts.locale = fromConfig;
  const model = collectReview(
    groups.map((g) => ({ config: g.config.check, rules: g.rules, results: g.files.flatMap((f) => merged.results.get(f) ?? []) })),
    { title: opts.title ?? merged.paths.join(' '), docsFor: (id) => builtinRuleDocs(id) },
  );
  return written(await writeReview(model, opts.out, { locale: opts.locale, xlsx: opts.xlsx }), model, opts, started);
}
