/**
 * Subjects across the documents of one project: the same project's scores from evaluators of
 * different independence, and the same budget figure stated by several documents. They run over
 * compact project records (a few figures per document), so a run over thousands of files keeps
 * records, not whole documents.
 */
import { canonicalGrade, gradeFor, type CheckConfig } from '../config.js';
import type { EvaluatorType } from '../format/model.js';
import type { NumberFigure } from '../values/figure.js';
import { difference, exactQuantity, quantityOf } from '../values/tolerance.js';
import { plain } from './computed.js';
import { pushTo } from '../collections.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

/** How independent an evaluator is of the spending unit: the lower one is checked against the higher. */
const INDEPENDENCE: Record<EvaluatorType, number> = { self: 0, department: 1, finance: 2, 'third-party': 2 };
const EVALUATOR_NAME: Record<EvaluatorType, { zh: string; en: string }> = {
  self: { zh: '单位自评', en: 'self-evaluation' },
  department: { zh: '部门评价', en: 'department evaluation' },
  finance: { zh: '财政评价', en: 'finance evaluation' },
  'third-party': { zh: '第三方评价', en: 'third-party evaluation' },
};

export type ProjectFigureKey = 'adjusted' | 'spent' | 'execution_rate';
const FIGURE_LABEL: Record<ProjectFigureKey, { zh: string; en: string }> = {
  adjusted: { zh: '全年预算数', en: 'annual budget' },
  spent: { zh: '执行数', en: 'amount spent' },
  execution_rate: { zh: '预算执行率', en: 'budget execution rate' },
};

export interface ScoreSource {
  file: string;
  type: EvaluatorType;
  score: NumberFigure;
  grade?: string;
  /** A summary table's entry for the project (the score restated), not the document's own score. */
  entry?: boolean;
}

/** What one document contributes to its project's cross-document checks. */
export interface ProjectRecord {
  file: string;
  projectId?: string;
  evaluator: EvaluatorType;
  /** The document's own overall score and any summary-table entries, keyed by project id. */
  scores: { projectId: string; source: ScoreSource }[];
  figures: Partial<Record<ProjectFigureKey, NumberFigure>>;
}

/**
 * The project ids a record takes part in, its own first, each once. The list is made at its exact
 * length: a run keeps one per file until its cross-document phase (a spread of a Set over-allocates).
 */
export function projectsOf(r: { projectId?: string; scores: readonly { projectId: string }[] }): string[] {
  if (r.scores.length === 0) return r.projectId ? [r.projectId] : [];
  const ids = new Set<string>(r.projectId ? [r.projectId] : []);
  for (const s of r.scores) ids.add(s.projectId);
  const out = new Array<string>(ids.size);
  let i = 0;
  for (const id of ids) out[i++] = id;
  return out;
}

function evaluatorOf(view: DocView): EvaluatorType {
  return view.doc.evaluator?.type ?? (view.doc.kind === 'evaluation' ? 'department' : 'self');
}

export function projectRecordOf(view: DocView): ProjectRecord {
  const doc = view.doc;
  const projectId = doc.project?.id;
  const evaluator = evaluatorOf(view);
  const scores: ProjectRecord['scores'] = [];
  const score = num(doc.result?.score) ?? num(doc.total?.score);
  if (projectId && score) scores.push({ projectId, source: { file: view.file, type: evaluator, score, grade: doc.result?.grade } });
  for (const entry of doc.entries ?? []) {
    const s = num(entry.score);
    if (entry.project_id && s) scores.push({ projectId: entry.project_id, source: { file: view.file, type: entry.evaluator ?? evaluator, score: s, grade: entry.grade, entry: true } });
  }
  const figures: ProjectRecord['figures'] = {};
  const adjusted = num(doc.budget?.adjusted) ?? num(doc.funds?.total?.adjusted);
  const spent = num(doc.budget?.spent) ?? num(doc.funds?.total?.spent);
  const rate = num(doc.budget?.execution_rate) ?? num(doc.funds?.total?.rate);
  if (adjusted) figures.adjusted = adjusted;
  if (spent) figures.spent = spent;
  if (rate) figures.execution_rate = rate;
  return { file: view.file, projectId, evaluator, scores, figures };
}

/** The files of the projects that `views`' statements are about (other than the views' own files). */
export function peerFiles(views: readonly DocView[], records: readonly ProjectRecord[]): string[] {
  const wanted = new Set(views.flatMap((v) => (v.doc.statements ?? []).flatMap((st) => (st.about?.project ? [st.about.project] : []))));
  const own = new Set(views.map((v) => v.file));
  return [...new Set(records.filter((r) => r.projectId !== undefined && wanted.has(r.projectId) && !own.has(r.file)).map((r) => r.file))];
}

