/**
 * Views over the nine public tables: each `|`-separated row split into cells with their own spans,
 * read as exact figures (a blank or a dash is an exact 0), codes joined and placed in the 类/款/项
 * hierarchy, named rows given their level from their numbering, columns grouped by `parent/child`.
 */
import { Decimal } from 'decimal.js';
import { formatPath } from '../../finding.js';
import type { JixiaoDocument } from '../../format/model.js';
import type { RowText } from '../../format/located-schema.js';
import { figurePlaces } from '../../facts/views.js';
import { readFigure, type NumberFigure } from '../../values/figure.js';
import type { PublicTable, TableBlock } from './model.js';
import type { TableRole } from './schema.js';

type PathStep = string | number;

export type ColumnKind = 'code' | 'class' | 'section' | 'item' | 'name' | 'line' | 'amount';

export interface ColumnView {
  index: number;
  /** The printed name without spaces, sub-columns as parent/child. */
  name: string;
  /** The last part of the name (小计 of 本年支出/小计). */
  leaf: string;
  /** The parent group ('' at the top). */
  group: string;
  kind: ColumnKind;
}

export interface CellView {
  /** The figure; blank cells and dashes read as an exact 0 whose text is ''. */
  figure: NumberFigure;
  blank: boolean;
  /** Printed but not a number. */
  unreadable: boolean;
  column: ColumnView;
  row: RowView;
}

export type LineKind = 'line' | 'year-total' | 'grand-total' | 'total';

export interface RowView {
  block: BlockView;
  index: number;
  path: PathStep[];
  span: readonly [number, number];
  /** The joined code (split codes padded), or null for a named row. */
  code: string | null;
  /** The code as printed (split parts joined with spaces). */
  codeText: string;
  /** 类 code parts as printed when the 类 part is not three digits. */
  codeProblem?: 'class-digits' | 'part-digits';
  name: string;
  /** The name without numbering and spaces: the line it is. */
  label: string;
  /** 1 类 / 2 款 / 3 项 for codes; 1 or 2 for named lines (by their numbering). */
  level: number;
  lineKind: LineKind;
  parent: RowView | null;
  children: RowView[];
  cells: (CellView | undefined)[];
}

export interface BlockView {
  table: TableView;
  side: 'income' | 'expenditure' | null;
  columns: ColumnView[];
  rows: RowView[];
  path: PathStep[];
}

export interface TableView {
  index: number;
  role: TableRole;
  no?: string;
  title?: string;
  unit: string;
  empty?: string;
  incomplete: boolean;
  blocks: BlockView[];
  path: PathStep[];
  source: PublicTable;
}

const CODE_COLUMN = /^(?:功能分类|经济分类|支出经济分类|部门预算支出经济分类)?(?:科目)?(?:编码|代码)$/;
const NAME_COLUMN = /(?:名称|^项目$|^科目$|^项目名称$)/;
const TOTAL_WORD = /^(?:合计|小计|总计|本年收入合计|本年支出合计|收入合计|支出合计|金额合计)$/;

export function normaliseName(text: string): string {
  return text.replace(/[\s\u3000]+/g, '');
}

/** A line's name without its numbering (一、 1、 （一） (1) 其中：) and spaces. */
export function lineLabel(name: string): string {
  return normaliseName(name).replace(/^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|其中[:：]?)/, '');
}

function namedLevel(name: string): number {
  const n = normaliseName(name);
  if (/^(?:\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|其中)/.test(n)) return 2;
  return 1;
}

function lineKindOf(label: string): LineKind {
  if (/^(?:本年收入合计|本年支出合计|收入合计|支出合计)$/.test(label)) return 'year-total';
  if (/^(?:总计|收入总计|支出总计)$/.test(label)) return 'grand-total';
  if (/^(?:合计|人员经费合计|公用经费合计)$/.test(label)) return 'total';
  return 'line';
}

export function columnView(name: string, index: number): ColumnView {
  const full = normaliseName(name);
  const slash = full.lastIndexOf('/');
  const leaf = slash >= 0 ? full.slice(slash + 1) : full;
  const group = slash >= 0 ? full.slice(0, slash) : '';
  let kind: ColumnKind = 'amount';
  if (CODE_COLUMN.test(full)) kind = 'code';
  else if (full === '类') kind = 'class';
  else if (full === '款') kind = 'section';
  else if (full === '项') kind = 'item';
  else if (full === '行次' || full === '栏次') kind = 'line';
  else if (NAME_COLUMN.test(full)) kind = 'name';
  return { index, name: full, leaf, group, kind };
}

