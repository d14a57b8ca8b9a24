/** What a rule runs over. */
import type { Span } from '../yaml/tree.js';
import type { FactsOf, SubjectKind } from './catalogue.js';

/** What a rule runs over: a place in a document and the facts of its kind (catalogue.ts). */
export type Subject = {
  [K in SubjectKind]: { kind: K; file: string; path: string; span: Span; facts: FactsOf<K> };
}[SubjectKind];
