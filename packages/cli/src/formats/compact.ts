/**
 * One finding per line, `file:line:col: severity: message [rule]`: what Vim's quickfix (`:cexpr`,
 * `errorformat=%f:%l:%c:\ %t%*[^:]:\ %m`) and Emacs's compilation mode read without configuration.
 */
import type { Report } from '../locate.js';
import type { Locale } from '../locale.js';
import type { Out } from '../output.js';
import { visible } from './stylish.js';
import { writeReport, type FileEntry, type FormatWriter } from './writer.js';

export class CompactWriter implements FormatWriter {
  private count = 0;

  constructor(private readonly out: Out, private readonly locale: Locale) {}

  file(entry: FileEntry): void {
    for (const l of entry.located) {
      const f = l.finding;
      const p = l.place;
      const related = l.related.map((r) => ` (↳ ${r.file}:${r.startLine}:${r.startColumn})`).join('');
      this.out.write(`${visible(p.file)}:${p.startLine}:${p.startColumn}: ${f.severity}: ${visible(f.message[this.locale])}${visible(related)} [${f.ruleId}]\n`);
      this.count++;
    }
  }

  end(): void {
    // No finding: the one empty line the report always was.
    if (this.count === 0) this.out.write('\n');
  }
}

export function formatCompact(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new CompactWriter(out, locale));
}
