/**
 * One self-evaluation form from its cells (cells.ts): the header fields, the funds block
 * (预算执行情况), the goal box, the indicator table (一级 › 二级 › 三级), the 总分 row and the boxes
 * after it, and — on department-wide reports — the 收支概况 lists and annex tables such as the
 * 支出明细. Rows are the printed lines (row readings) or are found from the labels (streams). Every
 * value is kept with the cell it came from; a cell that fits nowhere is kept as unplaced.
 */
import type { FormCell } from './cells.js';
import { place, type ColumnType } from './place.js';
import {
  fieldLabel, fold, fundsColumn, fundsRow, fundsRowName, goalLabel, hierarchyLevel, indicatorColumn, inlineFields, isAmount,
  isAnyLabel, isComparator, isDash, isFigure, isFormTitle, isFundsBlockLabel, isFundsRowWord, isGrade, isGradeLabel, isHeadingFragment,
  isIndicatorBlockLabel, isNoteBox, isPlaceholder, isPoints, isTailLabel, isTotalLabel, labelWeight, levelHeading, pointsValue,
  templateName, yearOf, type FundsColumn, type FundsRowKey, type IndicatorColumn,
} from './vocabulary.js';

export interface Located {
  text: string;
  cell: FormCell;
}

export interface FundsRowModel {
  key: FundsRowKey;
  label: FormCell;
  /** The row's value cells as printed (blanks included where the text keeps them). */
  cells: FormCell[];
  values: Partial<Record<FundsColumn, Located>>;
  /** Cells placed in no column. */
  unplaced: FormCell[];
}

export interface FundsModel {
  label?: FormCell;
  /** The block's weight as printed in its label or a column heading (预算执行情况(10分), 分值(10分)). */
  weight?: Located;
  columns: FundsColumn[];
  header: FormCell[];
  /** A formula printed in the 得分 heading (得分 (20分*执行率)). */
  formula?: string;
  rows: FundsRowModel[];
  /** The 收支概况 layout: headings with a figure each, and their 其中 lists side by side. */
  lists?: FundsColumn[];
  incomplete?: boolean;
}

export interface IndicatorNode {
  name: string;
  no?: string;
  level: 1 | 2 | 3;
  /** A weight printed in the label (产出指标(40分)). */
  weight?: Located;
  values: Partial<Record<IndicatorColumn, Located>>;
  children: IndicatorNode[];
  incomplete?: boolean;
  /** Where it is: its label or name cell. */
  cell: FormCell;
  /** The row's value cells. */
  valueCells: FormCell[];
}

export interface AnnexTable {
  title: FormCell;
  columns: string[];
  rows: { name: string; cell: FormCell; values: (Located | undefined)[] }[];
  total?: { name: string; cell: FormCell; values: (Located | undefined)[] };
  incomplete?: string[] | true;
}

export interface FormModel {
  titles: FormCell[];
  year?: Located;
  project: { name?: Located; code?: string; department?: Located; authority?: Located; unitName?: Located };
  unit?: string;
  notes: string[];
  funds?: FundsModel;
  goal?: { planned?: Located; achieved?: Located; cells: FormCell[] };
  indicatorsWeight?: Located;
  indicatorHeader?: FormCell[];
  indicatorColumns: IndicatorColumn[];
  /** Whether the header prints a 二级指标 column. */
  secondLevel: boolean;
  indicators: IndicatorNode[];
  total?: { label: FormCell; weight?: Located; score?: Located; grade?: Located; cells: FormCell[] };
  tables: AnnexTable[];
  unplaced: FormCell[];
  /** The form starts before the text does (its head and funds block are not in it). */
  headless: boolean;
  /** The text stops inside this form: what it stops in. */
  cut?: { cell: FormCell; what: string };
  first?: FormCell;
  last?: FormCell;
}

type Section = 'head' | 'funds' | 'goal' | 'indicators' | 'tail' | 'overview' | 'table';

const FUNDS_TYPES: Record<FundsColumn, ColumnType> = {
  planned: 'money', adjusted: 'money', received: 'money', spent: 'money', rate: 'rate', weight: 'points', score: 'points', reason: 'text', note: 'text',
};
const INDICATOR_TYPES: Record<IndicatorColumn, ColumnType> = {
  nature: 'nature', target: 'value', measure_unit: 'unit', actual: 'value', weight: 'points', score: 'points', deduction: 'points', rate: 'rate', reason: 'text', note: 'text', rule: 'text',
};
/** A numbered heading of a report's part (一、收支概况, 二、年度决算报表支出明细): short, not a sentence. */
const ANNEX_HEADING = /^[一二三四五六七八九十]{1,3}、[^：:。，,；;]{2,24}$/;
/** Filling instructions of the template (printed in a 原因 cell spanning the rows). */
const INSTRUCTIONS = /需说明原因|应单独说明|填报说明|填写说明|字以内/;
/** A count or amount with its unit (37442人, 不少于6种, 150次): a value, never an indicator's name. */
const VALUE_LIKE = /^(不少于|不低于|不高于|不超过|[≥≤=<>＜＞])?\s*\d[\d.,]*\s*(%|[\p{Script=Han}]{1,2})?$/u;
const OVERVIEW = /收支概况|收支情况|资金概况/;

