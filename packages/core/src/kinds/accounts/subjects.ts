/**
 * The subjects the `accounts` pack runs over: identities (within and across tables), tables
 * (empty-table notes), rows (codes as printed, unreadable cells) and the narrative's figures
 * (amounts, shares, year-on-year changes).
 */
import { Decimal } from 'decimal.js';
import type { CheckConfig } from '../../config.js';
import { formatPath } from '../../finding.js';
import type { Change, JixiaoDocument, Statement } from '../../format/model.js';
import { fraction, plain, showPercent, type Computed } from '../../facts/computed.js';
import type { Subject } from '../../facts/subject.js';
import { figurePlaces } from '../../facts/views.js';
import { readFigure, type NumberFigure } from '../../values/figure.js';
import { fractionQuantityOf, ratio, sum, type Quantity } from '../../values/tolerance.js';
import { compareAmount, quantityIn, showAmount, type Amount } from './amounts.js';
import { isCell, resolveCell } from './cells.js';
import { identitiesOf, type Identity } from './identities.js';
import { normaliseName, tablesOf, rowName, tableName, totalColumn, type CellView, type RowView, type TableView } from './tables.js';

type PathStep = string | number;

interface AccountsView {
  file: string;
  doc: JixiaoDocument;
  spanAt: (path: PathStep[]) => readonly [number, number];
}

const cellAmount = (c: CellView): Amount => ({ figure: c.figure, unit: c.row.block.table.unit, blank: c.blank });
const showCell = (c: CellView) => (c.blank ? '空白' : c.figure.text);
const showCellEn = (c: CellView) => (c.blank ? 'blank' : c.figure.text);

function where(c: CellView): string {
  return `${tableName(c.row.block.table)} ${rowName(c.row)} ${c.column.name}`;
}

function identitySubject(view: AccountsView, id: Identity, config: CheckConfig): Subject {
  const stated = id.stated;
  const table = stated.row.block.table;
  const terms = id.terms.map((t) => ({ ...cellAmount(t.cell), sign: t.sign }));
  let comparison: ReturnType<typeof compareAmount> | undefined;
  const compared = () => (comparison ??= compareAmount(cellAmount(stated), terms, config.tolerance));
  const others = [...new Set(id.terms.map((t) => t.cell.row.block.table))].filter((t) => t !== table);
  return {
    kind: 'accounts-identity', file: view.file, path: figurePlaces.get(stated.figure)?.path ?? '', span: stated.figure.span,
    facts: {
      check: () => id.check,
      table: () => tableName(table),
      otherTable: () => (others[0] ? tableName(others[0]) : tableName(table)),
      row: () => rowName(stated.row),
      column: () => stated.column.name,
      formula: () => id.formula.zh,
      formulaEn: () => id.formula.en,
      stated: () => stated.figure,
      statedText: () => showCell(stated),
      statedTextEn: () => showCellEn(stated),
      computed: () => compared().computed,
      difference: () => compared().difference,
      termCount: () => id.terms.filter((t) => !t.cell.blank).length,
      agreement: () => compared().agreement,
      /** For inequalities: the stated amount is more than the bound beyond rounding. */
      exceeds: () => {
        const bound = quantityIn(cellAmount(id.terms[0]?.cell as CellView), table.unit, config.tolerance);
        const own = quantityIn(cellAmount(stated), table.unit, config.tolerance);
        return own.lo.gt(bound.hi);
      },
      terms: () => id.terms.filter((t) => !t.cell.blank).map((t) => t.cell.figure),
    },
  };
}

function tableSubject(view: AccountsView, t: TableView): Subject {
  const cells = t.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells.filter((c): c is CellView => c !== undefined)));
  const nonZero = cells.find((c) => !c.blank && !c.figure.value.isZero());
  return {
    kind: 'accounts-table', file: view.file, path: `public_tables[${t.index}]`, span: view.spanAt([...t.path, 'empty']),
    facts: {
      table: () => tableName(t),
      role: () => t.role,
      emptyNote: () => t.empty,
      hasFigures: () => nonZero !== undefined,
      firstFigure: () => nonZero?.figure,
      emptyAt: () => (t.empty ? { place: { file: view.file, path: `public_tables[${t.index}].empty`, span: view.spanAt([...t.path, 'empty']) } } : undefined),
      titleAt: () => ({ place: { file: view.file, path: `public_tables[${t.index}]`, span: view.spanAt([...t.path, 'role']) } }),
      rowCount: () => t.blocks.reduce((n, b) => n + b.rows.length, 0),
      incomplete: () => t.incomplete,
    },
  };
}

