/**
 * `jixiao import <file> [-o draft.yaml]`: a published PDF, spreadsheet or pdftotext text to a draft
 * jixiao/1 document, then the draft checked with the same rules as `jixiao check` and its findings
 * printed. A broken identity on a draft points at an extraction error or at a real inconsistency.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { applySettings, checkLoaded, checkOutputFile, checkText, defaultConfig, readFileBytesSync, writeOutputFile } from '@jixiao/core';
import { pick, type Locale } from '../locale.js';
import { buildReport } from '../locate.js';
import { formatStylish } from '../formats/stylish.js';
import { bundledRules, UsageError } from '../shared.js';

export const IMPORT_HELP = {
  zh: `用法：jixiao import <文件.pdf|.xlsx|.xls|.txt> [选项]

把已公开的部门决算、部门预算（PDF、表格，或 pdftotext -layout 的文本）转为 jixiao/1 草稿，
每张表注明所在页；随后用 jixiao check 的规则检查草稿并列出问题。

  -o, --output <文件>   草稿写到哪里（默认：源文件旁的 <名称>.jixiao.yaml；- 为标准输出）
      --kind <类型>     final-accounts | budget | self-evaluation（默认：按标题识别）
      --force           覆盖已存在的草稿
      --locale <语言>   zh（默认）| en

退出代码：0 草稿已写出且无错误；1 草稿有错误（多为提取错误或原文本身不一致）；2 无法导入。`,
  en: `usage: jixiao import <file.pdf|.xlsx|.xls|.txt> [options]

Turns a published 部门决算 or 部门预算 (a PDF, a spreadsheet, or the text of pdftotext -layout) into a
jixiao/1 draft, each table marked with its page; then checks the draft with jixiao check's rules.

  -o, --output <file>   where to write the draft (default: <name>.jixiao.yaml beside the source; - for stdout)
      --kind <kind>     final-accounts | budget | self-evaluation (default: recognised from the titles)
      --force           overwrite an existing draft
      --locale <locale> zh (default) | en

exit codes: 0 the draft is written and has no errors; 1 it has errors (mostly extraction errors, or the
source's own inconsistencies); 2 the file could not be imported.`,
};

interface ImportArgs {
  file: string;
  output?: string;
  kind?: 'final-accounts' | 'budget' | 'self-evaluation';
  force: boolean;
  locale: Locale;
}

export function parseImportArgs(argv: string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      kind: { type: 'string' },
      force: { type: 'boolean' },
      locale: { type: 'string' },
    },
  });
  const locale = values.locale ?? 'zh';
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale: ${locale}?  (zh | en)`);
  if (positionals.length !== 1) throw new UsageError(pick(locale, 'import：应给出一个文件', 'import: give one file'));
  if (values.kind !== undefined && values.kind !== 'final-accounts' && values.kind !== 'budget' && values.kind !== 'self-evaluation') throw new UsageError(`--kind: ${values.kind}?  (final-accounts | budget | self-evaluation)`);
  return { file: positionals[0] as string, output: values.output, kind: values.kind as ImportArgs['kind'], force: values.force ?? false, locale };
}

/** The default draft beside the source: report.pdf → report.jixiao.yaml. */
export function defaultDraftPath(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.jixiao.yaml`);
}

export async function importCommand(argv: string[]): Promise<number> {
  const opts = parseImportArgs(argv);
  const { locale } = opts;
  const out = opts.output ?? defaultDraftPath(opts.file);
  const toStdout = out === '-';
  if (!toStdout) {
    checkOutputFile(out);
    checkOutputFile(out.replace(/\.ya?ml$/i, '') + '.sources.json');
    if (existsSync(out) && !opts.force) {
      console.error(pick(locale, `jixiao: ${out} 已存在，未覆盖（用 --force 覆盖）`, `jixiao: ${out} exists and was not overwritten (--force overwrites it)`));
      return 2;
    }
  }
  // Read as safely as a document: a regular file only, its size checked on the open descriptor.
  const read = readFileBytesSync(opts.file);
  if (!read.ok) {
    console.error(`jixiao: ${opts.file}: ${locale === 'zh' ? read.message.zh : read.message.en}`);
    return 2;
  }
  // Loaded on demand: pdf.js and the spreadsheet reader would slow every other command's start.
  const { importDocument, ImportError, sourcesPath } = await import('@jixiao/import');
  let result;
  try {
    // The draft names its source relative to itself, so that the pair can be moved together.
    const documentName = toStdout ? basename(opts.file) : relative(dirname(out), opts.file) || basename(opts.file);
    result = await importDocument(opts.file, read.bytes, { documentName, ...(opts.kind ? { kind: opts.kind } : {}) });
  } catch (err) {
    if (err instanceof ImportError || (err instanceof Error && /PDF|spreadsheet|表格/.test(err.message))) {
      console.error(`jixiao: ${err instanceof ImportError ? pick(locale, err.zh, err.en) : err.message}`);
      return 2;
    }
    throw err;
  }
  const draftName = toStdout ? 'draft.yaml' : out;
  if (toStdout) process.stdout.write(result.yaml);
  else {
    writeOutputFile(out, result.yaml);
    writeOutputFile(sourcesPath(out), `${JSON.stringify(result.sources, null, 1)}\n`);
  }

  // The draft checked as `jixiao check` checks it (the bundled rules and defaults).
  const rules = bundledRules();
  const config = defaultConfig();
  const loaded = checkText(draftName, result.yaml);
  const outcome = checkLoaded(loaded, rules, config, new Set(rules.map((r) => r.id)));
  const findings = applySettings(outcome.result.findings, outcome.result.suppressions, undefined, draftName);
  const report = buildReport([{ ...outcome.result, findings }], []);
  const log = toStdout ? console.error : console.log;
  const rows = result.tables.reduce((n, t) => n + t.blocks.reduce((m, b) => m + b.rows.length, 0), 0);
  const shown = toStdout ? '-' : relative(process.cwd(), out) || out;
  log(pick(locale,
    `草稿：${shown}（${result.kind === 'budget' ? '部门预算' : result.kind === 'self-evaluation' ? '绩效自评表' : '部门决算'}，${result.source.pages.length} 页，${result.tables.length} 张表，${rows} 行，${result.statements.length} 句说明，${result.unplaced} 处未能放置）`,
    `draft: ${shown} (${result.kind}, ${result.source.pages.length} pages, ${result.tables.length} tables, ${rows} rows, ${result.statements.length} narrative sentences, ${result.unplaced} unplaced)`));
  if (result.forms) log(pick(locale, `源文件中另有 ${result.forms} 张绩效自评表，未写入此草稿：加 --kind self-evaluation 再导入一次即可得到它们的草稿`, `the source also holds ${result.forms} self-evaluation form${result.forms === 1 ? '' : 's'}, not in this draft: import it again with --kind self-evaluation to draft ${result.forms === 1 ? 'it' : 'them'}`));
  if (result.scanned.length > 0) log(pick(locale, `扫描页（无文字，需 OCR，未导入）：${result.scanned.join('、')}`, `scanned pages (no text; need OCR; not imported): ${result.scanned.join(', ')}`));
  if (findings.length > 0) log(formatStylish(report, locale, { color: !toStdout && process.stdout.isTTY === true }));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
