/**
 * The subjects of the scored kinds (evaluation reports, self-evaluation forms): every indicator and
 * scorecard total (kind `scored`), indicators stated in several scorecards (`twin`) and the
 * form's weight groups against the national guidance (`guidance`).
 */
import type { Decimal } from 'decimal.js';
import type { CheckConfig } from '../../config.js';
import { formatPath } from '../../finding.js';
import type { NumberFigure } from '../../values/figure.js';
import { difference, exactQuantity, quantityOf, ratio } from '../../values/tolerance.js';
import { fraction, plain, sumOf, type Comparable } from '../../facts/computed.js';
import { gradeOfDocument } from '../../facts/grading.js';
import type { Subject } from '../../facts/subject.js';
import { childSum, effective, num, quantity, sumOfNodes, twinIndex, twinKey, type CardView, type DocView, type IndicatorNode } from '../../facts/views.js';
import { recomputeRule, type RuleResult } from './scoring-rule.js';
import { meetsTarget, sameScale } from './rule-text.js';

const twinCache = new WeakMap<DocView, Map<string, IndicatorNode[]>>();
function twinIndexOf(view: DocView): Map<string, IndicatorNode[]> {
  let index = twinCache.get(view);
  if (!index) {
    index = twinIndex(view);
    twinCache.set(view, index);
  }
  return index;
}
const twinsOfNode = new WeakMap<IndicatorNode, IndicatorNode[]>();
function twinsOf(view: DocView, node: IndicatorNode): IndicatorNode[] {
  let twins = twinsOfNode.get(node);
  if (!twins) {
    twins = (twinIndexOf(view).get(twinKey(node)) ?? []).filter((n) => n !== node);
    twinsOfNode.set(node, twins);
  }
  return twins;
}

function rateOf(score: Comparable | undefined, weight: Comparable | undefined, config: CheckConfig) {
  if (!score || !weight) return undefined;
  const r = ratio(quantity(score, config), quantity(weight, config));
  return r ? fraction(r) : undefined;
}

function indicatorSubject(view: DocView, node: IndicatorNode, config: CheckConfig): Subject {
  const ind = node.indicator;
  const weightForRule = () => num(ind.weight) ?? twinsOf(view, node).map((n) => num(n.indicator.weight)).find((f) => f !== undefined);
  const scoreForRule = () => num(ind.score) ?? twinsOf(view, node).map((n) => num(n.indicator.score)).find((f) => f !== undefined);
  let rule: RuleResult | undefined | null = null;
  const ruleResult = (): RuleResult | undefined => {
    if (rule === null) {
      const weight = weightForRule();
      const word = [ind.actual, ind.measured].find((f) => f?.kind === 'text')?.text;
      const stated = scoreForRule();
      rule = ind.rule && weight
        ? recomputeRule(ind.rule, weight, num(ind.measured) ?? num(ind.actual), num(ind.target), config, { ...(word === undefined ? {} : { word }), ...(stated ? { stated } : {}) })
        : undefined;
    }
    return rule;
  };
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
      childWeights: () => node.children.map((c) => num(c.indicator.weight)).filter((f) => f !== undefined),
      childScores: () => node.children.map((c) => num(c.indicator.score)).filter((f) => f !== undefined),
      childScoreSum: () => childSum(node, 'score', config),
      computedRate: () => rateOf(num(ind.score) ?? effective(node, 'score', config), effective(node, 'weight', config), config),
      deduction: () => num(ind.deduction),
      effectiveWeight: () => effective(node, 'weight', config),
      fullMarks: () => {
        const w = effective(node, 'weight', config);
        const sc = num(ind.score);
        return w !== undefined && sc !== undefined && quantity(w, config).mid.eq(sc.value);
      },
      targetMissed: () => targetMissed(num(ind.target), num(ind.actual), underCost(node)),
      targetMet: () => {
        const target = num(ind.target);
        const actual = num(ind.actual);
        // An actual printed with a bound ("≥360天") meets the target only when bounded the same way.
        if (!target || !actual || (actual.comparator !== null && actual.comparator !== target.comparator)) return false;
        return sameScale(actual, target) && meetsTarget(actual.value, target) === true;
      },
      target: () => ind.target?.text,
      actual: () => ind.actual?.text,
      lostPoints: () => {
        const w = num(ind.weight) ?? twinsOf(view, node).map((n) => num(n.indicator.weight)).find((f) => f !== undefined);
        const sc = num(ind.score);
        return w !== undefined && sc !== undefined && sc.value.lt(w.value);
      },
      explained: () => [node, ...twinsOf(view, node)].some((n) => Boolean(n.indicator.reason || n.indicator.evidence || n.indicator.note)),
      leafEverywhere: () => [node, ...twinsOf(view, node)].every((n) => n.children.length === 0),
      computedDeduction: () => {
        const w = num(ind.weight);
        const sc = num(ind.score);
        return w && sc ? plain(difference(quantityOf(w, config.tolerance), quantityOf(sc, config.tolerance))) : undefined;
      },
      ruleKind: () => ind.rule?.kind,
      ruleText: () => ind.rule?.text,
      measured: () => num(ind.measured) ?? num(ind.actual),
      scoreForRule,
      ruleScore: () => ruleResult()?.score,
      ruleExpected: () => ruleResult()?.expected,
      ruleAmbiguous: () => ruleResult()?.ambiguous,
    },
  };
}