function rowSubjects(view: AccountsView, t: TableView): Subject[] {
  const out: Subject[] = [];
  for (const block of t.blocks) {
    for (const row of block.rows) {
      const unreadable = row.cells.find((c) => c?.unreadable);
      if (!row.codeProblem && !unreadable) continue;
      out.push({
        kind: 'accounts-row', file: view.file, path: formatPath(row.path), span: row.span,
        facts: {
          table: () => tableName(t),
          row: () => rowName(row),
          codeText: () => row.codeText,
          code: () => row.code,
          codeProblem: () => row.codeProblem,
          unreadableText: () => unreadable?.figure.text,
          unreadableColumn: () => unreadable?.column.name,
          rowAt: () => ({ place: { file: view.file, path: formatPath(row.path), span: row.span } }),
          unreadableAt: () => (unreadable ? { place: { file: view.file, path: figurePlaces.get(unreadable.figure)?.path ?? '', span: unreadable.figure.span } } : undefined),
        },
      });
    }
  }
  return out;
}

const CODED_ROLES = ['income', 'expenditure', 'general-public', 'government-fund', 'state-capital'];

/** Names across tables: one code printed with two names; a summary line that names no class of its detail table. */
function nameSubjects(view: AccountsView, tables: readonly TableView[]): Subject[] {
  const out: Subject[] = [];
  const place = (row: RowView) => ({ place: { file: view.file, path: formatPath(row.path), span: row.span } });
  const push = (check: string, row: RowView, other: RowView) => out.push({
    kind: 'accounts-name', file: view.file, path: formatPath(row.path), span: row.span,
    facts: {
      check: () => check, table: () => tableName(row.block.table), row: () => rowName(row), name: () => row.name,
      otherTable: () => tableName(other.block.table), otherName: () => other.name, otherCode: () => other.codeText,
      nameAt: () => place(row), otherAt: () => place(other),
    },
  });
  // One code, one name: the first table that prints a code names it.
  const first = new Map<string, RowView>();
  for (const t of tables.filter((x) => CODED_ROLES.includes(x.role))) {
    for (const row of t.blocks.flatMap((b) => b.rows)) {
      if (row.code === null || row.name === '') continue;
      const seen = first.get(row.code);
      if (!seen) first.set(row.code, row);
      else if (seen.block.table !== t && normaliseName(seen.name) !== normaliseName(row.name)) push('code-name', row, seen);
    }
  }
  // Summary class lines against the detail table's classes (公开01 → 03, 公开04 → 05).
  const pairs: [TableView['role'], TableView['role']][] = [['summary', 'expenditure'], ['fiscal-summary', 'general-public']];
  for (const [summaryRole, detailRole] of pairs) {
    const summary = tables.find((t) => t.role === summaryRole);
    const detail = tables.find((t) => t.role === detailRole)?.blocks.find((b) => b.side === null);
    const side = summary?.blocks.find((b) => b.side === 'expenditure');
    if (!side || !detail) continue;
    const classes = detail.rows.filter((r) => r.code !== null && r.level === 1);
    const lineColumn = totalColumn(side);
    const detailColumn = totalColumn(detail);
    for (const line of side.rows) {
      if (line.code !== null || line.lineKind !== 'line' || line.level !== 1 || !/支出$/.test(line.label)) continue;
      const cell = lineColumn ? line.cells[lineColumn.index] : undefined;
      if (!cell || cell.figure.value.isZero()) continue;
      if (classes.some((c) => normaliseName(c.name) === line.label)) continue;
      const sameAmount = classes.find((c) => detailColumn && c.cells[detailColumn.index]?.figure.value.eq(cell.figure.value));
      if (sameAmount) push('unmatched-line', line, sameAmount);
    }
  }
  return out;
}

/** “A（类）B（款）C（项）”: the names a narrative gives the parts of a function code (the first one, or fewer parts). */
const CODE_NAMES = /([^“”"'‘’（）()，。、；：:\s\d.]+)（类）(?:([^“”"'‘’（）()，。、；：:\s]+)（款）(?:([^“”"'‘’（）()，。、；：:\s]+)（项）)?)?/gu;
const LEVEL_WORD = ['类', '款', '项'] as const;
/** A narrative may drop a name's closing 支出 (“社会保障和就业（类）”). */
const sameCodeName = (a: string, b: string) => normaliseName(a).replace(/支出$/u, '') === normaliseName(b).replace(/支出$/u, '');

/**
 * The names a sentence gives the code of the one cell it restates, against the cell's table:
 * “医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）50.37万元” with the cell under 类 210
 * named 卫生健康支出. Each chain is read against the coded cell whose amount the text prints right after it
 * (or, for a sentence with one chain, its one coded cell); a chain with no such cell draws nothing.
 */
