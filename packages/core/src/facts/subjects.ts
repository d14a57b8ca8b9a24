/**
 * Subjects the rules run over, each with lazily computed facts: the core's (claims, statements,
 * results, rates, figures, grade bands, projects) and each document kind's (kinds/subjects.ts).
 */
import type { CheckConfig } from '../config.js';
import { kindSubjects } from '../kinds/subjects.js';
import { claimSubjects } from './claim-subjects.js';
import { figureSpellingSubjects, gradingSubjects } from './figure-subjects.js';
import { projectRecordOf, projectSubjects } from './project-subjects.js';
import { ratioSubjects } from './ratio-subjects.js';
import { documentResultSubjects } from './result-subjects.js';
import { statementSubjects } from './statement-subjects.js';
import { sumSubjects } from './sum-subjects.js';
import { textFigureSubjects } from './text-figures.js';
import type { Subject } from './subject.js';
import type { DocView } from './views.js';

export { SUBJECT_KINDS, type SubjectKind } from './catalogue.js';
export type { Subject } from './subject.js';
export { aboutDocument, statementSubjects } from './statement-subjects.js';

/** Every subject of a set of documents checked together. */
export function buildSubjects(views: DocView[], config: CheckConfig): Subject[] {
  return [...projectSubjects(views.map(projectRecordOf), config), ...views.flatMap((view) => [...documentSubjects(view, views, config)])];
}

/**
 * The subjects of one document. `peers` are the documents its statements may be about (found by
 * project id and evaluator); pass `[view]` when it has none, or null to leave its statements out
 * (for `statementSubjects` later, once the peers are known).
 */
export function* documentSubjects(view: DocView, peers: readonly DocView[] | null, config: CheckConfig): Generator<Subject> {
  // Yielded as made: the rules run on each and it can go (a dense document has hundreds of thousands).
  yield* kindSubjects(view, config);
  yield* claimSubjects(view, config);
  if (peers) yield* statementSubjects(view, peers, config);
  yield* documentResultSubjects(view, config);
  yield* ratioSubjects(view, config);
  yield* sumSubjects(view, config);
  yield* textFigureSubjects(view, config);
  yield* figureSpellingSubjects(view);
  yield* gradingSubjects(view, config);
}

/** True when some statement of the document is about another document (so it needs its peers). */
export function needsPeers(view: DocView): boolean {
  return (view.doc.statements ?? []).some((st) => st.about !== undefined);
}
