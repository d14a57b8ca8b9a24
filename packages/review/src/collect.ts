/**
 * From the results of a check run (as `jixiao check` makes them) to the review model: each file's
 * document facts and findings with their source excerpts, the projects linked across files, and
 * the batch's statistics. Each file is read once more, on its own, so a batch of thousands of
 * files never holds more than one document at a time; a file that findings point to (the related
 * places of cross-document rules) is read once more again, for the excerpts of those places.
 */
import { ACCOUNTS_KINDS, LineIndex, loadDocument, readTextFileSync, type CheckConfig, type FileResult, type Finding, type JixiaoDocument, type Messages, type Range, type Rule } from '@jixiao/core';
import { documentFacts, type DocumentFacts } from './documents.js';
import { excerptOf } from './excerpt.js';
import type { FindingView, RelatedView, ReviewModel, Submission } from './model.js';
import { linkProjects, type DocRecord } from './projects.js';
import { overviewOf, ruleStats, thresholdsOf, unitStats, type RuleDocs } from './stats.js';

/** The results of files checked with one config (a group of `jixiao check`). */
export interface ReviewBatch {
  config: CheckConfig;
  rules: readonly Rule[];
  results: readonly FileResult[];
}

export interface CollectOptions {
  /** Shown under the page's title: what was reviewed. */
  title?: string;
  /** Docs for finding ids that are not rules of a pack (parse/…, schema/…, io/…). */
  docsFor?: (ruleId: string) => RuleDocs | undefined;
}

export const packOf = (ruleId: string): string => ruleId.split('/')[0] ?? ruleId;

/** The file's text and document: from the result when the run kept them, else read again. */
function reread(result: FileResult): { text: string | null; doc: JixiaoDocument | null } {
  if (result.loaded) return { text: result.text, doc: result.loaded.document };
  const read = readTextFileSync(result.file);
  if (!read.ok) return { text: null, doc: null };
  try {
    return { text: read.text, doc: loadDocument(result.file, read.text).document };
  } catch {
    return { text: read.text, doc: null };
  }
}

/** A related place waiting for its excerpt: the view to fill and the range to mark. */
interface PendingPlace {
  view: RelatedView;
  range: Range;
}

function findingView(f: Finding, lines: LineIndex | null, places: PendingPlace[]): FindingView {
  const range = f.range ?? (lines ? { start: lines.position(f.span[0]), end: lines.position(f.span[1]) } : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
  return {
    ruleId: f.ruleId,
    pack: packOf(f.ruleId),
    severity: f.severity,
    message: f.message,
    line: range.start.line,
    column: range.start.column,
    path: f.path ?? null,
    excerpt: lines && lines.text.length > 0 ? excerptOf(lines, range) : null,
    related: f.related.map((r) => {
      const view: RelatedView = { file: r.file, line: r.range?.start.line ?? 1, column: r.range?.start.column ?? 1, message: r.message, submission: null, excerpt: null };
      if (r.range) places.push({ view, range: r.range });
      return view;
    }),
  };
}

/** Links each related place to its submission and gives it the lines around it, reading each file they point to once. */
function placeRelated(places: readonly PendingPlace[], files: readonly { result: FileResult }[]): void {
  const byFile = new Map<string, PendingPlace[]>();
  for (const p of places) {
    const list = byFile.get(p.view.file);
    if (list) list.push(p);
    else byFile.set(p.view.file, [p]);
  }
  const ids = new Map(files.map((f, id) => [f.result.file, id]));
  for (const [file, list] of byFile) {
    const id = ids.get(file);
    if (id === undefined) continue;
    const { text } = reread((files[id] as { result: FileResult }).result);
    const lines = text !== null && text.length > 0 ? new LineIndex(text) : null;
    for (const p of list) {
      p.view.submission = id;
      if (lines && p.range.start.line <= lines.lineCount) p.view.excerpt = excerptOf(lines, p.range);
    }
  }
}

function submissionOf(id: number, result: FileResult, facts: DocumentFacts | null, lines: LineIndex | null, places: PendingPlace[]): Submission {
  const findings = result.findings.map((f) => findingView(f, lines, places));
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return {
    id,
    file: result.file,
    kind: facts?.kind ?? null,
    // Final accounts and budgets have no evaluator: they are the unit's own accounts, not an evaluation.
    evaluator: facts && !(ACCOUNTS_KINDS as readonly string[]).includes(facts.kind) ? facts.evaluator : null,
    evaluatorName: facts?.evaluatorName ?? null,
    unit: facts?.unit ?? '',
    authority: facts?.authority ?? null,
    projectKey: facts?.projectKey ?? null,
    projectName: facts?.projectName ?? '',
    year: facts?.year ?? null,
    score: facts?.score ?? null,
    selfScore: null,
    externalScore: null,
    externalEvaluator: null,
    gap: null,
    gapLevel: 'none',
    statedGrade: facts?.statedGrade ?? null,
    computedGrade: facts?.computedGrade ?? null,
    entries: facts?.entryCount ?? 0,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    findings,
  };
}

export function collectReview(batches: readonly ReviewBatch[], options: CollectOptions = {}): ReviewModel {
  const files = batches.flatMap((b) => b.results.map((result) => ({ result, config: b.config })));
  files.sort((a, b) => (a.result.file < b.result.file ? -1 : a.result.file > b.result.file ? 1 : 0));
  const submissions: Submission[] = [];
  const records: DocRecord[] = [];
  const places: PendingPlace[] = [];
  files.forEach(({ result, config }, id) => {
    const { text, doc } = reread(result);
    const facts = doc ? documentFacts(doc, config, result.file) : null;
    const lines = text !== null ? new LineIndex(text) : null;
    submissions.push(submissionOf(id, result, facts, lines, places));
    records.push({ id, facts, config });
  });
  placeRelated(places, files);

  const projects = linkProjects(records);
  for (const p of projects) {
    for (const id of p.submissions) {
      const s = submissions[id];
      // A summary table lists many projects: its row shows none of them.
      if (!s || s.kind === 'summary') continue;
      s.selfScore = p.selfScore;
      s.externalScore = p.externalScore;
      s.externalEvaluator = p.externalEvaluator;
      s.gap = p.gap;
      s.gapLevel = p.gapLevel;
    }
  }

  const rules = new Map<string, Rule>();
  for (const b of batches) for (const r of b.rules) if (!rules.has(r.id)) rules.set(r.id, r);
  const docsOf = (id: string): RuleDocs => {
    const rule = rules.get(id);
    if (rule) return { summary: rule.summary, what: rule.docs.what, why: rule.docs.why };
    return options.docsFor?.(id) ?? { summary: { zh: id, en: id } satisfies Messages, what: { zh: '', en: '' }, why: { zh: '', en: '' } };
  };
  const thresholds = thresholdsOf(batches.map((b) => ({ config: b.config, files: b.results.length })));
  return {
    submissions,
    projects,
    rules: ruleStats(submissions, docsOf),
    units: unitStats(submissions, projects),
    overview: overviewOf(submissions, projects, thresholds),
    thresholds,
    title: options.title ?? '',
  };
}