const located = (cell: FormCell): Located => ({ text: cell.text.trim(), cell });

export class FormParser {
  private i = 0;
  private section: Section = 'head';
  private readonly m: FormModel;
  private l1?: IndicatorNode;
  private l2?: IndicatorNode;
  /** Value-less rows just before (a flattened text prints several labels, then their values). */
  private waiting: IndicatorNode[] = [];
  private pendingGoal?: ('planned' | 'achieved')[];
  private annex?: AnnexTable;
  private annexHeader = false;
  /** What the last handled row wrote (to mark it when the text stops inside it). */
  private lastRow?: { kind: 'funds'; row: FundsRowModel } | { kind: 'indicator'; node: IndicatorNode } | { kind: 'table'; table: AnnexTable } | { kind: 'other'; what: string };

  constructor(private readonly cells: readonly FormCell[], headless: boolean) {
    this.m = { titles: [], project: {}, notes: [], indicatorColumns: [], secondLevel: false, indicators: [], tables: [], unplaced: [], headless };
  }

  /** The number of cells the form took (it ends at the first row after its 总分 that is not a closing box). */
  consumed = 0;

  parse(endsText: boolean): FormModel {
    this.m.first = this.cells.find((c) => !c.blank);
    this.prescanColumns();
    for (let start = this.i, row = this.nextRow(); row; start = this.i, row = this.nextRow()) {
      if (this.m.total && this.section === 'tail' && !this.closing(row)) {
        this.i = start;
        break;
      }
      this.handle(row);
    }
    this.consumed = this.i;
    this.finishFunds();
    this.mergedScores();
    this.m.last = this.cells.slice(0, this.i).reverse().find((c) => !c.blank);
    if (endsText && this.i >= this.cells.length && !this.m.total && this.m.last) this.markCut(this.m.last);
    return this.m;
  }

  /** A row of the boxes after the 总分: 评价结论, 存在问题, signatures, a grade. */
  private closing(row: readonly FormCell[]): boolean {
    const t = row.find((c) => !c.blank)?.text ?? '';
    return isTailLabel(t) || isGradeLabel(t) || inlineFields(t) !== undefined || fieldLabel(t) === 'note' || isNoteBox(t);
  }

  // ── reading rows ──

  private isStarter(c: FormCell): boolean {
    if (c.blank) return false;
    const t = c.text;
    if (isAnyLabel(t) || ANNEX_HEADING.test(t) || isHeadingFragment(t)) return true;
    if (this.section === 'indicators' && (templateName(t) || isPlaceholder(t))) return true;
    if (this.section === 'funds' && !isFigure(t) && isFundsRowWord(t)) return true;
    return false;
  }

  private isHeaderCell(c: FormCell): boolean {
    const t = c.text;
    return fundsColumn(t) !== undefined || indicatorColumn(t) !== undefined || levelHeading(t) !== undefined || isHeadingFragment(t) || isIndicatorBlockLabel(t) || isFundsBlockLabel(t);
  }

  private nextRow(): FormCell[] | undefined {
    const cells = this.cells;
    while (this.i < cells.length && (cells[this.i] as FormCell).blank) this.i++;
    if (this.i >= cells.length) return undefined;
    const first = cells[this.i] as FormCell;
    if (first.mode === 'rows') {
      const row = [first];
      this.i++;
      while (this.i < cells.length && !(cells[this.i] as FormCell).rowStart) row.push(cells[this.i++] as FormCell);
      return row;
    }
    return this.streamRow();
  }

  /** Takes cells after the row's first while `ok` holds (and, where blanks are kept, up to `max`). */
  private take(row: FormCell[], max: number, ok: (c: FormCell) => boolean): void {
    const counted = row[0]?.mode === 'cells';
    let n = 0;
    while (this.i < this.cells.length) {
      const c = this.cells[this.i] as FormCell;
      if (counted && n >= max) break;
      if (!ok(c)) break;
      row.push(c);
      this.i++;
      n++;
    }
  }

