/**
 * The narrative's sentences that state money figures, and the table cell each figure restates.
 *
 * Lines outside the tables are joined into running text (a line broken mid-sentence by the page
 * layout joins the next), cut into sentences at 。 and ；, and every amount with its money unit
 * (万元, 元) is read. A figure is tied to a cell only when the cells whose amount it states (equal
 * at the figure's own precision, after converting the unit) all hold the same amount: then which
 * of them it names cannot change the check. A figure that no cell holds is kept apart: it may be a
 * figure of another year, of a table the document does not print — or a misstatement, which is
 * what the transcriber should look at first.
 */
import { Decimal } from 'decimal.js';
import type { Line } from '../layout/lines.js';
import type { ExtractedTable } from './tables.js';

export interface NarrativeFigure {
  /** As printed, with its unit: 1,212.12万元. */
  value: string;
  /** The cell it restates (role/row/column), when one amount fits. */
  cell?: string;
  /** How many cells hold that amount. */
  candidates: number;
}

export interface NarrativeStatement {
  text: string;
  page: number;
  figures: NarrativeFigure[];
}

const MONEY = /([-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?)\s*(万元|元)/g;
const UNIT_FACTOR: Record<string, Decimal> = { 元: new Decimal(1), 万元: new Decimal(10000), 千元: new Decimal(1000), 亿元: new Decimal(100000000) };

interface CellAmount {
  ref: string;
  /** The row's name, without numbering and spaces. */
  name: string;
  /** In 元. */
  yuan: Decimal;
}

function stripNumbering(name: string): string {
  return name.replace(/^([一二三四五六七八九十]{1,3}、|\d{1,2}[、.]|[（(][一二三四五六七八九十\d]{1,3}[）)])/, '').replace(/\s/g, '');
}

/** Every amount cell of the tables, as a cell reference and its amount in 元. */
export function cellAmounts(tables: readonly ExtractedTable[]): CellAmount[] {
  const out: CellAmount[] = [];
  const seenRoles = new Set<string>();
  for (const t of tables) {
    // A cell names its table by role: only the first table of a role can be named.
    if (seenRoles.has(t.role)) continue;
    seenRoles.add(t.role);
    const factor = UNIT_FACTOR[t.unit ?? '元'] ?? new Decimal(1);
    for (const b of t.blocks) {
      const codeCols = b.columns.map((c, i) => (/^(类|款|项|科目编码|功能分类科目编码|经济分类科目编码|编码)$/.test(c) ? i : -1)).filter((i) => i >= 0);
      const nameCol = b.columns.findIndex((c) => /名称$|^项目$/.test(c));
      for (const r of b.rows) {
        const code = codeCols.map((i) => r.cells[i] ?? '').filter((c) => /^\d+$/.test(c)).join(' ');
        const named = codeCols.length > 0 && !code ? stripNumbering(r.cells[codeCols[0] as number] ?? '') : stripNumbering(r.cells[nameCol] ?? '');
        const row = code || named;
        if (!row) continue;
        b.columns.forEach((col, i) => {
          if (codeCols.includes(i) || i === nameCol) return;
          const text = (r.cells[i] ?? '').replace(/,/g, '');
          if (!/^-?\d+(\.\d+)?$/.test(text)) return;
          const prefix = b.side ? `${t.role}/${b.side}` : t.role;
          out.push({ ref: `${prefix}/${row}/${col}`, name: stripNumbering(r.cells[nameCol] ?? '') || named, yuan: new Decimal(text).times(factor) });
        });
      }
    }
  }
  return out;
}

/** The sentences of the narrative lines, each with the page it starts on. */
function sentencesOf(lines: readonly Line[]): { text: string; page: number }[] {
  const out: { text: string; page: number }[] = [];
  let text = '';
  let page = lines[0]?.page ?? 1;
  const flush = () => {
    const t = text.trim();
    if (t) out.push({ text: t, page });
    text = '';
  };
  for (const line of lines) {
    const t = line.text.replace(/\s+/g, (m, at: number, all: string) => (/[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + m.length] ?? '') ? ' ' : ''));
    // A heading (short, no sentence punctuation) stands alone.
    if (t.length < 30 && !/[，。；：]/.test(t)) {
      flush();
      continue;
    }
    if (!text) page = line.page;
    for (const ch of t) {
      text += ch;
      if (ch === '。' || ch === '；') {
        flush();
        page = line.page;
      }
    }
  }
  flush();
  return out;
}

export function narrativeStatements(lines: readonly Line[], tables: readonly ExtractedTable[]): NarrativeStatement[] {
  const cells = cellAmounts(tables);
  const statements: NarrativeStatement[] = [];
  for (const s of sentencesOf(lines)) {
    const figures: NarrativeFigure[] = [];
    let previousEnd = 0;
    for (const m of s.text.matchAll(MONEY)) {
      const [whole, number, unit] = m as unknown as [string, string, string];
      const at = m.index ?? 0;
      const before = s.text.slice(previousEnd, at);
      const after = s.text.slice(at + whole.length, at + whole.length + 6);
      previousEnd = at + whole.length;
      // A threshold (单价100万元以上), not an amount any table holds.
      if (/单价|限额|标准/.test(before.slice(-6)) || /^[（(]?含?[）)]?(以上|以下|及以上|及以下)/.test(after)) {
        figures.push({ value: whole.replace(/\s/g, ''), candidates: 0 });
        continue;
      }
      // The row the sentence names right before the figure (“…（类）社会福利（款）X（项）”, or “X”科目): its cells only.
      const chain = [...before.matchAll(/([^（）()“”，。；、：\s]+?)（(类|款|项)）/g)].pop()?.[1] ?? /“([^”]+)”科目/.exec(before)?.[1];
      const plain = number.replace(/,/g, '').replace('−', '-');
      const decimals = plain.includes('.') ? (plain.split('.')[1] as string).length : 0;
      const factor = UNIT_FACTOR[unit] as Decimal;
      // The cells this figure may state: equal once the cell is rounded (half up) to the figure's precision.
      const stated = new Decimal(plain);
      const named = (c: CellAmount) => !chain || c.name === chain || c.name.replace(/支出$/, '') === chain.replace(/支出$/, '');
      const matching = cells.filter((c) => named(c) && c.yuan.div(factor).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).eq(stated));
      const sameAmount = matching.length > 0 && matching.every((c) => c.yuan.eq((matching[0] as CellAmount).yuan));
      figures.push({ value: whole.replace(/\s/g, ''), candidates: matching.length, ...(sameAmount ? { cell: (matching[0] as CellAmount).ref } : {}) });
    }
    if (figures.length > 0) statements.push({ text: s.text, page: s.page, figures });
  }
  return statements;
}
