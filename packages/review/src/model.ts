/**
 * The review model: what the finance bureau's reviewer sees of a batch, independent of how it is
 * shown (HTML, CSV, xlsx). Scores and gaps are decimal.js Decimals read from the documents' text;
 * messages carry both languages.
 */
import type { Decimal } from '@jixiao/core';
import type { DocumentKind, EvaluatorType, Messages, Severity } from '@jixiao/core';

/** A score as stated (its value and the decimals it was written with). */
export interface Score {
  value: Decimal;
  decimals: number;
}

/** The lines of the YAML around a finding's figure; `mark` is the figure (1-based lines, 0-based UTF-16 columns, end exclusive). */
export interface Excerpt {
  firstLine: number;
  lines: string[];
  mark: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

/** A place a finding points to (the other side of a comparison), usually in another document of the batch. */
export interface RelatedView {
  file: string;
  line: number;
  column: number;
  message: Messages;
  /** The submission of the batch that is `file`, if any. */
  submission: number | null;
  /** The lines around the place, the place marked (when its file is in the batch and readable). */
  excerpt: Excerpt | null;
}

export interface FindingView {
  ruleId: string;
  /** The rule's pack (`sums`, `parse`, `schema` …): the part of the id before the slash. */
  pack: string;
  severity: Severity;
  message: Messages;
  line: number;
  column: number;
  path: string | null;
  excerpt: Excerpt | null;
  related: RelatedView[];
}

/** One document of the batch (a form, a report, a summary table, or a file that could not be read). */
export interface Submission {
  /** Position in the batch (sorted by file), used as its anchor: `#s/<id>`. */
  id: number;
  /** As given on the command line (relative paths stay relative). */
  file: string;
  kind: DocumentKind | null;
  evaluator: EvaluatorType | null;
  evaluatorName: string | null;
  /** The spending unit (project.department), else the evaluator's name. */
  unit: string;
  authority: string | null;
  /** The project key (`project.id`; documents without one: unit, name and year) or null (department-wide, unreadable). */
  projectKey: string | null;
  projectName: string;
  year: number | null;
  /** The document's own overall score (result.score, else total.score). */
  score: Score | null;
  /** The project's self-score and most independent external score, and their difference (self − external). */
  selfScore: Score | null;
  externalScore: Score | null;
  externalEvaluator: EvaluatorType | null;
  gap: Score | null;
  gapLevel: GapLevel;
  /** The grade the document states (result.grade, else total.grade). */
  statedGrade: string | null;
  /** The grade band its score falls in, as the grades rules compute it (the document's own bands, else config grades.bands). */
  computedGrade: string | null;
  /** Entries of a summary table. */
  entries: number;
  errors: number;
  warnings: number;
  infos: number;
  findings: FindingView[];
}

/** none: no comparison or within the threshold; warn: self − external ≥ gaps.warn; error: ≥ gaps.error. */
export type GapLevel = 'none' | 'warn' | 'error';

/** A project seen from several documents: the point of the scatter plot. */
export interface ProjectView {
  key: string;
  name: string;
  unit: string;
  year: number | null;
  selfScore: Score | null;
  /** The submission the self-score comes from (a form or report; else a summary table). */
  selfSubmission: number | null;
  externalScore: Score | null;
  externalEvaluator: EvaluatorType | null;
  externalSubmission: number | null;
  gap: Score | null;
  gapLevel: GapLevel;
  /** The grade bands of the two scores, as their documents' subjects give them (documents.ts). */
  selfGrade: string | null;
  externalGrade: string | null;
  /** Every submission about the project. */
  submissions: number[];
}

export interface RuleStat {
  ruleId: string;
  pack: string;
  severity: Severity;
  count: number;
  /** Submissions with at least one such finding. */
  submissions: number;
  summary: Messages;
  what: Messages;
  why: Messages;
}

export interface UnitStat {
  unit: string;
  submissions: number;
  errors: number;
  warnings: number;
  /** Projects of the unit whose self-score is at least gaps.warn above the external score. */
  inflated: number;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface Overview {
  /** Every file of the batch. */
  documents: number;
  /** Documents the units submitted themselves (evaluator self: forms, self-evaluation reports, summary tables). */
  submissions: number;
  byKind: Record<DocumentKind | 'unreadable', number>;
  byEvaluator: Record<EvaluatorType, number>;
  projects: number;
  /** Projects with both a self-score and an external score. */
  compared: number;
  findings: SeverityCounts;
  byPack: { pack: string; counts: SeverityCounts }[];
  /** Submissions with at least one error. */
  withErrors: number;
  /** Grade (by band) of the projects' self-scores and external scores. */
  grades: { grade: string; self: number; external: number }[];
  overWarn: number;
  overError: number;
}

export interface Thresholds {
  warn: Decimal;
  error: Decimal;
  bands: { grade: string; min: Decimal }[];
}

export interface ReviewModel {
  submissions: Submission[];
  projects: ProjectView[];
  rules: RuleStat[];
  units: UnitStat[];
  overview: Overview;
  /** The settings of the config that governs most files (the scatter's band, the README's bands). */
  thresholds: Thresholds;
  /** What was reviewed, as given on the command line (shown under the page's title). */
  title: string;
}
