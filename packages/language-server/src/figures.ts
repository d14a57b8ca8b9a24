/**
 * What a figure is and what the rules compare it with, for hover and inlay hints. Nothing is
 * computed here: the values are the facts of the core's subjects of the document (`documentSubjects`,
 * the very subjects the rules run over) — Σ of the children (childWeightSum, childScoreSum),
 * score ÷ weight (computedRate), weight − score (computedDeduction), the band of a score
 * (expectedGrade), the scoring rule's score (ruleScore), spent ÷ budget (a ratio's computed) and
 * weight × rate (computedScore) — and the verdict is the core's `agreement` of the same two facts,
 * which is what the rules' decimalMismatch / decimalWithinRounding ask. So a hover and a rule never
 * disagree. A document's subjects are made once per view (one view per version) and cached.
 */
import {
  agreement, documentSubjects, factLookup, figurePlaces, formatPath, isComputed, isNumberFigure,
  type CheckConfig, type DocView, type Subject,
} from '@jixiao/core';
import type { Locale } from './diagnostics.js';
import type { Step } from './navigation.js';

const LABELS: Record<string, [string, string]> = {
  weight: ['分值', 'weight'], score: ['得分', 'score'], rate: ['得分率', 'rate'], deduction: ['扣分', 'deduction'],
  target: ['指标值（目标）', 'target'], actual: ['实际完成值', 'actual'], measured: ['实测值', 'measured value'],
  planned: ['年初预算数', 'initial budget'], adjusted: ['全年预算数', 'annual budget'], received: ['实际到位资金', 'funds received'],
  spent: ['执行数（实际支出）', 'amount spent'], execution_rate: ['预算执行率', 'budget execution rate'], received_rate: ['资金到位率', 'funds received rate'],
  grade: ['等级', 'grade'], count: ['陈述的个数', 'stated count'], total: ['合计', 'total'], value: ['数值', 'value'],
};

export function labelOf(key: string | undefined, locale: Locale): string | undefined {
  const l = key ? LABELS[key] : undefined;
  return l ? l[locale === 'zh' ? 0 : 1] : undefined;
}

/** The operands of a rate, as a formula names them (执行数 ÷ 全年预算数). */
const OPERANDS: Record<string, [string, string]> = {
  spent: ['执行数', 'spent'], received: ['到位资金', 'received'], adjusted: ['全年预算数', 'annual budget'], planned: ['年初预算数', 'initial budget'],
};

export type Verdict = 'equal' | 'rounding' | 'mismatch' | null;

/** What a rule compares a stated figure (or grade) with, read from one subject. */
export interface Comparison {
  /** The rule that compares them (its facts are these). */
  rule: string;
  /** sum (Σ of the children), rate, deduction, grade, scoring (a scoring rule), ratio (spent ÷ budget), score (weight × rate). */
  kind: 'sum' | 'rate' | 'deduction' | 'grade' | 'scoring' | 'ratio' | 'score';
  /** The subject's role (scored subjects: indicator, total, result, block, funds). */
  role: string | undefined;
  /** The computed value as the rule's message shows it ({{computedFact}}). */
  text: string;
  /** e.g. "Σ 下级得分 = 16.8". */
  label: string;
  /** equal, within rounding, or mismatch against the stated figure (null: nothing stated to compare). */
  verdict: Verdict;
  /** Where the stated figure (or grade) ends: the place of an inlay hint. */
  end: number | undefined;
}

type Facts = (name: string) => unknown;

interface Spec {
  rule: string;
  kind: Comparison['kind'];
  subject: 'scored' | 'ratio';
  /** The fact stated in the document, and the one the rule compares it with. */
  stated: string;
  computed: string;
  /** The field of the subject's path that the stated fact is, for a stated value that is no figure (a "—"). */
  field?: string;
  /** Only for the subjects this holds of. */
  when?: (facts: Facts, subject: Subject) => boolean;
  /** Further places the comparison is shown at (the score of a grade). */
  also?: (facts: Facts) => unknown[];
  label: (text: string, facts: Facts, locale: Locale) => string;
  verdict?: (stated: unknown, computed: unknown, config: CheckConfig) => Verdict;
}

