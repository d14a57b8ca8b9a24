/**
 * Cell by cell, how a draft's tables agree with a hand-verified transcription of the same document:
 * each amount cell of the transcription is looked up in the draft under the same table role and
 * side, the same row (its code, or its name without numbering and spaces, and its rank among rows
 * of that key) and the same amount column (by rank), and counts as reproduced only when the draft
 * prints exactly the same text there. A figure the draft prints where the transcription has a
 * blank or no such cell is invented. Used by `pnpm bench:import` and the golden tests.
 */

interface TableLike {
  role?: string;
  columns?: string[];
  rows?: unknown[];
  income?: { columns?: string[]; rows?: unknown[] };
  expenditure?: { columns?: string[]; rows?: unknown[] };
}

export interface CellComparison {
  /** Non-blank amount cells of the transcription. */
  cells: number;
  exact: number;
  /** `key (column): expected → found` for each cell not reproduced. */
  misses: string[];
  /** `key (column): found` for each figure with no counterpart. */
  invented: string[];
}

const NOT_AMOUNT = /^(类|款|项|科目编码|功能分类科目编码|经济分类科目编码|编码|行次)$|名称$|^项目$/;
const CODE_COLUMN = /^(类|款|项|科目编码|功能分类科目编码|经济分类科目编码|编码)$/;
const label = (name: string) => name.replace(/\s/g, '').replace(/^([一二三四五六七八九十]{1,3}、|\d{1,2}[、.]|[（(][一二三四五六七八九十\d]{1,3}[）)])/, '');

/** Every amount cell of a document's public tables, by a key that does not depend on column names. */
export function amountCells(doc: { public_tables?: TableLike[] } | null | undefined): Map<string, { text: string; column: string }> {
  const cells = new Map<string, { text: string; column: string }>();
  const seenRoles = new Map<string, number>();
  for (const t of doc?.public_tables ?? []) {
    const role = String(t.role ?? '');
    const n = seenRoles.get(role) ?? 0;
    seenRoles.set(role, n + 1);
    const blocks: [string, { columns?: string[]; rows?: unknown[] } | undefined][] = t.income || t.expenditure ? [['income', t.income], ['expenditure', t.expenditure]] : [['', t]];
    for (const [side, b] of blocks) {
      if (!b?.columns) continue;
      const columns = b.columns.map(String);
      const codeCols = columns.map((c, i) => (CODE_COLUMN.test(c) ? i : -1)).filter((i) => i >= 0);
      const nameCol = columns.findIndex((c) => /名称$|^项目$/.test(c));
      const amountCols = columns.map((c, i) => (NOT_AMOUNT.test(c) ? -1 : i)).filter((i) => i >= 0);
      const rank = new Map<string, number>();
      for (const row of b.rows ?? []) {
        const parts = String(row).split('|').map((c) => c.trim());
        const code = codeCols.map((i) => parts[i] ?? '').filter((c) => /^\d+$/.test(c)).join('');
        const name = codeCols.length > 0 && !code ? label(parts[codeCols[0] as number] ?? '') : label(parts[nameCol] ?? parts[0] ?? '');
        const key = code || name;
        const r = rank.get(key) ?? 0;
        rank.set(key, r + 1);
        amountCols.forEach((col, k) => {
          const cell = `${role}${n ? `#${n}` : ''}${side ? `/${side}` : ''}/${key}${r ? `#${r}` : ''}/@${k}`;
          cells.set(cell, { text: (parts[col] ?? '').replace(/^[-—–]$/, ''), column: columns[col] as string });
        });
      }
    }
  }
  return cells;
}

export function compareCells(transcription: { public_tables?: TableLike[] } | null | undefined, draft: { public_tables?: TableLike[] } | null | undefined): CellComparison {
  const want = amountCells(transcription);
  const got = amountCells(draft);
  let cells = 0;
  let exact = 0;
  const misses: string[] = [];
  const invented: string[] = [];
  for (const [key, w] of want) {
    if (w.text === '') continue;
    cells++;
    const g = got.get(key);
    if (g && g.text === w.text) exact++;
    else misses.push(`${key} (${w.column}): ${w.text} → ${g ? g.text || 'blank' : 'missing'}`);
  }
  for (const [key, g] of got) {
    if (g.text === '') continue;
    const w = want.get(key);
    if (!w || w.text === '') invented.push(`${key} (${g.column}): ${g.text}`);
  }
  return { cells, exact, misses, invented };
}
