/**
 * Rows of a sequence table printed once across (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表):
 * each line is codes, then a name, then figures, in that order. A row may be printed over several
 * lines — its code alone, its name (wrapped, or interleaved with the previous row's tail), then its
 * figures alone — and is closed by its figures. A line of words only outside such a row is a wrapped
 * name's piece: the head of the row below when that row prints no name, else the tail of the row
 * above. Figures are placed by order only when a row has as many as the table has amount columns;
 * otherwise they are unplaced.
 */
import type { Line } from '../layout/lines.js';
import { isAmount, isCode, isCodeHeading, isCodePart, isTotalName, joinWords, type Token } from './tokens.js';

export interface RowDraft {
  codes: Token[];
  /** Name words printed on the row's own line(s) (its code line, or its figures line). */
  words: Token[];
  /** Words printed on lines of their own while the row was open (code printed, figures not yet). */
  inner: Token[];
  /** Pieces above (head) and below (tail) on lines of their own. */
  heads: Token[];
  tails: Token[];
  amounts: Token[];
  line: Line;
  /** The figures have been read (the row is closed). */
  closed: boolean;
}

/** Splits a line's tokens: leading codes (and 款/项 parts), name words, then figures; words after a figure are `extra`. */
export function splitLine(tokens: readonly Token[]): { codes: Token[]; words: Token[]; amounts: Token[]; extra: Token[] } {
  const codes: Token[] = [];
  const words: Token[] = [];
  const amounts: Token[] = [];
  const extra: Token[] = [];
  let i = 0;
  // 类 款 项 before the 合计 row's name: the header's last line, sharing the row's line.
  while (i < tokens.length && isCodeHeading(tokens[i] as Token) && tokens.slice(i).some((t) => !isCodeHeading(t) && !isAmount(t))) i++;
  if (i < tokens.length && isCode(tokens[i] as Token)) {
    codes.push(tokens[i++] as Token);
    while (i < tokens.length && codes.length < 3 && (codes[0] as Token).text.length === 3 && isCodePart(tokens[i] as Token)) codes.push(tokens[i++] as Token);
  }
  for (; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isAmount(t)) amounts.push(t);
    else if (amounts.length > 0) extra.push(t);
    else words.push(t);
  }
  return { codes, words, amounts, extra };
}

const newRow = (line: Line, codes: Token[], words: Token[], amounts: Token[], closed: boolean): RowDraft => ({ codes, words, inner: [], heads: [], tails: [], amounts, line, closed });

/** The rows of a table's body lines, in order; tokens that belong to no row go to `unplaced`. */
export function readRows(body: readonly Line[], tokensOf: (l: Line) => Token[], unplaced: Token[]): RowDraft[] {
  const rows: RowDraft[] = [];
  /** Word-only lines outside an open row, after `rows[after]`. */
  const pieces: { after: number; words: Token[] }[] = [];
  let open: RowDraft | undefined;
  for (const line of body) {
    const { codes, words, amounts, extra } = splitLine(tokensOf(line));
    unplaced.push(...extra);
    if (codes.length > 0) {
      if (open) open.closed = true;
      open = newRow(line, codes, words, amounts, amounts.length > 0);
      rows.push(open);
      if (open.closed) open = undefined;
      continue;
    }
    if (amounts.length > 0) {
      if (open) {
        open.inner.push(...words);
        open.amounts = amounts;
        open.closed = true;
        open = undefined;
      } else if (words.length > 0) rows.push(newRow(line, [], words, amounts, true));
      else unplaced.push(...amounts);
      continue;
    }
    if (words.length === 0) continue;
    if (open) open.inner.push(...words);
    else if (isTotalName(joinWords(words))) rows.push(newRow(line, [], words, [], true));
    else pieces.push({ after: rows.length - 1, words });
  }
  attachPieces(rows, pieces);
  return rows;
}

/** Wrapped names' pieces: the head of a nameless row below, else the tail of the row above. */
export function attachPieces(rows: readonly RowDraft[], pieces: readonly { after: number; words: Token[] }[]): void {
  for (const p of pieces) {
    const below = rows[p.after + 1];
    const above = rows[p.after];
    if (below && below.words.length === 0 && below.inner.length === 0 && below.heads.length === 0) below.heads.push(...p.words);
    else if (above) above.tails.push(...p.words);
    else if (below) below.heads.push(...p.words);
  }
}

/** The row's name as printed: heads, its own words, words inside it, tails. */
export function printedName(r: RowDraft): string {
  return joinWords([...r.heads, ...r.words, ...r.inner, ...r.tails]);
}
