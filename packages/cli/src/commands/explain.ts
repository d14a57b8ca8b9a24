/** `jixiao explain <rule-id>`: what the rule checks, why, an example, and how to tune it (Ruff-style). */
import { parseArgs } from 'node:util';
import { buildDocView, buildSubjects, closest, defaultConfig, LineIndex, loadDocument, runRules, SUBJECT_CATALOGUES, type FactEntry, type Rule } from '@jixiao/core';
import { builtinRuleDocs, builtinRuleIds } from '../builtin-rules.js';
import { pick } from '../locale.js';
import { bundledRules, UsageError } from '../shared.js';

/** What the rule reports on an example (documents separated by a line `---`), as `line:col message`. */
function exampleFindings(rule: Rule, doc: string, locale: 'zh' | 'en'): string[] {
  const parts = doc.split(/^---$/m);
  const views = parts.flatMap((part, i) => {
    const loaded = loadDocument(`example-${i}.yaml`, part);
    return loaded.document ? [buildDocView(loaded.file, loaded.document, loaded.root, loaded.text)] : [];
  });
  const config = defaultConfig();
  return runRules([rule], buildSubjects(views, config), config).map((f) => {
    const index = Number(/example-(\d+)/.exec(f.file)?.[1] ?? 0);
    const { line, column } = new LineIndex(parts[index] ?? '').position(f.span[0]);
    return `${parts.length > 1 ? `#${index + 1} ` : ''}${line}:${column}  ${f.message[locale]}`;
  });
}

function indent(text: string, by = '    '): string {
  return text.trimEnd().split('\n').map((l) => by + l).join('\n');
}

export function explainCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { locale: { type: 'string' } } });
  const locale = values.locale === 'en' ? 'en' : 'zh';
  const id = positionals[0];
  if (!id) throw new UsageError(pick(locale, '用法：jixiao explain <规则编号>，例如 jixiao explain sums/children-score', 'usage: jixiao explain <rule-id>, e.g. jixiao explain sums/children-score'));
  const rules = bundledRules();
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    if (builtinRuleIds().includes(id) || id.startsWith('parse/')) {
      const b = builtinRuleDocs(id);
      console.log(`# ${id}\n\n${b.summary[locale]}\n\n${b.what[locale]}`);
      return 0;
    }
    const guess = closest(id, [...rules.map((r) => r.id), ...builtinRuleIds()]);
    console.error(pick(locale, `没有规则“${id}”。${guess ? `是否想找 ${guess}？` : ''}用 jixiao rules 列出全部规则。`, `no rule “${id}”.${guess ? ` Did you mean ${guess}?` : ''} Run jixiao rules for the list.`));
    return 2;
  }
  console.log(explainText(rule, locale));
  return 0;
}


/** A rule's page: what, why, an example with what it reports, its subject's facts, how to configure it (Markdown). */
export function explainText(rule: Rule, locale: 'zh' | 'en', definedIn: string = rule.file): string {
  const out: string[] = [];
  const fixNote = !rule.fix ? '' : rule.fix.safe ? pick(locale, '，可自动修复', ', fixable') : pick(locale, '，有修改建议', ', suggests a fix');
  out.push(`# ${rule.id}  (${rule.severity}${fixNote})`);
  out.push('', rule.summary[locale], '');
  out.push(pick(locale, '## 检查什么', '## What it does'), '', rule.docs.what[locale], '');
  out.push(pick(locale, '## 为什么', '## Why'), '', rule.docs.why[locale], '');
  out.push(pick(locale, '## 示例', '## Example'), '', rule.docs.example[locale], '');
  const invalid = rule.examples.invalid[0];
  const valid = rule.examples.valid[0];
  if (invalid) {
    out.push(pick(locale, '会报告（规则自带的示例）：', 'Reported (the rule\'s own example):'), '', indent(invalid.doc), '');
    for (const line of exampleFindings(rule, invalid.doc, locale)) out.push(`    → ${line}`);
    out.push('');
  }
  if (valid) out.push(pick(locale, '不会报告：', 'Not reported:'), '', indent(valid.doc), '');
  // The facts of the rule's subject (the fact catalogue), for whoever writes a rule like it.
  const facts = Object.entries(SUBJECT_CATALOGUES[rule.subject] as Record<string, FactEntry>);
  out.push(pick(locale, `## 可用的事实（主体 ${rule.subject}）`, `## Facts of its subject (${rule.subject})`), '');
  for (const [name, entry] of facts) out.push(`    ${name.padEnd(22)} ${entry.type.padEnd(10)} ${entry.doc}`);
  out.push('');
  out.push(pick(locale, '## 配置', '## Configuration'), '', pick(locale, '在 jixiao.config.yaml 中调整级别或关闭：', 'Change its severity or turn it off in jixiao.config.yaml:'), '');
  out.push(indent(`rules:\n  ${rule.id}: off        # off | info | warning | error`), '');
  out.push(pick(locale, '或在某一行前加注释：', 'or for one line, with a comment above it:'), '', indent(`# jixiao-disable-next-line ${rule.id}`), '');
  out.push(pick(locale, `定义文件：${definedIn}`, `Defined in: ${definedIn}`));
  return out.join('\n');
}