  private streamRow(): FormCell[] {
    const first = this.cells[this.i++] as FormCell;
    const row = [first];
    const t = first.text;
    const notStarter = (c: FormCell) => c.blank === true || !this.isStarter(c);
    if (isFormTitle(t) || yearOf(t) && t.length < 12) return row;
    if (fieldLabel(t) || isTailLabel(t) || isNoteBox(t) || isGradeLabel(t)) {
      this.take(row, 1, (c) => !c.blank && !this.isStarter(c));
      return row;
    }
    if (goalLabel(t)) {
      this.take(row, 8, (c) => !c.blank && goalLabel(c.text) !== undefined);
      const subs = row.filter((c) => goalLabel(c.text) === 'planned' || goalLabel(c.text) === 'achieved').length;
      this.take(row, Math.max(1, subs), (c) => c.blank === true || (!this.isStarter(c) && goalLabel(c.text) === undefined));
      return row;
    }
    if (isTotalLabel(t) && this.section !== 'funds' && this.section !== 'table' && this.section !== 'overview') {
      this.take(row, 3, (c) => c.blank === true || isFigure(c.text) || isGrade(c.text));
      return row;
    }
    if (ANNEX_HEADING.test(t)) return row;
    if (this.section === 'overview') {
      this.take(row, 1, (c) => c.blank === true || isFigure(c.text));
      return row;
    }
    if (this.section === 'table' && this.annexHeader) {
      // The heading row: words up to the first figure, the last of them being the first row's name.
      this.take(row, 12, (c) => c.blank === true || !isFigure(c.text));
      const next = this.cells[this.i];
      if (next && isFigure(next.text) && row.length > 1) {
        row.pop();
        this.i--;
        while (row.length > 1 && row[row.length - 1]?.blank) {
          row.pop();
          this.i--;
        }
      }
      return row;
    }
    if (this.isHeaderCell(first) && !(this.section === 'indicators' && hierarchyLevel(t))) {
      this.take(row, 20, (c) => c.blank === true || this.isHeaderCell(c) || /^[(（].*[)）]$/.test(c.text));
      return row;
    }
    switch (this.section) {
      case 'funds': {
        const textColumn = this.m.funds?.columns.some((k) => k === 'note' || k === 'reason') ?? false;
        this.take(row, this.m.funds?.columns.length ?? 8, (c) => c.blank === true || isFigure(c.text) || (textColumn && !this.isStarter(c) && c.text.length > 8));
        return row;
      }
      case 'table':
        this.take(row, this.annex?.columns.length ?? 4, (c) => c.blank === true || isFigure(c.text));
        return row;
      case 'indicators': {
        // 一级 / 二级 labels, the 三级 name, then its values.
        let labels = hierarchyLevel(t) ? 1 : 0;
        while (labels > 0 && labels < 2 && this.i < this.cells.length) {
          const c = this.cells[this.i] as FormCell;
          if (c.blank || !hierarchyLevel(c.text)) break;
          row.push(c);
          this.i++;
          labels++;
        }
        if (labels > 0) {
          while (this.i < this.cells.length && (this.cells[this.i] as FormCell).blank && (this.cells[this.i] as FormCell).mode === 'cells') this.i++;
          const name = this.cells[this.i];
          if (!name || name.blank || (this.isStarter(name) && !templateName(name.text) && !isPlaceholder(name.text))) return row;
          row.push(name);
          this.i++;
        }
        this.take(row, this.m.indicatorColumns.length || 5, notStarter);
        return row;
      }
      default:
        return row;
    }
  }

  // ── interpreting rows ──

  private unplace(cells: readonly FormCell[]): void {
    for (const c of cells) if (!c.blank && c.text.trim()) this.m.unplaced.push(c);
  }

  private handle(input: FormCell[]): void {
    const row = input.filter((c) => !c.blank || c.mode === 'cells');
    while (row[0]?.blank) row.shift();
    const first = row[0];
    if (!first) return;
    const t = first.text;
    if (isFormTitle(t)) {
      this.m.titles.push(first);
      const y = yearOf(t);
      if (y && !this.m.year) this.m.year = { text: y, cell: first };
      this.unplace(row.slice(1));
      return;
    }
    if (this.section === 'head' && yearOf(t) && fold(t).length < 12 && row.length === 1) {
      if (!this.m.year) this.m.year = { text: yearOf(t) as string, cell: first };
      return;
    }
    if (/万元/.test(t) && !this.m.unit) this.m.unit = '万元';
    if (ANNEX_HEADING.test(t)) return this.annexHeading(first, row.slice(1));
    if (this.section === 'overview' && !isAnyLabel(t)) return this.overviewRow(row);
    if (this.section === 'overview' && fundsColumn(t) && row.length <= 2) return this.overviewRow(row);
    if (this.fields(row)) return;
    if (isNoteBox(t)) {
      this.m.notes.push(`${t.trim()}: ${row.slice(1).map((c) => c.text.trim()).filter(Boolean).join(' ')}`);
      return;
    }
    if (row.some((c) => levelHeading(c.text))) return this.indicatorHeader(row);
    if (this.section === 'indicators' && row.every((c) => c.blank || this.isHeaderCell(c)) && !hierarchyLevel(t)) return this.indicatorHeader(row);
    if (this.fundsHeader(row)) return;
    // The goal box comes before the indicator table (a 完成情况 there is a value, not the box's heading).
    const goalAllowed = this.section !== 'indicators' && this.section !== 'tail';
    if (goalAllowed && (goalLabel(t) !== undefined || row.some((c) => goalLabel(c.text) === 'planned' || goalLabel(c.text) === 'achieved'))) return this.goalRow(row);
    if (this.pendingGoal && !row.some((c) => isAnyLabel(c.text))) return this.goalValues(row);
    if (isGradeLabel(t)) {
      const v = row[1];
      if (v && isGrade(v.text)) {
        this.m.total = this.m.total ?? { label: first, cells: [] };
        this.m.total.grade = located(v);
        this.unplace(row.slice(2));
      } else this.unplace(row);
      return;
    }
    if (isTailLabel(t)) {
      this.section = 'tail';
      this.m.notes.push(`${t.trim()}: ${row.slice(1).map((c) => c.text.trim()).filter(Boolean).join(' ')}`);
      this.lastRow = { kind: 'other', what: t.trim() };
      return;
    }
    if (isTotalLabel(t) && (this.section === 'indicators' || this.section === 'tail' || this.section === 'goal' || (this.section === 'head' && this.m.headless))) return this.totalRow(row);
    switch (this.section) {
      case 'funds':
        return this.fundsData(row);
      case 'overview':
        return this.overviewRow(row);
      case 'table':
        return this.tableRow(row);
      case 'indicators':
        return this.indicatorRow(row);
      default:
        this.unplace(row);
        this.lastRow = { kind: 'other', what: t.trim() };
    }
  }

