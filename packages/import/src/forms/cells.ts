/**
 * A form's pages as one sequence of cells. Three readings, chosen per page:
 *
 * - **rows**: a printed line is a row and its phrases are its cells (tabbed and `|`-joined texts,
 *   spreadsheets, PDFs, `pdftotext -layout` tables). `rowStart` marks each row's first cell.
 * - **one cell per line** (web-page texts: every cell on a line of its own, cells separated by an
 *   empty line, a blank cell printed as a line holding a space): the lines are a stream of cells,
 *   and the blank cells are given back from the gaps (two lines a cell, so a gap of four is one blank
 *   cell); a line right below another (no empty line between) continues its cell (`项目资金` /
 *   `(万元)`).
 * - **flattened** (a spreadsheet a mirror site put on one line): every word of the line is a cell,
 *   a unit or a single character the wrap split off is joined back (`不少于12 种`, `…报告 数`).
 *
 * In both streams, neighbouring cells that together are one label of the form are joined
 * (`年初` / `预算数`, `经济效益` / `指标`, `年度 总体 目标`). Streams have no `rowStart`: the parser
 * finds their rows from the labels.
 */
import type { SourceDocument, SourcePage, TextItem } from '../source/page.js';
import { linesOf } from '../layout/lines.js';
import { fold, isAnyLabel, isFormTitle } from './vocabulary.js';

export interface FormCell {
  /** The cell's text as printed (a wrap inside the cell removed). */
  text: string;
  page: number;
  /** 0-based line (row) of the cell's first part, and its column (page units). */
  line: number;
  col: number;
  /** A blank cell given back from the gaps of a one-cell-per-line text. */
  blank?: true;
  /** The first cell of a printed row (row readings only). */
  rowStart: boolean;
  /** How its page was read: rows, one cell per line (blanks given back), or flattened (blanks lost). */
  mode: 'rows' | 'cells' | 'flattened';
}

export interface FormReading {
  cells: FormCell[];
  unit: SourcePage['unit'];
  /** How each page was read. */
  modes: { page: number; mode: 'rows' | 'cells' | 'flattened' }[];
}

/** A line of a flattened spreadsheet holds at least this many words. */
const FLATTENED_WORDS = 40;
const UNITS = /^(种|次|人|例|个|项|天|份|台|套|批|户|家|所|元|万元|%|人次|批次|平方米|公里|小时)$/;

