/** The subjects of the counts a document states (claims: “共设置 3 个一级指标”), and of two claims that count the same thing. */
import { canonicalGrade, type CheckConfig } from '../config.js';
import type { Claim } from '../format/model.js';
import type { NumberFigure } from '../values/figure.js';
import { gradeOfDocument } from './grading.js';
import type { Subject } from './subject.js';
import { num, type CardView, type DocView, type IndicatorNode } from './views.js';

function countIndicators(card: CardView, claim: Claim): number | undefined {
  let nodes = card.all;
  if (claim.under !== undefined) {
    const root = card.all.find((n) => n.indicator.name === claim.under);
    if (!root) return undefined;
    const inside: IndicatorNode[] = [];
    const walk = (n: IndicatorNode) => n.children.forEach((c) => { inside.push(c); walk(c); });
    walk(root);
    nodes = inside;
  }
  if (claim.level === undefined) return undefined;
  return nodes.filter((n) => n.level === claim.level).length;
}

export function claimSubjects(view: DocView, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  (view.doc.claims ?? []).forEach((claim, i) => {
    const path = `claims[${i}].count`;
    const base = {
      text: () => claim.text,
      count: () => claim.count,
      open: () => claim.open === true,
      itemCount: () => claim.items?.length,
      partsSum: () => (claim.parts && claim.parts.every((p) => num(p)) ? claim.parts.reduce((acc, p) => acc + Number((num(p) as NumberFigure).value.toFixed()), 0) : undefined),
      entryCount: () => {
        if (!claim.entries) return undefined;
        const entries = view.doc.entries ?? [];
        if (claim.grade === undefined) return entries.length;
        const want = canonicalGrade(claim.grade, config);
        return entries.filter((e) => (e.grade ? canonicalGrade(e.grade, config) : num(e.score) ? gradeOfDocument(view.doc, (num(e.score) as NumberFigure).value, config) : undefined) === want).length;
      },
    };
    const scopes = [...(claim.scorecards ?? []), ...(claim.scorecard ? [claim.scorecard] : [])];
    const span = view.spanAt(['claims', i, 'count']);
    if (scopes.length === 0) {
      out.push({ kind: 'claim', file: view.file, path, span, facts: { ...base, scorecard: () => undefined, indicatorCount: () => undefined } });
    }
    scopes.forEach((id, k) => {
      const card = view.cards.find((c) => c.id === id);
      out.push({
        kind: 'claim', file: view.file, path, span,
        facts: {
          ...base,
          // items are checked once, on the first scope
          itemCount: () => (k === 0 ? claim.items?.length : undefined),
          scorecard: () => id,
          scorecardFound: () => card !== undefined,
          indicatorCount: () => (card ? countIndicators(card, claim) : undefined),
        },
      });
    });
  });
  const bySubject = new Map<string, number>();
  (view.doc.claims ?? []).forEach((claim, i) => {
    if (claim.subject === undefined) return;
    const first = bySubject.get(claim.subject);
    if (first === undefined) { bySubject.set(claim.subject, i); return; }
    const other = view.doc.claims?.[first] as Claim;
    out.push({
      kind: 'claim-pair', file: view.file, path: `claims[${i}].count`, span: view.spanAt(['claims', i, 'count']),
      facts: { subject: () => claim.subject, text: () => claim.text, count: () => claim.count, otherText: () => other.text, otherCount: () => other.count },
    });
  });
  return out;
}
