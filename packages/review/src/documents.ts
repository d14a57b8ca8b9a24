/** What the review needs to know of one document: kind, unit, project, evaluator, scores and grades. */
import { gradeOfDocument, isNumber, type CheckConfig, type DocumentKind, type EvaluatorType, type Figure, type JixiaoDocument } from '@jixiao/core';
import type { Score } from './model.js';

/** A score a summary table states for one of its projects. */
export interface EntryScore {
  projectKey: string;
  name: string;
  evaluator: EvaluatorType;
  score: Score;
  grade: string | null;
}

export interface DocumentFacts {
  kind: DocumentKind;
  evaluator: EvaluatorType;
  evaluatorName: string | null;
  unit: string;
  authority: string | null;
  projectKey: string | null;
  projectName: string;
  year: number | null;
  score: Score | null;
  statedGrade: string | null;
  computedGrade: string | null;
  entries: EntryScore[];
  entryCount: number;
}

export function scoreOf(f: Figure | undefined): Score | null {
  return isNumber(f) ? { value: f.value, decimals: f.decimals } : null;
}

/** Text of a grade cell as stated, trimmed; null when blank. */
function gradeText(g: string | undefined): string | null {
  const t = g?.trim();
  return t ? t : null;
}

/** The evaluator, as the core's cross-document checks read it (reports default to department, others to self). */
export function evaluatorOf(doc: JixiaoDocument): EvaluatorType {
  return doc.evaluator?.type ?? (doc.kind === 'evaluation' ? 'department' : 'self');
}

/**
 * The key that links documents of one project: `project.id`; a project-scope document without one
 * is keyed by unit, name and year (it then stands alone unless another document says the same).
 */
export function projectKeyOf(doc: JixiaoDocument): string | null {
  const p = doc.project;
  if (p?.id) return p.id;
  if (doc.kind === 'summary' || p?.scope === 'department' || !p?.name) return null;
  return `${p.department ?? ''}｜${p.name}｜${p.year ?? ''}`;
}

export function documentFacts(doc: JixiaoDocument, config: CheckConfig): DocumentFacts {
  const evaluator = evaluatorOf(doc);
  const score = scoreOf(doc.result?.score) ?? scoreOf(doc.total?.score);
  const stated = gradeText(doc.result?.grade) ?? gradeText(doc.total?.grade);
  const entries: EntryScore[] = [];
  for (const e of doc.entries ?? []) {
    const s = scoreOf(e.score);
    if (e.project_id && s) entries.push({ projectKey: e.project_id, name: e.name, evaluator: e.evaluator ?? evaluator, score: s, grade: gradeText(e.grade) });
  }
  const unit = doc.project?.department ?? doc.entity?.name ?? doc.evaluator?.name ?? doc.project?.authority ?? doc.entity?.authority ?? '';
  return {
    kind: doc.kind,
    evaluator,
    evaluatorName: doc.evaluator?.name ?? null,
    unit,
    authority: doc.project?.authority ?? null,
    projectKey: projectKeyOf(doc),
    projectName: doc.project?.name ?? '',
    year: doc.project?.year ?? doc.year ?? null,
    score,
    statedGrade: stated,
    computedGrade: score ? gradeOfDocument(doc, score.value, config) : null,
    entries,
    entryCount: doc.entries?.length ?? 0,
  };
}