export function isTotalColumn(c: ColumnView): boolean {
  return TOTAL_WORD.test(c.leaf);
}

/** Splits a row string at `|`, with each cell's span (trimmed) in the file. */
export function splitRow(row: RowText): { text: string; span: [number, number] }[] {
  const cells: { text: string; span: [number, number] }[] = [];
  let start = 0;
  const text = row.text;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '|') continue;
    const raw = text.slice(start, i);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (row.offset === null) cells.push({ text: trimmed, span: [row.span[0], row.span[1]] });
    else {
      const from = row.offset + start + (trimmed === '' ? Math.min(lead, raw.length) : lead);
      cells.push({ text: trimmed, span: [from, from + trimmed.length] });
    }
    start = i + 1;
  }
  return cells;
}

const ZERO = new Decimal(0);

function readCell(text: string, span: [number, number]): { figure: NumberFigure; blank: boolean; unreadable: boolean } {
  const blank: NumberFigure = { kind: 'number', text, value: ZERO, decimals: 0, percent: false, unit: null, comparator: null, span };
  if (text === '') return { figure: blank, blank: true, unreadable: false };
  const f = readFigure(text, span);
  if (f.kind === 'na') return { figure: blank, blank: true, unreadable: false };
  if (f.kind === 'text') return { figure: blank, blank: true, unreadable: true };
  return { figure: f, blank: false, unreadable: false };
}

const pad2 = (part: string) => (part.length === 1 ? `0${part}` : part);

function buildBlock(table: TableView, block: TableBlock, side: BlockView['side'], path: PathStep[], file: string): BlockView {
  const view: BlockView = { table, side, columns: block.columns.map((c, i) => columnView(String(c), i)), rows: [], path };
  const cols = view.columns;
  const codeCol = cols.find((c) => c.kind === 'code');
  const split = { class: cols.find((c) => c.kind === 'class'), section: cols.find((c) => c.kind === 'section'), item: cols.find((c) => c.kind === 'item') };
  const nameCol = cols.find((c) => c.kind === 'name');
  let lastClass: string | null = null;
  let lastLevel1: RowView | null = null;
  let afterBalance: RowView | null = null;
  block.rows.forEach((rowText, r) => {
    const parts = splitRow(rowText);
    const rowPath = [...path, 'rows', r];
    const at = (c: ColumnView | undefined) => (c ? (parts[c.index]?.text ?? '') : '');
    let code: string | null = null;
    let codeText = '';
    let codeProblem: RowView['codeProblem'];
    let level = 1;
    if (split.class) {
      const k = at(split.class);
      const s = at(split.section);
      const it = at(split.item);
      codeText = [k, s, it].filter((x) => x !== '').join(' ');
      if (/^\d+$/.test(k)) {
        let cls = k;
        if (k.length !== 3) {
          codeProblem = 'class-digits';
          cls = s !== '' && lastClass ? lastClass : k;
        } else lastClass = k;
        if ((s !== '' && s.length !== 2) || (it !== '' && it.length !== 2)) codeProblem ??= 'part-digits';
        code = cls + (s !== '' ? pad2(s) : '') + (it !== '' ? pad2(it) : '');
        level = it !== '' ? 3 : s !== '' ? 2 : 1;
      }
    } else if (codeCol) {
      const c = normaliseName(at(codeCol));
      codeText = c;
      if (/^\d+$/.test(c)) {
        code = c;
        level = c.length <= 3 ? 1 : c.length <= 5 ? 2 : 3;
      }
    }
    // A named row (合计, 本年收入合计) has its name in the first non-blank cell before the amounts.
    const firstAmount = cols.findIndex((c) => c.kind === 'amount');
    const labelCells = parts.slice(0, firstAmount < 0 ? parts.length : firstAmount).filter((_, i) => cols[i]?.kind !== 'line');
    const name = code !== null ? at(nameCol) : (labelCells.find((p) => p.text !== '')?.text ?? '');
    const label = lineLabel(name);
    const lineKind = code !== null ? 'line' : lineKindOf(label);
    if (code === null) level = namedLevel(name);
    const row: RowView = { block: view, index: r, path: rowPath, span: rowText.span, code, codeText, codeProblem, name, label, level, lineKind, parent: null, children: [], cells: [] };
    // Named lines: numbered sub-lines (1、 （一）) belong to the line above; the fund lines printed
    // under 年初财政拨款结转和结余 (numbered or not) belong to it.
    if (code === null && lineKind === 'line') {
      if (level === 2 && lastLevel1) row.parent = lastLevel1;
      else if (afterBalance && /^(?:一般公共预算|政府性基金|国有资本经营)/.test(label)) {
        row.parent = afterBalance;
        row.level = 2;
      } else {
        lastLevel1 = row;
        afterBalance = /结转和?结余$/.test(label) ? row : null;
      }
      row.parent?.children.push(row);
    } else if (code === null) {
      lastLevel1 = null;
      afterBalance = null;
    }
    for (const c of cols) {
      if (c.kind !== 'amount') continue;
      const part = parts[c.index];
      const span: [number, number] = part ? part.span : [rowText.span[1], rowText.span[1]];
      const { figure, blank, unreadable } = readCell(part?.text ?? '', span);
      figurePlaces.set(figure, { file, path: `${formatPath(rowPath)}.${c.name}` });
      row.cells[c.index] = { figure, blank, unreadable, column: c, row };
    }
    view.rows.push(row);
  });
  // The code hierarchy: a 款 row's parent is its 类 row, a 项 row's its 款 row (the nearest one above).
  const byCode = new Map<string, RowView>();
  for (const row of view.rows) {
    if (row.code === null) continue;
    const parentCode = row.level === 3 ? row.code.slice(0, row.code.length - 2) : row.level === 2 ? row.code.slice(0, 3) : null;
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    if (parent) {
      row.parent = parent;
      parent.children.push(row);
    }
    byCode.set(row.code, row);
  }
  return view;
}

