/** GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per finding. */
import type { Report } from '../locate.js';
import { pick, type Locale } from '../locale.js';
import type { Out } from '../output.js';
import { writeReport, type FileEntry, type FormatWriter } from './writer.js';

/** Data (the message) escapes %, CR and LF; properties also escape : and ,. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export class GithubWriter implements FormatWriter {
  private count = 0;

  constructor(private readonly out: Out, private readonly locale: Locale) {}

  file(entry: FileEntry): void {
    for (const l of entry.located) {
      const f = l.finding;
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const p = l.place;
      const props = [`file=${escapeProperty(p.file)}`, `line=${p.startLine}`, `endLine=${p.endLine}`, `col=${p.startColumn}`];
      if (p.endLine === p.startLine) props.push(`endColumn=${p.endColumn}`);
      props.push(`title=${escapeProperty(`jixiao ${f.ruleId}`)}`);
      const related = l.related.map((r) => `\n↳ ${r.file}:${r.startLine}:${r.startColumn} ${r.message[this.locale]}`).join('');
      this.out.write(`::${command} ${props.join(',')}::${escapeData(f.message[this.locale] + related)}\n`);
      this.count++;
    }
  }

  end(): void {
    if (this.count === 0) this.out.write(`${pick(this.locale, 'jixiao：没有发现问题', 'jixiao: no problems found')}\n`);
  }
}

export function formatGithub(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new GithubWriter(out, locale));
}
