/**
 * Hover in a final-accounts or budget table. On an amount cell: its table, row and column; for a row
 * with rows under it (类, 款, 合计, 本年合计, numbered lines) the Σ of those rows, ✓ / ≈ / ✗, both
 * as the core's identity subject (the rule's facts `computed` and `agreement`) has them; the row sum of a total column; and the same figure in the other tables
 * where an identity ties it (公开01 本年支出合计 ↔ 公开03 合计 …). On a code or a name: the code's name
 * in the year's code dictionary. On a cell reference of the narrative (`cell: general-public/2101102/合计`):
 * the cell it names, as printed and in 万元 / 元, or why it names none.
 */
import type { CellView, RowView } from '@jixiao/core';
import type { Locale } from '../diagnostics.js';
import { kindWord, lookupCode, namesInOtherYears } from '../accounts/codes.js';
import {
  cellPlace, cellText, crossTiesOf, markOf, rowName, rowSumOf, sameCodeRows, sumOf, tableName, tableShort,
  type AccountsModel, type Part, type Tie,
} from '../accounts/model.js';

/** The code a part of a row stands for: the joined code, or the 类 / 款 / 项 prefix of a split one. */
export function codeOfPart(row: RowView, part: Part | undefined): string | null {
  if (row.code === null || !part?.column) return null;
  switch (part.column.kind) {
    case 'code': case 'name': return row.code;
    case 'class': return row.code.slice(0, 3);
    case 'section': return row.code.length >= 5 ? row.code.slice(0, 5) : null;
    case 'item': return row.code.length >= 7 ? row.code : null;
    default: return null;
  }
}

const LEVEL_ZH = ['', '类', '款', '项'];
const LEVEL_EN = ['', 'class', 'section', 'item'];

/** What the dictionary says of a code. */
export function describeCode(code: string, printed: string | undefined, year: number | undefined, locale: Locale): string[] {
  const zh = locale === 'zh';
  const found = lookupCode(code, year);
  const level = code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
  const levelWord = zh ? LEVEL_ZH[level] : LEVEL_EN[level];
  if (!found) return [zh ? `**${code}**：代码表中没有此科目${year ? `（${year} 年）` : ''}` : `**${code}**: not in the code list${year ? ` (${year})` : ''}`];
  const { entry } = found;
  const [name, ...others] = entry.names;
  const yearNote = year !== undefined && found.year !== year
    ? (zh ? `（${found.year} 年科目；本文件为 ${year} 年）` : ` (${found.year} list; the document is of ${year})`)
    : (zh ? `（${found.year} 年）` : ` (${found.year})`);
  const out = [zh ? `**${code}** ${name} — ${kindWord(entry.kind, true)}·${levelWord}${yearNote}` : `**${code}** ${name} — ${kindWord(entry.kind, false)}, ${levelWord}${yearNote}`];
  if (others.length > 0) out.push(zh ? `也印作：${others.join('、')}` : `also printed as: ${others.join(', ')}`);
  const elsewhere = namesInOtherYears(code, found.year).filter((o) => !entry.names.includes(o.name));
  if (elsewhere.length > 0) {
    out.push(zh
      ? `其他年度印作：${elsewhere.map((o) => `${o.name}（${o.years.join('、')} 年）`).join('；')}`
      : `other years print: ${elsewhere.map((o) => `${o.name} (${o.years.join(', ')})`).join('; ')}`);
  }
  // The classes above it.
  const chain = [code.slice(0, 3), code.length > 5 ? code.slice(0, 5) : ''].filter((c) => c !== '' && c !== code);
  const names = chain.map((c) => `${c} ${lookupCode(c, year)?.entry.names[0] ?? '—'}`);
  if (names.length > 0) out.push(`${names.join(' › ')} › ${code} ${name}`);
  const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
  if (printed && printed !== '' && !entry.names.some((n) => squash(n) === squash(printed))) {
    out.push(zh ? `本表印作“${printed}”` : `printed here as “${printed}”`);
  }
  return out;
}

function describeTie(tie: Tie, cell: CellView, locale: Locale): string {
  const zh = locale === 'zh';
  const formula = zh ? tie.formula.zh : tie.formula.en;
  const others = tie.stated === cell ? tie.terms : [tie.stated];
  const mark = tie.check === 'bound' ? (tie.exceeds() ? '✗' : '✓') : markOf(tie.agreement());
  const relation = tie.check === 'bound' ? (tie.stated === cell ? '≤' : '≥') : tie.stated !== cell && tie.terms.length > 1 ? (zh ? '计入' : 'part of') : '=';
  const what = others.length === 0
    ? `**${tie.computed() ?? (zh ? '空白' : 'blank')}**`
    : others.length === 1
      ? `${cellPlace(others[0]!, locale)} **${cellText(others[0]!, locale)}**`
      : `Σ ${others.map((o) => cellPlace(o, locale, true)).join(' + ')} = **${tie.computed() ?? ''}**`;
  return zh ? `${relation} ${what} ${mark}（${formula}）` : `${relation} ${what} ${mark} (${formula})`;
}