  /** Header fields: `label | value` pairs and `label:value` cells. True when the row was fields. */
  private fields(row: FormCell[]): boolean {
    const firstIsField = fieldLabel(row[0]?.text ?? '') !== undefined || inlineFields(row[0]?.text ?? '') !== undefined;
    if (!firstIsField) return false;
    const rest: FormCell[] = [];
    for (let k = 0; k < row.length; k++) {
      const c = row[k] as FormCell;
      const key = fieldLabel(c.text);
      if (key) {
        const v = row[k + 1];
        if (v && !v.blank && !isAnyLabel(v.text)) {
          this.setField(key, c, v);
          k++;
        }
        continue;
      }
      const inline = inlineFields(c.text);
      if (inline) {
        for (const f of inline) {
          if (f.key === 'department' && f.value && !this.m.project.department) this.m.project.department = { text: f.value, cell: c };
          else if (f.key === 'note' && f.value) this.m.notes.push(`${f.label}:${f.value}`);
        }
        continue;
      }
      rest.push(c);
    }
    this.unplace(rest);
    this.lastRow = { kind: 'other', what: row[0]?.text.trim() ?? '' };
    return true;
  }

  private setField(key: NonNullable<ReturnType<typeof fieldLabel>>, label: FormCell, value: FormCell): void {
    const v = located(value);
    if (key === 'name') {
      this.m.project.name = v;
      const code = /^([0-9A-Z]{12,})\s*[-—]\s*\S/.exec(v.text)?.[1];
      if (code) this.m.project.code = code;
    } else if (key === 'authority') this.m.project.authority = v;
    else if (key === 'department') this.m.project.department = v;
    else if (key === 'unit-name') this.m.project.unitName = v;
    else if (key === 'note') this.m.notes.push(`${label.text.trim()}: ${v.text}`);
  }

  // ── funds ──

  private fundsHeader(row: FormCell[]): boolean {
    const first = row[0] as FormCell;
    const block = isFundsBlockLabel(first.text);
    const cols = row.map((c) => fundsColumn(c.text));
    const hits = cols.filter((c) => c && c.key !== 'label').length;
    const allHeadings = row.every((c) => c.blank || fundsColumn(c.text));
    if (!block && hits < 2 && !(allHeadings && hits >= 1 && first.mode !== 'rows')) return false;
    if (this.section === 'indicators' || this.section === 'tail') return false;
    const funds = this.m.funds ?? { columns: [], header: [], rows: [] };
    this.m.funds = funds;
    this.section = 'funds';
    if (block) {
      funds.label = first;
      const w = labelWeight(first.text).weight;
      if (w) funds.weight = { text: w, cell: first };
      if (/万元/.test(first.text)) this.m.unit = '万元';
    }
    const rest: FormCell[] = [];
    row.forEach((c, k) => {
      if (c.blank || (k === 0 && block)) return;
      const col = fundsColumn(c.text);
      if (!col) {
        if (!/^[(（].*[)）]$/.test(c.text)) rest.push(c);
        return;
      }
      funds.header.push(c);
      if (col.weight && !funds.weight) funds.weight = { text: col.weight, cell: c };
      if (col.formula) funds.formula = col.formula;
      if (col.key !== 'label' && !funds.columns.includes(col.key)) funds.columns.push(col.key);
      if (/万元/.test(c.text)) this.m.unit = '万元';
    });
    this.unplace(rest);
    this.lastRow = { kind: 'other', what: 'the header of the funds block' };
    return true;
  }

  private fundsBound(): number {
    const funds = this.m.funds;
    const w = funds?.weight?.text ?? funds?.rows.find((r) => r.key.key === 'total')?.values.weight?.text;
    return w && isPoints(w) ? pointsValue(w) : 100;
  }

