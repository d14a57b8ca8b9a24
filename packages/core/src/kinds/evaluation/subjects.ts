/**
 * The subjects of the scored kinds (evaluation reports, self-evaluation forms): every indicator and
 * scorecard total (kind `scored`), indicators stated in several scorecards (`twin`) and the
 * form's weight groups against the national guidance (`guidance`).
 */
import { SlotMap } from '../../collections.js';
import type { Decimal } from 'decimal.js';
import type { CheckConfig } from '../../config.js';
import { formatPath } from '../../finding.js';
import type { NumberFigure } from '../../values/figure.js';
import { difference, exactQuantity, quantityOf, ratio } from '../../values/tolerance.js';
import { fraction, plain, sumOf, type Comparable } from '../../facts/computed.js';
import { gradeOfDocument } from '../../facts/grading.js';
import type { ReusableSubject, Subject } from '../../facts/subject.js';
import type { RetypedScalar } from '../../yaml/reparse.js';
import { editChain } from './edit-reach.js';
import type { FactsOf } from '../../facts/catalogue.js';
import type { Span } from '../../yaml/tree.js';
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
const twinsOfNode = new SlotMap<IndicatorNode, IndicatorNode[]>();
function twinsOf(view: DocView, node: IndicatorNode): IndicatorNode[] {
  let twins = twinsOfNode.get(node);
  if (!twins) {
    twins = (twinIndexOf(view).get(twinKey(node)) ?? []).filter((n) => n !== node);
    twinsOfNode.set(node, twins);
  }
  return twins;
}

/**
 * The indicators an edit reaches (its chain: edit-reach.ts) with every occurrence of each (their
 * twins), found once per view and edit; null when it may reach any. An indicator's subject reads its
 * twins' fields, and a twin subject the fields of all its indicator's occurrences: either is
 * unaffected when its indicator is not in this set.
 */
const reachedCache = new WeakMap<DocView, { edit: RetypedScalar; nodes: ReadonlySet<IndicatorNode> | null }>();
function reachedBy(view: DocView, edit: RetypedScalar): ReadonlySet<IndicatorNode> | null {
  const known = reachedCache.get(view);
  if (known && known.edit === edit) return known.nodes;
  const chain = editChain(view, edit);
  let nodes: Set<IndicatorNode> | null = null;
  if (chain) {
    nodes = new Set(chain);
    for (const n of chain) for (const t of twinIndexOf(view).get(twinKey(n)) ?? []) nodes.add(t);
  }
  reachedCache.set(view, { edit, nodes });
  return nodes;
}

function rateOf(score: Comparable | undefined, weight: Comparable | undefined, config: CheckConfig) {
  if (!score || !weight) return undefined;
  const r = ratio(quantity(score, config), quantity(weight, config));
  return r ? fraction(r) : undefined;
}

/**
 * The facts of one indicator, as methods of one object per indicator rather than ~35 closures
 * each (this runs for every indicator of every file: the closures were a large share of all
 * allocation). Rules read them through factLookup, which calls each at most once per subject.
 */
class IndicatorFacts {
  private rule: RuleResult | undefined | null = null;
  private readonly ind: IndicatorNode['indicator'];

  constructor(private readonly view: DocView, private readonly node: IndicatorNode, private readonly config: CheckConfig) {
    this.ind = node.indicator;
  }

  private twins(): IndicatorNode[] {
    return twinsOf(this.view, this.node);
  }

  private ruleResult(): RuleResult | undefined {
    if (this.rule === null) {
      const ind = this.ind;
      const weight = this.weightForRule();
      const word = [ind.actual, ind.measured].find((f) => f?.kind === 'text')?.text;
      const stated = this.scoreForRule();
      this.rule = ind.rule && weight
        ? recomputeRule(ind.rule, weight, num(ind.measured) ?? num(ind.actual), num(ind.target), this.config, { ...(word === undefined ? {} : { word }), ...(stated ? { stated } : {}) })
        : undefined;
    }
    return this.rule;
  }