function totalSubject(view: DocView, card: CardView, config: CheckConfig): Subject | null {
  const total = card.total;
  if (!total) return null;
  // A form whose source is cut off (its 预算执行 block not transcribed): its total is not summed.
  const cut = card.incomplete || (card.id === 'form' && view.doc.incomplete === true);
  const withFunds = (field: 'weight' | 'score') => {
    const roots = sumOfNodes(card.roots, field, config);
    if (!card.fundsLine) return roots;
    const line = num(card.fundsLine[field]);
    if (!roots || !line) return undefined;
    return sumOf([roots, line], config.tolerance);
  };
  return {
    kind: 'scored',
    file: view.file,
    path: formatPath(card.totalPath),
    span: (num(total.weight) ?? num(total.score))?.span ?? [0, 0],
    facts: {
      role: () => 'total',
      fullSystem: () => card.level === 1 && !cut,
      outputEffectWeight: () => {
        if (view.doc.kind !== 'evaluation' || card.level !== 1 || cut) return undefined;
        const names = [...config.guidance.names.output, ...config.guidance.names.effect];
        const roots = card.roots.filter((n) => names.includes(n.indicator.name));
        return roots.length > 0 ? sumOfNodes(roots, 'weight', config) : undefined;
      },
      outputEffectMin: () => plain(exactQuantity(config.guidance.outputEffectMin)),
      totalWeight: () => num(total.weight) ?? withFunds('weight'),
      name: () => total.name ?? (card.id === 'form' ? '合计' : card.id),
      weight: () => num(total.weight),
      score: () => num(total.score),
      rate: () => num(total.rate),
      childWeightSum: () => (cut ? undefined : withFunds('weight')),
      childScoreSum: () => (cut ? undefined : withFunds('score')),
      deduction: () => num(total.deduction),
      computedDeduction: () => {
        const w = num(total.weight);
        const sc = num(total.score);
        return w && sc ? plain(difference(quantityOf(w, config.tolerance), quantityOf(sc, config.tolerance))) : undefined;
      },
      computedRate: () => rateOf(num(total.score), num(total.weight) ?? withFunds('weight'), config),
      // A total score lies within its weight (stated, or the lines' weights), like any score.
      effectiveWeight: () => num(total.weight) ?? (cut ? undefined : withFunds('weight')),
      // A form's own total is its overall score: the band it falls in, as a result's (read by the review).
      expectedGrade: () => {
        const score = num(total.score);
        return card.id === 'form' && score ? gradeOfDocument(view.doc, score.value, config) ?? undefined : undefined;
      },
    },
  };
}

/**
 * The weight most of an indicator's occurrences agree on: when three or more tables state it and
 * all but one agree, the odd one is the likely slip, so that is where the finding goes.
 */
function majorityWeightNode(nodes: readonly IndicatorNode[]): IndicatorNode | undefined {
  const stated = nodes.filter((n) => num(n.indicator.weight) !== undefined);
  if (stated.length < 3) return undefined;
  for (const candidate of stated) {
    const value = (num(candidate.indicator.weight) as NumberFigure).value;
    const agreeing = stated.filter((n) => (num(n.indicator.weight) as NumberFigure).value.eq(value));
    if (agreeing.length * 2 > stated.length) return agreeing[0];
  }
  return undefined;
}

function twinSubjects(view: DocView): Subject[] {
  const out: Subject[] = [];
  for (const nodes of twinIndexOf(view).values()) {
    const majority = majorityWeightNode(nodes);
    nodes.forEach((node, i) => {
      const earlier = nodes.slice(0, i);
      const ref = earlier.find((n) => n.level === node.level) ?? earlier[0];
      // The first occurrence is compared only when the others agree on another weight.
      const oddFirst = i === 0 && majority !== undefined && majority !== node;
      if (!oddFirst && (!ref || ref.card === node.card)) return;
      const other = ref ?? (majority as IndicatorNode);
      const weightSource = majority ?? other;
      const ind = node.indicator;
      out.push({
        kind: 'twin', file: view.file, path: formatPath([...node.path, 'name']), span: view.spanAt([...node.path, 'name']),
        facts: {
          name: () => ind.name,
          card: () => node.card.id,
          otherCard: () => other.card.id,
          sameLevel: () => !oddFirst && other.level === node.level,
          parentName: () => node.parent?.indicator.name,
          otherParentName: () => other.parent?.indicator.name,
          otherPlace: () => ({ place: { file: view.file, path: formatPath([...other.path, 'name']), span: view.spanAt([...other.path, 'name']) } }),
          weight: () => num(ind.weight),
          otherWeight: () => num(weightSource.indicator.weight),
          weightCard: () => weightSource.card.id,
          score: () => num(ind.score),
          otherScore: () => num(other.indicator.score),
        },
      });
    });
  }
  return out;
}

