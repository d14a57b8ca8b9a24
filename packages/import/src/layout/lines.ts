/**
 * Items of a page grouped into printed lines, and the items of a line joined into phrases (the text
 * of one cell): neighbours closer than a word gap are one phrase, except that a number never joins
 * its neighbour (in `-layout` text an amount and the next column's name may be one space apart).
 */
import type { SourcePage, TextItem } from '../source/page.js';

export interface Phrase {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The page it is on. */
  page: number;
}

export interface Line {
  page: number;
  y0: number;
  y1: number;
  phrases: Phrase[];
  /** The whole line's text, phrases joined by a space. */
  text: string;
}

/** An amount as tables print it: 1,234.56, -12, 0.00, 12.5%; or a dash for nothing. */
export const AMOUNT = /^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^[-—–]$/;
const NUMBERISH = /^[-−]?[\d,]+(\.\d+)?%?$/;

/** The largest gap between two items of one phrase, in the page's units. */
function joinGap(page: SourcePage, a: TextItem): number {
  if (page.unit === 'char') return 1;
  if (page.unit === 'cell') return -1; // cells never join
  return Math.max(1, (a.y1 - a.y0) * 0.35);
}

export function linesOf(page: SourcePage): Line[] {
  const items = [...page.items].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rows: TextItem[][] = [];
  for (const item of items) {
    const mid = (item.y0 + item.y1) / 2;
    const row = rows.find((r) => {
      const first = r[0] as TextItem;
      return mid > first.y0 && mid < first.y1;
    });
    if (row && rows.indexOf(row) >= rows.length - 3) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x0 - b.x0);
    const phrases: Phrase[] = [];
    for (const item of row) {
      const last = phrases[phrases.length - 1];
      const gap = last ? item.x0 - last.x1 : Infinity;
      if (last && gap <= joinGap(page, item) && !NUMBERISH.test(last.text) && !NUMBERISH.test(item.text)) {
        // A space between two words of Latin letters or digits is printed; between CJK characters it is the extraction's.
        const spaced = gap > 0 && /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(item.text);
        last.text += spaced ? ` ${item.text}` : item.text;
        last.x1 = item.x1;
        last.y0 = Math.min(last.y0, item.y0);
        last.y1 = Math.max(last.y1, item.y1);
      } else {
        phrases.push({ text: item.text, x0: item.x0, x1: item.x1, y0: item.y0, y1: item.y1, page: page.number });
      }
    }
    const y0 = Math.min(...row.map((i) => i.y0));
    const y1 = Math.max(...row.map((i) => i.y1));
    return { page: page.number, y0, y1, phrases, text: phrases.map((p) => p.text).join(' ') };
  });
}
