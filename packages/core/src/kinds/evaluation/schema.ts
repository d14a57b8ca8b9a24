/**
 * The schema of the scored kinds: evaluation reports (绩效评价报告: scorecards) and self-evaluation
 * forms (绩效自评表: one indicator tree and its 总分), both indicator trees with weights and scores.
 */
import { z } from 'zod';
import type { LeafBuilders } from '../../format/leaf-builders.js';

export const EVALUATION_KINDS = ['evaluation', 'self-evaluation'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const SCORECARD_ROLES = ['system', 'scoring', 'summary', 'narrative', 'targets', 'other'] as const;
export const RULE_KINDS = ['proportional', 'linear', 'per-failure', 'checklist', 'text'] as const;

export interface IndicatorShape { [key: string]: unknown }

export function buildEvaluationSchemas(b: LeafBuilders, common: Record<string, z.ZodType>) {
  const opt = <T extends z.ZodType>(t: T) => t.optional();
  const text = b.text;
  const grade = b.text.describe('优 / 良 / 中 / 差');
  const source = common.source as z.ZodType;

  const scoringRule = z.strictObject({
    text: opt(text).describe('评分规则 as printed'),
    kind: opt(b.oneOf(RULE_KINDS)),
    full_at: opt(b.figure).describe('linear: full marks at or above this'),
    step: opt(b.figure).describe('linear: per this many points below full_at (default 1)'),
    per_step: opt(b.figure).describe('linear: points deducted per step'),
    per_step_of_weight: opt(b.figure).describe('linear: share of the weight deducted per step'),
    zero_below: opt(b.figure).describe('linear: no score below this'),
    cap: opt(b.figure).describe('proportional: the highest score (default the weight)'),
    per_failure: opt(b.figure).describe('per-failure: points per failing item'),
    failures: opt(b.integer).describe('per-failure: number of failing items'),
    items: opt(z.array(z.strictObject({ text: text, points: b.figure, met: opt(b.boolean) }))).describe('checklist criteria'),
  });

  const indicator: z.ZodType<IndicatorShape> = z.lazy(() =>
    z.strictObject({
      name: text.describe('指标名称'),
      printed_name: opt(text).describe('the name as printed, when it is an obvious typo of name'),
      no: opt(text).describe('序号'),
      code: opt(text),
      weight: opt(b.figure).describe('分值 / 权重'),
      deduction: opt(b.figure).describe('扣分'),
      score: opt(b.figure).describe('得分'),
      rate: opt(b.figure).describe('得分率'),
      grade: opt(grade),
      target: opt(b.value).describe('指标值 / 目标值'),
      actual: opt(b.value).describe('完成值 / 实际完成指标值'),
      measured: opt(b.value).describe('the value the scoring rule was applied to'),
      reason: opt(text).describe('扣分原因 / 偏差原因分析'),
      evidence: opt(text).describe('评分依据 / 依据来源'),
      explanation: opt(text).describe('指标解释'),
      guidance: opt(text).describe('评价要点 / 指标说明'),
      nature: opt(text).describe('定量 / 定性'),
      measure_unit: opt(text).describe('度量单位'),
      note: opt(text).describe('备注 or any other cell'),
      rule: opt(scoringRule),
      incomplete: opt(b.boolean).describe('not all children transcribed'),
      children: opt(z.array(indicator)),
    }),
  );

  const total = z.strictObject({
    name: opt(text),
    weight: opt(b.figure),
    deduction: opt(b.figure),
    score: opt(b.figure),
    rate: opt(b.figure),
    grade: opt(grade),
  });

  const scorecard = z.strictObject({
    id: text.describe('unique in the file'),
    title: opt(text),
    source: opt(source),
    role: opt(b.oneOf(SCORECARD_ROLES)),
    level: opt(b.integer).describe('level of the top indicators (1 = 一级)'),
    weight: opt(b.figure).describe('block weight printed above the table'),
    incomplete: opt(b.boolean),
    note: opt(text),
    indicators: z.array(indicator),
    total: opt(total),
  });

  return {
    // A report may be transcribed without its scoring tables (a text cut off before them): it is checked on what it holds.
    evaluation: z.strictObject({ ...common, kind: b.literal('evaluation'), scorecards: opt(z.array(scorecard)) }),
    'self-evaluation': z.strictObject({
      ...common,
      kind: b.literal('self-evaluation'),
      indicators_weight: opt(b.figure).describe('block weight printed on 绩效指标'),
      indicators: opt(z.array(indicator)),
      scorecards: opt(z.array(scorecard)),
      total: opt(total).describe('总分'),
    }),
  };
}
