/**
 * Projects across the batch: each project's self-score (the unit's form or report, else its line in
 * a summary table) against its most independent external score (finance or third-party, else
 * department), the gap in exact decimals and whether it reaches the configured thresholds. The
 * grades are those of the scores' documents (documents.ts: as the grades rules compute them).
 */
import type { CheckConfig, EvaluatorType } from '@jixiao/core';
import type { DocumentFacts } from './documents.js';
import type { GapLevel, ProjectView, Score } from './model.js';

/** One document of the batch as the project linking sees it. */
export interface DocRecord {
  id: number;
  facts: DocumentFacts | null;
  config: CheckConfig;
}

/** How independent an evaluator is of the spending unit (as the core's gap rules rank them). */
export const INDEPENDENCE: Record<EvaluatorType, number> = { self: 0, department: 1, finance: 2, 'third-party': 2 };

interface Candidate {
  score: Score;
  /** The grade band of the score, from its document's subjects. */
  grade: string | null;
  evaluator: EvaluatorType;
  submission: number;
  /** 0: the document's own score; 1: a line of a summary table. */
  rank: number;
  config: CheckConfig;
}

/** self − external, with the decimals of the more precise operand. */
export function gapOf(self: Score, external: Score): Score {
  return { value: self.value.minus(external.value), decimals: Math.max(self.decimals, external.decimals) };
}

export function gapLevel(gap: Score | null, config: CheckConfig): GapLevel {
  if (!gap) return 'none';
  if (gap.value.gte(config.gaps.error)) return 'error';
  if (gap.value.gte(config.gaps.warn)) return 'warn';
  return 'none';
}

/** The better of two candidates: own scores before summary lines, then more independent, then earlier in the batch. */
function better(a: Candidate | undefined, b: Candidate, external: boolean): Candidate {
  if (!a) return b;
  if (external && INDEPENDENCE[a.evaluator] !== INDEPENDENCE[b.evaluator]) return INDEPENDENCE[b.evaluator] > INDEPENDENCE[a.evaluator] ? b : a;
  if (a.rank !== b.rank) return b.rank < a.rank ? b : a;
  return b.submission < a.submission ? b : a;
}

interface Draft {
  key: string;
  name: string;
  unit: string;
  year: number | null;
  self?: Candidate;
  external?: Candidate;
  submissions: Set<number>;
  /** The name etc. come from a project document (not a summary line) once one is seen. */
  named: boolean;
}

export function linkProjects(docs: readonly DocRecord[]): ProjectView[] {
  const drafts = new Map<string, Draft>();
  const draftOf = (key: string): Draft => {
    let d = drafts.get(key);
    if (!d) {
      d = { key, name: '', unit: '', year: null, submissions: new Set(), named: false };
      drafts.set(key, d);
    }
    return d;
  };
  const offer = (d: Draft, c: Candidate) => {
    if (c.evaluator === 'self') d.self = better(d.self, c, false);
    else d.external = better(d.external, c, true);
  };
  for (const { id, facts, config } of docs) {
    if (!facts) continue;
    if (facts.projectKey) {
      const d = draftOf(facts.projectKey);
      d.submissions.add(id);
      if (!d.named || (facts.evaluator === 'self' && d.self === undefined)) {
        d.name = facts.projectName;
        d.unit = facts.unit;
        d.year = facts.year;
        d.named = true;
      }
      if (facts.score) offer(d, { score: facts.score, grade: facts.computedGrade ?? null, evaluator: facts.evaluator, submission: id, rank: 0, config });
    }
    for (const e of facts.entries) {
      const d = draftOf(e.projectKey);
      d.submissions.add(id);
      if (!d.named && !d.name) {
        d.name = e.name;
        d.unit = facts.unit;
        d.year = facts.year;
      }
      offer(d, { score: e.score, grade: e.computedGrade ?? null, evaluator: e.evaluator, submission: id, rank: 1, config });
    }
  }
  return [...drafts.values()].map((d) => {
    const gap = d.self && d.external ? gapOf(d.self.score, d.external.score) : null;
    // The self side's settings decide (the unit's config); else the external side's.
    const config = (d.self ?? d.external)?.config;
    return {
      key: d.key,
      name: d.name,
      unit: d.unit,
      year: d.year,
      selfScore: d.self?.score ?? null,
      selfSubmission: d.self?.submission ?? null,
      externalScore: d.external?.score ?? null,
      externalEvaluator: d.external?.evaluator ?? null,
      externalSubmission: d.external?.submission ?? null,
      gap,
      gapLevel: config ? gapLevel(gap, config) : 'none',
      selfGrade: d.self?.grade ?? null,
      externalGrade: d.external?.grade ?? null,
      submissions: [...d.submissions].sort((a, b) => a - b),
    };
  });
}
