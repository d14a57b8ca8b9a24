/** Line and column for every finding and related location, from each file's line starts. */
import { LineSource, type FileResult, type Finding, type LinePositions, type Range } from '@jixiao/core';

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
  private readonly lines: LineSource;

  constructor(results: readonly FileResult[]) {
    this.lines = new LineSource(results.flatMap((r) => (r.lines ? [[r.file, r.lines] as [string, LinePositions]] : [])));
  }

  private place(file: string, span: readonly [number, number], range: Range | undefined): Place {
    const r = range ?? this.lines.range(file, [span[0], span[1]]);
    return { file, startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
  }

  locate(finding: Finding): Located {
    return {
      finding,
      place: this.place(finding.file, finding.span, finding.range),
      related: finding.related.map((r) => ({ ...this.place(r.file, r.span, r.range), path: r.path ?? null, message: r.message })),
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