  /** The indicator's own weight or score, else the first a twin states. */
  private ownOrTwins(key: 'weight' | 'score') {
    const own = num(this.ind[key]);
    if (own !== undefined) return own;
    for (const n of this.twins()) {
      const f = num(n.indicator[key]);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  weightForRule() {
    return this.ownOrTwins('weight');
  }
  scoreForRule() {
    return this.ownOrTwins('score');
  }
  role() {
    return 'indicator';
  }
  name() {
    return this.ind.name;
  }
  weight() {
    return num(this.ind.weight);
  }
  score() {
    return num(this.ind.score);
  }
  rate() {
    return num(this.ind.rate);
  }
  childWeightSum() {
    return childSum(this.node, 'weight', this.config);
  }
  childWeights() {
    return this.node.children.map((c) => num(c.indicator.weight)).filter((f) => f !== undefined);
  }
  childScores() {
    return this.node.children.map((c) => num(c.indicator.score)).filter((f) => f !== undefined);
  }
  childScoreSum() {
    return childSum(this.node, 'score', this.config);
  }
  computedRate() {
    return rateOf(num(this.ind.score) ?? effective(this.node, 'score', this.config), effective(this.node, 'weight', this.config), this.config);
  }
  deduction() {
    return num(this.ind.deduction);
  }
  effectiveWeight() {
    return effective(this.node, 'weight', this.config);
  }
  fullMarks() {
    const w = effective(this.node, 'weight', this.config);
    const sc = num(this.ind.score);
    return w !== undefined && sc !== undefined && quantity(w, this.config).mid.eq(sc.value);
  }
  targetMissed() {
    return targetMissed(num(this.ind.target), num(this.ind.actual), underCost(this.node));
  }
  targetMet() {
    const target = num(this.ind.target);
    const actual = num(this.ind.actual);
    // An actual printed with a bound ("≥360天") meets the target only when bounded the same way.
    if (!target || !actual || (actual.comparator !== null && actual.comparator !== target.comparator)) return false;
    return sameScale(actual, target) && meetsTarget(actual.value, target) === true;
  }
  target() {
    return this.ind.target?.text;
  }
  actual() {
    return this.ind.actual?.text;
  }
  lostPoints() {
    const w = this.ownOrTwins('weight');
    const sc = num(this.ind.score);
    return w !== undefined && sc !== undefined && sc.value.lt(w.value);
  }
  explained() {
    // The node, then its twins (no list of them all made: this runs for every indicator).
    const said = (n: IndicatorNode) => Boolean(n.indicator.reason || n.indicator.evidence || n.indicator.note);
    return said(this.node) || this.twins().some(said);
  }
  leafEverywhere() {
    return this.node.children.length === 0 && this.twins().every((n) => n.children.length === 0);
  }
  computedDeduction() {
    const w = num(this.ind.weight);
    const sc = num(this.ind.score);
    return w && sc ? plain(difference(quantityOf(w, this.config.tolerance), quantityOf(sc, this.config.tolerance))) : undefined;
  }
  ruleKind() {
    return this.ind.rule?.kind;
  }
  ruleText() {
    return this.ind.rule?.text;
  }
  measured() {
    return num(this.ind.measured) ?? num(this.ind.actual);
  }
  ruleScore() {
    return this.ruleResult()?.score;
  }
  ruleExpected() {
    return this.ruleResult()?.expected;
  }
  ruleAmbiguous() {
    return this.ruleResult()?.ambiguous;
  }
}

/**
 * A subject whose document path is formatted only when a finding asks for it. Its findings may be
 * kept across an edit that reaches neither its indicator nor a twin of it (edit-reach.ts).
 */
class IndicatorSubject implements ReusableSubject {
  readonly kind = 'scored' as const;
  readonly file: string;
  readonly span: Span;
  readonly facts: FactsOf<'scored'>;
  private pathText: string | undefined;

  constructor(private readonly view: DocView, private readonly node: IndicatorNode, config: CheckConfig) {
    this.file = view.file;
    const ind = node.indicator;
    this.span = (num(ind.weight) ?? num(ind.score))?.span ?? [0, 0];
    this.facts = new IndicatorFacts(view, node, config);
  }

  get path(): string {
    this.pathText ??= formatPath(this.node.path);
    return this.pathText;
  }

  get reuse(): ReusableSubject {
    return this;
  }

  get key(): number {
    return 2 * this.node.ordinal;
  }

  unaffectedBy(edit: RetypedScalar): boolean {
    const reached = reachedBy(this.view, edit);
    return reached !== null && !reached.has(this.node);
  }
}

function indicatorSubject(view: DocView, node: IndicatorNode, config: CheckConfig): Subject {
  return new IndicatorSubject(view, node, config);
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

/** The facts of an indicator stated again in another scorecard (methods, as IndicatorFacts). */
class TwinFacts {
  constructor(
    private readonly view: DocView,
    private readonly node: IndicatorNode,
    private readonly other: IndicatorNode,
    private readonly weightSource: IndicatorNode,
    private readonly oddFirst: boolean,
  ) {}
  name() {
    return this.node.indicator.name;
  }
  card() {
    return this.node.card.id;
  }
  otherCard() {
    return this.other.card.id;
  }
  sameLevel() {
    return !this.oddFirst && this.other.level === this.node.level;
  }
  parentName() {
    return this.node.parent?.indicator.name;
  }
  otherParentName() {
    return this.other.parent?.indicator.name;
  }
  otherPlace() {
    const path = [...this.other.path, 'name'];
    return { place: { file: this.view.file, path: formatPath(path), span: this.view.spanAt(path) } };
  }
  weight() {
    return num(this.node.indicator.weight);
  }
  otherWeight() {
    return num(this.weightSource.indicator.weight);
  }
  weightCard() {
    return this.weightSource.card.id;
  }
  score() {
    return num(this.node.indicator.score);
  }
  otherScore() {
    return num(this.other.indicator.score);
  }
}

/**
 * A twin subject: its path and span (a walk of the YAML tree) are made only when a finding asks. Its
 * findings may be kept across an edit that reaches none of its indicator's occurrences (reachedBy).
 */
class TwinSubject implements ReusableSubject {
  readonly kind = 'twin' as const;
  readonly file: string;
  readonly facts: FactsOf<'twin'>;
  private pathText: string | undefined;
  private spanValue: Span | undefined;

  constructor(private readonly view: DocView, private readonly node: IndicatorNode, other: IndicatorNode, weightSource: IndicatorNode, oddFirst: boolean) {
    this.file = view.file;
    this.facts = new TwinFacts(view, node, other, weightSource, oddFirst);
  }

  get path(): string {
    this.pathText ??= formatPath([...this.node.path, 'name']);
    return this.pathText;
  }

  get span(): Span {
    this.spanValue ??= this.view.spanAt([...this.node.path, 'name']);
    return this.spanValue;
  }

  get reuse(): ReusableSubject {
    return this;
  }

  get key(): number {
    return 2 * this.node.ordinal + 1;
  }

  unaffectedBy(edit: RetypedScalar): boolean {
    const reached = reachedBy(this.view, edit);
    return reached !== null && !reached.has(this.node);
  }
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
      out.push(new TwinSubject(view, node, other, majority ?? other, oddFirst));
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
