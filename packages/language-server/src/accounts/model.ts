/**
 * What the editor features know of a final-accounts or budget document: the core's table views
 * (`buildTables`), the identities that tie its cells (read from the core's `accounts-identity`
 * subjects, so they are exactly those of identities.ts, with the core's agreement and Σ), and where
 * each cell of a `|`-separated row sits in the file. No LSP types here: offsets in, cells and texts out.
 */
import {
  ACCOUNTS_KINDS, tablesOf, tableName as coreTableName, documentSubjects, figurePlaces, resolveCell, splitRow, totalColumn,
  type CellView, type CheckConfig, type DocView, type NumberFigure, type RowView, type TableView,
} from '@jixiao/core';
import type { Locale } from '../diagnostics.js';

export type BlockView = RowView['block'];
export type ColumnView = CellView['column'];

/** An identity of identities.ts over this document's cells. */
export interface Tie {
  /** code-sum | total-sum | row-sum | line-sum | sides | balance | cross | bound */
  check: string;
  formula: { zh: string; en: string };
  stated: CellView;
  /** The terms' cells (blank cells, exact zeros, are not listed by the core). */
  terms: CellView[];
  /** equal | rounding | near | mismatch, as the rules see it. */
  agreement: () => string | undefined;
  /** Inequalities: the stated cell exceeds its bound beyond rounding. */
  exceeds: () => boolean;
  /** The core's value of the (signed) terms, as text in the stated cell's unit. */
  computed: () => string | undefined;
}

/** One `|`-separated part of a row string and its place in the file. */
export interface Part {
  index: number;
  text: string;
  span: [number, number];
  column: ColumnView | undefined;
  /** The amount cell, for an amount column. */
  cell: CellView | undefined;
  /** False when the row string's text cannot be mapped to the file (a quoted row with escapes): the span is the row's. */
  located: boolean;
}

/** A cell reference written in the narrative (`cell:`, a share's part / whole, a change's current / previous). */
export interface CellRef {
  ref: string;
  span: readonly [number, number];
  /** The cell it names, or why it names none (zh, en). */
  cell: CellView | undefined;
  problem: { zh: string; en: string } | undefined;
}

export interface AccountsModel {
  year: number | undefined;
  tables: TableView[];
  ties: Tie[];
  /** Ties by cell, as the stated cell or as a term. */
  tiesOf: (cell: CellView) => Tie[];
  /** The row and part at a file offset (inside a row string). */
  at: (offset: number) => { row: RowView; part: Part | undefined } | undefined;
  /** The parts of a row with their spans. */
  partsOf: (row: RowView) => Part[];
  rows: () => RowView[];
  /** The narrative's cell reference at a file offset. */
  refAt: (offset: number) => CellRef | undefined;
}

export const isAccountsView = (view: DocView | undefined): view is DocView => view !== undefined && (ACCOUNTS_KINDS as readonly string[]).includes(view.doc.kind);

/** The families that state a row as the sum of the rows under (or above) it. */
export const ROW_SUMS = new Set(['code-sum', 'total-sum', 'line-sum']);

const models = new WeakMap<DocView, { config: CheckConfig; model: AccountsModel }>();

/** The model of an accounts document (cached with its view). */
export function accountsModel(view: DocView, config: CheckConfig): AccountsModel | undefined {
  if (!isAccountsView(view)) return undefined;
  const cached = models.get(view);
  if (cached && cached.config === config) return cached.model;
  const model = build(view, config);
  models.set(view, { config, model });
  return model;
}

interface RowSource { text: string; span: readonly [number, number]; offset: number | null }

function sourceRows(block: BlockView): readonly RowSource[] {
  const t = block.table.source;
  const rows = block.side === 'income' ? t.income?.rows : block.side === 'expenditure' ? t.expenditure?.rows : t.rows;
  return (rows ?? []) as unknown as RowSource[];
}

/** The row string split at `|`, each part trimmed, with its span (the core's split). */
function splitSource(row: RowSource): { text: string; span: [number, number] }[] {
  return splitRow({ kind: 'row', ...row });
}

