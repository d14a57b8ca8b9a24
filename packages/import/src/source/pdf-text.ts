import type { RuleLine, TextItem } from './page.js';
import type { Matrix } from './pdf-rules.js';

/** What pdfjs-dist's getTextContent gives per item (the fields used here). */
export interface PdfjsTextItem {
  str: string;
  width: number;
  height: number;
  transform: number[];
  fontName: string;
}

/** What pdfjs-dist's getTextContent gives per font. */
export interface PdfjsTextStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** Font metrics outside these bounds are broken; fall back to a typical 0.8 / -0.2 em. */
function metrics(style: PdfjsTextStyle | undefined): { ascent: number; descent: number } {
  const ascent = style?.ascent;
  const descent = style?.descent;
  const goodAscent = typeof ascent === 'number' && ascent > 0.2 && ascent <= 1.5;
  const goodDescent = typeof descent === 'number' && descent <= 0 && descent >= -0.6;
  return {
    ascent: goodAscent ? ascent : goodDescent ? 1 + descent : 0.8,
    descent: goodDescent ? descent : goodAscent ? Math.max(ascent - 1, -0.6) : -0.2,
  };
}

/**
 * One pdfjs text item as a positioned TextItem, or null for an empty or whitespace-only item
 * (pdfjs emits a single-space item between chunks it could not join).
 *
 * pdfjs gives each item's transform in the page's user space (y up, origin at the media box's
 * lower left): its translation is the start of the baseline, its first column the direction of
 * the text scaled by the font size, its second column "up". The item's box runs along the text
 * for `width` and across it from the font's descent to its ascent (times the font height); its
 * four corners go through `base` (the viewport transform: the flip to y-down, the page rotation
 * and the crop box origin) and the TextItem is their bounding box. A vertical font's item
 * (`style.vertical`) runs down the page for `height`, centred on its origin across `width`.
 */
export function toTextItem(item: PdfjsTextItem, style: PdfjsTextStyle | undefined, base: Matrix): TextItem | null {
  const text = item.str;
  if (text === '' || text.trim() === '') return null;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  const along = Math.hypot(a, b) || 1;
  const across = Math.hypot(c, d) || 1;
  const ux = a / along;
  const uy = b / along;
  const vx = c / across;
  const vy = d / across;
  const corners: Array<[number, number]> = [];
  if (style?.vertical) {
    const half = (item.width || along) / 2;
    const length = item.height;
    for (const s of [-half, half]) {
      for (const t of [0, -length]) corners.push([e + ux * s + vx * t, f + uy * s + vy * t]);
    }
  } else {
    const size = item.height || across;
    const { ascent, descent } = metrics(style);
    for (const s of [0, item.width]) {
      for (const t of [descent * size, ascent * size]) corners.push([e + ux * s + vx * t, f + uy * s + vy * t]);
    }
  }
  const [ba, bb, bc, bd, be, bf] = base;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of corners) {
    const px = ba * x + bc * y + be;
    const py = bb * x + bd * y + bf;
    x0 = Math.min(x0, px);
    x1 = Math.max(x1, px);
    y0 = Math.min(y0, py);
    y1 = Math.max(y1, py);
  }
  if (![x0, x1, y0, y1].every(Number.isFinite)) return null;
  return { text, x0: round(x0), x1: round(x1), y0: round(y0), y1: round(y1) };
}

/** East Asian wide and fullwidth characters take about one em; others about half of one. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function charWeight(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

/** Per code point of `text`: the weight before it (and the total at the end), and code units to code points. */
function layout(text: string): { chars: string[]; offsets: number[]; pointAt: (unit: number) => number } {
  const chars = Array.from(text);
  const offsets: number[] = [0];
  for (const ch of chars) offsets.push(offsets[offsets.length - 1]! + charWeight(ch));
  const points = new Map<number, number>();
  let unit = 0;
  chars.forEach((ch, index) => {
    points.set(unit, index);
    unit += ch.length;
  });
  points.set(unit, chars.length);
  return { chars, offsets, pointAt: (u) => points.get(u) ?? chars.length };
}

/** Is the item's text laid out along x (so that splitting it by x makes sense)? */
function horizontal(item: TextItem): boolean {
  return item.y1 - item.y0 <= item.x1 - item.x0;
}