  private fundsData(row: FormCell[]): void {
    const funds = this.m.funds as FundsModel;
    const first = row[0] as FormCell;
    const previous = funds.rows[funds.rows.length - 1];
    // A row broken across lines: its second line starts with a figure.
    if (isFigure(first.text) && !isDash(first.text) && previous && row.every((c) => c.blank || isFigure(c.text)) && previous.cells.length < funds.columns.length && previous.label.mode === 'rows') {
      previous.cells.push(...row);
      this.placeFunds(previous);
      return;
    }
    if (isFigure(first.text)) {
      this.unplace(row);
      return;
    }
    const spendingBlock = funds.rows.some((r) => r.key.key === 'spending');
    const key = fundsRow(first.text, spendingBlock);
    const taken = new Set(funds.rows.map((r) => JSON.stringify(r.key)));
    const r: FundsRowModel = { key: taken.has(JSON.stringify(key)) ? { key: 'rows', name: fundsRowName(first.text) } : key, label: first, cells: row.slice(1), values: {}, unplaced: [] };
    funds.rows.push(r);
    this.placeFunds(r);
    this.lastRow = { kind: 'funds', row: r };
  }

  private placeFunds(r: FundsRowModel, prefer?: (way: number[]) => boolean): void {
    const funds = this.m.funds as FundsModel;
    const types = funds.columns.map((k) => FUNDS_TYPES[k]);
    const p = place(r.cells.map((c) => ({ text: c.text, ...(c.blank ? { blank: true } : {}) })), types, this.fundsBound(), prefer);
    r.values = {};
    r.unplaced = [];
    r.cells.forEach((c, k) => {
      const col = p.columns[k];
      if (col === undefined) {
        if (!c.blank) r.unplaced.push(c);
        return;
      }
      let key = funds.columns[col] as FundsColumn;
      // The template's filling instructions printed in the 原因 column are not a reason.
      if (key === 'reason' && INSTRUCTIONS.test(c.text)) key = 'note';
      r.values[key] = located(c);
    });
  }

  /** Rows left ambiguous that print only dashes: placed in the columns where the rows above print theirs. */
  private finishFunds(): void {
    const funds = this.m.funds;
    if (!funds || funds.lists) return;
    const others = funds.rows.filter((r) => r.key.key !== 'total' && r.unplaced.length === 0 && Object.keys(r.values).length > 0);
    const dashColumns = funds.columns.map((k, col) => ({ k, col })).filter(({ k }) => others.length > 0 && others.every((r) => r.values[k] && isDash(r.values[k]?.text ?? '')) && others.filter((r) => r.values[k]).length >= 1).map(({ col }) => col);
    for (const r of funds.rows) {
      if (r.unplaced.length === 0) continue;
      const filled = r.cells.filter((c) => !c.blank);
      if (dashColumns.length === 0 || !filled.every((c) => isDash(c.text)) || filled.length !== dashColumns.length) continue;
      this.placeFunds(r, (way) => way.every((col, k) => r.cells[k]?.blank || dashColumns.includes(col)));
    }
  }

  // ── 收支概况 and annex tables ──

  private annexHeading(first: FormCell, rest: FormCell[]): void {
    this.unplace(rest);
    if (OVERVIEW.test(first.text)) {
      this.section = 'overview';
      this.m.funds = this.m.funds ?? { columns: [], header: [], rows: [], lists: [] };
      this.m.funds.lists = this.m.funds.lists ?? [];
      this.m.funds.label = first;
      return;
    }
    this.section = 'table';
    this.annex = { title: first, columns: [], rows: [] };
    this.annexHeader = true;
    this.m.tables.push(this.annex);
    this.lastRow = { kind: 'table', table: this.annex };
  }

  private overviewRow(row: FormCell[]): void {
    const funds = this.m.funds as FundsModel;
    const lists = funds.lists as FundsColumn[];
    const [label, value, ...rest] = row;
    if (!label) return;
    this.unplace(rest);
    const name = fold(fundsRowName(label.text)).replace(/\(万元\)$/, '');
    const heading: FundsColumn | undefined = /^计划(安排)?(资金|支出)?$/.test(name) ? 'planned' : /^实际到位(资金)?$/.test(name) ? 'received' : /^实际支出(资金)?$/.test(name) ? 'spent' : /^(预算|调整后预算|全年预算)(资金|数)?$/.test(name) ? 'adjusted' : undefined;
    if (heading) {
      let total = funds.rows.find((r) => r.key.key === 'total');
      if (!total) {
        total = { key: { key: 'total' }, label, cells: [], values: {}, unplaced: [] };
        funds.rows.push(total);
      }
      if (!lists.includes(heading) && heading !== 'spent') lists.push(heading);
      if (value && !value.blank) {
        if (isAmount(value.text)) total.values[heading] = located(value);
        else this.unplace([value]);
      }
      if (/万元/.test(label.text)) this.m.unit = '万元';
      this.lastRow = { kind: 'funds', row: total };
      return;
    }
    // A 其中 line, printed once per list: its n-th printing is under the n-th heading.
    const rowName = fundsRowName(label.text);
    const seen = funds.rows.filter((r) => r.key.key === 'rows' && r.key.name === rowName);
    let r = seen[0];
    if (!r) {
      r = { key: { key: 'rows', name: rowName }, label, cells: [], values: {}, unplaced: [] };
      funds.rows.push(r);
    }
    const printing = (r.cells.length > 0 ? r.cells.length : 0);
    r.cells.push(value ?? { ...label, text: '', blank: true });
    const column = lists[printing];
    if (value && !value.blank) {
      if (column && isAmount(value.text)) r.values[column] = located(value);
      else this.unplace([value]);
    }
    this.lastRow = { kind: 'funds', row: r };
  }

