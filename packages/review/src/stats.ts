/** The batch in numbers: overview counts, the rules most often broken, the units with most errors. */
import type { CheckConfig, DocumentKind, EvaluatorType, Messages, Severity } from '@jixiao/core';
import type { Overview, ProjectView, RuleStat, SeverityCounts, Submission, Thresholds, UnitStat } from './model.js';

export interface RuleDocs {
  summary: Messages;
  what: Messages;
  why?: Messages;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Packs in a fixed order (parse and schema problems first: the file could not be checked fully). */
const PACK_ORDER = ['io', 'parse', 'schema', 'value', 'sums', 'weights', 'grades', 'gaps', 'claims', 'style', 'suppress', 'internal'];

export function packRank(pack: string): number {
  const i = PACK_ORDER.indexOf(pack);
  return i < 0 ? PACK_ORDER.length : i;
}

/** The thresholds of the config that governs most files (ties: the first). */
export function thresholdsOf(groups: readonly { config: CheckConfig; files: number }[]): Thresholds {
  let best: { config: CheckConfig; files: number } | undefined;
  for (const g of groups) if (!best || g.files > best.files) best = g;
  if (!best) throw new Error('a review needs at least one group of files');
  const c = best.config;
  return { warn: c.gaps.warn, error: c.gaps.error, bands: c.gradeBands.map((b) => ({ grade: b.grade, min: b.min })) };
}

/** Rules by severity (errors, then warnings, then info), then by number of findings, then by id. */
export function ruleStats(submissions: readonly Submission[], docsOf: (ruleId: string) => RuleDocs): RuleStat[] {
  const stats = new Map<string, RuleStat>();
  for (const s of submissions) {
    const seen = new Set<string>();
    for (const f of s.findings) {
      let st = stats.get(f.ruleId);
      if (!st) {
        const docs = docsOf(f.ruleId);
        st = { ruleId: f.ruleId, pack: f.pack, severity: f.severity, count: 0, submissions: 0, summary: docs.summary, what: docs.what, why: docs.why ?? { zh: '', en: '' } };
        stats.set(f.ruleId, st);
      }
      st.count++;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[st.severity]) st.severity = f.severity;
      if (!seen.has(f.ruleId)) {
        seen.add(f.ruleId);
        st.submissions++;
      }
    }
  }
  return [...stats.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
}

export function unitStats(submissions: readonly Submission[], projects: readonly ProjectView[]): UnitStat[] {
  const units = new Map<string, UnitStat>();
  const unitOf = (name: string): UnitStat => {
    let u = units.get(name);
    if (!u) {
      u = { unit: name, submissions: 0, errors: 0, warnings: 0, inflated: 0 };
      units.set(name, u);
    }
    return u;
  };
  for (const s of submissions) {
    const u = unitOf(s.unit);
    u.submissions++;
    u.errors += s.errors;
    u.warnings += s.warnings;
  }
  for (const p of projects) if (p.gapLevel !== 'none') unitOf(p.unit).inflated++;
  return [...units.values()].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || b.inflated - a.inflated || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

export function overviewOf(submissions: readonly Submission[], projects: readonly ProjectView[], thresholds: Thresholds): Overview {
  const byKind: Record<DocumentKind | 'unreadable', number> = { 'self-evaluation': 0, evaluation: 0, summary: 0, 'final-accounts': 0, budget: 0, unreadable: 0 };
  const byEvaluator: Record<EvaluatorType, number> = { self: 0, department: 0, finance: 0, 'third-party': 0 };
  const findings = zero();
  const packs = new Map<string, SeverityCounts>();
  let own = 0;
  let withErrors = 0;
  for (const s of submissions) {
    byKind[s.kind ?? 'unreadable']++;
    if (s.evaluator) byEvaluator[s.evaluator]++;
    if (s.evaluator === 'self') own++;
    if (s.errors > 0) withErrors++;
    for (const f of s.findings) {
      findings[f.severity]++;
      let p = packs.get(f.pack);
      if (!p) {
        p = zero();
        packs.set(f.pack, p);
      }
      p[f.severity]++;
    }
  }
  const grades = thresholds.bands.map((b) => ({
    grade: b.grade,
    self: projects.filter((p) => p.selfGrade === b.grade).length,
    external: projects.filter((p) => p.externalGrade === b.grade).length,
  }));
  return {
    documents: submissions.length,
    submissions: own,
    byKind,
    byEvaluator,
    projects: projects.length,
    compared: projects.filter((p) => p.gap !== null).length,
    findings,
    byPack: [...packs.entries()].sort((a, b) => packRank(a[0]) - packRank(b[0]) || (a[0] < b[0] ? -1 : 1)).map(([pack, counts]) => ({ pack, counts })),
    withErrors,
    grades,
    overWarn: projects.filter((p) => p.gapLevel !== 'none').length,
    overError: projects.filter((p) => p.gapLevel === 'error').length,
  };
}
