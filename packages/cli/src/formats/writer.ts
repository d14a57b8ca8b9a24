/**
 * A report written as results arrive: each checked file's findings (located, in order) go to the
 * writer of every chosen format as soon as the file is done, and nothing of them is kept; the
 * totals come at the end. Every format's text is exactly what it was when it was built in one
 * piece (the `format…(report)` functions are these writers writing to a string).
 */
import type { FileResult } from '@jixiao/core';
import type { Located, Report } from '../locate.js';
import type { Locale } from '../locale.js';
import { StringOut, type Out } from '../output.js';

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export interface FileEntry {
  result: FileResult;
  located: readonly Located[];
  /** The config file that governed it, relative to the working directory (null: none, the defaults). */
  config?: string | null;
}

export interface FormatWriter {
  /** One checked file (perhaps without findings). */
  file(entry: FileEntry): void;
  /** After the last file: the tail of the report. */
  end(totals: Totals): void;
}

/** A format of one line per finding (compact, github): `line` makes each, `empty` is the line of a report without any. */
export abstract class LineWriter implements FormatWriter {
  private count = 0;

  constructor(protected readonly out: Out, protected readonly locale: Locale) {}

  protected abstract line(l: Located): string;
  protected abstract empty(): string;

  file(entry: FileEntry): void {
    for (const l of entry.located) {
      this.out.write(`${this.line(l)}\n`);
      this.count++;
    }
  }

  end(): void {
    if (this.count === 0) this.out.write(`${this.empty()}\n`);
  }
}

export function emptyTotals(): Totals {
  return { files: 0, errors: 0, warnings: 0, infos: 0, fixable: 0 };
}

export function addTotals(t: Totals, located: readonly Located[], file = true): void {
  if (file) t.files++;
  for (const l of located) {
    if (l.finding.severity === 'error') t.errors++;
    else if (l.finding.severity === 'warning') t.warnings++;
    else t.infos++;
    if (l.finding.fix?.safe) t.fixable++;
  }
}

/** A whole report through a writer, as one string (no final line break). */
export function writeReport(report: Report, make: (out: Out) => FormatWriter): string {
  const out = new StringOut();
  const writer = make(out);
  const totals = emptyTotals();
  const all = [...report.extra, ...report.located];
  addTotals(totals, all, false);
  totals.files = report.results.length;
  if (all.length > 0 || report.results.length > 0) writer.file({ result: report.results[0] ?? { file: '', text: '', loaded: null, findings: [] }, located: all });
  writer.end(totals);
  const text = out.text();
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
