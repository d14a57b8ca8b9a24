/**
 * GitLab Code Quality (the CodeClimate JSON subset GitLab reads): merge requests show each finding
 * on its line. Fingerprints are stable across line moves (file, rule and document path).
 */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import type { Located, Report } from '../locate.js';
import type { Locale } from '../locale.js';
import type { Out } from '../output.js';
import { JsonArray } from './json.js';
import { writeReport, type FileEntry, type FormatWriter } from './writer.js';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

function issueOf(l: Located, locale: Locale) {
  const f = l.finding;
  const path = relative(process.cwd(), resolve(f.file)).split(sep).join('/');
  return {
    type: 'issue',
    check_name: f.ruleId,
    description: f.message[locale],
    categories: ['Bug Risk'],
    severity: SEVERITY[f.severity],
    fingerprint: createHash('sha256').update(`${path}\u0000${f.ruleId}\u0000${f.path ?? `${l.place.startLine}:${l.place.startColumn}`}`).digest('hex').slice(0, 32),
    location: { path, positions: { begin: { line: l.place.startLine, column: l.place.startColumn }, end: { line: l.place.endLine, column: l.place.endColumn } } },
  };
}

export class GitlabWriter implements FormatWriter {
  private readonly array: JsonArray;

  constructor(private readonly out: Out, private readonly locale: Locale) {
    this.array = new JsonArray(out);
  }

  file(entry: FileEntry): void {
    for (const l of entry.located) this.array.add(issueOf(l, this.locale));
  }

  end(): void {
    this.array.close();
    this.out.write('\n');
  }
}

export function formatGitlab(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new GitlabWriter(out, locale));
}
