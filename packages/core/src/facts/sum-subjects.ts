/**
 * The sums a document's own tables state (kind `figure-sum`): the funds block of forms and reports
 * (年度资金总额 = its source rows; the department-wide spending split 基本支出 + 项目支出, 基本支出 =
 * 人员经费 + 公用经费) and annex tables (`tables`: totals, coded sub-sums, 其中 rows), column by
 * column. A part left out of a column (a blank cell of a funds row) leaves that column unchecked;
 * a blank cell of an annex table counts as 0, as printed.
 */
import { Decimal } from 'decimal.js';
import type { CheckConfig } from '../config.js';
import { formatPath } from '../finding.js';
import type { AnnexTable, Funds, FundsRow } from '../format/model.js';
import type { NumberFigure } from '../values/figure.js';
import { exactQuantity, quantityOf, sum } from '../values/tolerance.js';
import { plain } from './computed.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

type PathStep = string | number;
type Words = { zh: string; en: string };

/** One part of a sum: its name, its figure (undefined: not given; null: a blank cell, 0) and where it is. */
interface Part { name: Words; figure: NumberFigure | null | undefined; path: PathStep[] }

interface SumSpec {
  check: 'funds-source' | 'funds-spending' | 'funds-basic' | 'table-total' | 'table-code' | 'table-under';
  /** The stated figure's row and column. */
  label: Words;
  column: Words;
  stated: NumberFigure;
  path: PathStep[];
  parts: Part[];
  /** The parts need not be all of it (其中): only a sum beyond the stated figure is wrong. */
  bound?: boolean;
}

const ZERO = exactQuantity(new Decimal(0));