const zhEn = (locale: Locale, zh: string, en: string) => (locale === 'zh' ? zh : en);
const operand = (figure: unknown, locale: Locale): string => {
  const key = typeof figure === 'object' && figure !== null ? figurePlaces.get(figure)?.path.split('.').pop() : undefined;
  const word = key ? OPERANDS[key] : undefined;
  return word ? word[locale === 'zh' ? 0 : 1] : zhEn(locale, '分子', 'numerator');
};

/** Each pair of facts a rule compares, as the rule names them (rules/…/*.yaml). */
const SPECS: readonly Spec[] = [
  {
    rule: 'sums/children-weight', kind: 'sum', subject: 'scored', stated: 'weight', computed: 'childWeightSum', field: 'weight',
    label: (t, _, l) => zhEn(l, `Σ 下级分值 = ${t}`, `Σ children's weight = ${t}`),
  },
  {
    rule: 'sums/children-score', kind: 'sum', subject: 'scored', stated: 'score', computed: 'childScoreSum', field: 'score',
    label: (t, _, l) => zhEn(l, `Σ 下级得分 = ${t}`, `Σ children's score = ${t}`),
  },
  {
    rule: 'grades/stated-rate', kind: 'rate', subject: 'scored', stated: 'rate', computed: 'computedRate', field: 'rate',
    label: (t, f, l) => (f('role') === 'result' ? zhEn(l, `得分 ÷ 100 = ${t}`, `score ÷ 100 = ${t}`) : zhEn(l, `得分 ÷ 分值 = ${t}`, `score ÷ weight = ${t}`)),
  },
  {
    rule: 'sums/deduction', kind: 'deduction', subject: 'scored', stated: 'deduction', computed: 'computedDeduction', field: 'deduction',
    label: (t, _, l) => zhEn(l, `分值 − 得分 = ${t}`, `weight − score = ${t}`),
  },
  {
    // grade-band: the stated grade (canonical) against the band of the score; shown on both.
    rule: 'grades/grade-band', kind: 'grade', subject: 'scored', stated: 'grade', computed: 'expectedGrade', field: 'grade',
    when: (_, s) => 'grade' in s.facts,
    also: (f) => [f('score')],
    label: (t, f, l) => {
      const score = shown(f('score'));
      return zhEn(l, `得分 ${score} → 等级“${t}”`, `score ${score} → grade “${t}”`);
    },
    verdict: (stated, computed) => (stated === undefined || stated === null ? null : stated === computed ? 'equal' : 'mismatch'),
  },
  {
    rule: 'grades/scoring-rule', kind: 'scoring', subject: 'scored', stated: 'scoreForRule', computed: 'ruleScore',
    when: (f) => f('ruleKind') !== undefined || f('ruleText') !== undefined,
    label: (t, f, l) => {
      const expected = typeof f('ruleExpected') === 'string' ? (f('ruleExpected') as string) : t;
      return zhEn(l, `按评分规则应得 ${expected}`, `by the scoring rule: ${expected}`);
    },
  },
  {
    rule: 'grades/execution-rate', kind: 'ratio', subject: 'ratio', stated: 'stated', computed: 'computed',
    // A line scored on its stated rate alone has no rate to recompute.
    when: (f) => f('numerator') !== undefined && f('denominator') !== undefined,
    label: (t, f, l) => `${operand(f('numerator'), l)} ÷ ${operand(f('denominator'), l)} = ${t}`,
  },
  {
    rule: 'grades/execution-score', kind: 'score', subject: 'ratio', stated: 'score', computed: 'computedScore',
    label: (t, _, l) => zhEn(l, `分值 × 执行率 = ${t}`, `weight × rate = ${t}`),
  },
];

/** A value as a rule's message shows it. */
function shown(v: unknown): string {
  if (isNumberFigure(v) || isComputed(v)) return v.text;
  return v === undefined || v === null ? '—' : String(v);
}

/** The place of a stated value: a figure's, or an explicit one ({ place }). */
function placeOf(v: unknown): { path: string; end: number | undefined } | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const explicit = (v as { place?: { path: string; span: readonly [number, number] } }).place;
  if (explicit) return { path: explicit.path, end: explicit.span[1] };
  const place = figurePlaces.get(v);
  return place ? { path: place.path, end: isNumberFigure(v) ? v.span[1] : undefined } : undefined;
}

