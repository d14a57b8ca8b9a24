/**
 * One finding per line, `file:line:col: severity: message [rule]`: what Vim's quickfix (`:cexpr`,
 * `errorformat=%f:%l:%c:\ %t%*[^:]:\ %m`) and Emacs's compilation mode read without configuration.
 */
import type { Report } from '../locate.js';
import type { Locale } from '../locale.js';
import { visible } from './stylish.js';

export function formatCompact(report: Report, locale: Locale): string {
  const out: string[] = [];
  for (const l of [...report.extra, ...report.located]) {
    const f = l.finding;
    const p = l.place;
    const related = l.related.map((r) => ` (↳ ${r.file}:${r.startLine}:${r.startColumn})`).join('');
    out.push(`${visible(p.file)}:${p.startLine}:${p.startColumn}: ${f.severity}: ${visible(f.message[locale])}${visible(related)} [${f.ruleId}]`);
  }
  return out.join('\n');
}
