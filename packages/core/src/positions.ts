/**
 * Line and column for findings. A run keeps no file's lines after checking it: each finding gets its
 * range while its file's lines are at hand, and the few places found later (cross-document findings,
 * related places in other files) read their file's lines again, once per file.
 */
import type { Finding, Range } from './finding.js';
import { readTextFileSync } from './io/read.js';
import type { Span } from './yaml/tree.js';
import { LinePositions } from './yaml/lines.js';

export function rangeOf(lines: LinePositions, span: Span): Range {
  return { start: lines.position(span[0]), end: lines.position(span[1]) };
}

/** Gives `findings` (and their related places) in `file` their ranges from `lines`. */
export function attachRanges(findings: readonly Finding[], file: string, lines: LinePositions): void {
  for (const f of findings) {
    if (!f.range && f.file === file) f.range = rangeOf(lines, f.span);
    for (const r of f.related) if (!r.range && r.file === file) r.range = rangeOf(lines, r.span);
  }
}

/** Lines of files, from those given or read (and decoded like any checked file) on first need. */
export class LineSource {
  private readonly cache = new Map<string, LinePositions>();

  constructor(known: Iterable<[string, LinePositions]> = []) {
    for (const [file, lines] of known) this.cache.set(file, lines);
  }

  linesOf(file: string): LinePositions {
    let lines = this.cache.get(file);
    if (!lines) {
      const read = readTextFileSync(file);
      lines = new LinePositions(read.text);
      this.cache.set(file, lines);
    }
    return lines;
  }

  range(file: string, span: Span): Range {
    return rangeOf(this.linesOf(file), span);
  }

  /** Fills in every missing range of `findings`. */
  complete(findings: readonly Finding[]): void {
    for (const f of findings) {
      f.range ??= this.range(f.file, f.span);
      for (const r of f.related) r.range ??= this.range(r.file, r.span);
    }
  }
}