function sumSubject(view: DocView, spec: SumSpec, config: CheckConfig): Subject {
  const given = spec.parts.filter((p) => p.figure);
  const computed = () => plain(sum(spec.parts.map((p) => (p.figure ? quantityOf(p.figure, config.tolerance) : ZERO))));
  return {
    kind: 'figure-sum', file: view.file, path: formatPath(spec.path), span: spec.stated.span,
    facts: {
      check: () => spec.check,
      label: () => spec.label.zh,
      labelEn: () => spec.label.en,
      column: () => spec.column.zh,
      columnEn: () => spec.column.en,
      stated: () => spec.stated,
      computed,
      parts: () => given.map((p) => p.figure as NumberFigure),
      partNames: () => spec.parts.map((p) => p.name.zh).join(' + '),
      partNamesEn: () => spec.parts.map((p) => p.name.en).join(' + '),
      bound: () => spec.bound === true,
      exceeds: () => {
        const c = computed().quantity;
        return c.lo.gt(quantityOf(spec.stated, config.tolerance).hi);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Funds

const FUNDS_COLUMNS: [keyof FundsRow & ('planned' | 'adjusted' | 'received' | 'spent'), Words][] = [
  ['planned', { zh: '年初预算数', en: 'initial budget' }],
  ['adjusted', { zh: '全年预算数', en: 'annual budget' }],
  ['received', { zh: '到位数', en: 'received' }],
  ['spent', { zh: '全年执行数', en: 'spent' }],
];

interface NamedRow { name: Words; row: FundsRow; path: PathStep[] }

const blankRow = (row: FundsRow) => FUNDS_COLUMNS.every(([key]) => num(row[key]) === undefined);

/** `stated` = Σ `parts` in every column the stated row and every part give. */
function fundsSums(check: SumSpec['check'], whole: NamedRow, parts: NamedRow[], out: SumSpec[]): void {
  if (parts.length === 0) return;
  for (const [key, column] of FUNDS_COLUMNS) {
    const stated = num(whole.row[key]);
    if (!stated) continue;
    // A part printed blank in every column is 0; one that gives other columns but not this one leaves it unchecked.
    const figures = parts.map((p) => num(p.row[key]) ?? (blankRow(p.row) ? null : undefined));
    if (figures.some((f) => f === undefined) || figures.every((f) => f === null)) continue;
    out.push({ check, label: whole.name, column, stated, path: [...whole.path, key], parts: parts.map((p, i) => ({ name: p.name, figure: figures[i], path: [...p.path, key] })) });
  }
}

function fundsSpecs(funds: Funds): SumSpec[] {
  const out: SumSpec[] = [];
  if (funds.incomplete) return out;
  const base: PathStep[] = ['funds'];
  const total = funds.total ? { name: { zh: '年度资金总额', en: 'total funds' }, row: funds.total, path: [...base, 'total'] } : undefined;
  const named = (list: FundsRow[] | undefined, path: PathStep[]): (NamedRow & { under?: string })[] =>
    (list ?? []).map((row, i) => ({ name: { zh: row.name ?? '', en: row.name ?? '' }, row, path: [...path, i], under: row.under }));
  const rows = named(funds.rows, [...base, 'rows']);
  // 其中 rows: parts of their named row, not of the total.
  for (const parent of rows) {
    const children = rows.filter((r) => r.under !== undefined && r.under === parent.row.name);
    fundsSums('funds-source', parent, children, out);
  }
  if (total) {
    const sources: NamedRow[] = [
      ...(funds.current_year ? [{ name: { zh: '当年财政拨款', en: 'current-year appropriation' }, row: funds.current_year, path: [...base, 'current_year'] }] : []),
      ...(funds.carried_over ? [{ name: { zh: '上年结转', en: 'carried over' }, row: funds.carried_over, path: [...base, 'carried_over'] }] : []),
      ...(funds.other ? [{ name: { zh: '其他资金', en: 'other funds' }, row: funds.other, path: [...base, 'other'] }] : []),
      ...rows.filter((r) => r.under === undefined),
    ];
    fundsSums('funds-source', total, sources, out);
  }
  const s = funds.spending;
  if (s) {
    const at: PathStep[] = [...base, 'spending'];
    const basic = s.basic ? { name: { zh: '基本支出', en: 'basic expenditure' }, row: s.basic, path: [...at, 'basic'] } : undefined;
    const project = s.project ? [{ name: { zh: '项目支出', en: 'project expenditure' }, row: s.project, path: [...at, 'project'] }] : [];
    if (total) fundsSums('funds-spending', total, [...(basic ? [basic] : []), ...project, ...named(s.rows, [...at, 'rows'])], out);
    const basicParts = [
      ...(s.personnel ? [{ name: { zh: '人员经费', en: 'personnel' }, row: s.personnel, path: [...at, 'personnel'] }] : []),
      ...(s.public_use ? [{ name: { zh: '公用经费', en: 'public use' }, row: s.public_use, path: [...at, 'public_use'] }] : []),
    ];
    if (basic && basicParts.length === 2) fundsSums('funds-basic', basic, basicParts, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Annex tables

function tableSpecs(table: AnnexTable, index: number): SumSpec[] {
  if (table.incomplete === true) return [];
  const cut = new Set(Array.isArray(table.incomplete) ? table.incomplete : []);
  const out: SumSpec[] = [];
  const at: PathStep[] = ['tables', index];
  const columns = table.columns ?? [];
  const columnWords = (k: number): Words => ({ zh: columns[k] ?? `第 ${k + 1} 列`, en: columns[k] ?? `column ${k + 1}` });
  const rows = table.rows.map((row, i) => ({ row, i, name: row.name ?? row.code ?? `第 ${i + 1} 行` }));
  const codeParent = (code: string | undefined) => {
    if (!code) return undefined;
    // The nearest row whose code the code extends (30101 under 301).
    let best: (typeof rows)[number] | undefined;
    for (const r of rows) if (r.row.code && r.row.code !== code && code.startsWith(r.row.code) && (!best || r.row.code.length > (best.row.code?.length ?? 0))) best = r;
    return best;
  };
  const parentOf = new Map<number, number>();
  for (const r of rows) {
    const byName = r.row.under !== undefined ? rows.find((p) => p.i < r.i && (p.row.name === r.row.under || p.row.code === r.row.under)) : undefined;
    const parent = byName ?? codeParent(r.row.code);
    if (parent) parentOf.set(r.i, parent.i);
  }
  const cell = (row: { values: (NumberFigure | undefined | { kind: string })[] }, k: number): NumberFigure | null | undefined => {
    if (k >= row.values.length) return undefined;
    const v = row.values[k] as { kind: string; text?: string } | undefined;
    // A blank cell: left empty, or written ''.
    if (v === undefined || (v.kind !== 'number' && (v.text ?? '').trim() === '')) return null;
    return v.kind === 'number' ? (v as NumberFigure) : undefined;
  };
  const specFor = (check: SumSpec['check'], label: Words, statedRow: { values: (NumberFigure | undefined | { kind: string })[] }, statedPath: PathStep[], parts: (typeof rows)[number][], bound = false) => {
    const width = Math.max(statedRow.values.length, ...parts.map((p) => p.row.values.length));
    for (let k = 0; k < width; k++) {
      const stated = cell(statedRow, k);
      if (!stated || cut.has(columns[k] ?? '')) continue;
      const figures = parts.map((p) => cell(p.row as never, k));
      // A text cell (not a number, not blank) leaves the column unchecked.
      if (figures.some((f) => f === undefined)) continue;
      out.push({ check, label, column: columnWords(k), stated, path: [...statedPath, 'values', k], bound, parts: parts.map((p, j) => ({ name: { zh: p.name, en: p.name }, figure: figures[j], path: [...at, 'rows', p.i, 'values', k] })) });
    }
  };
  if (table.total) {
    const top = rows.filter((r) => !parentOf.has(r.i));
    if (top.length > 0) specFor('table-total', { zh: table.total.name ?? '合计', en: table.total.name ?? 'total' }, table.total as never, [...at, 'total'], top);
  }
  for (const parent of rows) {
    const coded = rows.filter((r) => parentOf.get(r.i) === parent.i && r.row.under === undefined);
    const under = rows.filter((r) => parentOf.get(r.i) === parent.i && r.row.under !== undefined);
    if (coded.length > 0) specFor('table-code', { zh: parent.name, en: parent.name }, parent.row as never, [...at, 'rows', parent.i], coded);
    if (under.length > 0) specFor('table-under', { zh: parent.name, en: parent.name }, parent.row as never, [...at, 'rows', parent.i], under, true);
  }
  return out;
}

/** Every sum the document's funds block and annex tables state. */
export function sumSubjects(view: DocView, config: CheckConfig): Subject[] {
  const specs = [...(view.doc.funds ? fundsSpecs(view.doc.funds) : []), ...(view.doc.tables ?? []).flatMap((t, i) => tableSpecs(t, i))];
  return specs.map((spec) => sumSubject(view, spec, config));
}
