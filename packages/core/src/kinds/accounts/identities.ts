/**
 * Every identity of ../shared/design/final-accounts.md over the table views: within a table (code
 * hierarchy, 合计 rows, row sums, numbered lines, the two sides, balances), across tables, and the
 * inequalities. Each identity is data: the stated cell, the signed terms, and what it says.
 */
import type { Messages } from '../../finding.js';
import { amountColumns, isTotalColumn, normaliseName, totalColumn, type BlockView, type CellView, type ColumnView, type RowView, type TableView } from './tables.js';
import type { TableRole } from './schema.js';

/** Which family an identity belongs to; each family is one rule of the `accounts` pack. */
export type IdentityCheck = 'code-sum' | 'total-sum' | 'row-sum' | 'line-sum' | 'sides' | 'balance' | 'cross' | 'bound';

export interface Identity {
  check: IdentityCheck;
  stated: CellView;
  terms: { cell: CellView; sign: 1 | -1 }[];
  /** What must hold, in words (zh / en). */
  formula: Messages;
}

const plus = (cells: readonly CellView[]) => cells.map((cell) => ({ cell, sign: 1 as const }));
const cellAt = (row: RowView | undefined, column: ColumnView | undefined) => (row && column ? row.cells[column.index] : undefined);
const present = <T>(xs: readonly (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

function codedBlocks(t: TableView): BlockView[] {
  return t.blocks.filter((b) => b.rows.some((r) => r.code !== null) || b.columns.some((c) => c.kind === 'code' || c.kind === 'class'));
}

/** 类 = Σ 款, 款 = Σ 项, in every amount column. */
function codeSums(block: BlockView, out: Identity[]): void {
  for (const row of block.rows) {
    if (row.code === null || row.children.length === 0) continue;
    const word = row.level === 1 ? { zh: '类 = Σ 其款', en: 'class = Σ its sections' } : { zh: '款 = Σ 其项', en: 'section = Σ its items' };
    for (const col of amountColumns(block)) {
      const stated = cellAt(row, col);
      const terms = present(row.children.map((c) => cellAt(c, col)));
      if (stated && terms.length === row.children.length) out.push({ check: 'code-sum', stated, terms: plus(terms), formula: word });
    }
  }
}

/** 合计 = Σ 类; in the economic-class table 人员经费合计 = 301 + 303 and 公用经费合计 = the other classes. */
function totalSums(block: BlockView, out: Identity[]): void {
  const classes = block.rows.filter((r) => r.code !== null && r.level === 1);
  if (classes.length === 0) return;
  const economic = block.table.role === 'general-public-basic';
  for (const row of block.rows) {
    if (row.code !== null || row.lineKind !== 'total') continue;
    let members = classes;
    let formula: Messages = { zh: '合计 = Σ 类', en: 'total = Σ classes' };
    if (economic && row.label === '人员经费合计') {
      members = classes.filter((r) => r.code === '301' || r.code === '303');
      formula = { zh: '人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助', en: 'personnel total = 301 + 303' };
    } else if (economic && row.label === '公用经费合计') {
      members = classes.filter((r) => r.code !== '301' && r.code !== '303');
      formula = { zh: '公用经费合计 = 302 商品和服务支出 + 310 资本性支出（及 307、399 等其余类）', en: 'public-use total = 302 + 310 (and 307, 399 … the other classes)' };
    } else if (row.label !== '合计') continue;
    for (const col of amountColumns(block)) {
      const stated = cellAt(row, col);
      if (stated) out.push({ check: 'total-sum', stated, terms: plus(present(members.map((m) => cellAt(m, col)))), formula });
    }
  }
}

/**
 * Columns not part of a row's total even when printed beside it: 行次, and 机关运行经费 however its
 * heading is worded (机关运行经费预算数, 2024年机关运行经费预算数 beside the 三公 columns).
 */
const NOT_A_PART = /^(?:(?:\d{4}年)?机关运行经费(?:预算数|决算数)?|行次)$/;

/**
 * Row sums by column groups: a total column (合计, 小计, 本年支出合计 …) equals the other columns of
 * its group; a printed parent column (本年支出) equals its sub-columns (本年支出/基本支出 …).
 */
function rowSums(block: BlockView, out: Identity[]): void {
  const amounts = amountColumns(block).filter((c) => !NOT_A_PART.test(c.leaf));
  const groups = new Map<string, ColumnView[]>();
  for (const c of amounts) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const own = (name: string) => amounts.find((c) => c.name === name);
  /** The columns that stand for a member of a group: the member's own column, its sub-total, or all its parts. */
  const representing = (name: string): ColumnView[] => {
    const column = own(name);
    if (column) return [column];
    const subs = groups.get(name) ?? [];
    const subtotal = subs.find(isTotalColumn);
    return subtotal ? [subtotal] : subs.flatMap((s) => representing(s.name));
  };
  for (const [group, members] of groups) {
    const total = members.find(isTotalColumn) ?? (group !== '' ? own(group) : undefined);
    if (!total) continue;
    const parts = members.filter((m) => m !== total);
    const memberNames = [...new Set([...parts.map((p) => p.name), ...[...groups.keys()].filter((g) => g !== '' && g !== group && (g.lastIndexOf('/') >= 0 ? g.slice(0, g.lastIndexOf('/')) : '') === group && !own(g))])];
    const termColumns = memberNames.flatMap(representing).filter((c) => c !== total);
    if (termColumns.length === 0) continue;
    const formula = { zh: `${total.name} = ${memberNames.join(' + ')}`, en: `${total.name} = ${memberNames.join(' + ')}` };
    for (const row of block.rows) {
      const stated = cellAt(row, total);
      const terms = present(termColumns.map((c) => cellAt(row, c)));
      if (stated && terms.length === termColumns.length) out.push({ check: 'row-sum', stated, terms: plus(terms), formula });
    }
  }
}

/** Named lines: a line = Σ its numbered sub-lines; 本年合计 = Σ the lines above it; 总计 = 本年合计 + the lines between. */
function lineSums(block: BlockView, out: Identity[]): void {
  const amounts = amountColumns(block);
  const named = block.rows.filter((r) => r.code === null);
  for (const row of named) {
    if (row.children.length === 0) continue;
    for (const col of amounts) {
      const stated = cellAt(row, col);
      if (stated) out.push({ check: 'line-sum', stated, terms: plus(present(row.children.map((c) => cellAt(c, col)))), formula: { zh: `${row.label} = Σ 其下各行`, en: `${row.label} = Σ the lines under it` } });
    }
  }
  let since: RowView[] = [];
  let yearTotal: RowView | null = null;
  for (const row of named) {
    if (row.lineKind === 'line') {
      if (row.level === 1) since.push(row);
      continue;
    }
    if (row.lineKind === 'year-total' || row.lineKind === 'grand-total') {
      const members = row.lineKind === 'grand-total' && yearTotal ? [yearTotal, ...since] : since;
      const formula = row.lineKind === 'year-total'
        ? { zh: `${row.label} = Σ 以上各项`, en: `${row.label} = Σ the lines above` }
        : { zh: `${row.label} = ${members.map((m) => m.label).join(' + ')}`, en: `${row.label} = ${members.map((m) => m.label).join(' + ')}` };
      if (members.length > 0) {
        for (const col of amounts) {
          const stated = cellAt(row, col);
          if (stated) out.push({ check: 'line-sum', stated, terms: plus(present(members.map((m) => cellAt(m, col)))), formula });
        }
      }
      if (row.lineKind === 'year-total') yearTotal = row;
      since = [];
    }
  }
}

function grandTotal(block: BlockView | undefined): CellView | undefined {
  if (!block) return undefined;
  const row = [...block.rows].reverse().find((r) => r.lineKind === 'grand-total');
  return cellAt(row, totalColumn(block));
}

function yearTotalCell(block: BlockView | undefined, column?: ColumnView): CellView | undefined {
  if (!block) return undefined;
  const row = block.rows.find((r) => r.lineKind === 'year-total');
  return cellAt(row, column ?? totalColumn(block));
}

/** 收入总计 = 支出总计 in two-sided tables. */
function sides(t: TableView, out: Identity[]): void {
  const income = grandTotal(t.blocks.find((b) => b.side === 'income'));
  const expenditure = grandTotal(t.blocks.find((b) => b.side === 'expenditure'));
  if (income && expenditure) out.push({ check: 'sides', stated: expenditure, terms: plus([income]), formula: { zh: '支出总计 = 收入总计', en: 'expenditure grand total = income grand total' } });
}

/** Fund tables, each row: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余. */
function balances(block: BlockView, out: Identity[]): void {
  const amounts = amountColumns(block);
  const find = (re: RegExp) => amounts.find((c) => c.group === '' && re.test(c.name));
  const opening = find(/^年初.*结转和?结余$/);
  const closing = find(/^年末.*结转和?结余$/);
  const income = find(/^本年收入(?:合计)?$/);
  const spentOwn = find(/^本年支出(?:合计)?$/);
  const spent = spentOwn ?? amounts.find((c) => /^本年支出/.test(c.group) && isTotalColumn(c));
  if (!opening || !closing || !income || !spent) return;
  for (const row of block.rows) {
    const stated = cellAt(row, closing);
    const o = cellAt(row, opening);
    const i = cellAt(row, income);
    const s = cellAt(row, spent);
    if (!stated || !o || !i || !s) continue;
    out.push({ check: 'balance', stated, terms: [{ cell: o, sign: 1 }, { cell: i, sign: 1 }, { cell: s, sign: -1 }], formula: { zh: '年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出', en: 'closing balance = opening balance + income − expenditure' } });
  }
}

const byRole = (tables: readonly TableView[], role: TableRole) => tables.find((t) => t.role === role && !t.incomplete);
const mainBlock = (t: TableView | undefined) => t?.blocks.find((b) => b.side === null);
const sideBlock = (t: TableView | undefined, side: 'income' | 'expenditure') => t?.blocks.find((b) => b.side === side);
const totalRow = (b: BlockView | undefined) => b?.rows.find((r) => r.code === null && r.lineKind === 'total' && r.label === '合计');
const columnLike = (b: BlockView | undefined, re: RegExp) => (b ? amountColumns(b).find((c) => re.test(c.name)) : undefined);
const classRowNamed = (b: BlockView | undefined, label: string) => b?.rows.find((r) => r.code !== null && r.level === 1 && normaliseName(r.name) === label);

function tableWord(t: TableView): string {
  return t.no ?? t.title ?? t.role;
}

function cross(stated: CellView | undefined, terms: (CellView | undefined)[], zh: string, en: string, out: Identity[], check: IdentityCheck = 'cross'): void {
  if (!stated || terms.length === 0 || terms.some((x) => !x)) return;
  out.push({ check, stated, terms: plus(terms as CellView[]), formula: { zh, en } });
}

function crossTables(tables: readonly TableView[], out: Identity[]): void {
  const summary = byRole(tables, 'summary');
  const income = byRole(tables, 'income');
  const expenditure = byRole(tables, 'expenditure');
  const fiscal = byRole(tables, 'fiscal-summary');
  const general = byRole(tables, 'general-public');
  const basic = byRole(tables, 'general-public-basic');
  const fund = byRole(tables, 'government-fund');
  const capital = byRole(tables, 'state-capital');
  const sIn = sideBlock(summary, 'income');
  const sOut = sideBlock(summary, 'expenditure');
  const inc = mainBlock(income);
  const exp = mainBlock(expenditure);
  const gen = mainBlock(general);
  const fIn = sideBlock(fiscal, 'income');
  const fOut = sideBlock(fiscal, 'expenditure');
  const w = (t: TableView | undefined) => (t ? tableWord(t) : '');

  if (summary && income) {
    cross(yearTotalCell(sIn), [cellAt(totalRow(inc), inc && totalColumn(inc))], `${w(summary)} 本年收入合计 = ${w(income)} 合计`, `${w(summary)} income total = ${w(income)} total`, out);
    // Lines 四–八 (and 事业收入 …) against the income table's columns of the same name.
    for (const line of sIn?.rows.filter((r) => r.code === null && r.lineKind === 'line' && r.level === 1) ?? []) {
      if (/财政拨款/.test(line.label) && !/非财政拨款/.test(line.label)) continue;
      const column = inc ? amountColumns(inc).find((c) => c.leaf === line.label) : undefined;
      if (column) cross(cellAt(line, sIn && totalColumn(sIn)), [cellAt(totalRow(inc), column)], `${w(summary)} ${line.label} = ${w(income)} 合计 ${column.name}`, `${w(summary)} ${line.label} = ${w(income)} total ${column.name}`, out);
    }
    const fiscalLines = sIn?.rows.filter((r) => r.code === null && r.lineKind === 'line' && r.level === 1 && /财政拨款/.test(r.label) && !/非财政拨款/.test(r.label)) ?? [];
    const fiscalColumn = columnLike(inc, /^财政拨款(?:收入)?$/);
    if (fiscalLines.length > 0 && fiscalColumn) cross(cellAt(totalRow(inc), fiscalColumn), fiscalLines.map((l) => cellAt(l, sIn && totalColumn(sIn))), `${w(income)} 合计 ${fiscalColumn.name} = ${w(summary)} ${fiscalLines.map((l) => l.label).join(' + ')}`, `${w(income)} total ${fiscalColumn.name} = ${w(summary)} fiscal lines`, out);
  }
  if (summary && expenditure && sOut && exp) {
    cross(yearTotalCell(sOut), [cellAt(totalRow(exp), totalColumn(exp))], `${w(summary)} 本年支出合计 = ${w(expenditure)} 合计`, `${w(summary)} expenditure total = ${w(expenditure)} total`, out);
    for (const line of sOut.rows.filter((r) => r.code === null && r.lineKind === 'line' && r.level === 1)) {
      const cls = classRowNamed(exp, line.label);
      if (cls) cross(cellAt(line, totalColumn(sOut)), [cellAt(cls, totalColumn(exp))], `${w(summary)} ${line.label} = ${w(expenditure)} ${cls.codeText}`, `${w(summary)} ${line.label} = ${w(expenditure)} ${cls.codeText}`, out);
    }
  }
  if (fiscal && income && fIn && inc) {
    const fiscalColumn = columnLike(inc, /^财政拨款(?:收入)?$/);
    if (fiscalColumn) cross(yearTotalCell(fIn), [cellAt(totalRow(inc), fiscalColumn)], `${w(fiscal)} 本年收入合计 = ${w(income)} 合计 ${fiscalColumn.name}`, `${w(fiscal)} income total = ${w(income)} total ${fiscalColumn.name}`, out);
  }
  if (fiscal && fOut) {
    const gpColumn = columnLike(fOut, /一般公共预算/);
    if (general && gen && gpColumn) {
      cross(yearTotalCell(fOut, gpColumn), [cellAt(totalRow(gen), totalColumn(gen))], `${w(fiscal)} 本年支出合计（一般公共预算） = ${w(general)} 合计`, `${w(fiscal)} expenditure total (general public budget) = ${w(general)} total`, out);
      for (const line of fOut.rows.filter((r) => r.code === null && r.lineKind === 'line' && r.level === 1)) {
        const cls = classRowNamed(gen, line.label);
        if (cls) cross(cellAt(line, gpColumn), [cellAt(cls, totalColumn(gen))], `${w(fiscal)} ${line.label}（一般公共预算） = ${w(general)} ${cls.codeText}`, `${w(fiscal)} ${line.label} (general public budget) = ${w(general)} ${cls.codeText}`, out);
      }
    }
    const fundSpent = (t: TableView | undefined) => {
      const b = mainBlock(t);
      if (!b) return undefined;
      const column = amountColumns(b).find((c) => /^本年支出/.test(c.group) && isTotalColumn(c)) ?? amountColumns(b).find((c) => /^本年支出(?:合计)?$/.test(c.name)) ?? totalColumn(b);
      return cellAt(totalRow(b), column);
    };
    const gfColumn = columnLike(fOut, /政府性基金/);
    if (fund && gfColumn && !fund.empty) cross(yearTotalCell(fOut, gfColumn), [fundSpent(fund)], `${w(fiscal)} 本年支出合计（政府性基金） = ${w(fund)} 本年支出合计`, `${w(fiscal)} expenditure total (government funds) = ${w(fund)} expenditure`, out);
    const scColumn = columnLike(fOut, /国有资本经营/);
    if (capital && scColumn && !capital.empty) cross(yearTotalCell(fOut, scColumn), [fundSpent(capital)], `${w(fiscal)} 本年支出合计（国有资本经营） = ${w(capital)} 本年支出合计`, `${w(fiscal)} expenditure total (state capital) = ${w(capital)} expenditure`, out);
  }
  if (general && basic && gen) {
    const b = mainBlock(basic);
    const basicColumn = columnLike(gen, /基本支出$/);
    const total = totalRow(b);
    const personnel = b?.rows.find((r) => r.label === '人员经费合计');
    const publicUse = b?.rows.find((r) => r.label === '公用经费合计');
    const bTotal = b && totalColumn(b);
    if (basicColumn && total) cross(cellAt(totalRow(gen), basicColumn), [cellAt(total, bTotal)], `${w(general)} 合计 基本支出 = ${w(basic)} 合计`, `${w(general)} total basic expenditure = ${w(basic)} total`, out);
    else if (basicColumn && personnel && publicUse) cross(cellAt(totalRow(gen), basicColumn), [cellAt(personnel, bTotal), cellAt(publicUse, bTotal)], `${w(general)} 合计 基本支出 = ${w(basic)} 人员经费合计 + 公用经费合计`, `${w(general)} total basic expenditure = ${w(basic)} personnel + public-use totals`, out);
  }
  // The fiscal summary's income is the summary's fiscal income: in total, and fund by fund.
  if (fiscal && summary && fIn && sIn) {
    const fiscalLines = sIn.rows.filter((r) => r.code === null && r.lineKind === 'line' && r.level === 1 && /财政拨款/.test(r.label) && !/非财政拨款/.test(r.label));
    const carried = fIn.rows.some((r) => r.code === null && /结转和?结余$/.test(r.label));
    const fiscalTotal = yearTotalCell(fIn) ?? (carried ? undefined : grandTotal(fIn));
    const sColumn = totalColumn(sIn);
    const totalLabel = fiscalTotal?.row.label ?? '本年收入合计';
    if (fiscalLines.length > 0) cross(fiscalTotal, fiscalLines.map((l) => cellAt(l, sColumn)), `${w(fiscal)} ${totalLabel} = ${w(summary)} ${fiscalLines.map((l) => l.label).join(' + ')}`, `${w(fiscal)} ${totalLabel} = ${w(summary)} fiscal income lines`, out);
    const bare = (label: string) => label.replace(/收入$/, '');
    for (const line of fIn.rows.filter((r) => r.code === null && r.lineKind === 'line' && r.level === 1 && !/结转和?结余$/.test(r.label))) {
      const same = sIn.rows.find((r) => r.code === null && r.lineKind === 'line' && bare(r.label) === bare(line.label));
      if (same && !(fiscalLines.length === 1 && same === fiscalLines[0])) cross(cellAt(line, totalColumn(fIn)), [cellAt(same, sColumn)], `${w(fiscal)} ${line.label} = ${w(summary)} ${same.label}`, `${w(fiscal)} ${line.label} = ${w(summary)} ${same.label}`, out);
    }
  }
  // Inequalities: the fiscal balances are part of all balances (04 ≤ 01, opening and closing).
  if (fiscal && summary) {
    const pairs: [BlockView | undefined, BlockView | undefined, RegExp, string, string][] = [[fIn, sIn, /^年初.*结转和?结余$/, '年初结转和结余', 'opening balance'], [fOut, sOut, /^年末.*结转和?结余$/, '年末结转和结余', 'closing balance']];
    for (const [fb, sb, re, zh, en] of pairs) {
      const f = fb?.rows.find((r) => r.code === null && re.test(r.label));
      const s = sb?.rows.find((r) => r.code === null && re.test(r.label));
      cross(cellAt(f, fb && totalColumn(fb)), [cellAt(s, sb && totalColumn(sb))], `${w(fiscal)} ${zh} ≤ ${w(summary)} ${zh}`, `${w(fiscal)} ${en} ≤ ${w(summary)} ${en}`, out, 'bound');
    }
  }
  // Inequalities: the general public budget's part of a line is no more than the line.
  if (general && expenditure && gen && exp) {
    for (const name of ['基本支出', '项目支出']) {
      const gc = columnLike(gen, new RegExp(`${name}$`));
      const ec = columnLike(exp, new RegExp(`${name}$`));
      if (!gc || !ec) continue;
      for (const row of gen.rows) {
        const other = row.code !== null ? exp.rows.find((r) => r.code === row.code) : row.label === '合计' ? totalRow(exp) : undefined;
        cross(cellAt(row, gc), [cellAt(other, ec)], `${w(general)} ${row.code ?? row.label} ${name} ≤ ${w(expenditure)} ${name}`, `${w(general)} ${row.code ?? row.label} ${name} ≤ ${w(expenditure)} ${name}`, out, 'bound');
      }
    }
  }
}

const FUNDS = [
  { re: /^一般公共预算/, zh: '一般公共预算', en: 'general public budget' },
  { re: /^政府性基金/, zh: '政府性基金', en: 'government funds' },
  { re: /^国有资本经营/, zh: '国有资本经营', en: 'state capital' },
];

/**
 * The fiscal summary, per fund: 本年收入 + 年初结转和结余 − 本年支出 = 年末结转和结余 (the income side's
 * fund lines and the 年初 lines under 年初财政拨款结转和结余, the expenditure side's fund columns).
 */
function fundBalances(t: TableView, out: Identity[]): void {
  const income = sideBlock(t, 'income');
  const expenditure = sideBlock(t, 'expenditure');
  if (!income || !expenditure) return;
  const incomeColumn = totalColumn(income);
  const opening = income.rows.find((r) => r.code === null && /^年初.*结转和?结余$/.test(r.label));
  const spent = expenditure.rows.find((r) => r.lineKind === 'year-total');
  const closing = expenditure.rows.find((r) => r.code === null && /^年末.*结转和?结余$/.test(r.label));
  if (!incomeColumn || !opening || !spent || !closing) return;
  for (const fund of FUNDS) {
    const line = income.rows.find((r) => r.code === null && r.level === 1 && r.lineKind === 'line' && fund.re.test(r.label));
    const openingPart = opening.children.find((r) => fund.re.test(r.label));
    const column = amountColumns(expenditure).find((c) => fund.re.test(c.leaf));
    const stated = cellAt(closing, column);
    const i = cellAt(line, incomeColumn);
    const o = cellAt(openingPart, incomeColumn);
    const e = cellAt(spent, column);
    if (!stated || !i || !o || !e) continue;
    out.push({ check: 'balance', stated, terms: [{ cell: i, sign: 1 }, { cell: o, sign: 1 }, { cell: e, sign: -1 }], formula: { zh: `年末结转和结余（${fund.zh}） = 本年收入 + 年初结转和结余 − 本年支出`, en: `closing balance (${fund.en}) = income + opening balance − expenditure` } });
  }
}

export function identitiesOf(tables: readonly TableView[]): Identity[] {
  const out: Identity[] = [];
  for (const t of tables) {
    if (t.incomplete) continue;
    for (const block of t.blocks) {
      rowSums(block, out);
      if (block.side !== null || !codedBlocks(t).includes(block)) lineSums(block, out);
      if (t.role === 'government-fund' || t.role === 'state-capital') balances(block, out);
    }
    if (t.role === 'fiscal-summary') fundBalances(t, out);
    for (const block of codedBlocks(t)) {
      codeSums(block, out);
      totalSums(block, out);
    }
    sides(t, out);
  }
  crossTables(tables, out);
  return out;
}
