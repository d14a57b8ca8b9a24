/** Subjects the rules run over, each with lazily computed facts. (First kind: `scored`.) */
import type { CheckConfig } from '../config.js';
import type { Span } from '../yaml/tree.js';
import { fraction, isNumberFigure, sumOf, type Comparable } from './computed.js';
import { ratio } from '../values/tolerance.js';
import { childSum, effective, num, quantity, sumOfNodes, twinIndex, type CardView, type DocView, type IndicatorNode } from './views.js';
import type { Claim } from '../format/model.js';
import { formatPath } from '../finding.js';

export type SubjectKind = 'scored' | 'claim' | 'claim-pair' | 'twin';

export interface Subject {
  kind: SubjectKind;
  file: string;
  path: string;
  span: Span;
  facts: Record<string, () => unknown>;
}

function rateOf(score: Comparable | undefined, weight: Comparable | undefined, config: CheckConfig) {
  if (!score || !weight) return undefined;
  const r = ratio(quantity(score, config), quantity(weight, config));
  return r ? fraction(r) : undefined;
}

function indicatorSubject(view: DocView, node: IndicatorNode, config: CheckConfig): Subject {
  const ind = node.indicator;
  return {
    kind: 'scored',
    file: view.file,
    path: formatPath(node.path),
    span: (num(ind.weight) ?? num(ind.score))?.span ?? [0, 0],
    facts: {
      role: () => 'indicator',
      name: () => ind.name,
      weight: () => num(ind.weight),
      score: () => num(ind.score),
      rate: () => num(ind.rate),
      childWeightSum: () => childSum(node, 'weight', config),
      childScoreSum: () => childSum(node, 'score', config),
      computedRate: () => rateOf(num(ind.score) ?? effective(node, 'score', config), effective(node, 'weight', config), config),
    },
  };
}

function totalSubject(view: DocView, card: CardView, config: CheckConfig): Subject | null {
  const total = card.total;
  if (!total) return null;
  const withFunds = (field: 'weight' | 'score') => {
    const roots = sumOfNodes(card.roots, field, config);
    if (!card.fundsLine) return roots;
    const line = num(card.fundsLine[field]);
    if (!roots || !line) return undefined;
    return sumWith(roots, line, config);
  };
  return {
    kind: 'scored',
    file: view.file,
    path: formatPath(card.totalPath),
    span: (num(total.weight) ?? num(total.score))?.span ?? [0, 0],
    facts: {
      role: () => 'total',
      name: () => total.name ?? card.id,
      weight: () => num(total.weight),
      score: () => num(total.score),
      rate: () => num(total.rate),
      childWeightSum: () => (card.incomplete ? undefined : withFunds('weight')),
      childScoreSum: () => (card.incomplete ? undefined : withFunds('score')),
      computedRate: () => rateOf(num(total.score), num(total.weight) ?? withFunds('weight'), config),
    },
  };
}

function sumWith(a: Comparable, b: Comparable, config: CheckConfig): Comparable {
  return sumOf([a, b], config.tolerance);
}

export function buildSubjects(views: DocView[], config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  for (const view of views) {
    for (const card of view.cards) {
      for (const node of card.all) out.push(indicatorSubject(view, node, config));
      const t = totalSubject(view, card, config);
      if (t) out.push(t);
    }
    out.push(...claimSubjects(view), ...twinSubjects(view));
  }
  return out;
}

export { isNumberFigure };

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

function claimSubjects(view: DocView): Subject[] {
  const out: Subject[] = [];
  (view.doc.claims ?? []).forEach((claim, i) => {
    const path = `claims[${i}].count`;
    const base = {
      text: () => claim.text,
      count: () => claim.count,
      open: () => claim.open === true,
      itemCount: () => claim.items?.length,
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


function twinSubjects(view: DocView): Subject[] {
  const out: Subject[] = [];
  for (const nodes of twinIndex(view).values()) {
    nodes.forEach((node, i) => {
      if (i === 0) return;
      const earlier = nodes.slice(0, i);
      const ref = earlier.find((n) => n.level === node.level) ?? earlier[0];
      if (!ref || ref.card === node.card) return;
      const ind = node.indicator;
      out.push({
        kind: 'twin', file: view.file, path: formatPath([...node.path, 'name']), span: view.spanAt([...node.path, 'name']),
        facts: {
          name: () => ind.name,
          card: () => node.card.id,
          otherCard: () => ref.card.id,
          sameLevel: () => ref.level === node.level,
          parentName: () => node.parent?.indicator.name,
          otherParentName: () => ref.parent?.indicator.name,
          weight: () => num(ind.weight),
          otherWeight: () => num(ref.indicator.weight),
          score: () => num(ind.score),
          otherScore: () => num(ref.indicator.score),
        },
      });
    });
  }
  return out;
}
