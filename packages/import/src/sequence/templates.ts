/**
 * The amount columns of the public tables as the national templates order them (财政部 部门决算
 * 公开表 01–09). A sequence text prints a table's header cells in reading order, wrapped cells in
 * pieces on other lines (附属单位上缴 / 收入), so the header alone does not give the columns' order;
 * a template is used only when every one of its names is printed in the header (whole or in pieces)
 * and it has as many columns as the rows have figures. `a/b` is column b under group a.
 */
import type { TableRole } from '../recognise/titles.js';

export interface Template {
  role: TableRole;
  side?: 'income' | 'expenditure';
  columns: string[];
}

const FUND_COLUMNS = ['年初结转和结余', '本年收入/合计', '本年支出/合计', '本年支出/基本支出', '本年支出/项目支出', '年末结转和结余'];

export const TEMPLATES: readonly Template[] = [
  { role: 'income', columns: ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'] },
  { role: 'expenditure', columns: ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'] },
  { role: 'fiscal-summary', side: 'expenditure', columns: ['合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'] },
  { role: 'general-public', columns: ['合计', '基本支出', '项目支出'] },
  { role: 'three-public', columns: ['合计', '因公出国（境）费', '公务用车购置及运行维护费/小计', '公务用车购置及运行维护费/公务用车购置费', '公务用车购置及运行维护费/公务用车运行维护费', '公务接待费'] },
  { role: 'government-fund', columns: FUND_COLUMNS },
  { role: 'state-capital', columns: FUND_COLUMNS },
];

/** `name` is the concatenation of header words (each word may serve more than once). */
function covered(name: string, words: ReadonlySet<string>): boolean {
  const can: boolean[] = [true];
  for (let i = 1; i <= name.length; i++) {
    can[i] = false;
    for (let j = 0; j < i && !can[i]; j++) if (can[j] && words.has(name.slice(j, i))) can[i] = true;
  }
  return can[name.length] === true;
}

/** The template's columns for this table when the header prints all of them; `count` when known must match. */
export function templateColumns(role: TableRole, side: Template['side'], headerWords: readonly string[], count?: number): string[] | undefined {
  const words = new Set(headerWords);
  for (const t of TEMPLATES) {
    if (t.role !== role || t.side !== side) continue;
    if (count !== undefined && t.columns.length !== count) continue;
    if (t.columns.every((c) => c.split('/').every((part) => covered(part, words)))) return [...t.columns];
  }
  return undefined;
}
