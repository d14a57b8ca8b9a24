/** Machine-readable findings: one JSON array, each finding with its place, document path, related places and fix. */
import type { Located, Report } from '../locate.js';
import type { Locale } from '../locale.js';

export function jsonFinding(l: Located, locale: Locale) {
  const f = l.finding;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message[locale],
    ...l.place,
    path: f.path ?? null,
    related: l.related.map((r) => ({ file: r.file, startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn, path: r.path, message: r.message[locale] })),
    fix: f.fix ? { message: f.fix.message[locale], safe: f.fix.safe, edits: f.fix.edits.map((e) => ({ file: e.file, start: e.span[0], end: e.span[1], text: e.text })) } : null,
  };
}

export function formatJson(report: Report, locale: Locale): string {
  return JSON.stringify([...report.extra, ...report.located].map((l) => jsonFinding(l, locale)), null, 2);
}