function narrativeNameSubjects(view: AccountsView, tables: readonly TableView[]): Subject[] {
  const out: Subject[] = [];
  (view.doc.statements ?? []).forEach((st, i) => {
    const chains = [...st.text.matchAll(CODE_NAMES)];
    if (chains.length === 0) return;
    const coded = (st.figures ?? []).flatMap((fig) => {
      const cell = fig.cell !== undefined ? resolveCell(tables, fig.cell) : undefined;
      return cell && isCell(cell) && cell.row.code !== null ? [{ value: fig.value, row: cell.row }] : [];
    });
    // Each chain names the row of the amount printed right after it; a lone chain, the sentence's one coded row.
    const rowOf = (chain: RegExpMatchArray): RowView | undefined => {
      const next = /\d[\d,]*(?:\.\d+)?/u.exec(st.text.slice((chain.index ?? 0) + chain[0].length))?.[0];
      const amount = next !== undefined ? new Decimal(next.replace(/,/g, '')) : undefined;
      const after = [...new Set(coded.filter((c) => amount && c.value?.kind === 'number' && c.value.value.eq(amount)).map((c) => c.row))];
      if (after.length === 1) return after[0];
      const rows = [...new Set(coded.map((c) => c.row))];
      return chains.length === 1 && rows.length === 1 ? rows[0] : undefined;
    };
    const textPath = ['statements', i, 'text'];
    const textSpan = view.spanAt(textPath);
    // The name's own span when the text is written as typed (a one-line scalar, quoted or not).
    const spanOf = (index: number, length: number): readonly [number, number] => {
      const width = textSpan[1] - textSpan[0];
      const offset = width === st.text.length ? 0 : width === st.text.length + 2 ? 1 : -1;
      return offset < 0 ? textSpan : [textSpan[0] + offset + index, textSpan[0] + offset + index + length];
    };
    for (const chain of chains) {
      const row = rowOf(chain);
      if (!row) continue;
      const byLevel = new Map<number, RowView>();
      for (let r: RowView | null = row; r; r = r.parent) byLevel.set(r.level, r);
      let at = chain.index ?? 0;
      for (let level = 1; level <= 3; level++) {
        const name = chain[level];
        if (name === undefined) break;
        const start = st.text.indexOf(name, at);
        at = start + name.length;
        const other = byLevel.get(level);
        if (!other || other.name === '' || sameCodeName(other.name, name)) continue;
        const span = spanOf(start, name.length);
        out.push({
          kind: 'accounts-name', file: view.file, path: formatPath(textPath), span,
          facts: {
            check: () => 'narrative-name', level: () => LEVEL_WORD[level - 1], table: () => '说明', row: () => `${name}（${LEVEL_WORD[level - 1]}）`, name: () => name,
            otherTable: () => tableName(other.block.table), otherName: () => other.name, otherCode: () => other.codeText,
            nameAt: () => ({ place: { file: view.file, path: formatPath(textPath), span } }),
            otherAt: () => ({ place: { file: view.file, path: formatPath(other.path), span: other.span } }),
          },
        });
      }
    }
  });
  return out;
}

/** A term of a narrative: a cell reference or a figure as printed (in the document's unit unless it says). */
function termAmount(tables: readonly TableView[], text: string, docUnit: string): Amount | undefined {
  const f = readFigure(text, [0, 0]);
  if (f.kind === 'number') return { figure: f, unit: f.unit && /^(?:元|万元|千元|亿元)$/.test(f.unit) ? f.unit : docUnit };
  const cell = resolveCell(tables, text);
  return isCell(cell) ? cellAmount(cell) : undefined;
}

function unitOf(f: NumberFigure, docUnit: string): string {
  return f.unit && /^(?:元|万元|千元|亿元)$/.test(f.unit) ? f.unit : docUnit;
}

