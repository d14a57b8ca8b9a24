/** The schema of result summaries (自评结果汇总表 / 评价结果汇总): one entry per project with its score and grade. */
import { z } from 'zod';
import { EVALUATOR_TYPES } from '../../format/evaluators.js';
import type { LeafBuilders } from '../../format/leaf-builders.js';

export const SUMMARY_KINDS = ['summary'] as const;

export function buildSummarySchemas(b: LeafBuilders, common: Record<string, z.ZodType>) {
  const opt = <T extends z.ZodType>(t: T) => t.optional();
  const text = b.text;
  const entry = z.strictObject({
    no: opt(text),
    name: text,
    score: opt(b.figure),
    grade: opt(b.text.describe('优 / 良 / 中 / 差')),
    project_id: opt(text),
    evaluator: opt(b.oneOf(EVALUATOR_TYPES)),
    note: opt(text),
  });
  return { summary: z.strictObject({ ...common, kind: b.literal('summary'), entries: opt(z.array(entry)) }) };
}