function build(view: DocView, config: CheckConfig): AccountsModel {
  const tables = tablesOf(view.file, view.doc);
  const byPath = new Map<string, CellView>();
  const allRows: RowView[] = [];
  for (const t of tables) {
    for (const b of t.blocks) {
      for (const r of b.rows) {
        allRows.push(r);
        for (const c of r.cells) {
          const path = c ? figurePlaces.get(c.figure)?.path : undefined;
          if (c && path) byPath.set(path, c);
        }
      }
    }
  }
  const cellOf = (f: unknown): CellView | undefined => {
    const path = typeof f === 'object' && f !== null ? figurePlaces.get(f)?.path : undefined;
    return path ? byPath.get(path) : undefined;
  };
  const ties: Tie[] = [];
  const tiesByCell = new Map<CellView, Tie[]>();
  for (const s of documentSubjects(view, [view], config)) {
    if (s.kind !== 'accounts-identity') continue;
    const facts = s.facts as Record<string, (() => unknown) | undefined>;
    const stated = cellOf(facts.stated?.());
    if (!stated) continue;
    const terms = ((facts.terms?.() as NumberFigure[] | undefined) ?? []).map(cellOf).filter((c): c is CellView => c !== undefined);
    const tie: Tie = {
      check: String(facts.check?.() ?? ''),
      formula: { zh: String(facts.formula?.() ?? ''), en: String(facts.formulaEn?.() ?? '') },
      stated,
      terms,
      agreement: () => facts.agreement?.() as string | undefined,
      exceeds: () => facts.exceeds?.() === true,
      computed: () => (facts.computed?.() as { text?: string } | undefined)?.text,
    };
    ties.push(tie);
    for (const c of new Set([stated, ...terms])) {
      const list = tiesByCell.get(c);
      if (list) list.push(tie);
      else tiesByCell.set(c, [tie]);
    }
  }
  const parts = new Map<RowView, Part[]>();
  const partsOf = (row: RowView): Part[] => {
    let list = parts.get(row);
    if (!list) {
      const source = sourceRows(row.block)[row.index];
      list = source ? splitSource(source).map((p, i) => ({ index: i, text: p.text, span: p.span, column: row.block.columns[i], cell: row.cells[i], located: source.offset !== null })) : [];
      parts.set(row, list);
    }
    return list;
  };
  const at = (offset: number) => {
    const row = allRows.find((r) => offset >= r.span[0] && offset <= r.span[1]);
    if (!row) return undefined;
    const list = partsOf(row);
    if (list.some((p) => !p.located)) return { row, part: undefined };
    // The part under the offset, else the one whose `|` is nearest after it.
    const part = list.find((p) => offset >= p.span[0] && offset <= p.span[1]) ?? list.find((p) => offset < p.span[0]);
    return { row, part };
  };
  let refs: CellRef[] | undefined;
  const refAt = (offset: number) => (refs ??= cellRefs(view, tables)).find((r) => offset >= r.span[0] && offset <= r.span[1]);
  return { year: view.doc.year, tables, ties, tiesOf: (c) => tiesByCell.get(c) ?? [], at, partsOf, rows: () => allRows, refAt };
}

/** A written term that reads as a cell reference (role/row[/column]) rather than a figure. */
const looksLikeRef = (text: string) => /^[a-z-]+\//.test(text.trim());