/** The hover lines for a narrative's cell reference (empty when the offset is on none). */
function describeRef(model: AccountsModel, offset: number, locale: Locale, lineOf: (offset: number) => number): string[] {
  const zh = locale === 'zh';
  const ref = model.refAt(offset);
  if (!ref) return [];
  const cell = ref.cell;
  if (!cell) return [zh ? `**${ref.ref}**：${ref.problem?.zh ?? '不是单元格'}` : `**${ref.ref}**: ${ref.problem?.en ?? 'not a cell'}`];
  const unit = cell.row.block.table.unit;
  const out = [`${cellPlace(cell, locale)} **${cellText(cell, locale)}**${cell.blank ? '' : ` ${unit}`}`];
  if (!cell.blank && (unit === '元' || unit === '万元')) {
    const other = unit === '元' ? cell.figure.value.div(10000) : cell.figure.value.times(10000);
    out.push(`= ${other.toFixed()} ${unit === '元' ? '万元' : '元'}`);
  }
  out.push(zh ? `（第 ${lineOf(cell.row.span[0]) + 1} 行）` : `(line ${lineOf(cell.row.span[0]) + 1})`);
  return [out.join(' ')];
}

/** The hover lines for an offset in an accounts document (empty when not on a table row). */
export function describeAt(model: AccountsModel, offset: number, locale: Locale, lineOf: (offset: number) => number): string[] {
  const zh = locale === 'zh';
  const at = model.at(offset);
  if (!at) return describeRef(model, offset, locale, lineOf);
  const { row, part } = at;
  const table = row.block.table;
  const out: string[] = [];
  const cell = part?.cell;
  if (cell) {
    const unit = table.unit;
    out.push(`**${tableName(table)}**${row.block.side ? (zh ? (row.block.side === 'income' ? '（收入）' : '（支出）') : ` (${row.block.side})`) : ''} · ${rowName(row) || '—'} · ${cell.column.name} **${cellText(cell, locale)}**${cell.blank ? '' : ` ${unit}`}`);
    const sum = rowSumOf(model, cell);
    if (sum) {
      const words = row.lineKind === 'year-total' || row.lineKind === 'grand-total'
        ? (zh ? 'Σ 以上各行' : 'Σ of the lines above it')
        : (zh ? 'Σ 其下各行' : 'Σ of the rows under it');
      const formula = zh ? sum.tie.formula.zh : sum.tie.formula.en;
      out.push(zh ? `${words} = **${sum.text}** ${sum.mark}（${formula}，${sum.count} 行非空白）` : `${words} = **${sum.text}** ${sum.mark} (${formula}; ${sum.count} non-blank rows)`);
    }
    for (const tie of model.tiesOf(cell)) {
      if (tie.stated !== cell || tie.check !== 'row-sum') continue;
      const s = sumOf(tie);
      out.push(zh ? `Σ 本行各列 = **${s.text}** ${s.mark}（${tie.formula.zh}）` : `Σ of the row's columns = **${s.text}** ${s.mark} (${tie.formula.en})`);
    }
    for (const tie of model.tiesOf(cell)) {
      if (tie.stated !== cell || tie.check !== 'balance') continue;
      out.push(`${zh ? tie.formula.zh : tie.formula.en}: **${tie.computed() ?? ''}** ${markOf(tie.agreement())}`);
    }
    const cross = crossTiesOf(model, cell);
    if (cross.length > 0) {
      out.push(zh ? '其他表中的对应数字：' : 'The corresponding figures elsewhere:');
      for (const tie of cross) out.push(`- ${describeTie(tie, cell, locale)}`);
    }
  } else if (part?.column && (part.column.kind === 'name' || part.column.kind === 'code' || part.column.kind === 'class' || part.column.kind === 'section' || part.column.kind === 'item')) {
    const code = codeOfPart(row, part);
    if (code) {
      out.push(...describeCode(code, code === row.code ? row.name : undefined, model.year, locale));
      // A split code part printed otherwise than it is read (7 for 210, 2 for 02).
      const digits = part.column.kind === 'class' ? code.slice(0, 3) : part.column.kind === 'section' ? code.slice(3, 5) : part.column.kind === 'item' ? code.slice(5, 7) : null;
      if (digits !== null && part.text !== digits) out.push(zh ? `本行印作“${part.text}”，读作 ${digits}` : `printed “${part.text}”, read as ${digits}`);
    }
    else out.push(`**${row.name || part.text}** · ${tableName(table)}`);
  } else {
    out.push(`**${rowName(row) || '—'}** · ${tableName(table)}`);
  }
  const twins = sameCodeRows(model, row);
  if (twins.length > 0) {
    out.push(zh
      ? `同一科目在：${twins.map((r) => `${tableShort(r.block.table, locale)}（第 ${lineOf(r.span[0]) + 1} 行）`).join('、')}`
      : `the same code in: ${twins.map((r) => `${tableShort(r.block.table, locale)} (line ${lineOf(r.span[0]) + 1})`).join(', ')}`);
  }
  return out;
}
