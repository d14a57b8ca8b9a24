/** The fields each document kind that is a module adds to the document model (kinds/<kind>/model.ts): one entry per kind. */
import type { AccountsFields } from './accounts/model.js';
import type { EvaluationFields } from './evaluation/model.js';
import type { SummaryFields } from './summary/model.js';

export type KindFields = EvaluationFields & SummaryFields & AccountsFields;