/** One spec over one subject: computed (and judged) when first asked. */
export class Pair {
  private result: Comparison | null | undefined;
  constructor(readonly spec: Spec, readonly subject: Subject, readonly facts: Facts, readonly end: number | undefined) {}
  comparison(config: CheckConfig, locale: Locale): Comparison | undefined {
    if (this.result === undefined) {
      const computed = this.facts(this.spec.computed);
      if (computed === undefined || computed === null) this.result = null;
      else {
        const stated = this.facts(this.spec.stated);
        const verdict = this.spec.verdict ? this.spec.verdict(stated, computed, config) : agreement(stated, computed, config);
        const text = shown(computed);
        const role = this.facts('role');
        this.result = {
          rule: this.spec.rule, kind: this.spec.kind, role: typeof role === 'string' ? role : undefined,
          text, label: '', verdict, end: this.end,
        };
      }
    }
    // The label is in the session's language; the rest is the same in both.
    return this.result ? { ...this.result, label: this.spec.label(this.result.text, this.facts, locale) } : undefined;
  }
}

export interface FigureIndex {
  /** Every comparison, by the document path of the figure it is about. */
  byPath: Map<string, Pair[]>;
  all: Pair[];
}

function buildIndex(view: DocView, config: CheckConfig): FigureIndex {
  const byPath = new Map<string, Pair[]>();
  const all: Pair[] = [];
  // Scored and ratio subjects come from indicator trees, results, entries and funds only: a document
  // with none of them (final accounts and budgets, whose subjects are many) is not gone through.
  const doc = view.doc;
  if (view.cards.length === 0 && !doc.result && !doc.budget && !doc.funds && !doc.entries?.length) return { byPath, all };
  const add = (path: string, entry: Pair) => {
    const list = byPath.get(path);
    if (list) list.push(entry);
    else byPath.set(path, [entry]);
  };
  // The statements' subjects need the other documents and say nothing of these figures: left out.
  for (const subject of documentSubjects(view, null, config)) {
    if (subject.kind !== 'scored' && subject.kind !== 'ratio') continue;
    const facts = factLookup(subject);
    for (const spec of SPECS) {
      if (spec.subject !== subject.kind || !(spec.computed in subject.facts)) continue;
      if (spec.when && !spec.when(facts, subject)) continue;
      const stated = facts(spec.stated);
      // The stated value's place (the rule's `at`), else the subject's field (a figure that is no number).
      const place = placeOf(stated) ?? (spec.kind === 'grade' ? placeOf(facts('gradeAt')) : undefined);
      const path = place?.path ?? (spec.field && subject.kind === 'scored' && subject.path !== '' ? `${subject.path}.${spec.field}` : undefined);
      if (path === undefined) continue;
      const entry = new Pair(spec, subject, facts, place?.end);
      all.push(entry);
      add(path, entry);
      for (const other of spec.also?.(facts) ?? []) {
        const p = placeOf(other);
        if (p && p.path !== path) add(p.path, entry);
      }
    }
  }
  return { byPath, all };
}

const indexes = new WeakMap<DocView, { config: CheckConfig; index: FigureIndex }>();

/** The comparisons of a document's figures, made once per view and config. */
export function figureIndex(view: DocView, config: CheckConfig): FigureIndex {
  const cached = indexes.get(view);
  if (cached && cached.config === config) return cached.index;
  const index = buildIndex(view, config);
  indexes.set(view, { config, index });
  return index;
}

/** What the rules compare the figure at `path` with (one line each, duplicates once). */
export function comparisonsAt(view: DocView, path: readonly Step[], config: CheckConfig, locale: Locale): Comparison[] {
  const out: Comparison[] = [];
  for (const entry of figureIndex(view, config).byPath.get(formatPath(path)) ?? []) {
    const c = entry.comparison(config, locale);
    if (c && !out.some((o) => o.label === c.label && o.verdict === c.verdict)) out.push(c);
  }
  return out;
}

/** Every comparison of the document whose stated figure ends within [from, to]. */
export function comparisonsIn(view: DocView, from: number, to: number, config: CheckConfig, locale: Locale): Comparison[] {
  const out: Comparison[] = [];
  for (const entry of figureIndex(view, config).all) {
    if (entry.end === undefined || entry.end < from || entry.end > to) continue;
    const c = entry.comparison(config, locale);
    if (c) out.push(c);
  }
  return out;
}

export function mark(verdict: Verdict): string {
  return verdict === 'mismatch' ? '✗' : verdict === 'rounding' ? '≈' : verdict === 'equal' ? '✓' : '';
}

