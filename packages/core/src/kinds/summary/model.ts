/** The typed model of result summaries. */
import type { EvaluatorType } from '../../format/evaluators.js';
import type { Figure } from '../../values/figure.js';

export interface SummaryEntry {
  no?: string;
  name: string;
  score?: Figure;
  grade?: string;
  project_id?: string;
  evaluator?: EvaluatorType;
  note?: string;
}

/** The fields a summary adds to a document. */
export interface SummaryFields {
  entries?: SummaryEntry[];
}