  private tableRow(row: FormCell[]): void {
    const table = this.annex as AnnexTable;
    if (this.annexHeader) {
      // The heading row: the first cell heads the names, the others the value columns.
      const [, ...rest] = row.filter((c) => !c.blank && !/^[(（].*[)）]$/.test(c.text));
      this.annexHeader = false;
      if (rest.length === 0 || rest.some((c) => isFigure(c.text))) {
        // Not a table's heading: the part holds no table this import can read.
        this.unplace(row);
        return;
      }
      table.columns = rest.map((c) => c.text.trim());
      return;
    }
    if (table.columns.length === 0) {
      this.unplace(row);
      return;
    }
    const [name, ...cells] = row;
    if (!name) return;
    const values: (Located | undefined)[] = table.columns.map(() => undefined);
    const filled = cells.filter((c) => !c.blank);
    if (cells.length === table.columns.length && cells.every((c) => c.blank || isFigure(c.text))) cells.forEach((c, k) => (values[k] = c.blank ? undefined : located(c)));
    else if (filled.length === table.columns.length && filled.every((c) => isFigure(c.text))) filled.forEach((c, k) => (values[k] = located(c)));
    else this.unplace(cells);
    const entry = { name: name.text.trim(), cell: name, values };
    if (/(合计|总计)$/.test(fold(name.text))) table.total = entry;
    else table.rows.push(entry);
    this.lastRow = { kind: 'table', table };
  }

  // ── goal ──

  private goalRow(row: FormCell[]): void {
    this.section = 'goal';
    const order: ('planned' | 'achieved')[] = [];
    const values: FormCell[] = [];
    for (const c of row) {
      const g = goalLabel(c.text);
      if (g === 'planned' || g === 'achieved') order.push(g);
      else if (!g && !c.blank) values.push(c);
    }
    this.m.goal = this.m.goal ?? { cells: [] };
    this.m.goal.cells.push(...row.filter((c) => !c.blank && goalLabel(c.text)));
    if (order.length === 0) order.push('planned', 'achieved');
    this.lastRow = { kind: 'other', what: 'the goal box' };
    if (values.length > 0 || row[0]?.mode !== 'rows') {
      this.pendingGoal = order;
      this.goalValues(values);
      return;
    }
    this.pendingGoal = order;
  }

  private goalValues(row: FormCell[]): void {
    const order = this.pendingGoal ?? [];
    this.pendingGoal = undefined;
    const goal = this.m.goal ?? { cells: [] };
    this.m.goal = goal;
    const filled = row.filter((c) => !c.blank);
    if (filled.length === 0) return;
    if (filled.length === order.length) filled.forEach((c, k) => (goal[order[k] as 'planned' | 'achieved'] = located(c)));
    else this.unplace(filled);
    goal.cells.push(...filled);
  }

  // ── indicators ──

  /** A flattened text prints its headings scattered: its columns are the headings in the order first printed. */
  private prescanColumns(): void {
    if (!this.cells.some((c) => c.mode === 'flattened')) return;
    let inTable = false;
    for (const c of this.cells) {
      if (levelHeading(c.text)) inTable = true;
      if (!inTable) continue;
      const col = indicatorColumn(c.text);
      if (col && !this.m.indicatorColumns.includes(col)) this.m.indicatorColumns.push(col);
    }
  }

  private indicatorHeader(row: FormCell[]): void {
    this.section = 'indicators';
    this.m.indicatorHeader = this.m.indicatorHeader ?? row;
    const firstLevel = row.findIndex((c) => levelHeading(c.text));
    const rest: FormCell[] = [];
    row.forEach((c, k) => {
      if (c.blank) return;
      if (k < firstLevel) {
        if (isIndicatorBlockLabel(c.text)) {
          const w = labelWeight(c.text).weight;
          if (w && !this.m.indicatorsWeight) this.m.indicatorsWeight = { text: w, cell: c };
        } else rest.push(c);
        return;
      }
      const level = levelHeading(c.text);
      if (level === 2) this.m.secondLevel = true;
      if (level) return;
      const col = indicatorColumn(c.text);
      if (col) {
        if (!this.m.indicatorColumns.includes(col)) this.m.indicatorColumns.push(col);
      } else if (!isHeadingFragment(c.text)) rest.push(c);
    });
    this.unplace(rest);
    this.lastRow = { kind: 'other', what: 'the header of the indicator table' };
  }