function narrativeSubjects(view: AccountsView, tables: readonly TableView[], config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  const docUnit = view.doc.unit && /^(?:元|万元|千元|亿元)$/.test(view.doc.unit) ? view.doc.unit : '万元';
  (view.doc.statements ?? []).forEach((st, i) => {
    const shares: NumberFigure[] = [];
    (st.figures ?? []).forEach((fig, k) => {
      const path = ['statements', i, 'figures', k, 'value'];
      const stated = fig.value?.kind === 'number' ? fig.value : undefined;
      if (fig.cell !== undefined) {
        const cell = resolveCell(tables, fig.cell);
        const resolved = isCell(cell) ? cell : undefined;
        const comparison = () => (stated && resolved ? compareAmount({ figure: stated, unit: unitOf(stated, docUnit) }, [{ ...cellAmount(resolved), sign: 1 }], config.tolerance) : undefined);
        out.push({
          kind: 'narrative-amount', file: view.file, path: formatPath(path), span: view.spanAt(path),
          facts: {
            text: () => st.text, ref: () => fig.cell, resolved: () => resolved !== undefined, problem: () => (isCell(cell) ? undefined : cell.problemZh), problemEn: () => (isCell(cell) ? undefined : cell.problem),
            stated: () => stated, cell: () => resolved?.figure, cellText: () => (resolved ? showCell(resolved) : undefined), cellTextEn: () => (resolved ? showCellEn(resolved) : undefined),
            cellUnit: () => resolved?.row.block.table.unit, where: () => (resolved ? where(resolved) : fig.cell),
            inStatedUnit: () => comparison()?.computed, agreement: () => comparison()?.agreement,
            refAt: () => ({ place: { file: view.file, path: `statements[${i}].figures[${k}].cell`, span: view.spanAt(['statements', i, 'figures', k, 'cell']) } }),
          },
        });
      }
      if (fig.share !== undefined) {
        if (stated?.percent) shares.push(stated);
        const part = termAmount(tables, fig.share.part, docUnit);
        const whole = termAmount(tables, fig.share.whole, docUnit);
        const computed = (): Computed | undefined => {
          if (!part || !whole) return undefined;
          const q = ratio(quantityIn(part, '元', config.tolerance), quantityIn(whole, '元', config.tolerance));
          return q ? fraction(q) : undefined;
        };
        out.push({
          kind: 'narrative-share', file: view.file, path: formatPath(path), span: view.spanAt(path),
          facts: {
            text: () => st.text, stated: () => stated, computed, part: () => fig.share?.part, whole: () => fig.share?.whole,
            resolved: () => part !== undefined && whole !== undefined,
            zeroWhole: () => whole !== undefined && whole.figure.value.isZero(),
            wholeText: () => (whole ? (whole.figure.text || '0') : undefined),
            terms: () => [part?.figure, whole?.figure].filter((f) => f !== undefined && figurePlaces.has(f)),
          },
        });
      }
    });
    if (st.shares === 'complete' && shares.length > 1) out.push(sharesTotalSubject(view, st, i, shares, config));
    (st.changes ?? []).forEach((change, k) => out.push(changeSubject(view, tables, change, ['statements', i, 'changes', k], docUnit, config, st)));
  });
  return out;
}

const HUNDRED_PERCENT = new Decimal(1);

function sharesTotalSubject(view: AccountsView, st: Statement, i: number, shares: NumberFigure[], config: CheckConfig): Subject {
  const q = sum(shares.map((s) => fractionQuantityOf(s, config.tolerance)));
  const total = fraction(q);
  return {
    kind: 'narrative-shares-total', file: view.file, path: `statements[${i}]`, span: shares[0]?.span ?? view.spanAt(['statements', i]),
    facts: {
      text: () => st.text, total: () => total, count: () => shares.length, shares: () => shares, firstShare: () => shares[0],
      // 100% lies within the shares' summed interval (each ± half its last digit).
      agreement: () => (q.mid.eq(HUNDRED_PERCENT) ? 'equal' : q.lo.lte(HUNDRED_PERCENT) && q.hi.gte(HUNDRED_PERCENT) ? 'rounding' : 'mismatch'),
    },
  };
}

const UP = ['增加', '增长', '上升', '大于', '高于'];
const DOWN = ['减少', '下降', '小于', '低于'];
const signOf = (word: string) => (UP.includes(word) ? 1 : DOWN.includes(word) ? -1 : 0);

