/** The source excerpt of a finding: the YAML lines around its figure, with the figure marked. */
import type { LineIndex, Range } from '@jixiao/core';
import type { Excerpt } from './model.js';

/** Lines shown before and after the figure's lines. */
export const CONTEXT_LINES = 2;
/** Longer lines are cut around the mark (transcribed narrative can run to thousands of characters). */
export const MAX_LINE = 160;

/** A window of at most MAX_LINE code units of `text` that keeps [from, to) in view, with ellipses. */
function cut(text: string, from: number, to: number): { text: string; shift: number } {
  if (text.length <= MAX_LINE) return { text, shift: 0 };
  const want = Math.min(Math.max(to - from, 0), MAX_LINE - 20);
  let start = Math.max(0, from - Math.floor((MAX_LINE - want) / 2));
  start = Math.min(start, text.length - MAX_LINE);
  // Never split a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start -= 1;
  let end = Math.min(text.length, start + MAX_LINE);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end += 1;
  const head = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  return { text: head + text.slice(start, end) + tail, shift: head.length - start };
}

export function excerptOf(index: LineIndex, range: Range): Excerpt {
  const first = Math.max(1, range.start.line - CONTEXT_LINES);
  const last = Math.min(index.lineCount, range.end.line + CONTEXT_LINES);
  const lines: string[] = [];
  let startColumn = range.start.column - 1;
  let endColumn = range.end.column - 1;
  for (let n = first; n <= last; n++) {
    const raw = index.lineText(n);
    // The mark's own columns decide the window on its first and last lines; others are cut from their start.
    const from = n === range.start.line ? startColumn : 0;
    const to = n === range.end.line ? endColumn : n === range.start.line ? raw.length : 0;
    const { text, shift } = cut(raw, from, to);
    if (n === range.start.line) startColumn += shift;
    if (n === range.end.line) endColumn = Math.max(0, Math.min(endColumn + shift, text.length));
    lines.push(text);
  }
  return { firstLine: first, lines, mark: { startLine: range.start.line, startColumn, endLine: range.end.line, endColumn } };
}
