/** Subjects the rules run over, each with lazily computed facts. */
import { Decimal as DecimalValue, type Decimal } from 'decimal.js';
import { canonicalGrade, type CheckConfig } from '../config.js';
import { documentBands, gradeOfDocument, sameBands, showBands } from './grading.js';
import { formatPath } from '../finding.js';
import type { Claim, Statement } from '../format/model.js';
import { normaliseWidth, type NumberFigure } from '../values/figure.js';
import { clamp, difference, exactQuantity, product, quantityOf, ratio } from '../values/tolerance.js';
import { fraction, plain, sumOf, type Comparable } from './computed.js';
import { evaluateExpression, isFigure, resolvePath } from './refs.js';
import { recomputeRuleScore } from './scoring-rule.js';
import { kindSubjects, kindTermResolver } from '../kinds/subjects.js';
import { projectRecordOf, projectSubjects } from './project-subjects.js';
import { childSum, effective, num, quantity, sumOfNodes, twinIndex, twinKey, type CardView, type DocView, type IndicatorNode } from './views.js';

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

/** Exact constants the rules compare with (immutable, so made once). */
const HUNDRED = plain(exactQuantity(new DecimalValue(100)));

export { SUBJECT_KINDS, type SubjectKind } from './catalogue.js';

export type { Subject } from './subject.js';
import type { Subject } from './subject.js';

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
      targetMissed: () => targetMissed(num(ind.target), num(ind.actual)),
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
      scoreForRule: () => num(ind.score) ?? twinsOf(view, node).map((n) => num(n.indicator.score)).find((f) => f !== undefined),
      ruleScore: () => {
        const weight = num(ind.weight) ?? twinsOf(view, node).map((n) => num(n.indicator.weight)).find((f) => f !== undefined);
        if (!ind.rule || !weight) return undefined;
        return recomputeRuleScore(ind.rule, weight, num(ind.measured) ?? num(ind.actual), num(ind.target), config);
      },
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
    return sumOf([roots, line], config.tolerance);
  };
  return {
    kind: 'scored',
    file: view.file,
    path: formatPath(card.totalPath),
    span: (num(total.weight) ?? num(total.score))?.span ?? [0, 0],
    facts: {
      role: () => 'total',
      fullSystem: () => card.level === 1 && !card.incomplete,
      outputEffectWeight: () => {
        if (view.doc.kind !== 'evaluation' || card.level !== 1 || card.incomplete) return undefined;
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
      childWeightSum: () => (card.incomplete ? undefined : withFunds('weight')),
      childScoreSum: () => (card.incomplete ? undefined : withFunds('score')),
      computedRate: () => rateOf(num(total.score), num(total.weight) ?? withFunds('weight'), config),
      // A total score lies within its weight (stated, or the lines' weights), like any score.
      effectiveWeight: () => num(total.weight) ?? (card.incomplete ? undefined : withFunds('weight')),
    },
  };
}


/** Every subject of a set of documents checked together. */
export function buildSubjects(views: DocView[], config: CheckConfig): Subject[] {
  return [...projectSubjects(views.map(projectRecordOf), config), ...views.flatMap((view) => documentSubjects(view, views, config))];
}

/**
 * The subjects of one document. `peers` are the documents its statements may be about (found by
 * project id and evaluator); pass `[view]` when it has none, or null to leave its statements out
 * (for `statementSubjects` later, once the peers are known).
 */
export function documentSubjects(view: DocView, peers: readonly DocView[] | null, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  for (const card of view.cards) {
    for (const node of card.all) out.push(indicatorSubject(view, node, config));
    const t = totalSubject(view, card, config);
    if (t) out.push(t);
  }
  out.push(...claimSubjects(view, config), ...twinSubjects(view), ...(peers ? statementSubjects(view, peers, config) : []));
  out.push(...gradeSubjects(view, config), ...ratioSubjects(view, config), ...guidanceSubjects(view, config), ...figureSpellingSubjects(view), ...gradingSubjects(view, config));
  out.push(...kindSubjects(view, config));
  return out;
}

/** True when some statement of the document is about another document (so it needs its peers). */
export function needsPeers(view: DocView): boolean {
  return (view.doc.statements ?? []).some((st) => st.about !== undefined);
}


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