function changeSubject(view: AccountsView, tables: readonly TableView[], change: Change, path: PathStep[], docUnit: string, config: CheckConfig, st: Statement): Subject {
  const current = termAmount(tables, change.current, docUnit);
  const previous = change.previous !== undefined ? termAmount(tables, change.previous, docUnit) : undefined;
  const amount = change.amount?.kind === 'number' ? change.amount : undefined;
  const rate = change.rate?.kind === 'number' ? change.rate : undefined;
  const words = change.direction === undefined ? [] : Array.isArray(change.direction) ? change.direction : [change.direction];
  const signs = [...new Set(words.map(signOf))];
  // Several words for one change must agree; when they do not, the change has no direction to check.
  const contradictory = signs.length > 1;
  const sign = signs.length === 1 ? signs[0] : undefined;
  const unit = amount ? unitOf(amount, docUnit) : current?.unit ?? docUnit;
  const cq = () => (current ? quantityIn(current, unit, config.tolerance) : undefined);
  const pq = (): Quantity | undefined => {
    if (previous) return quantityIn(previous, unit, config.tolerance);
    const c = cq();
    if (!c || !amount || sign === undefined) return undefined;
    const a = quantityIn({ figure: amount, unit }, unit, config.tolerance);
    // Last year = this year ∓ the change.
    return sign >= 0 ? { mid: c.mid.minus(a.mid), lo: c.lo.minus(a.hi), hi: c.hi.minus(a.lo), decimals: Math.min(c.decimals, a.decimals) } : { mid: c.mid.plus(a.mid), lo: c.lo.plus(a.lo), hi: c.hi.plus(a.hi), decimals: Math.min(c.decimals, a.decimals) };
  };
  const delta = (): Quantity | undefined => {
    const c = cq();
    const p = previous ? pq() : undefined;
    if (!c || !p) return undefined;
    return { mid: c.mid.minus(p.mid), lo: c.lo.minus(p.hi), hi: c.hi.minus(p.lo), decimals: Math.min(c.decimals, p.decimals) };
  };
  const computedRate = (): Computed | undefined => {
    const p = pq();
    if (!p) return undefined;
    const d = delta();
    const a = d ? { mid: d.mid.abs(), lo: d.mid.isNeg() ? d.hi.neg() : d.lo, hi: d.mid.isNeg() ? d.lo.neg() : d.hi, decimals: d.decimals } : amount ? quantityIn({ figure: amount, unit }, unit, config.tolerance) : undefined;
    if (!a) return undefined;
    const q = ratio(a, p);
    return q ? fraction(q) : undefined;
  };
  return {
    kind: 'narrative-change', file: view.file, path: formatPath(path), span: view.spanAt([...path, 'direction']),
    facts: {
      text: () => st.text, name: () => change.name ?? '',
      direction: () => words.join('、'), directionSign: () => sign, contradictory: () => contradictory,
      /** The sign of current − previous (both stated): 1, −1 or 0. */
      actualSign: () => {
        const d = delta();
        return d ? (d.mid.isZero() ? 0 : d.mid.isPos() ? 1 : -1) : undefined;
      },
      directionAt: () => ({ place: { file: view.file, path: formatPath([...path, 'direction']), span: view.spanAt([...path, 'direction']) } }),
      amount: () => amount,
      computedAmount: () => {
        const d = delta();
        return d ? plain({ mid: d.mid.abs(), lo: d.mid.isNeg() ? d.hi.neg() : d.lo, hi: d.mid.isNeg() ? d.lo.neg() : d.hi, decimals: d.decimals }, showAmount(d.mid.abs(), amount?.decimals ?? 2)) : undefined;
      },
      rate: () => rate,
      computedRate,
      previousText: () => {
        const p = pq();
        return p ? showAmount(p.mid, amount?.decimals ?? 2) : undefined;
      },
      currentText: () => (current ? current.figure.text : change.current),
      flatButMoved: () => sign === 0 && amount !== undefined && !amount.value.isZero(),
      /** Last year is not stated, and this year less the stated increase is below zero beyond rounding. */
      previousBelowZero: () => {
        if (previous || sign !== 1) return false;
        const p = pq();
        return p !== undefined && p.hi.lt(0);
      },
      rateText: () => (rate ? rate.text : undefined),
      computedRateText: () => {
        const r = computedRate();
        return r ? showPercent(r.quantity.mid) : undefined;
      },
    },
  };
}

/** Every subject of a final accounts or budget document. */
export function accountsSubjects(view: AccountsView, config: CheckConfig): Subject[] {
  const tables = tablesOf(view.file, view.doc);
  return [
    ...identitiesOf(tables).map((id) => identitySubject(view, id, config)),
    ...tables.map((t) => tableSubject(view, t)),
    ...tables.flatMap((t) => rowSubjects(view, t)),
    ...nameSubjects(view, tables),
    ...narrativeNameSubjects(view, tables),
    ...narrativeSubjects(view, tables, config),
  ];
}

/** Cell references for `equals` expressions: the term's value in the document's unit. */
export function accountsTermResolver(file: string, doc: JixiaoDocument, config: CheckConfig): (text: string) => { q: Quantity; percent: boolean } | undefined {
  const docUnit = doc.unit && /^(?:元|万元|千元|亿元)$/.test(doc.unit) ? doc.unit : '万元';
  return (text) => {
    const amount = termAmount(tablesOf(file, doc), text, docUnit);
    if (!amount || amount.figure.percent) return undefined;
    return { q: quantityIn(amount, docUnit, config.tolerance), percent: false };
  };
}
