/**
 * Two-sided tables (收入支出决算总表, 财政拨款收入支出决算总表): a line holds the 收入 side's name and
 * figures, then the 支出 side's — or only one side. Each run of words starts a side's segment and
 * the figures after it are that side's. With two segments the first is 收入; a lone segment goes to
 * the side whose column count its figures match, and where both sides have as many columns, to the
 * side its name belongs to (…支出, 结余分配, 年末… to 支出; …收入, 年初…, 使用…结余 to 收入). A
 * segment that neither tells is unplaced, never guessed.
 */
import type { Line } from '../layout/lines.js';
import type { ExtractedBlock } from '../extract/tables.js';
import type { TableRole } from '../recognise/titles.js';
import { amountColumns } from './columns.js';
import { block, buildRows, type BlockRow } from './block.js';
import { isAmount, joinWords, type Token } from './tokens.js';

interface Segment {
  words: Token[];
  amounts: Token[];
  line: Line;
}

function segments(tokens: readonly Token[], line: Line): Segment[] {
  const out: Segment[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (isAmount(t)) {
      if (last) last.amounts.push(t);
      else out.push({ words: [], amounts: [t], line });
    } else if (!last || last.amounts.length > 0) out.push({ words: [t], amounts: [], line });
    else last.words.push(t);
  }
  return out;
}

function sideOfName(name: string): 'income' | 'expenditure' | undefined {
  const spend = /支出$|支出合计$|支出总计$|结余分配|^年末/.test(name);
  const earn = /收入$|收入合计$|收入总计$|^年初|^使用.*结余|财政拨款$/.test(name);
  return spend === earn ? undefined : spend ? 'expenditure' : 'income';
}

const ITEM = /^项\s*目$/;

/** The header split at its second 项目: the 收入 side's words and the 支出 side's, per line. */
function headerSides(header: readonly Token[][]): { income: string[][]; expenditure: string[][] } {
  const income: string[][] = [];
  const expenditure: string[][] = [];
  for (const line of header) {
    const items = line.map((t, i) => (ITEM.test(t.text) ? i : -1)).filter((i) => i >= 0);
    if (items.length >= 2) {
      income.push(line.slice((items[0] as number) + 1, items[1]).map((t) => t.text));
      expenditure.push(line.slice((items[1] as number) + 1).map((t) => t.text));
    } else expenditure.push(line.map((t) => t.text));
  }
  return { income, expenditure };
}

export function twoSided(role: TableRole, body: readonly Line[], header: readonly Token[][], tokensOf: (l: Line) => Token[], unplaced: Token[]): ExtractedBlock[] {
  const split = body.map((l) => segments(tokensOf(l), l));
  const heads = headerSides(header);
  const pairs = split.filter((s) => s.length === 2);
  const countOf = (k: 0 | 1, fromHeader: string[][]) => {
    const seen = pairs.map((p) => (p[k] as Segment).amounts.length);
    const leaf = fromHeader.find((l) => l.length > 0)?.length ?? 0;
    return seen.length > 0 ? Math.max(...seen) : leaf;
  };
  const left = countOf(0, heads.income);
  const right = countOf(1, heads.expenditure);
  const rows: Record<'income' | 'expenditure', BlockRow[]> = { income: [], expenditure: [] };
  const add = (side: 'income' | 'expenditure', s: Segment) => rows[side].push({ codes: [], words: s.words, name: joinWords(s.words), amounts: s.amounts, page: s.line.page, y: s.line.y0 });
  for (const segs of split) {
    if (segs.length === 2 && (segs[0] as Segment).words.length > 0) {
      add('income', segs[0] as Segment);
      add('expenditure', segs[1] as Segment);
      continue;
    }
    const [only] = segs;
    if (segs.length !== 1 || !only || only.words.length === 0) {
      for (const s of segs) unplaced.push(...s.words, ...s.amounts);
      continue;
    }
    const n = only.amounts.length;
    const byCount = left !== right && n > 0 ? (n === left ? 'income' : n === right ? 'expenditure' : undefined) : undefined;
    const byName = sideOfName(joinWords(only.words));
    const side = left !== right && n > 0 ? (byCount && (!byName || byName === byCount) ? byCount : undefined) : byName;
    if (side) add(side, only);
    else unplaced.push(...only.words, ...only.amounts);
  }
  const blockOf = (side: 'income' | 'expenditure', count: number, lines: string[][]) => {
    const names = amountColumns(role, side, side === 'income' ? lines : [...lines, ...heads.income], count);
    return block(['项目', ...names], buildRows(rows[side], 0, count, unplaced), side);
  };
  return [blockOf('income', left, heads.income), blockOf('expenditure', right, heads.expenditure)];
}