/** Cut `item` into the pieces between the given [start, end) code-unit ranges of its text. */
function cut(item: TextItem, ranges: Array<[number, number]>, bounds?: Array<[number, number]>): TextItem[] {
  const { offsets, pointAt } = layout(item.text);
  const total = offsets[offsets.length - 1]! || 1;
  const scale = (item.x1 - item.x0) / total;
  const pieces: TextItem[] = [];
  ranges.forEach(([from, to], index) => {
    if (to <= from) return;
    let x0 = item.x0 + offsets[pointAt(from)]! * scale;
    let x1 = item.x0 + offsets[pointAt(to)]! * scale;
    const [low, high] = bounds?.[index] ?? [-Infinity, Infinity];
    x0 = Math.max(x0, low);
    x1 = Math.min(x1, high);
    if (x1 < x0) x1 = x0;
    pieces.push({ text: item.text.slice(from, to), x0: round(x0), x1: round(x1), y0: item.y0, y1: item.y1 });
  });
  return pieces;
}

/**
 * Split an item at runs of `minSpaces` or more spaces (two by default): a printed line that
 * pdfjs joined across table cells. Each piece keeps its text exactly; its x0 and x1 are
 * interpolated along the item by character, a wide (CJK or fullwidth) character counting twice a
 * narrow one; y0 and y1 are the item's. Vertical text (an item taller than wide) is not split.
 */
export function splitAtGaps(item: TextItem, minSpaces = 2): TextItem[] {
  const run = new RegExp(` {${Math.max(1, Math.floor(minSpaces))},}`, 'g');
  if (!horizontal(item) || !new RegExp(run.source).test(item.text)) return [item];
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const match of item.text.matchAll(run)) {
    ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  ranges.push([start, item.text.length]);
  return cut(item, ranges);
}

/**
 * Split an item at the spaces where a vertical rule crosses it: two cells printed so close that
 * pdfjs joined them with one space (`阶段性项目 项目类别`, a value right-aligned against its
 * border and the next cell's label). A rule counts when it runs through the item's vertical
 * middle more than 1 pt inside its ends; the space taken is the one whose interpolated position
 * (as in splitAtGaps) is nearest the rule, within two narrow characters. The pieces end at the
 * rule at most. An item without such a space, or vertical text, is returned as it is.
 */
export function splitAtRules(item: TextItem, rules: readonly RuleLine[]): TextItem[] {
  if (!horizontal(item) || !item.text.includes(' ')) return [item];
  const middle = (item.y0 + item.y1) / 2;
  const crossing = rules
    .filter((r) => r.x0 === r.x1 && r.x0 > item.x0 + 1 && r.x0 < item.x1 - 1)
    .filter((r) => Math.min(r.y0, r.y1) < middle && Math.max(r.y0, r.y1) > middle)
    .map((r) => r.x0)
    .sort((a, b) => a - b);
  if (crossing.length === 0) return [item];
  const { offsets, pointAt } = layout(item.text);
  const total = offsets[offsets.length - 1]! || 1;
  const scale = (item.x1 - item.x0) / total;
  const spaces: Array<{ from: number; to: number; x: number }> = [];
  for (const match of item.text.matchAll(/ +/g)) {
    const from = match.index;
    const to = from + match[0].length;
    if (from === 0 || to === item.text.length) continue;
    const x = item.x0 + ((offsets[pointAt(from)]! + offsets[pointAt(to)]!) / 2) * scale;
    spaces.push({ from, to, x });
  }
  const chosen: Array<{ from: number; to: number; rule: number }> = [];
  for (const rule of crossing) {
    let best: (typeof spaces)[number] | undefined;
    for (const space of spaces) {
      if (Math.abs(space.x - rule) <= 2 * scale && (!best || Math.abs(space.x - rule) < Math.abs(best.x - rule))) {
        best = space;
      }
    }
    if (best && !chosen.some((c) => c.from === best!.from)) chosen.push({ from: best.from, to: best.to, rule });
  }
  if (chosen.length === 0) return [item];
  chosen.sort((a, b) => a.from - b.from);
  const ranges: Array<[number, number]> = [];
  const bounds: Array<[number, number]> = [];
  let start = 0;
  let low = -Infinity;
  for (const c of chosen) {
    ranges.push([start, c.from]);
    bounds.push([low, c.rule]);
    start = c.to;
    low = c.rule;
  }
  ranges.push([start, item.text.length]);
  bounds.push([low, Infinity]);
  return cut(item, ranges, bounds);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
