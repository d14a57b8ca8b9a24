/**
 * Grade bands a document states for itself (`grading.bands`, e.g. "总分在 90（含）-100 分为‘优’"):
 * the document's grades are checked against its own stated standard when it has one, and the
 * configured (national or local) bands otherwise. A stated standard that differs from the
 * configured one is itself worth a look (grades/grading-bands).
 */
import { canonicalGrade, gradeIn, type CheckConfig, type GradeBand } from '../config.js';
import type { JixiaoDocument } from '../format/model.js';
import type { Decimal } from 'decimal.js';

/** The document's own bands (highest first), when every band has a readable minimum. */
export function documentBands(doc: JixiaoDocument, config: CheckConfig): GradeBand[] | undefined {
  const bands = doc.grading?.bands;
  if (!bands || bands.length === 0) return undefined;
  const out: GradeBand[] = [];
  for (const b of bands) {
    if (b.min?.kind !== 'number') return undefined;
    out.push({ grade: canonicalGrade(b.grade, config), min: b.min.value });
  }
  return out.sort((a, b) => b.min.comparedTo(a.min));
}

/** The grade a score earns in this document: by its stated bands, else by the configured ones. */
export function gradeOfDocument(doc: JixiaoDocument, score: Decimal, config: CheckConfig): string | null {
  return gradeIn(score, documentBands(doc, config) ?? config.gradeBands);
}

/** Bands as text: 优 ≥ 90、良 ≥ 80、中 ≥ 60、差 ≥ 0. */
export function showBands(bands: readonly GradeBand[], separator = '、'): string {
  return bands.map((b) => `${b.grade} ≥ ${b.min.toString()}`).join(separator);
}

/** Whether two sets of bands give the same grades (same grades with the same minimums). */
export function sameBands(a: readonly GradeBand[], b: readonly GradeBand[]): boolean {
  return a.length === b.length && a.every((x, i) => x.grade === b[i]?.grade && x.min.eq(b[i]?.min ?? NaN));
}
