/** GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per finding. */
import type { Located, Report } from '../locate.js';
import { pick, type Locale } from '../locale.js';
import { LineWriter, writeReport } from './writer.js';

/** Data (the message) escapes %, CR and LF; properties also escape : and ,. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export class GithubWriter extends LineWriter {
  protected line(l: Located): string {
    const f = l.finding;
    const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const p = l.place;
    const props = [`file=${escapeProperty(p.file)}`, `line=${p.startLine}`, `endLine=${p.endLine}`, `col=${p.startColumn}`];
    if (p.endLine === p.startLine) props.push(`endColumn=${p.endColumn}`);
    props.push(`title=${escapeProperty(`jixiao ${f.ruleId}`)}`);
    const related = l.related.map((r) => `\n↳ ${r.file}:${r.startLine}:${r.startColumn} ${r.message[this.locale]}`).join('');
    return `::${command} ${props.join(',')}::${escapeData(f.message[this.locale] + related)}`;
  }

  protected empty(): string {
    return pick(this.locale, 'jixiao：没有发现问题', 'jixiao: no problems found');
  }
}

export function formatGithub(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new GithubWriter(out, locale));
}
