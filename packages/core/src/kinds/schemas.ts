/** The kinds and zod schemas of the document kinds (kinds/<kind>/schema.ts): one entry per kind. */
import type { z } from 'zod';
import type { LeafBuilders } from '../format/leaf-builders.js';
import { ACCOUNTS_KINDS, buildAccountsSchemas } from './accounts/schema.js';
import { EVALUATION_KINDS, buildEvaluationSchemas } from './evaluation/schema.js';
import { SUMMARY_KINDS, buildSummarySchemas } from './summary/schema.js';

export const KIND_NAMES = [...EVALUATION_KINDS, ...SUMMARY_KINDS, ...ACCOUNTS_KINDS] as const;
export type DocumentKind = (typeof KIND_NAMES)[number];

/**
 * Each kind's schema over the fields it shares: `project` for the kinds about a project
 * (evaluation, self-evaluation, summary: project, evaluator, budget, funds …), `minimal` for the
 * others (format, source, unit, claims, statements, tables, notes).
 */
export function kindSchemas(b: LeafBuilders, shared: { project: Record<string, z.ZodType>; minimal: Record<string, z.ZodType> }): Record<DocumentKind, z.ZodType> {
  return {
    ...buildEvaluationSchemas(b, shared.project),
    ...buildSummarySchemas(b, shared.project),
    ...buildAccountsSchemas(b, shared.minimal),
  };
}