  private findOrAdd(list: IndicatorNode[], name: string, level: 1 | 2, cell: FormCell): IndicatorNode {
    const { name: bare, weight } = labelWeight(name);
    const found = list.find((n) => fold(n.name) === fold(bare) && n.level === level);
    if (found) return found;
    const node: IndicatorNode = { name: bare, level, values: {}, children: [], cell, valueCells: [], ...(weight ? { weight: { text: weight, cell } } : {}) };
    list.push(node);
    return node;
  }

  private indicatorRow(input: FormCell[]): void {
    const row = [...input];
    while (row.length > 0 && isIndicatorBlockLabel((row[0] as FormCell).text)) row.shift();
    const labels: FormCell[] = [];
    while (row.length > 0 && labels.length < 2 && !(row[0] as FormCell).blank && hierarchyLevel((row[0] as FormCell).text)) labels.push(row.shift() as FormCell);
    // The first row of an 一级 block prints its 二级 too, whatever its words (满意度指标 | 读者 | …).
    if (labels.length === 1 && hierarchyLevel((labels[0] as FormCell).text) === 1 && this.m.secondLevel && row.filter((c) => !c.blank).length >= 2 && !(row[0] as FormCell).blank && !templateName((row[0] as FormCell).text)) labels.push(row.shift() as FormCell);
    if (labels.length === 2) {
      this.l1 = this.findOrAdd(this.m.indicators, (labels[0] as FormCell).text, 1, labels[0] as FormCell);
      this.l2 = this.findOrAdd(this.l1.children, (labels[1] as FormCell).text, 2, labels[1] as FormCell);
    } else if (labels.length === 1) {
      const label = labels[0] as FormCell;
      const level = hierarchyLevel(label.text);
      if (level === 1 || (level === 12 && !this.l1)) {
        this.l1 = this.findOrAdd(this.m.indicators, label.text, 1, label);
        this.l2 = undefined;
      } else {
        this.l2 = this.findOrAdd(this.l1 ? this.l1.children : this.m.indicators, label.text, 2, label);
      }
    }
    if (labels.length > 0) this.waiting = [];
    const nameCell = row.shift();
    if (!nameCell || nameCell.blank) {
      this.unplace(row);
      return;
    }
    const values = row;
    // In a stream a value never starts a row: a cell such as 37442人 or — there is a detached value.
    if (nameCell.mode !== 'rows' && (isFigure(nameCell.text) || VALUE_LIKE.test(nameCell.text.trim()))) {
      this.unplace([nameCell, ...values]);
      return;
    }
    const template = templateName(nameCell.text);
    const printed = nameCell.text.trim();
    const name = template ? template.name : printed;
    const hasValues = values.some((c) => !c.blank);
    if ((template && !template.name) || isPlaceholder(printed)) {
      // An unfilled row of the template (指标2, ……).
      if (hasValues) this.unplace([nameCell, ...values]);
      return;
    }
    const leaf: IndicatorNode = { name, level: 3, values: {}, children: [], cell: nameCell, valueCells: values, ...(template ? { no: template.no } : {}) };
    const parent = this.l2 ?? this.l1;
    (parent ? parent.children : this.m.indicators).push(leaf);
    this.lastRow = { kind: 'indicator', node: leaf };
    const columns = this.m.indicatorColumns;
    const filled = values.filter((c) => !c.blank);
    // A flattened text: labels printed one after another, then all their values.
    if (nameCell.mode === 'flattened' && columns.length > 0 && filled.length > columns.length && filled.length % columns.length === 0 && this.waiting.length === filled.length / columns.length - 1) {
      const group = [...this.waiting, leaf];
      const ok = group.every((node, g) => this.placeIndicator(node, filled.slice(g * columns.length, (g + 1) * columns.length), true));
      if (ok) {
        for (const [g, node] of group.entries()) this.placeIndicator(node, filled.slice(g * columns.length, (g + 1) * columns.length), false);
        this.waiting = [];
        return;
      }
    }
    if (filled.length === 0) {
      this.waiting.push(leaf);
      return;
    }
    this.waiting = [];
    this.placeIndicator(leaf, values, false);
  }

  /** Places a row's values; with `dry`, only says whether every value would be placed. */
  private placeIndicator(node: IndicatorNode, values: FormCell[], dry: boolean, prefer?: (way: number[]) => boolean): boolean {
    const columns = this.m.indicatorColumns;
    const bound = this.m.indicatorsWeight && isPoints(this.m.indicatorsWeight.text) ? pointsValue(this.m.indicatorsWeight.text) : 100;
    const p = place(values.map((c) => ({ text: c.text, ...(c.blank ? { blank: true } : {}) })), columns.map((k) => INDICATOR_TYPES[k]), bound, prefer);
    if (dry) return p.unplaced.length === 0 && p.columns.some((c) => c !== undefined);
    node.valueCells = values;
    node.values = {};
    values.forEach((c, k) => {
      const col = p.columns[k];
      if (col === undefined) {
        if (!c.blank) this.m.unplaced.push(c);
        return;
      }
      node.values[columns[col] as IndicatorColumn] = located(c);
    });
    // 指标性质 printing the comparator of the target (≤ | 30): written together, as a transcriber does.
    const nature = node.values.nature;
    const target = node.values.target;
    if (nature && target && isComparator(nature.text)) {
      node.values.target = { text: `${nature.text.trim()}${target.text}`, cell: target.cell };
      delete node.values.nature;
    }
    return true;
  }

