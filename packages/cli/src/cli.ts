#!/usr/bin/env node
/** The `jixiao` command: `jixiao check [paths|globs…] [--format stylish|json] [--locale zh|en]`. */
import { stat } from 'node:fs/promises';
import fg from 'fast-glob';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkFiles, findRulesDir, LineIndex, loadPacks, type FileResult } from '@jixiao/core';

/** The packs shipped inside the published package (copied at prepack), else the repository's. */
function rulesDir(): string {
  const own = fileURLToPath(new URL('../rules', import.meta.url));
  return existsSync(own) ? own : findRulesDir();
}

const USAGE = `用法 usage: jixiao check [paths|globs…] [--format stylish|json] [--locale zh|en]\n       jixiao rules [--markdown] [--locale zh|en]`;

interface Options {
  paths: string[];
  format: 'stylish' | 'json';
  locale: 'zh' | 'en';
}

function parseArgs(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command !== 'check') return command === undefined ? USAGE : `未知命令 unknown command: ${command}\n${USAGE}`;
  const opts: Options = { paths: [], format: 'stylish', locale: 'zh' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--format' || a === '-f') {
      const v = rest[++i];
      if (v !== 'stylish' && v !== 'json') return `--format: expected stylish | json\n${USAGE}`;
      opts.format = v;
    } else if (a === '--locale') {
      const v = rest[++i];
      if (v !== 'zh' && v !== 'en') return `--locale: expected zh | en\n${USAGE}`;
      opts.locale = v;
    } else if (a.startsWith('-')) {
      return `未知选项 unknown option: ${a}\n${USAGE}`;
    } else opts.paths.push(a);
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

async function expand(paths: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const p of paths) {
    const isDir = await stat(p).then((s) => s.isDirectory(), () => false);
    const pattern = isDir ? `${fg.convertPathToPattern(p).replace(/\/$/, '')}/**/*.{yaml,yml,json}` : p;
    for (const f of await fg(pattern, { onlyFiles: true, ignore: ['**/node_modules/**'] })) files.add(f);
  }
  return [...files].sort();
}

function printStylish(results: FileResult[], locale: 'zh' | 'en'): void {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const index = new LineIndex(r.text);
    console.log(r.file);
    for (const f of r.findings) {
      const { line, column } = index.position(f.span[0]);
      const sev = f.severity === 'error' ? (locale === 'zh' ? '错误' : 'error') : f.severity === 'warning' ? (locale === 'zh' ? '警告' : 'warning') : (locale === 'zh' ? '提示' : 'info');
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      console.log(`  ${line}:${column}  ${sev}  ${f.message[locale]}  ${f.ruleId}`);
    }
    console.log('');
  }
  const total = errors + warnings + infos;
  console.log(locale === 'zh' ? `${results.length} 个文件，${total} 个问题（${errors} 个错误，${warnings} 个警告，${infos} 个提示）` : `${results.length} files, ${total} problems (${errors} errors, ${warnings} warnings, ${infos} info)`);
}

function printJson(results: FileResult[], locale: 'zh' | 'en'): void {
  const indexes = new Map(results.map((r) => [r.file, new LineIndex(r.text)]));
  const place = (file: string, span: readonly [number, number]) => {
    const index = indexes.get(file);
    const start = index?.position(span[0]) ?? { line: 0, column: 0 };
    const end = index?.position(span[1]) ?? { line: 0, column: 0 };
    return { file, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  };
  const out = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message[locale],
      ...place(f.file, f.span),
      path: f.path ?? null,
      related: f.related.map((rel) => ({ ...place(rel.file, rel.span), path: rel.path ?? null, message: rel.message[locale] })),
      fix: f.fix ? { message: f.fix.message[locale], safe: f.fix.safe, edits: f.fix.edits.map((e) => ({ ...place(e.file, e.span), text: e.text })) } : null,
    })),
  );
  console.log(JSON.stringify(out, null, 2));
}

function printRules(argv: string[]): number {
  const locale = argv.includes('--locale') && argv[argv.indexOf('--locale') + 1] === 'en' ? 'en' : 'zh';
  const rules = loadPacks(rulesDir());
  if (argv.includes('--markdown')) {
    console.log('| rule | severity | 说明 | summary |\n| --- | --- | --- | --- |');
    for (const r of rules) console.log(`| \`${r.id}\` | ${r.severity} | ${r.summary.zh} | ${r.summary.en} |`);
  } else {
    for (const r of rules) console.log(`${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.summary[locale]}`);
  }
  return 0;
}

async function main(): Promise<number> {
  if (process.argv[2] === 'rules') return printRules(process.argv.slice(3));
  const opts = parseArgs(process.argv.slice(2));
  if (typeof opts === 'string') {
    console.error(opts);
    return 2;
  }
  const files = await expand(opts.paths);
  if (files.length === 0) {
    console.error(opts.locale === 'zh' ? `没有找到文件：${opts.paths.join(' ')}` : `no files found: ${opts.paths.join(' ')}`);
    return 2;
  }
  const results = await checkFiles(files, { rules: loadPacks(rulesDir()) });
  if (opts.format === 'json') printJson(results, opts.locale);
  else printStylish(results, opts.locale);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`jixiao: internal error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
