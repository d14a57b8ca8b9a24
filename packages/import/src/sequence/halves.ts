/**
 * A table printed as two halves side by side (一般公共预算财政拨款基本支出决算表: 类 款 科目名称
 * 决算数 | 类 款 科目名称 决算数): a line holds up to two segments, each codes, a name and figures.
 * Two segments are the left half's and the right half's; a lone segment goes to the half already
 * holding its 类 code, else by the economic classification (301 工资福利 and 303 对个人和家庭的补助
 * are 人员经费, beside the half holding them; any other 类 is 公用经费, the other half). Wrapped
 * names print their pieces on lines of their own: two pieces are left and right; a lone piece goes
 * to the half where the row just above or below prints no name (or to the only half of a lone-segment
 * row above). Pieces then join rows as in rows.ts. Rows named …合计 are the footer, after both halves.
 */
import type { Line } from '../layout/lines.js';
import type { ExtractedBlock } from '../extract/tables.js';
import { amountColumns, codeColumns, nameColumn } from './columns.js';
import { block, buildRows, figureCount, type BlockRow } from './block.js';
import { attachPieces, printedName, type RowDraft } from './rows.js';
import { isAmount, isCode, isCodePart, isTotalName, joinWords, type Token } from './tokens.js';

const PERSONNEL = new Set(['301', '303']);

function segments(tokens: readonly Token[]): { codes: Token[]; words: Token[]; amounts: Token[] }[] {
  const out: { codes: Token[]; words: Token[]; amounts: Token[] }[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    const fresh = !last || last.amounts.length > 0;
    if (isCode(t) && (fresh || (last.words.length === 0 && last.codes.length === 0))) out.push({ codes: [t], words: [], amounts: [] });
    else if (last && isCodePart(t) && last.codes.length > 0 && last.codes.length < 3 && last.words.length === 0 && last.amounts.length === 0) last.codes.push(t);
    else if (isAmount(t)) {
      if (last) last.amounts.push(t);
      else out.push({ codes: [], words: [], amounts: [t] });
    } else if (fresh) out.push({ codes: [], words: [t], amounts: [] });
    else last.words.push(t);
  }
  return out;
}

type Half = 0 | 1;

export function halves(body: readonly Line[], header: readonly Token[][], tokensOf: (l: Line) => Token[], unplaced: Token[]): ExtractedBlock {
  const sides: [RowDraft[], RowDraft[]] = [[], []];
  const footer: RowDraft[] = [];
  const pieces: { half: Half; after: number; words: Token[] }[] = [];
  /** Per line: the half each of its rows went to and whether it printed a name. */
  const lineRows: ({ half: Half; named: boolean }[] | 'pieces')[] = [];
  const classes: [Set<string>, Set<string>] = [new Set(), new Set()];
  const halfOfClass = (cls: string): Half => {
    if (classes[0].has(cls)) return 0;
    if (classes[1].has(cls)) return 1;
    const personnel = classes[0].has('301') || classes[0].has('303') ? 0 : classes[1].has('301') || classes[1].has('303') ? 1 : 0;
    return PERSONNEL.has(cls) ? personnel : ((1 - personnel) as Half);
  };
  const wordLines: { index: number; words: Token[] }[] = [];
  body.forEach((line, index) => {
    const segs = segments(tokensOf(line));
    if (segs.every((s) => s.codes.length === 0 && s.amounts.length === 0)) {
      lineRows.push('pieces');
      wordLines.push({ index, words: segs.flatMap((s) => s.words) });
      return;
    }
    const placed: { half: Half; named: boolean }[] = [];
    segs.forEach((s, k) => {
      const draft: RowDraft = { codes: s.codes, words: s.words, inner: [], heads: [], tails: [], amounts: s.amounts, line, closed: true };
      if (s.codes.length === 0 && isTotalName(joinWords(s.words))) {
        footer.push(draft);
        return;
      }
      if (s.codes.length === 0 || segs.length > 2) {
        unplaced.push(...s.codes, ...s.words, ...s.amounts);
        return;
      }
      const cls = (s.codes[0] as Token).text.slice(0, 3);
      const half: Half = segs.length === 2 ? (k as Half) : halfOfClass(cls);
      classes[half].add(cls);
      sides[half].push(draft);
      placed.push({ half, named: s.words.length > 0 });
    });
    lineRows.push(placed);
  });
  // Each line of pieces, once every row is known: which half each piece is in.
  const rowCount: [number, number][] = [];
  const counts: [number, number] = [0, 0];
  lineRows.forEach((r) => {
    rowCount.push([...counts] as [number, number]);
    if (r !== 'pieces') for (const p of r) counts[p.half]++;
  });
  for (const { index, words } of wordLines) {
    const before = rowCount[index];
    if (!before) continue;
    const above = [...lineRows.slice(0, index)].reverse().find((r) => r !== 'pieces');
    const below = lineRows.slice(index + 1).find((r) => r !== 'pieces');
    const nameless = (r: typeof above) => (r ? r.filter((p) => !p.named).map((p) => p.half) : []);
    let halvesOf: Half[] = [];
    if (words.length === 2) halvesOf = [0, 1];
    else if (words.length === 1) {
      const open = [...new Set([...nameless(above), ...nameless(below)])];
      if (open.length === 1) halvesOf = open;
      else if (open.length === 0 && above && above.length === 1) halvesOf = [(above[0] as { half: Half }).half];
    }
    if (halvesOf.length !== words.length) {
      unplaced.push(...words);
      continue;
    }
    words.forEach((w, k) => {
      const half = halvesOf[k] as Half;
      pieces.push({ half, after: before[half] - 1, words: [w] });
    });
  }
  for (const half of [0, 1] as Half[]) attachPieces(sides[half], pieces.filter((p) => p.half === half));
  const all = [...sides[0], ...sides[1], ...footer];
  const parts = Math.max(0, ...all.map((r) => r.codes.length));
  const count = figureCount(all);
  const headerWords = header.flat().map((t) => t.text);
  const half = header.map((l) => l.map((t) => t.text)).map((l) => l.slice(0, Math.ceil(l.length / 2)));
  const columns = [...codeColumns(parts, headerWords.join('')), nameColumn(headerWords), ...amountColumns('general-public-basic', undefined, half, count)];
  const rows: BlockRow[] = all.map((r) => ({ codes: r.codes, words: [...r.heads, ...r.words, ...r.tails], name: printedName(r), amounts: r.amounts, page: r.line.page, y: r.line.y0 }));
  return block(columns, buildRows(rows, parts, count, unplaced));
}
