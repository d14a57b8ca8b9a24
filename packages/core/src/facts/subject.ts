/** What a rule runs over. */
import type { RetypedScalar } from '../yaml/reparse.js';
import type { Span } from '../yaml/tree.js';
import type { FactsOf, SubjectKind } from './catalogue.js';

/**
 * A subject whose findings an editor may keep across an edit (engine/subject-reuse.ts): `key` names
 * it from one check of the document to the next (unique among the document's reusable subjects; an
 * edit that retypes a value changes neither what they are nor their order), and `unaffectedBy` says
 * whether a retyped value leaves every input of its facts as it was. When unsure: false.
 */
export interface ReusableSubject {
  readonly key: number;
  unaffectedBy(edit: RetypedScalar): boolean;
}

/** What a rule runs over: a place in a document and the facts of its kind (catalogue.ts). */
export type Subject = {
  [K in SubjectKind]: { kind: K; file: string; path: string; span: Span; facts: FactsOf<K>; readonly reuse?: ReusableSubject };
}[SubjectKind];
