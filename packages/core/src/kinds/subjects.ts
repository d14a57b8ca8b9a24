/** How each document kind turns a document into subjects (kinds/<kind>/subjects.ts): one entry per kind. */
import type { CheckConfig } from '../config.js';
import type { Subject } from '../facts/subject.js';
import type { DocView } from '../facts/views.js';
import type { JixiaoDocument } from '../format/model.js';
import type { Quantity } from '../values/tolerance.js';
import { isAccountsKind } from './accounts/kind.js';
import { accountsSubjects, accountsTermResolver } from './accounts/subjects.js';
import { isEvaluationKind } from './evaluation/kind.js';
import { evaluationSubjects } from './evaluation/subjects.js';
import { isSummaryKind } from './summary/kind.js';
import { summarySubjects } from './summary/subjects.js';

type TermResolver = (text: string) => { q: Quantity; percent: boolean } | undefined;

interface KindModule {
  owns: (kind: string) => boolean;
  /** The kind's own subjects of a document (besides the core's: statements, claims …). */
  subjects: (view: DocView, config: CheckConfig) => Iterable<Subject>;
  /** How `equals` terms that are no document path read (cells, for the accounts). */
  termResolver?: (file: string, doc: JixiaoDocument, config: CheckConfig) => TermResolver;
}

const MODULES: readonly KindModule[] = [
  { owns: isEvaluationKind, subjects: evaluationSubjects },
  { owns: isSummaryKind, subjects: summarySubjects },
  { owns: isAccountsKind, subjects: accountsSubjects, termResolver: accountsTermResolver },
];

export function* kindSubjects(view: DocView, config: CheckConfig): Generator<Subject> {
  for (const m of MODULES) if (m.owns(view.doc.kind)) yield* m.subjects(view, config);
}

export function kindTermResolver(file: string, doc: JixiaoDocument, config: CheckConfig): TermResolver | undefined {
  return MODULES.find((m) => m.owns(doc.kind))?.termResolver?.(file, doc, config);
}
