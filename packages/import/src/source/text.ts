/**
 * Text extracted from a PDF, as a SourceDocument. Pages are separated by form feeds. Two dialects:
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
 */
import type { SourceDocument, SourcePage, TextItem } from './page.js';

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

export function readText(file: string, text: string): SourceDocument {
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
  return { file, format: 'text', pages };
}
