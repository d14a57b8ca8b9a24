/**
 * The tokens of a line of sequence text (sequence/ reads tables by token order, not by position):
 * every run of non-space characters is a token, with its box (line and character columns, as the
 * layout reading gives it). A token is an amount, a code, or a word of a name.
 */
import type { SourcePage } from '../source/page.js';
import { AMOUNT, type Line, type Phrase } from '../layout/lines.js';

/** A token: a phrase of one run of characters. */
export type Token = Phrase;

/** A figure as a table prints it: 4,733.14, 0.00, -, 12.5%, 1296. */
export const isAmount = (t: Token | string): boolean => AMOUNT.test(typeof t === 'string' ? t : t.text);

/** A subject code as printed first in a row: 208, 20805, 2080501 (功能分类 2xx, 经济分类 3xx / 5xx). */
export const isCode = (t: Token): boolean => /^[235]\d{2}(\d{2}){0,2}$/.test(t.text);

/** A 款 or 项 part of a code printed apart (301 01). */
export const isCodePart = (t: Token): boolean => /^\d{2}$/.test(t.text);

/** The header words 类 款 项 printed before the 合计 row on its line. */
export const isCodeHeading = (t: Token): boolean => /^(类|款|项)$/.test(t.text);

/** A total's name: 合计, 总计, 人员经费合计 … */
export const isTotalName = (text: string): boolean => /合计$|^总计$/.test(text);

/** The tokens of each line, looked up by page and line. */
export function tokenIndex(pages: readonly SourcePage[]): (line: Line) => Token[] {
  const byLine = new Map<string, Token[]>();
  for (const page of pages) {
    for (const item of page.items) {
      const key = `${page.number}:${item.y0}`;
      const list = byLine.get(key) ?? byLine.set(key, []).get(key);
      list?.push({ text: item.text, x0: item.x0, x1: item.x1, y0: item.y0, y1: item.y1, page: page.number });
    }
  }
  for (const list of byLine.values()) list.sort((a, b) => a.x0 - b.x0);
  return (line) => byLine.get(`${line.page}:${line.y0}`) ?? [];
}

/** Words of a name joined as printed: CJK without the extraction's spaces, Latin and digits with one. */
export function joinWords(words: readonly (Token | string)[]): string {
  let out = '';
  for (const w of words) {
    const text = typeof w === 'string' ? w : w.text;
    out += out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text;
  }
  return out;
}
