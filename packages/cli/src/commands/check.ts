/**
 * `jixiao check [paths|globs…]`: finds each file's config, checks the files of each config
 * together, prints the findings in the chosen format and returns the exit code
 * (0 clean, 1 errors or too many warnings, 2 usage or config error).
 */
import { parseArgs } from 'node:util';
import type { FileBudget, Rule } from '@jixiao/core';
import { checkOutputFile, writeOutputFile, closest } from '@jixiao/core';
import { applySafeFixes } from '../fix.js';
import { Progress } from '../progress.js';
import { formatCompact } from '../formats/compact.js';
import { appendStepSummary, stepSummary } from '../formats/step-summary.js';
import { formatGithub } from '../formats/github.js';
import { formatGitlab } from '../formats/gitlab.js';
import { formatJson } from '../formats/json.js';
import { formatSarif } from '../formats/sarif.js';
import { formatStylish } from '../formats/stylish.js';
import { buildReport, counts, type Report } from '../locate.js';
import { pick, type Locale } from '../locale.js';
import { allResults, configLocale, prepareRun, runGroups } from '../run-check.js';
import { BUDGET_OPTIONS, bundledRules, cliVersion, parseBudget, UsageError } from '../shared.js';

export const FORMATS = ['stylish', 'compact', 'json', 'sarif', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

export const CHECK_HELP = {
  zh: `用法：jixiao check [路径|通配符…] [选项]

  -f, --format <格式>      stylish（默认）| compact（文件:行:列: 级别: 说明 [规则]，供 Vim、Emacs）| json | sarif | github | gitlab
  -o, --output-file <文件>  把结果写入文件（而不是标准输出）
      --locale <语言>      zh（默认）| en
      --max-warnings <n>   警告超过 n 个时以代码 1 退出
      --quiet              只报告错误
      --fix                应用标记为安全的修复（原子写入，不改动注释和格式）
      --config <文件>      使用指定的配置文件（不再向上查找 jixiao.config.yaml）
      --no-config          不读取任何配置文件
      --color / --no-color 是否着色（默认：终端时着色）
  -j, --jobs <n>          并行线程数（默认：文件多时按 CPU 核数；1 为单线程）
      --max-file-seconds <s>  每个文件的检查时间上限（默认 120 秒；超出时该文件报 limits/time）
      --max-file-memory <MB>  每个文件的检查内存上限（默认 4096 MB；超出时报 limits/memory）

退出代码：0 无错误；1 有错误（或警告超过 --max-warnings）；2 用法、配置或内部错误。`,
  en: `usage: jixiao check [paths|globs…] [options]

  -f, --format <format>     stylish (default) | compact (file:line:col: severity: message [rule], for Vim and Emacs) | json | sarif | github | gitlab
  -o, --output-file <file>  write the report to a file instead of stdout
      --locale <locale>     zh (default) | en
      --max-warnings <n>    exit 1 when there are more than n warnings
      --quiet               report errors only
      --fix                 apply the fixes marked safe (atomic writes; comments and layout kept)
      --config <file>       use this config file (no upward search for jixiao.config.yaml)
      --no-config           read no config file
      --color / --no-color  colour the output (default: when stdout is a terminal)
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
    color: values['no-color'] ? false : values.color ?? envColor ?? (process.stdout.isTTY === true && files.length < formats.length),
  };
}

function render(report: Report, opts: CheckOptions & { format: Format; toFile?: boolean }, rules: readonly Rule[]): string {
  switch (opts.format) {
    case 'json':
      return formatJson(report, opts.locale);
    case 'sarif':
      return formatSarif(report, rules, opts.locale, cliVersion());
    case 'github':
      return formatGithub(report, opts.locale);
    case 'gitlab':
      return formatGitlab(report, opts.locale);
    case 'compact':
      return formatCompact(report, opts.locale);
    default:
      // A report written to a file is not wrapped at the terminal's width.
      return formatStylish(report, opts.locale, { color: opts.color, ...(opts.toFile ? { width: 0 } : {}) });
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
  const { groups, named } = prepared;
  // A config's `locale` applies unless --locale was given.
  const fromConfig = configLocale(groups);
  if (!opts.localeGiven && fromConfig) opts.locale = fromConfig;

  const total = groups.reduce((n, g) => n + g.files.length, 0);
  const runAll = async (keep: boolean) => {
    const progress = new Progress(total, opts.locale);
    try {
      return allResults(await runGroups(groups, { keep, named, jobs: opts.jobs, onChecked: progress.add, budget: opts.budget }));
    } finally {
      progress.end();
    }
  };
  let results = await runAll(opts.fix);
  if (opts.fix) {
    const { fixed, problems } = applySafeFixes(results);
    if (fixed.length > 0) {
      const n = fixed.reduce((a, f) => a + f.applied, 0);
      console.error(pick(opts.locale, `已修复 ${fixed.length} 个文件中的 ${n} 处问题。`, `fixed ${n} problems in ${fixed.length} files.`));
      results = await runAll(false);
    }
    // A file whose fixes could not be written says so, and its findings stand.
    for (const p of problems) results.find((r) => r.file === p.file)?.findings.unshift(p);
  }
  if (opts.quiet) for (const r of results) r.findings = r.findings.filter((f) => f.severity === 'error');
  const report = buildReport(results);
  const allRules = [...new Map(groups.flatMap((g) => g.rules).map((r) => [r.id, r])).values()];
  for (const o of opts.outputs) {
    // A file gets no colour; stdout as the terminal allows.
    const text = render(report, { ...opts, format: o.format, color: o.file ? false : opts.color, toFile: o.file !== undefined }, allRules);
    if (o.file) writeOutputFile(o.file, `${text}\n`);
    else process.stdout.write(`${text}\n`);
  }
  // On GitHub Actions, the run's summary page gets the counts and the first findings.
  if (process.env.GITHUB_STEP_SUMMARY && opts.outputs.some((o) => o.format === 'github')) appendStepSummary(process.env.GITHUB_STEP_SUMMARY, stepSummary(report, opts.locale));
  const c = counts(report);
  if (c.errors > 0) return 1;
  if (opts.maxWarnings !== undefined && c.warnings > opts.maxWarnings) {
    console.error(pick(opts.locale, `警告 ${c.warnings} 个，超过 --max-warnings ${opts.maxWarnings}。`, `${c.warnings} warnings, more than --max-warnings ${opts.maxWarnings}.`));
    return 1;
  }
  return 0;
}
