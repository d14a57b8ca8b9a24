/** `jixiao rules [--markdown|--json] [--locale zh|en]`: every rule with its one-line summary. */
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRuleDocs, builtinRuleIds, writeOutputFile, type Rule } from '@jixiao/core';
import { bundledRules, rulesDir, UsageError } from '../shared.js';
import { explainText } from './explain.js';

/** A rule's page beside its YAML (rules/<pack>/<rule>.md): Chinese, then English. */
export function rulePage(rule: Rule): string {
  const definedIn = `rules/${basename(dirname(rule.file))}/${basename(rule.file)}`;
  return `${explainText(rule, 'zh', definedIn)}\n\n---\n\n${explainText(rule, 'en', definedIn)}\n`;
}

/** The page of each rule, written beside its YAML; the files written. */
export function writeRulePages(rules: readonly Rule[]): string[] {
  return rules.map((rule) => {
    const file = rule.file.replace(/\.ya?ml$/, '.md');
    writeOutputFile(file, rulePage(rule));
    return relative(join(rulesDir(), '..'), file);
  });
}

export function rulesCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { markdown: { type: 'boolean' }, json: { type: 'boolean' }, locale: { type: 'string' }, pages: { type: 'boolean' } } });
  const locale = values.locale ?? 'zh';
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale: ${locale}?  (zh | en)`);
  const rules = bundledRules();
  if (values.pages) {
    // The readable page of every rule (rules/<pack>/<rule>.md), which editors and SARIF link to.
    console.log(writeRulePages(rules).join('\n'));
    return 0;
  }
  if (values.json) {
    console.log(JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, fixable: r.fix?.safe ?? false, hasSuggestion: r.fix !== undefined })), null, 2));
  } else if (values.markdown) {
    console.log('| rule | severity | 说明 | summary |\n| --- | --- | --- | --- |');
    for (const r of rules) console.log(`| \`${r.id}\` | ${r.severity} | ${r.summary.zh} | ${r.summary.en} |`);
  } else {
    let pack = '';
    for (const r of rules) {
      const p = r.id.split('/')[0] ?? '';
      if (p !== pack) {
        if (pack !== '') console.log('');
        pack = p;
      }
      const mark = r.fix?.safe ? '🔧' : '  ';
      console.log(`${r.id.padEnd(32)} ${r.severity.padEnd(8)}${mark} ${r.summary[locale]}`);
    }
    // The findings of reading files, YAML, schema and config (not rules, but codes a user meets).
    console.log('', locale === 'zh' ? '\n内置（读取文件、YAML、格式、配置时产生）：' : '\nBuilt in (from reading files, YAML, the format, the config):');
    for (const id of builtinRuleIds()) console.log(`${id.padEnd(32)} ${builtinRuleDocs(id).summary[locale]}`);
  }
  return 0;
}
