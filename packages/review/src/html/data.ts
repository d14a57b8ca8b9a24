/**
 * The data embedded in the page for its script: rows of the submissions table, each submission's
 * findings with their excerpts, the rules' explanations and the scatter's points, in the chosen
 * language. Scores travel as the text they were formatted to from their Decimals; the script only
 * parses them to sort.
 */
import { evaluatorWord, formatGap, formatScore, kindWord, type Locale } from '../i18n.js';
import type { Excerpt, ReviewModel } from '../model.js';
import { WORDS } from './words.js';

export interface PageRow {
  id: number;
  file: string;
  kind: string;
  kindKey: string;
  unit: string;
  project: string;
  projectKey: string | null;
  year: number | null;
  evaluator: string;
  evaluatorKey: string;
  evaluatorName: string | null;
  score: string;
  self: string;
  external: string;
  externalEvaluator: string;
  gap: string;
  gapLevel: string;
  stated: string;
  computed: string;
  errors: number;
  warnings: number;
  infos: number;
}

/** Source lines: [first line, lines, [start line, start col, end line, end col]] (the mark). */
export type PageExcerpt = [number, string[], [number, number, number, number]];

/** A related place: file, line, column, message, the submission it is in (-1: none of the batch), its excerpt. */
export type PageRelated = [string, number, number, string, number, PageExcerpt | null];

/** A finding: rule, severity, message, line, column, path, excerpt, related places. */
export type PageFinding = [string, string, string, number, number, string | null, PageExcerpt | null, PageRelated[]];

export interface PageData {
  locale: Locale;
  words: (typeof WORDS)[Locale];
  rows: PageRow[];
  /** Findings by submission id (the same order as rows). */
  findings: PageFinding[][];
  rules: Record<string, { summary: string; what: string; why: string }>;
  /** Projects by key: the submissions about each. */
  projects: Record<string, { name: string; submissions: number[]; self: number | null; external: number | null }>;
  /** Scatter points (same order as the SVG's): the projects at each. */
  points: string[][];
  /** The first units of the ranking (the page links them). */
  units: string[];
}

function pageExcerpt(e: Excerpt | null): PageExcerpt | null {
  return e ? [e.firstLine, e.lines, [e.mark.startLine, e.mark.startColumn, e.mark.endLine, e.mark.endColumn]] : null;
}

export function pageData(model: ReviewModel, locale: Locale, points: string[][], units: string[]): PageData {
  const rows: PageRow[] = model.submissions.map((s) => ({
    id: s.id,
    file: s.file,
    kind: kindWord(s.kind, locale),
    kindKey: s.kind ?? 'unreadable',
    unit: s.unit,
    project: s.kind === 'summary' ? `${kindWord('summary', locale)}${locale === 'zh' ? `（${s.entries}）` : ` (${s.entries})`}` : s.projectName,
    projectKey: s.projectKey,
    year: s.year,
    evaluator: evaluatorWord(s.evaluator, locale),
    evaluatorKey: s.evaluator ?? '',
    evaluatorName: s.evaluatorName,
    score: formatScore(s.score),
    self: formatScore(s.selfScore),
    external: formatScore(s.externalScore),
    externalEvaluator: evaluatorWord(s.externalEvaluator, locale),
    gap: formatGap(s.gap),
    gapLevel: s.gapLevel,
    stated: s.statedGrade ?? '',
    computed: s.computedGrade ?? '',
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos,
  }));
  const findings: PageFinding[][] = model.submissions.map((s) =>
    s.findings.map((f) => [
      f.ruleId,
      f.severity,
      f.message[locale],
      f.line,
      f.column,
      f.path,
      pageExcerpt(f.excerpt),
      f.related.map((r): PageRelated => [r.file, r.line, r.column, r.message[locale], r.submission ?? -1, pageExcerpt(r.excerpt)]),
    ]),
  );
  // Keyed by what documents say (a project id may be `__proto__`): maps without a prototype, so that
  // every key is an own property of the object and of its JSON.
  const rules: PageData['rules'] = Object.create(null) as PageData['rules'];
  for (const r of model.rules) rules[r.ruleId] = { summary: r.summary[locale], what: r.what[locale], why: r.why[locale] };
  const projects: PageData['projects'] = Object.create(null) as PageData['projects'];
  for (const p of model.projects) projects[p.key] = { name: p.name, submissions: p.submissions, self: p.selfSubmission, external: p.externalSubmission };
  return { locale, words: WORDS[locale], rows, findings, rules, projects, points, units };
}
