/** `jixiao rules [--markdown|--json] [--locale zh|en]`: every rule with its one-line summary. */
import { parseArgs } from 'node:util';
import { bundledRules, UsageError } from '../shared.js';

export function rulesCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { markdown: { type: 'boolean' }, json: { type: 'boolean' }, locale: { type: 'string' } } });
  const locale = values.locale ?? 'zh';
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale: ${locale}?  (zh | en)`);
  const rules = bundledRules();
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
  }
  return 0;
}