/** True when the record takes part in any cross-document check (worth keeping after its file is done). */
export function hasProjectFacts(record: ProjectRecord): boolean {
  return record.scores.length > 0 || record.projectId !== undefined;
}

function scoreGapSubjects(project: string, list: ScoreSource[], config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  const grade = (src: ScoreSource) => (src.grade ? canonicalGrade(src.grade, config) : gradeFor(src.score.value, config) ?? undefined);
  for (const a of list) {
    for (const b of list) {
      if (INDEPENDENCE[a.type] >= INDEPENDENCE[b.type]) continue;
      out.push({
        kind: 'project-pair', file: a.file, path: '', span: a.score.span,
        facts: {
          project: () => project,
          evaluator: () => EVALUATOR_NAME[a.type].zh,
          otherEvaluator: () => EVALUATOR_NAME[b.type].zh,
          evaluatorEn: () => EVALUATOR_NAME[a.type].en,
          otherEvaluatorEn: () => EVALUATOR_NAME[b.type].en,
          otherFile: () => b.file,
          score: () => a.score,
          otherScore: () => b.score,
          gap: () => plain(difference(quantityOf(a.score, config.tolerance), quantityOf(b.score, config.tolerance))),
          grade: () => grade(a),
          otherGrade: () => grade(b),
          gapWarn: () => plain(exactQuantity(config.gaps.warn)),
          gapError: () => plain(exactQuantity(config.gaps.error)),
        },
      });
    }
  }
  return out;
}

/**
 * One evaluator's score of a project stated in two documents (a summary's entry and the form or
 * report itself) is one score: the entry is compared with the document's own.
 */
function sameScoreSubjects(project: string, list: ScoreSource[]): Subject[] {
  const out: Subject[] = [];
  for (const reference of list.filter((s) => !s.entry)) {
    for (const s of list) {
      if (!s.entry || s.type !== reference.type || s.file === reference.file) continue;
      out.push({
        kind: 'project-figure', file: s.file, path: '', span: s.score.span,
        facts: {
          project: () => project, key: () => 'score',
          label: () => '得分', labelEn: () => 'score',
          value: () => s.score, other: () => reference.score,
          evaluator: () => EVALUATOR_NAME[s.type].zh, otherEvaluator: () => EVALUATOR_NAME[reference.type].zh,
          evaluatorEn: () => EVALUATOR_NAME[s.type].en, otherEvaluatorEn: () => EVALUATOR_NAME[reference.type].en,
          otherFile: () => reference.file,
        },
      });
    }
  }
  return out;
}

function figureSubjects(project: string, records: ProjectRecord[]): Subject[] {
  const out: Subject[] = [];
  const ordered = [...records].sort((x, y) => INDEPENDENCE[y.evaluator] - INDEPENDENCE[x.evaluator]);
  for (const key of Object.keys(FIGURE_LABEL) as ProjectFigureKey[]) {
    const reference = ordered.find((r) => r.figures[key] !== undefined);
    if (!reference) continue;
    for (const record of ordered) {
      const value = record.figures[key];
      if (record === reference || !value) continue;
      out.push({
        kind: 'project-figure', file: record.file, path: '', span: value.span,
        facts: {
          project: () => project, key: () => key,
          label: () => FIGURE_LABEL[key].zh, labelEn: () => FIGURE_LABEL[key].en,
          value: () => value, other: () => reference.figures[key],
          evaluator: () => EVALUATOR_NAME[record.evaluator].zh, otherEvaluator: () => EVALUATOR_NAME[reference.evaluator].zh,
          evaluatorEn: () => EVALUATOR_NAME[record.evaluator].en, otherEvaluatorEn: () => EVALUATOR_NAME[reference.evaluator].en,
          otherFile: () => reference.file,
        },
      });
    }
  }
  return out;
}

export function projectSubjects(records: readonly ProjectRecord[], config: CheckConfig): Subject[] {
  const scores = new Map<string, ScoreSource[]>();
  const docs = new Map<string, ProjectRecord[]>();
  for (const record of records) {
    if (record.projectId) pushTo(docs, record.projectId, record);
    for (const { projectId, source } of record.scores) pushTo(scores, projectId, source);
  }
  const out: Subject[] = [];
  for (const [project, list] of scores) out.push(...scoreGapSubjects(project, list, config), ...sameScoreSubjects(project, list));
  for (const [project, list] of docs) out.push(...figureSubjects(project, list));
  return out;
}
