/**
 * One finding per line, `file:line:col: severity: message [rule]`: what Vim's quickfix (`:cexpr`,
 * `errorformat=%f:%l:%c:\ %t%*[^:]:\ %m`) and Emacs's compilation mode read without configuration.
 */
import type { Located, Report } from '../locate.js';
import type { Locale } from '../locale.js';
import { visible } from './stylish.js';
import { LineWriter, writeReport } from './writer.js';

export class CompactWriter extends LineWriter {
  protected line(l: Located): string {
    const f = l.finding;
    const p = l.place;
    const related = l.related.map((r) => ` (↳ ${r.file}:${r.startLine}:${r.startColumn})`).join('');
    return `${visible(p.file)}:${p.startLine}:${p.startColumn}: ${f.severity}: ${visible(f.message[this.locale])}${visible(related)} [${f.ruleId}]`;
  }

  /** No finding: the one empty line the report always was. */
  protected empty(): string {
    return '';
  }
}

export function formatCompact(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new CompactWriter(out, locale));
}