function cellRefs(view: DocView, tables: readonly TableView[]): CellRef[] {
  const out: CellRef[] = [];
  const add = (ref: string | undefined, path: (string | number)[]) => {
    if (ref === undefined || !looksLikeRef(ref)) return;
    const span = view.spanAt(path);
    if (span[1] <= span[0]) return;
    const found = resolveCell(tables, ref);
    const cell = 'figure' in found ? found : undefined;
    out.push({ ref, span, cell, problem: 'figure' in found ? undefined : { zh: found.problemZh, en: found.problem } });
  };
  (view.doc.statements ?? []).forEach((st, i) => {
    (st.figures ?? []).forEach((fig, k) => {
      add(fig.cell, ['statements', i, 'figures', k, 'cell']);
      add(fig.share?.part, ['statements', i, 'figures', k, 'share', 'part']);
      add(fig.share?.whole, ['statements', i, 'figures', k, 'share', 'whole']);
    });
    (st.changes ?? []).forEach((ch, k) => {
      add(ch.current, ['statements', i, 'changes', k, 'current']);
      add(ch.previous, ['statements', i, 'changes', k, 'previous']);
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words and figures

const ZH = (locale: Locale) => locale === 'zh';

/** A table's name as the rules' messages give it (表2 2024年…): the core's, so hover and findings agree. */
export const tableName = coreTableName;

/** A table's number as printed (公开03表), a bare number as 表3 / table 3; else its title. */
export function tableShort(t: TableView, locale: Locale = 'zh'): string {
  if (t.no && !/表|table/i.test(t.no)) return ZH(locale) ? `表${t.no}` : `table ${t.no}`;
  return t.no ?? t.title ?? t.role;
}

export function rowName(r: RowView): string {
  return r.code !== null ? `${r.codeText} ${r.name}`.trim() : r.name;
}

/** A cell as printed (空白 / blank for a blank). */
export function cellText(c: CellView, locale: Locale): string {
  return c.blank ? (ZH(locale) ? '空白' : 'blank') : c.figure.text;
}

/** Where a cell is: table, side, row, column. */
export function cellPlace(c: CellView, locale: Locale, short = false): string {
  const t = c.row.block.table;
  const side = c.row.block.side === null ? '' : ZH(locale) ? (c.row.block.side === 'income' ? ' 收入' : ' 支出') : ` ${c.row.block.side}`;
  return `${short ? tableShort(t, locale) : tableName(t)}${side} ${rowName(c.row)} ${c.column.name}`;
}

export interface RowSum {
  tie: Tie;
  /** Σ of the terms, as the core computes it and the rule's message shows it (its `computed` fact). */
  text: string;
  /** ✓ equal, ≈ within rounding, ✗ otherwise. */
  mark: string;
  /** How many rows are summed (the non-blank ones). */
  count: number;
}

export function markOf(agreement: string | undefined): string {
  return agreement === 'equal' ? '✓' : agreement === 'rounding' ? '≈' : agreement === 'near' || agreement === 'mismatch' ? '✗' : '';
}

/** Σ of the terms of a tie: the core's value (the identity subject's `computed`), judged by its `agreement`. */
export function sumOf(tie: Tie): RowSum {
  return { tie, text: tie.computed() ?? '', mark: markOf(tie.agreement()), count: tie.terms.length };
}

/** The Σ of the rows under (or above) a cell's row, when its row has some: 类, 款, 合计, 本年合计, 总计, numbered lines. */
export function rowSumOf(model: AccountsModel, cell: CellView): RowSum | undefined {
  const tie = model.tiesOf(cell).find((t) => t.stated === cell && ROW_SUMS.has(t.check));
  return tie ? sumOf(tie) : undefined;
}

/** Other cells tied to this one by a cross-table identity (or the two sides, or an inequality). */
export function crossTiesOf(model: AccountsModel, cell: CellView): Tie[] {
  return model.tiesOf(cell).filter((t) => t.check === 'cross' || t.check === 'sides' || t.check === 'bound');
}

/** Rows of other tables with the same code. */
export function sameCodeRows(model: AccountsModel, row: RowView): RowView[] {
  if (row.code === null) return [];
  return model.rows().filter((r) => r.code === row.code && r.block.table !== row.block.table);
}

const totalColumnOf = totalColumn;

/** The cell of `row` in the column named like `column` (full name, else leaf; a total column's, the other total column), if any. */
export function cellLike(row: RowView, column: ColumnView, from?: BlockView): CellView | undefined {
  const cells = row.cells.filter((c): c is CellView => c !== undefined);
  const named = cells.find((c) => c.column.name === column.name) ?? cells.find((c) => c.column.leaf === column.leaf);
  if (named || !from || totalColumnOf(from) !== column) return named;
  const total = totalColumnOf(row.block);
  return total ? row.cells[total.index] : undefined;
}
