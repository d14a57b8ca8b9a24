/** The scored kinds: evaluation reports and self-evaluation forms (their subjects' facts: catalogue.ts). */
import { EVALUATION_KINDS, type EvaluationKind } from './schema.js';

export function isEvaluationKind(kind: string): kind is EvaluationKind {
  return (EVALUATION_KINDS as readonly string[]).includes(kind);
}