function joinLabels(cells: FormCell[]): FormCell[] {
  const out: FormCell[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as FormCell;
    if (!c.blank) {
      let joined: FormCell | undefined;
      for (let n = Math.min(3, cells.length - i); n >= 2; n--) {
        const run = cells.slice(i, i + n);
        if (run.some((r) => r.blank)) continue;
        const text = run.map((r) => r.text).join('');
        // Each piece is a short fragment: a sentence is never joined to anything.
        if (run.some((r) => fold(r.text).length > 10)) continue;
        // A label whose pieces are not all labels themselves (年初 + 预算数, 经济效益 + 指标).
        if (isAnyLabel(text) && !isFormTitle(text) && !run.every((r) => isAnyLabel(r.text))) {
          joined = { ...c, text };
          i += n - 1;
          break;
        }
        if (n === 2 && /^[(（]/.test(run[1]?.text ?? '') && isAnyLabel(text) && !isFormTitle(text)) {
          joined = { ...c, text };
          i += 1;
          break;
        }
      }
      if (joined) {
        out.push(joined);
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

function flattenedCells(items: TextItem[], page: number): FormCell[] {
  const tokens: FormCell[] = [];
  for (const item of items) {
    const prev = tokens[tokens.length - 1];
    const t = item.text;
    if (prev && ((UNITS.test(t) && /\d$/.test(prev.text)) || (/^\p{Script=Han}$/u.test(t) && /\p{Script=Han}$/u.test(prev.text) && !UNITS.test(t)))) {
      prev.text += t;
      continue;
    }
    if (prev && /^[(（]/.test(t) && isFormTitle(prev.text)) {
      prev.text += t;
      continue;
    }
    tokens.push({ text: t, page, line: item.y0, col: item.x0, rowStart: false, mode: 'flattened' });
  }
  return joinLabels(tokens);
}

/** One cell per line, the blanks given back from the gaps. */
function lineCells(page: SourcePage): FormCell[] {
  const lines = linesOf(page);
  const gaps = lines.slice(1).map((l, i) => l.y0 - (lines[i] as (typeof lines)[number]).y0);
  const counts = new Map<number, number>();
  for (const g of gaps) if (g >= 2) counts.set(g, (counts.get(g) ?? 0) + 1);
  const step = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 2;
  const cells: FormCell[] = [];
  let prevLine: number | undefined;
  for (const line of lines) {
    const gap = prevLine === undefined ? step : line.y0 - prevLine;
    prevLine = line.y0;
    const last = cells[cells.length - 1];
    if (gap === 1 && last && !last.blank && line.phrases.length === 1) {
      last.text += line.phrases[0]?.text ?? '';
      continue;
    }
    const blanks = Math.max(0, Math.round(gap / step) - 1);
    for (let b = 0; b < blanks && cells.length > 0; b++) cells.push({ text: '', page: page.number, line: line.y0 - (blanks - b) * step, col: 0, blank: true, rowStart: false, mode: 'cells' });
    for (const p of line.phrases) cells.push({ text: p.text, page: page.number, line: line.y0, col: p.x0, rowStart: false, mode: 'cells' });
  }
  return joinLabels(cells);
}

function rowCells(page: SourcePage): FormCell[] {
  const cells: FormCell[] = [];
  for (const line of linesOf(page)) {
    line.phrases.forEach((p, i) => cells.push({ text: p.text.trim(), page: page.number, line: line.y0, col: p.x0, rowStart: i === 0, mode: 'rows' }));
  }
  return cells;
}

/** Is this page of text one cell per line (most lines one phrase, lines mostly apart)? */
function oneCellPerLine(page: SourcePage): boolean {
  const lines = linesOf(page);
  if (lines.length < 8) return false;
  const gaps = lines.slice(1).map((l, i) => l.y0 - (lines[i] as (typeof lines)[number]).y0);
  const adjacent = gaps.filter((g) => g === 1).length / Math.max(1, gaps.length);
  const single = lines.filter((l) => l.phrases.length === 1).length / lines.length;
  return adjacent < 0.35 && single >= 0.75;
}

export function readForm(source: SourceDocument): FormReading {
  const cells: FormCell[] = [];
  const modes: FormReading['modes'] = [];
  for (const page of source.pages) {
    if (page.unit !== 'char') {
      cells.push(...rowCells(page));
      modes.push({ page: page.number, mode: 'rows' });
      continue;
    }
    const byLine = new Map<number, TextItem[]>();
    for (const item of page.items) byLine.set(item.y0, [...(byLine.get(item.y0) ?? []), item]);
    const flatLines = [...byLine.entries()].filter(([, items]) => items.length >= FLATTENED_WORDS);
    if (flatLines.length > 0) {
      // The flattened line(s) as words; any other line of the page as one cell each.
      const flat = new Set(flatLines.map(([y]) => y));
      const ys = [...byLine.keys()].sort((a, b) => a - b);
      for (const y of ys) {
        const items = [...(byLine.get(y) ?? [])].sort((a, b) => a.x0 - b.x0);
        if (flat.has(y)) cells.push(...flattenedCells(items, page.number));
        else cells.push({ text: items.map((i) => i.text).join(' '), page: page.number, line: y, col: items[0]?.x0 ?? 0, rowStart: false, mode: 'flattened' });
      }
      modes.push({ page: page.number, mode: 'flattened' });
    } else if (oneCellPerLine(page)) {
      cells.push(...lineCells(page));
      modes.push({ page: page.number, mode: 'cells' });
    } else {
      cells.push(...rowCells(page));
      modes.push({ page: page.number, mode: 'rows' });
    }
  }
  return { cells, unit: source.pages[0]?.unit ?? 'char', modes };
}
