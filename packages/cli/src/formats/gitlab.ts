/**
 * GitLab Code Quality (the CodeClimate JSON subset GitLab reads): merge requests show each finding
 * on its line. Fingerprints are stable across line moves (fingerprint.ts).
 */
import { relative, resolve, sep } from 'node:path';
import { fingerprintsOf } from './fingerprint.js';
import type { Located, Report } from '../locate.js';
import type { Locale } from '../locale.js';
import type { Out } from '../output.js';
import { JsonArray } from './json.js';
import { writeReport, type FileEntry, type FormatWriter } from './writer.js';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

const pathOf = (file: string) => relative(process.cwd(), resolve(file)).split(sep).join('/');

function issueOf(l: Located, locale: Locale, fingerprint: string) {
  const f = l.finding;
  const path = pathOf(f.file);
  return {
    type: 'issue',
    check_name: f.ruleId,
    description: f.message[locale],
    categories: ['Bug Risk'],
    severity: SEVERITY[f.severity],
    fingerprint,
    location: { path, positions: { begin: { line: l.place.startLine, column: l.place.startColumn }, end: { line: l.place.endLine, column: l.place.endColumn } } },
  };
}

export class GitlabWriter implements FormatWriter {
  private readonly array: JsonArray;

  constructor(private readonly out: Out, private readonly locale: Locale) {
    this.array = new JsonArray(out);
  }

  file(entry: FileEntry): void {
    const fingerprints = fingerprintsOf(entry.located, pathOf);
    entry.located.forEach((l, i) => this.array.add(issueOf(l, this.locale, fingerprints[i] as string)));
  }

  end(): void {
    this.array.close();
    this.out.write('\n');
  }
}

export function formatGitlab(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new GitlabWriter(out, locale));
}
