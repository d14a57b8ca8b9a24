/**
 * The schema of final accounts (部门决算) and budgets (部门预算 / 单位预算): the nine public tables as
 * tables of `|`-separated rows, each with its role, printed numbering, title and money unit.
 */
import { z } from 'zod';
import type { LeafBuilders } from '../../format/leaf-builders.js';

export const ACCOUNTS_KINDS = ['final-accounts', 'budget'] as const;
export type AccountsKind = (typeof ACCOUNTS_KINDS)[number];

/** What each of the nine tables is, whatever its local number (docs/format.md, “The tables”). */
export const TABLE_ROLES = ['summary', 'income', 'expenditure', 'fiscal-summary', 'general-public', 'general-public-basic', 'government-fund', 'state-capital', 'three-public', 'other'] as const;
export type TableRole = (typeof TABLE_ROLES)[number];

export const MONEY_UNITS = ['元', '万元', '千元', '亿元'] as const;

export function buildAccountsSchemas(b: LeafBuilders, common: Record<string, z.ZodType>) {
  const opt = <T extends z.ZodType>(t: T) => t.optional();
  const text = b.text;
  const block = z.strictObject({
    columns: z.array(text).describe('column names as printed (科目编码 | 类 | 款 | 项, 科目名称 / 项目, then the amount columns; a sub-column is written parent/child)'),
    rows: z.array(b.row).describe('one printed row: cells separated by |, blank cells empty'),
  });
  const table = z.strictObject({
    role: b.oneOf(TABLE_ROLES).describe('which standard table: summary | income | expenditure | fiscal-summary | general-public | general-public-basic | government-fund | state-capital | three-public | other'),
    no: opt(text).describe('the numbering as printed: 公开01表, 2, 表一'),
    title: opt(text).describe('the title as printed'),
    unit: opt(b.oneOf(MONEY_UNITS)).describe('the money unit of this table (default: the document’s unit)'),
    source: opt(z.union([text, z.strictObject({ document: opt(text), section: opt(text), pages: opt(text), lines: opt(text), note: opt(text) })])),
    note: opt(text).describe('注 under the table'),
    empty: opt(text).describe('空表说明: the sentence saying why the table holds no figures'),
    incomplete: opt(b.boolean).describe('the table is cut off in the source: its sums are not checked'),
    columns: opt(block.shape.columns),
    rows: opt(block.shape.rows),
    income: opt(block).describe('two-sided tables (summary, fiscal-summary): the 收入 side'),
    expenditure: opt(block).describe('two-sided tables: the 支出 side'),
  });
  const entity = z.strictObject({
    name: text.describe('部门 / 预算单位 as printed'),
    code: opt(text),
    level: opt(b.oneOf(['department', 'unit'])).describe('department (部门, with its units) | unit (单位)'),
    authority: opt(text).describe('主管部门'),
  });
  const fields = { ...common, entity: opt(entity), year: opt(b.integer).describe('the year the document is about'), public_tables: opt(z.array(table)) };
  return {
    'final-accounts': z.strictObject({ ...fields, kind: b.literal('final-accounts') }),
    budget: z.strictObject({ ...fields, kind: b.literal('budget') }),
  };
}
