/**
 * What the review needs to know of one document: kind, unit, project, evaluator, scores and grades.
 * The grade a score falls in is the `expectedGrade` of the core's subject of that score (the result,
 * a summary's entry, a form's total): where the grades rules read it, with the same bands (the
 * document's own, else the configured ones).
 */
import {
  buildDocView, documentSubjects, factLookup, formatPath, isNumber,
  type CheckConfig, type DocumentKind, type EvaluatorType, type Figure, type JixiaoDocument,
} from '@jixiao/core';
import type { Score } from './model.js';

/** A score a summary table states for one of its projects. */
export interface EntryScore {
  projectKey: string;
  name: string;
  evaluator: EvaluatorType;
  score: Score;
  grade: string | null;
  /** The grade band its score falls in, as the grades rules compute it. */
  computedGrade: string | null;
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

/**
 * The `expectedGrade` of the scored subjects at `paths` (the rules' subjects of the document, read
 * until each path is found), by path.
 */
export function computedGrades(file: string, doc: JixiaoDocument, config: CheckConfig, paths: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (paths.length === 0) return out;
  const wanted = new Set(paths);
  // Statements need the other documents and give no grade: left out.
  for (const subject of documentSubjects(buildDocView(file, doc), null, config)) {
    if (subject.kind !== 'scored' || !wanted.has(subject.path) || out.has(subject.path)) continue;
    const grade = factLookup(subject)('expectedGrade');
    out.set(subject.path, typeof grade === 'string' ? grade : null);
    if (out.size === wanted.size) break;
  }
  return out;
}

/** `file` is the document's (where the check placed its figures). */
export function documentFacts(doc: JixiaoDocument, config: CheckConfig, file = ''): DocumentFacts {
  const evaluator = evaluatorOf(doc);
  const own = isNumber(doc.result?.score) ? 'result' : isNumber(doc.total?.score) ? 'total' : null;
  const score = scoreOf(doc.result?.score) ?? scoreOf(doc.total?.score);
  const stated = gradeText(doc.result?.grade) ?? gradeText(doc.total?.grade);
  const listed = (doc.entries ?? []).flatMap((e, i) => (e.project_id && isNumber(e.score) ? [{ e, path: formatPath(['entries', i]) }] : []));
  const grades = computedGrades(file, doc, config, [...(own ? [own] : []), ...listed.map((l) => l.path)]);
  const entries: EntryScore[] = listed.map(({ e, path }) => ({
    projectKey: e.project_id as string, name: e.name, evaluator: e.evaluator ?? evaluator, score: scoreOf(e.score) as Score,
    grade: gradeText(e.grade), computedGrade: grades.get(path) ?? null,
  }));
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
    computedGrade: own ? grades.get(own) ?? null : null,
    entries,
    entryCount: doc.entries?.length ?? 0,
  };
}
