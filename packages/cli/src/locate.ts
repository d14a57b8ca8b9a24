/** Line and column for every finding and related location, from each file's line starts. */
import { readFileSync } from 'node:fs';
import { LinePositions, type FileResult, type Finding } from '@jixiao/core';

export interface Place {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Located {
  finding: Finding;
  place: Place;
  related: (Place & { path: string | null; message: Finding['message'] })[];
}

export interface Report {
  results: FileResult[];
  /** Findings of each file in order, located. */
  located: Located[];
  /** Findings outside the checked files (a bad config file). */
  extra: Located[];
}

export class Locator {
  private readonly lines = new Map<string, LinePositions>();

  constructor(results: readonly FileResult[]) {
    for (const r of results) if (r.lines) this.lines.set(r.file, r.lines);
  }

  place(file: string, span: readonly [number, number]): Place {
    let lines = this.lines.get(file);
    if (!lines) {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        // An unreadable file has no lines: its findings sit at 1:1.
      }
      lines = new LinePositions(text);
      this.lines.set(file, lines);
    }
    const start = lines.position(span[0]);
    const end = lines.position(span[1]);
    return { file, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  locate(finding: Finding): Located {
    return {
      finding,
      place: this.place(finding.file, finding.span),
      related: finding.related.map((r) => ({ ...this.place(r.file, r.span), path: r.path ?? null, message: r.message })),
    };
  }
}

export function buildReport(results: FileResult[], extraFindings: Finding[] = []): Report {
  const locator = new Locator(results);
  return {
    results,
    located: results.flatMap((r) => r.findings.map((f) => locator.locate(f))),
    extra: extraFindings.map((f) => locator.locate(f)),
  };
}

export function counts(report: Report): { errors: number; warnings: number; infos: number; fixable: number } {
  const all = [...report.extra, ...report.located];
  return {
    errors: all.filter((l) => l.finding.severity === 'error').length,
    warnings: all.filter((l) => l.finding.severity === 'warning').length,
    infos: all.filter((l) => l.finding.severity === 'info').length,
    fixable: all.filter((l) => l.finding.fix?.safe).length,
  };
}
