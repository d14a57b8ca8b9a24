/**
 * GitLab Code Quality (the CodeClimate JSON subset GitLab reads): merge requests show each finding
 * on its line. Fingerprints are stable across line moves (file, rule and document path).
 */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import type { Report } from '../locate.js';
import type { Locale } from '../locale.js';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

export function formatGitlab(report: Report, locale: Locale): string {
  const issues = [...report.extra, ...report.located].map((l) => {
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
  });
  return JSON.stringify(issues, null, 2);
}
