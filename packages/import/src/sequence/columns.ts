/**
 * Column names of a sequence table from its header lines: the code columns (one joined code, or
 * 类 / 款 / 项 when the rows print the parts apart), the name column, and the amount columns — a
 * template's when the header prints all its names (templates.ts), else the header line that names
 * as many columns as the rows have figures, else numbered 金额 columns.
 */
import type { TableRole } from '../recognise/titles.js';
import { templateColumns, type Template } from './templates.js';

const STRUCTURAL = /^(项目?|目|类|款|栏次|科目名称|.*编码|功能分.*|经济分.*|类科目|.*科目名称)$/;
const KIND = /^(预算数|决算数)$/;

/** The code columns, by how many parts the rows print (and what the header calls the code). */
export function codeColumns(parts: number, headerText: string): string[] {
  if (parts <= 0) return [];
  if (parts === 1) return [/功能分/.test(headerText) ? '功能分类科目编码' : /经济分/.test(headerText) ? '经济分类科目编码' : '科目编码'];
  return ['类', '款', '项'].slice(0, Math.min(3, parts));
}

/** The name column: 科目名称 where the header says so, else 项目. */
export function nameColumn(headerWords: readonly string[]): string {
  return headerWords.some((w) => /科目名称$/.test(w)) ? '科目名称' : '项目';
}

/** The amount columns' names, `count` of them. */
export function amountColumns(role: TableRole, side: Template['side'], headerLines: readonly string[][], count: number): string[] {
  const words = headerLines.flat();
  const template = templateColumns(role, side, words, count);
  if (template) return template;
  const named = headerLines.map((l) => l.filter((w) => !STRUCTURAL.test(w) && !KIND.test(w))).find((l) => l.length === count && new Set(l).size === count);
  if (named) return named;
  // The sub-header of kinds (决算数), where it names each column alone.
  const kinds = headerLines.map((l) => l.filter((w) => KIND.test(w))).find((l) => l.length === count);
  if (kinds && new Set(kinds).size === count) return kinds;
  return Array.from({ length: count }, (_, k) => (count === 1 ? '金额' : `金额${k + 1}`));
}