  /**
   * A form that scores each 二级 group once (a merged 得分 cell, printed on the group's first row
   * only): when a group of several rows prints a score on its first row and on no other, and no
   * group prints one on a later row, every group's first-row score is the group's.
   */
  private mergedScores(): void {
    const groups = this.m.indicators.flatMap((l1) => l1.children.filter((c) => c.level === 2));
    const scored = (n: IndicatorNode) => n.values.score !== undefined;
    const multi = groups.filter((g) => g.children.length >= 2);
    if (multi.length === 0 || this.m.indicatorColumns.includes('weight')) return;
    if (!multi.some((g) => g.children[0] && scored(g.children[0]) && g.children.slice(1).every((c) => !scored(c)))) return;
    if (groups.some((g) => g.children.slice(1).some(scored))) return;
    for (const g of groups) {
      const first = g.children[0];
      if (first?.values.score) {
        g.values.score = first.values.score;
        delete first.values.score;
      }
    }
  }

  // ── total, cut ──

  private totalRow(row: FormCell[]): void {
    const [label, ...rest] = row as [FormCell, ...FormCell[]];
    const filled = rest.filter((c) => !c.blank);
    const total: NonNullable<FormModel['total']> = this.m.total ?? { label, cells: [] };
    total.label = label;
    total.cells = filled;
    const grades = filled.filter((c) => isGrade(c.text));
    const points = filled.filter((c) => isPoints(c.text));
    if (points.length === 2 && points.length + grades.length === filled.length) {
      total.weight = located(points[0] as FormCell);
      total.score = located(points[1] as FormCell);
    } else this.unplace(points);
    if (grades.length === 1) total.grade = located(grades[0] as FormCell);
    this.unplace(filled.filter((c) => !isPoints(c.text) && !isGrade(c.text)));
    this.m.total = total;
    this.section = 'tail';
    this.lastRow = { kind: 'other', what: label.text.trim() };
  }

  private markCut(last: FormCell): void {
    const r = this.lastRow;
    if (!r) {
      this.m.cut = { cell: last, what: 'the text' };
      return;
    }
    // The row the text stops in holds the row's first cells: where its values are ambiguous, they are
    // read from the left (what is missing is what the text lost).
    const fromLeft = (way: number[]) => way.every((col, k) => col === k);
    if (r.kind === 'indicator' && r.node.valueCells.some((c) => this.m.unplaced.includes(c))) {
      const cells = new Set(r.node.valueCells);
      this.m.unplaced = this.m.unplaced.filter((c) => !cells.has(c));
      this.placeIndicator(r.node, r.node.valueCells, false, fromLeft);
    }
    if (r.kind === 'funds' && r.row.unplaced.length > 0 && !this.m.funds?.lists) this.placeFunds(r.row, fromLeft);
    if (r.kind === 'indicator') {
      const node = r.node;
      const columns = this.m.indicatorColumns.length;
      if (node.valueCells.length < columns || node.valueCells.includes(last) || node.cell === last) node.incomplete = true;
      if (this.l2) this.l2.incomplete = true;
      if (this.l1) this.l1.incomplete = true;
      this.m.cut = { cell: last, what: `the row of ${node.name}` };
    } else if (this.section === 'indicators' && (this.l1 || this.l2)) {
      if (this.l2) this.l2.incomplete = true;
      if (this.l1) this.l1.incomplete = true;
      this.m.cut = { cell: last, what: 'the indicator table' };
    } else if (r.kind === 'funds') {
      if (this.m.funds) this.m.funds.incomplete = true;
      this.m.cut = { cell: last, what: `the funds row ${r.row.label.text.trim()}` };
    } else if (r.kind === 'table') {
      const t = r.table;
      const row = t.total ?? t.rows[t.rows.length - 1];
      const k = row ? row.values.findIndex((v) => v?.cell === last) : -1;
      t.incomplete = k >= 0 ? t.columns.slice(k) : true;
      this.m.cut = { cell: last, what: `the ${row ? `${row.name} row` : 'header'} of ${t.title.text.trim()}` };
    } else this.m.cut = { cell: last, what: r.what };
  }
}

/** Whether cells before a form's title are the tail of an earlier form (its indicator table or funds block). */
export function looksLikeFormBody(cells: readonly FormCell[]): boolean {
  const head = cells.slice(0, 40);
  if (head.some((c) => levelHeading(c.text) !== undefined)) return true;
  return head.some((c) => isFundsBlockLabel(c.text)) && head.filter((c) => (fundsColumn(c.text)?.key ?? 'label') !== 'label').length >= 2;
}