function claimSubjects(view: DocView, config: CheckConfig): Subject[] {
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

/** The document a statement is about: this one, or another of the run found by project id and evaluator. */
export function aboutDocument(view: DocView, statement: Statement, views: readonly DocView[]): DocView | undefined {
  const about = statement.about;
  if (!about) return view;
  return views.find((v) => v.doc.project?.id === about.project
    && (about.evaluator === undefined || (v.doc.evaluator?.type ?? (v.doc.kind === 'self-evaluation' ? 'self' : undefined)) === about.evaluator)
    && (about.kind === undefined || v.doc.kind === about.kind));
}

export function statementSubjects(view: DocView, views: readonly DocView[], config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  (view.doc.statements ?? []).forEach((st, i) => {
    const target = aboutDocument(view, st, views);
    (st.figures ?? []).forEach((fig, k) => {
      const path = `statements[${i}].figures[${k}].value`;
      let result: ReturnType<typeof evaluateExpression> | undefined;
      const evaluated = () => {
        if (!fig.equals || !target) return undefined;
        result ??= evaluateExpression(target.doc, fig.equals, config, kindTermResolver(target.file, target.doc, config));
        return result;
      };
      out.push({
        kind: 'statement-figure', file: view.file, path, span: view.spanAt(['statements', i, 'figures', k, 'value']),
        facts: {
          text: () => st.text,
          stated: () => (fig.value.kind === 'number' ? fig.value : undefined),
          refers: () => fig.refers,
          aboutFound: () => target !== undefined,
          aboutFile: () => target?.file,
          referred: () => {
            if (!target || !fig.refers) return undefined;
            const v = resolvePath(target.doc, fig.refers);
            return isFigure(v) && v.kind === 'number' ? v : undefined;
          },
          referenceResolved: () => {
            if (!fig.refers) return true;
            if (!target) return st.about === undefined;
            return resolvePath(target.doc, fig.refers) !== undefined;
          },
          computed: () => evaluated()?.value,
          zeroDenominator: () => evaluated()?.zeroDenominator === true,
        },
      });
    });
    if (st.total && st.parts && st.parts.length > 0) {
      out.push({
        kind: 'statement-split', file: view.file, path: `statements[${i}].total`, span: view.spanAt(['statements', i, 'total']),
        facts: {
          text: () => st.text,
          total: () => num(st.total),
          partsSum: () => {
            const parts = (st.parts ?? []).map(num);
            return parts.every((p) => p !== undefined) ? sumOf(parts as Comparable[], config.tolerance) : undefined;
          },
        },
      });
    }
  });
  return out;
}

function gradeSubjects(view: DocView, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  const push = (path: (string | number)[], name: string, score: NumberFigure | undefined, grade: string | undefined, rate?: NumberFigure) => {
    if (!score) return;
    out.push({
      kind: 'scored', file: view.file, path: formatPath(path), span: score.span,
      facts: {
        role: () => 'result', name: () => name, score: () => score, rate: () => rate,
        // Overall scores are out of 100 (财预〔2020〕10号: 总分一般设置为 100 分).
        effectiveWeight: () => HUNDRED,
        grade: () => (grade ? canonicalGrade(grade, config) : undefined),
        gradeText: () => grade,
        gradeAt: () => (grade ? { place: { file: view.file, path: formatPath([...path, 'grade']), span: view.spanAt([...path, 'grade']) } } : undefined),
        expectedGrade: () => gradeOfDocument(view.doc, score.value, config) ?? undefined,
        computedRate: () => {
          const q = ratio(quantityOf(score, config.tolerance), exactQuantity(new DecimalValue(100)));
          return rate && q ? fraction(q) : undefined;
        },
      },
    });
  };
  const r = view.doc.result;
  if (r) push(['result'], '综合评价', num(r.score), r.grade, num(r.rate));
  (view.doc.entries ?? []).forEach((e, i) => push(['entries', i], e.name, num(e.score), e.grade));
  return out;
}

function ratioSubjects(view: DocView, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  const push = (path: (string | number)[], label: { zh: string; en: string }, stated: NumberFigure | undefined, numerator: NumberFigure | undefined, denominator: NumberFigure | undefined, weight?: NumberFigure, score?: NumberFigure) => {
    if (!numerator || !denominator) return;
    const computed = () => {
      const q = ratio(quantityOf(numerator, config.tolerance), quantityOf(denominator, config.tolerance));
      return q ? fraction(q) : undefined;
    };
    out.push({
      kind: 'ratio', file: view.file, path: formatPath(path), span: (stated ?? numerator).span,
      facts: {
        label: () => label.zh, labelEn: () => label.en, stated: () => stated, numerator: () => numerator, denominator: () => denominator, computed,
        weight: () => weight, score: () => score,
        computedScore: () => {
          const c = computed();
          if (!weight || !c) return undefined;
          const capped = clamp(c.quantity, new DecimalValue(0), new DecimalValue(1));
          return plain(product(quantityOf(weight, config.tolerance), capped));
        },
      },
    });
  };
  const b = view.doc.budget;
  if (b) {
    push(['budget', 'execution_rate'], { zh: '预算执行率', en: 'budget execution rate' }, num(b.execution_rate), num(b.spent), num(b.adjusted));
    push(['budget', 'received_rate'], { zh: '资金到位率', en: 'funds received rate' }, num(b.received_rate), num(b.received), num(b.adjusted));
  }
  const f = view.doc.funds;
  if (f) {
    const rows: [string, typeof f.total][] = [['total', f.total], ['current_year', f.current_year], ['carried_over', f.carried_over], ['other', f.other]];
    for (const [key, row] of rows) if (row) push(['funds', key, 'rate'], key === 'total' ? { zh: '年度资金总额执行率', en: 'execution rate of the year\'s funds' } : { zh: `${key} 执行率`, en: `${key} execution rate` }, num(row.rate), num(row.spent), num(row.adjusted), key === 'total' ? num(row.weight) ?? num(f.weight) : undefined, key === 'total' ? num(row.score) : undefined);
    (f.rows ?? []).forEach((row, i) => push(['funds', 'rows', i, 'rate'], { zh: `${row.name ?? ''} 执行率`, en: `execution rate of ${row.name ?? ''}` }, num(row.rate), num(row.spent), num(row.adjusted)));
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
function targetMissed(target: NumberFigure | undefined, actual: NumberFigure | undefined): boolean {
  if (!target || !actual || !target.comparator || target.percent !== actual.percent) return false;
  const t = target.value;
  const a = actual.value;
  switch (target.comparator) {
    case '≥': return a.lt(t);
    case '>': return a.lte(t);
    case '≤': return a.gt(t);
    case '<': return a.gte(t);
    case '=': return !a.eq(t);
  }
}

/** YAML plain scalars that need no quotes: digits with an optional comparator, decimals, unit or percent. */
const PLAIN_SAFE = /^[≥≤]?[0-9][0-9.]*(?:%|‰|[\p{Script=Han}]{1,4})?$/u;

/** Figures typed with full-width digits or signs (５０、９７．０３％): the same value, spelled in ASCII. */
function figureSpellingSubjects(view: DocView): Subject[] {
  const out: Subject[] = [];
  for (const figure of view.figures) {
    if (/^[\x20-\x7e]*$/.test(figure.text)) continue;
    const normalised = normaliseWidth(figure.text);
    if (normalised === figure.text) continue;
    const quoted = figure.span[1] - figure.span[0] !== figure.text.length;
    const replacement = !quoted && PLAIN_SAFE.test(normalised) ? normalised : JSON.stringify(normalised);
    out.push({
      kind: 'figure', file: view.file, path: '', span: figure.span,
      facts: { figure: () => figure, text: () => figure.text, normalised: () => normalised, replacement: () => replacement },
    });
  }
  return out;
}

/** The document's own grade bands, against the configured ones. */
function gradingSubjects(view: DocView, config: CheckConfig): Subject[] {
  const stated = documentBands(view.doc, config);
  if (!stated) return [];
  return [{
    kind: 'grading', file: view.file, path: 'grading.bands', span: view.spanAt(['grading', 'bands']),
    facts: {
      statedBands: () => showBands(stated),
      configuredBands: () => showBands(config.gradeBands),
      statedBandsEn: () => showBands(stated, ', '),
      configuredBandsEn: () => showBands(config.gradeBands, ', '),
      sameAsConfigured: () => sameBands(stated, config.gradeBands),
    },
  }];
}
