/** Subjects the rules run over, each with lazily computed facts. (First kind: `scored`.) */
import type { CheckConfig } from '../config.js';
import type { Span } from '../yaml/tree.js';
import { fraction, isNumberFigure, sumOf, type Comparable } from './computed.js';
import { ratio } from '../values/tolerance.js';
import { childSum, effective, num, quantity, sumOfNodes, type CardView, type DocView, type IndicatorNode } from './views.js';
import { formatPath } from '../finding.js';

export interface Subject {
  kind: 'scored';
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
  }
  return out;
}

export { isNumberFigure };
