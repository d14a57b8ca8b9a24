/**
 * Text extracted from a PDF, as a SourceDocument. Pages are separated by form feeds. Dialects:
 *
 * - **layout** (`pdftotext -layout`, and plain extractions): every run of non-space characters is an
 *   item, in character columns (x) and lines (y). `-layout` places characters on a grid of
 *   character cells, so a column's right edges line up in character counts, wide (CJK) characters
 *   counting one each.
 * - **tabbed** (extractions that separate cells by tabs, such as seed 004): every tab-separated cell of a
 *   line that holds a tab is an item in cell columns; a line without tabs is one item (a title, a
 *   sentence of the narrative).
 * - **piped** (web-page texts whose table cells are joined with `|`, such as archived self-evaluation
 *   forms): read as tabbed, with `|` for the tab — a run of `|` is blank or merged cells, and a blank
 *   cell is no item. Chosen only when no line holds a tab and at least PIPED_SHARE of the non-blank
 *   lines hold a `|`, so layout and tabbed texts read as before.
 *
 * A text with none of these marks and no layout (almost no run of two or more spaces inside a line)
 * is read into the same items as layout text (character columns), but its columns do not line up,
 * so the document says which of two plain dialects it is (`dialect`, see plainDialect):
 *
 * - **sequence**: one table row a line, cells separated by single spaces (pdfplumber-style
 *   extractions): many lines hold two or more amounts. Tables are read by token order (sequence/).
 * - **cells**: one cell a line, in the extraction's reading order (plain `pdftotext`): almost no
 *   line holds two amounts. The cells of a row are not together and blank cells leave no trace, so
 *   the tables cannot be read; their figures are all left unplaced.
 */
import type { SourceDocument, SourcePage, TextItem } from './page.js';

/** How a text file's lines hold a table: see the module comment. */
export type TextDialect = 'layout' | 'tabbed' | 'piped' | 'sequence' | 'cells';

/** A document read from text, with the dialect it was read in. */
export interface TextDocument extends SourceDocument {
  dialect: TextDialect;
}

/** The dialect of a document read by readText; undefined for any other source (PDF, sheet). */
export function textDialect(doc: SourceDocument): TextDialect | undefined {
  return 'dialect' in doc ? (doc as TextDocument).dialect : undefined;
}

const TABBED_SHARE = 0.2;
const PIPED_SHARE = 0.3;

function isTabbed(lines: readonly string[]): boolean {
  const filled = lines.filter((l) => l.trim() !== '');
  return filled.length > 0 && filled.filter((l) => l.includes('\t')).length / filled.length >= TABBED_SHARE;
}

function isPiped(lines: readonly string[]): boolean {
  const filled = lines.filter((l) => l.trim() !== '');
  return filled.length > 0 && !filled.some((l) => l.includes('\t')) && filled.filter((l) => l.includes('|')).length / filled.length >= PIPED_SHARE;
}

/** Share of non-blank lines with a run of 2+ spaces inside: below it a text has no layout. */
const LAYOUT_SHARE = 0.05;
/** Lines holding an amount (a figure of a table) needed before a plain dialect is told. */
const PLAIN_MIN_LINES = 20;
/** Share of the amount lines that hold two or more amounts: at least SEQUENCE_SHARE, a sequence; below CELLS_SHARE, cells. */
const SEQUENCE_SHARE = 0.25;
const CELLS_SHARE = 0.05;
const FIGURE = /^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** `sequence` or `cells` for a text without layout whose tables say which; undefined (read as layout) otherwise. */
export function plainDialect(lines: readonly string[]): 'sequence' | 'cells' | undefined {
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length === 0 || filled.filter((l) => /\S {2,}\S/.test(l)).length / filled.length >= LAYOUT_SHARE) return undefined;
  const counts = filled.map((l) => l.trim().split(/\s+/).filter((t) => FIGURE.test(t)).length).filter((n) => n > 0);
  if (counts.length < PLAIN_MIN_LINES) return undefined;
  const several = counts.filter((n) => n >= 2).length / counts.length;
  return several >= SEQUENCE_SHARE ? 'sequence' : several < CELLS_SHARE ? 'cells' : undefined;
}

function layoutItems(line: string, y: number, out: TextItem[]): void {
  for (const m of line.matchAll(/\S+/g)) {
    const x0 = m.index ?? 0;
    out.push({ text: m[0], x0, x1: x0 + m[0].length, y0: y, y1: y + 1 });
  }
}

function tabbedItems(line: string, y: number, out: TextItem[], separator = '\t'): void {
  if (!line.includes(separator)) {
    const text = line.trim();
    if (text) out.push({ text, x0: 0, x1: 1, y0: y, y1: y + 1 });
    return;
  }
  line.split(separator).forEach((cell, x) => {
    const text = cell.trim();
    if (text) out.push({ text, x0: x, x1: x + 1, y0: y, y1: y + 1 });
  });
}

export function readText(file: string, text: string): TextDocument {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const raw = body.split('\f');
  if (raw.length > 1 && raw[raw.length - 1]?.trim() === '') raw.pop();
  const all = raw.flatMap((p) => p.split('\n'));
  const separator = isTabbed(all) ? '\t' : isPiped(all) ? '|' : undefined;
  const pages: SourcePage[] = raw.map((pageText, i) => {
    const lines = pageText.split('\n');
    const items: TextItem[] = [];
    lines.forEach((line, y) => (separator ? tabbedItems(line, y, items, separator) : layoutItems(line, y, items)));
    const width = Math.max(0, ...lines.map((l) => (separator ? l.split(separator).length : l.length)));
    return { number: i + 1, width, height: lines.length, items, rules: [], unit: separator ? 'cell' : 'char' };
  });
  const dialect: TextDialect = separator === '\t' ? 'tabbed' : separator ? 'piped' : plainDialect(all) ?? 'layout';
  return { file, format: 'text', pages, dialect };
}
