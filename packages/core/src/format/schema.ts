/**
 * The `jixiao/1` document schemas, written once over a set of leaf builders:
 * - `located` leaves read YAML scalars (Leaf) into exact figures with their source spans;
 * - `json` leaves describe the same shape for the JSON Schema that editors use to complete keys.
 */
import { z } from 'zod';
import { KIND_NAMES, kindSchemas } from '../kinds/schemas.js';

export type { LeafBuilders } from './leaf-builders.js';
import type { LeafBuilders } from './leaf-builders.js';

import { EVALUATOR_TYPES } from './evaluators.js';
export { EVALUATOR_TYPES };
/** Every document kind: each is a module in kinds/ (kinds/schemas.ts lists them). */
export const DOCUMENT_KINDS = KIND_NAMES;
export const CHANGE_DIRECTIONS = ['增加', '增长', '上升', '大于', '高于', '减少', '下降', '小于', '低于', '持平'] as const;

export function buildSchemas(b: LeafBuilders) {
  const opt = <T extends z.ZodType>(t: T) => t.optional();
  const text = b.text;

  const source = z.union([
    text,
    z.strictObject({ document: opt(text), section: opt(text), pages: opt(text), lines: opt(text), note: opt(text) }),
  ]).describe('where in the source document this comes from');

  const project = z.strictObject({
    id: opt(text).describe('explicit link id shared by every document about this project'),
    name: opt(text).describe('项目名称'),
    code: opt(text).describe('项目编码'),
    department: opt(text).describe('单位 / 实施单位'),
    department_code: opt(text).describe('单位编码, e.g. 219001'),
    authority: opt(text).describe('主管部门'),
    year: opt(b.integer).describe('budget year'),
    scope: opt(b.oneOf(['project', 'department'])).describe('project, or department (部门整体支出)'),
  });

  const evaluator = z.strictObject({
    type: b.oneOf(EVALUATOR_TYPES).describe('单位自评 self | 部门评价 department | 财政评价 finance | 第三方 third-party'),
    name: opt(text),
  });

  const budget = z.strictObject({
    planned: opt(b.figure).describe('年初预算数'),
    adjusted: opt(b.figure).describe('全年预算数 / 预算安排'),
    received: opt(b.figure).describe('实际到位资金'),
    spent: opt(b.figure).describe('实际支出 / 全年执行数'),
    execution_rate: opt(b.figure).describe('预算执行率 as stated'),
    received_rate: opt(b.figure).describe('资金到位率 as stated'),
    note: opt(text),
  });

  const fundsRowFields = {
    planned: opt(b.figure).describe('年初预算数'),
    adjusted: opt(b.figure).describe('全年预算数 (A)'),
    received: opt(b.figure).describe('到位数'),
    spent: opt(b.figure).describe('全年执行数 (B)'),
    rate: opt(b.figure).describe('执行率 (B/A) as stated'),
    weight: opt(b.figure).describe('分值'),
    score: opt(b.figure).describe('得分'),
    reason: opt(text).describe('原因'),
    note: opt(text).describe('得分计算方法 / 备注 as printed'),
  };
  const fundsRow = z.strictObject(fundsRowFields);
  const namedFundsRow = z.strictObject({ name: text, under: opt(text).describe('其中: the name of the row this row is part of'), ...fundsRowFields });
  const funds = z.strictObject({
    weight: opt(b.figure).describe('分值 of the execution line'),
    total: opt(fundsRow).describe('年度资金总额'),
    current_year: opt(fundsRow).describe('当年财政拨款'),
    carried_over: opt(fundsRow).describe('上年结转资金'),
    other: opt(fundsRow).describe('其他资金'),
    rows: opt(z.array(namedFundsRow)).describe('other named source rows (财政资金, 财政专户管理资金, 单位资金 …): parts of total'),
    spending: opt(z.strictObject({
      basic: opt(fundsRow).describe('基本支出'),
      personnel: opt(fundsRow).describe('其中：人员经费 (part of basic)'),
      public_use: opt(fundsRow).describe('其中：公用经费 (part of basic)'),
      project: opt(fundsRow).describe('项目支出'),
      rows: opt(z.array(namedFundsRow)).describe('other named spending rows: parts of total'),
    })).describe('the same money by spending (部门整体支出: 基本支出 = 人员经费 + 公用经费; 项目支出)'),
    incomplete: opt(b.boolean).describe('cut off in the source: its sums are not checked'),
  });

  const goal = z.strictObject({ planned: opt(text).describe('年初预期目标'), achieved: opt(text).describe('目标实际完成情况') });
  const grade = b.text.describe('优 / 良 / 中 / 差');
  const result = z.strictObject({ score: opt(b.figure), rate: opt(b.figure), grade: opt(grade), deduction: opt(b.figure) });
  const grading = z.strictObject({
    text: opt(text),
    bands: opt(z.array(z.strictObject({ grade: text, min: b.figure, max: opt(b.figure) }))),
  });

  const claim = z.strictObject({
    text: text.describe('the sentence as printed'),
    source: opt(source),
    count: b.integer,
    scorecards: opt(z.array(text)),
    scorecard: opt(text),
    level: opt(b.integer),
    under: opt(text),
    items: opt(z.array(text)),
    open: opt(b.boolean).describe('等: the list is not exhaustive'),
    parts: opt(z.array(b.figure)),
    subject: opt(text).describe('claims with the same subject must agree'),
    entries: opt(b.boolean).describe('counts the summary entries'),
    grade: opt(grade),
  });

  const expr: z.ZodType<unknown> = z.lazy(() =>
    z.union([
      text,
      z.strictObject({ sum: z.array(expr) }),
      z.strictObject({ difference: z.array(expr) }),
      z.strictObject({ ratio: z.array(expr) }),
    ]),
  );

  const statementFigure = z.strictObject({
    value: b.requiredValue.describe('the figure as the sentence states it (a number, or a word such as 优)'),
    name: opt(text),
    refers: opt(text).describe('path of the figure restated, e.g. funds.total.adjusted'),
    cell: opt(text).describe('the table cell restated (final accounts, budgets): role/row/column, e.g. expenditure/合计/基本支出'),
    share: opt(z.strictObject({ part: text, whole: text })).describe('a share: part ÷ whole (cells or figures)'),
    equals: opt(expr).describe('expression the figure must equal: {sum|difference|ratio: [...]}'),
    note: opt(text),
  });
  const change = z.strictObject({
    name: opt(text),
    current: text.describe('this year: a figure or a cell'),
    previous: opt(text).describe('last year, when stated: a figure or a cell'),
    amount: opt(b.figure).describe('增减额 as printed, without sign'),
    direction: opt(z.union([b.oneOf(CHANGE_DIRECTIONS), z.array(b.oneOf(CHANGE_DIRECTIONS))])).describe('增加 / 增长 / 上升 / 大于 / 高于 / 减少 / 下降 / 小于 / 低于 / 持平; a list when the sentence uses several words for one change'),
    rate: opt(b.figure).describe('增减率 as printed, without sign'),
  });

  const statement = z.strictObject({
    text: text,
    source: opt(source),
    about: opt(z.strictObject({ project: text, evaluator: opt(b.oneOf(EVALUATOR_TYPES)), kind: opt(b.oneOf(DOCUMENT_KINDS)) })),
    figures: opt(z.array(statementFigure)),
    total: opt(b.value).describe('the total the sentence states, or the path of the figure it is (funds.total.adjusted)'),
    parts: opt(z.array(b.figure)),
    changes: opt(z.array(change)).describe('year-on-year changes the sentence states'),
    shares: opt(b.oneOf(['complete'])).describe('complete: the share figures are all the parts of one whole (they add to 100%)'),
  });

  const table = z.strictObject({
    id: text,
    title: opt(text),
    note: opt(text),
    source: opt(source),
    columns: opt(z.array(text)),
    incomplete: opt(z.union([b.boolean, z.array(text)])).describe('cut off in the source: true (no sum is checked) or the columns that are cut off'),
    rows: z.array(z.strictObject({
      name: opt(text),
      code: opt(text).describe('科目编码 (301, 30101 …): a row whose code extends another row\'s is part of it'),
      under: opt(text).describe('其中: the name of the row this row is part of'),
      values: z.array(b.value).describe('one cell per column; a blank cell is written \'\' and counts as 0'),
    })),
    total: opt(z.strictObject({ name: opt(text), values: z.array(b.value) })),
  });

  const common = {
    format: b.literal('jixiao/1'),
    source: opt(source),
    project: opt(project),
    evaluator: opt(evaluator),
    unit: opt(text).describe('money unit, e.g. 万元'),
    budget: opt(budget),
    funds: opt(funds),
    goal: opt(goal),
    result: opt(result),
    grading: opt(grading),
    claims: opt(z.array(claim)),
    statements: opt(z.array(statement)),
    tables: opt(z.array(table)),
    notes: opt(text),
    incomplete: opt(b.boolean).describe('the source is cut off (parts missing, e.g. a form whose 预算执行 block is on a page not transcribed): totals over the whole document are not checked'),
  };

  const { format, source: src, unit, claims, statements, tables, notes } = common;
  return kindSchemas(b, { project: common, minimal: { format, source: src, unit, claims, statements, tables, notes } });
}