function guidanceSubjects(view: DocView, config: CheckConfig): Subject[] {
  if (view.doc.kind !== 'self-evaluation') return [];
  const card = view.cards.find((c) => c.id === 'form');
  if (!card) return [];
  const names = config.guidance.names;
  const groups: [{ zh: string; en: string }, string[], Decimal][] = [
    [{ zh: '产出（含成本）', en: 'output (with cost)' }, [...names.output, ...names.cost], config.guidance.form.output],
    [{ zh: '效益', en: 'effect' }, names.effect, config.guidance.form.effect],
    [{ zh: '满意度', en: 'satisfaction' }, names.satisfaction, config.guidance.form.satisfaction],
  ];
  const out: Subject[] = [];
  for (const [label, group, expected] of groups) {
    const roots = card.roots.filter((n) => group.includes(n.indicator.name));
    if (roots.length === 0) continue;
    const total = sumOfNodes(roots, 'weight', config);
    const first = roots[0] as IndicatorNode;
    out.push({
      kind: 'guidance', file: view.file, path: formatPath(first.path), span: view.spanAt([...first.path, 'name']),
      facts: { label: () => label.zh, labelEn: () => label.en, weight: () => total, expected: () => plain(exactQuantity(expected)) },
    });
  }
  return out;
}

/** A target with an explicit comparator (≥ ≤ > < =) that the numeric actual does not meet. */
/** Units of counted things (and durations): a target in them printed without a sign is a level to reach. */
const COUNT_UNIT = /^(?:人次|人|个|项|名|家|户|次|所|件|台|辆|套|场|篇|份|批|期|处|座|条|本|册|张|间|栋|天|日|小时|公里|平方米|亩)$/u;

/** Under a 成本 (cost) indicator: a bare figure there is a ceiling, not a level to reach. */
function underCost(node: IndicatorNode): boolean {
  for (let n: IndicatorNode | null = node; n; n = n.parent) if (/成本/u.test(n.indicator.name)) return true;
  return false;
}

/**
 * A target with a comparator (≥ ≤ > < =) that the numeric actual does not meet; a count or a percent
 * printed without a sign (38508人, 100%) is a level to reach, except under a cost indicator.
 */
function targetMissed(target: NumberFigure | undefined, actual: NumberFigure | undefined, cost = false): boolean {
  if (!target || !actual || target.percent !== actual.percent) return false;
  const t = target.value;
  const a = actual.value;
  if (!target.comparator) {
    if (cost || actual.comparator || target.unit !== actual.unit) return false;
    return (target.percent || (target.unit !== null && COUNT_UNIT.test(target.unit))) && a.lt(t);
  }
  switch (target.comparator) {
    case '≥': return a.lt(t);
    case '>': return a.lte(t);
    case '≤': return a.gt(t);
    case '<': return a.gte(t);
    case '=': return !a.eq(t);
  }
}

/** The block weight printed above a table (“绩效指标（90分）”, a scorecard's `weight`): the sum of its top indicators' weights. */
function blockSubject(view: DocView, card: CardView, config: CheckConfig): Subject | null {
  const weight = num(card.blockWeight);
  if (!weight || !card.blockWeightPath) return null;
  return {
    kind: 'scored', file: view.file, path: formatPath(card.blockWeightPath), span: weight.span,
    facts: {
      role: () => 'block',
      name: () => (card.id === 'form' ? '绩效指标' : card.id),
      weight: () => weight,
      childWeights: () => card.roots.map((n) => num(n.indicator.weight)).filter((f) => f !== undefined),
      childWeightSum: () => (card.incomplete ? undefined : sumOfNodes(card.roots, 'weight', config)),
    },
  };
}

/** Every subject of an evaluation report or self-evaluation form that its indicator trees give. */
export function* evaluationSubjects(view: DocView, config: CheckConfig): Generator<Subject> {
  for (const card of view.cards) {
    for (const node of card.all) yield indicatorSubject(view, node, config);
    const t = totalSubject(view, card, config);
    if (t) yield t;
    const b = blockSubject(view, card, config);
    if (b) yield b;
  }
  yield* twinSubjects(view);
  yield* guidanceSubjects(view, config);
}
