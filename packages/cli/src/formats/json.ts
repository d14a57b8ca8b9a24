/** Machine-readable findings: one JSON array, each finding with its place, document path, related places and fix. */
import type { Located, Report } from '../locate.js';
import type { Locale } from '../locale.js';
import type { Out } from '../output.js';
import { writeReport, type FileEntry, type FormatWriter } from './writer.js';

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

/**
 * A JSON array written element by element, exactly as `JSON.stringify(array, null, 2)` would
 * write it at `depth` (the number of levels it is nested in: 0 for a top-level array).
 */
export class JsonArray {
  private count = 0;
  private readonly pad: string;

  constructor(private readonly out: Out, private readonly depth = 0) {
    this.pad = '  '.repeat(depth + 1);
  }

  /** An element, given as its JSON.stringify(value, null, 2) text. */
  addText(json: string): void {
    this.out.write(`${this.count++ === 0 ? '[\n' : ',\n'}${this.pad}${json.replace(/\n/g, `\n${this.pad}`)}`);
  }

  add(value: unknown): void {
    this.addText(JSON.stringify(value, null, 2));
  }

  get length(): number {
    return this.count;
  }

  close(): void {
    this.out.write(this.count === 0 ? '[]' : `\n${'  '.repeat(this.depth)}]`);
  }
}

export class JsonWriter implements FormatWriter {
  private readonly array: JsonArray;

  constructor(private readonly out: Out, private readonly locale: Locale) {
    this.array = new JsonArray(out);
  }

  file(entry: FileEntry): void {
    for (const l of entry.located) this.array.add(jsonFinding(l, this.locale));
  }

  end(): void {
    this.array.close();
    this.out.write('\n');
  }
}

export function formatJson(report: Report, locale: Locale): string {
  return writeReport(report, (out) => new JsonWriter(out, locale));
}