export function buildTables(file: string, doc: JixiaoDocument): TableView[] {
  const docUnit = doc.unit && /^(?:元|万元|千元|亿元)$/.test(doc.unit) ? doc.unit : '万元';
  return (doc.public_tables ?? []).map((t, i) => {
    const path: PathStep[] = ['public_tables', i];
    const view: TableView = { index: i, role: t.role ?? 'other', no: t.no, title: t.title, unit: t.unit ?? docUnit, empty: t.empty, incomplete: t.incomplete === true, blocks: [], path, source: t };
    if (t.columns && t.rows) view.blocks.push(buildBlock(view, { columns: t.columns, rows: t.rows }, null, path, file));
    if (t.income) view.blocks.push(buildBlock(view, t.income, 'income', [...path, 'income'], file));
    if (t.expenditure) view.blocks.push(buildBlock(view, t.expenditure, 'expenditure', [...path, 'expenditure'], file));
    return view;
  });
}

/** The tables of a document, built once per loaded document (subjects, cell references and editors share them). */
const built = new WeakMap<JixiaoDocument, TableView[]>();
export function tablesOf(file: string, doc: JixiaoDocument): TableView[] {
  let tables = built.get(doc);
  if (!tables) {
    tables = buildTables(file, doc);
    built.set(doc, tables);
  }
  return tables;
}

/** 元 per unit. */
export const UNIT_SCALE: Record<string, Decimal> = { 元: new Decimal(1), 千元: new Decimal(1000), 万元: new Decimal(10000), 亿元: new Decimal(100000000) };

/** The amount columns of a block. */
export function amountColumns(block: BlockView): ColumnView[] {
  return block.columns.filter((c) => c.kind === 'amount');
}

/** The block's total column: the first top-level amount column named as a total, else its first amount column. */
export function totalColumn(block: BlockView): ColumnView | undefined {
  const amounts = amountColumns(block);
  return amounts.find((c) => c.group === '' && isTotalColumn(c)) ?? amounts[0];
}

/** A table's name for messages: its number and title as printed. */
const ROLE_NAME: Record<TableRole, string> = {
  summary: '收入支出总表', income: '收入表', expenditure: '支出表', 'fiscal-summary': '财政拨款收支总表', 'general-public': '一般公共预算支出表',
  'general-public-basic': '一般公共预算基本支出表', 'government-fund': '政府性基金预算支出表', 'state-capital': '国有资本经营预算支出表', 'three-public': '“三公”经费表', other: '表',
};

export function tableName(t: TableView): string {
  const no = t.no && /^\d+$/.test(t.no.trim()) ? `表${t.no.trim()}` : t.no;
  return [no, t.title].filter((x) => x).join(' ') || ROLE_NAME[t.role];
}

/** A row's name for messages: code and name. */
export function rowName(r: RowView): string {
  return r.code !== null ? `${r.codeText} ${r.name}`.trim() : r.name;
}
