/**
 * What a figure is and what the rules compare it with, for hover and inlay hints: Σ of the children
 * for a weight or score, score ÷ weight for a rate, the band for a total score, spent ÷ budget for an
 * execution rate. All arithmetic is the core's (decimal.js, rounding intervals).
 */
import {
  agreement, childSum, fraction, gradeOfDocument, canonicalGrade, quantityOf, ratio,
  type CheckConfig, type Comparable, type DocView, type IndicatorNode, type NumberFigure,
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

const num = (f: unknown): NumberFigure | undefined => (typeof f === 'object' && f !== null && (f as { kind?: string }).kind === 'number' ? (f as NumberFigure) : undefined);

export interface Comparison {
  /** e.g. "Σ 下级 = 16.8" */
  label: string;
  computed: Comparable;
  /** equal, within rounding, or mismatch against the stated figure. */
  verdict: 'equal' | 'rounding' | 'mismatch' | null;
}

function rateOf(score: NumberFigure | undefined, weight: NumberFigure | undefined, config: CheckConfig): Comparable | undefined {
  if (!score || !weight) return undefined;
  const q = ratio(quantityOf(score, config.tolerance), quantityOf(weight, config.tolerance));
  return q ? fraction(q) : undefined;
}

/** What a rule compares the indicator's `field` with. */
export function indicatorComparison(node: IndicatorNode, field: string, config: CheckConfig, locale: Locale): Comparison | undefined {
  const stated = num((node.indicator as unknown as Record<string, unknown>)[field]);
  if ((field === 'weight' || field === 'score') && node.children.length > 0) {
    const sum = childSum(node, field, config);
    if (!sum) return undefined;
    return { label: locale === 'zh' ? `Σ 下级${labelOf(field, locale)} = ${sum.text}` : `Σ children's ${labelOf(field, locale)} = ${sum.text}`, computed: sum, verdict: stated ? agreement(stated, sum, config) : null };
  }
  if (field === 'rate') {
    const r = rateOf(num(node.indicator.score), num(node.indicator.weight), config);
    if (!r) return undefined;
    return { label: locale === 'zh' ? `得分 ÷ 分值 = ${r.text}` : `score ÷ weight = ${r.text}`, computed: r, verdict: stated ? agreement(stated, r, config) : null };
  }
  return undefined;
}

/** Comparisons for figures outside the indicator trees (result, budget, funds). */
export function documentComparison(view: DocView, path: readonly Step[], config: CheckConfig, locale: Locale): { label: string; verdict: Comparison['verdict'] } | undefined {
  const [head, second, third] = path;
  const doc = view.doc;
  if (head === 'result' && (second === 'score' || second === 'grade')) {
    const score = num(doc.result?.score);
    if (!score) return undefined;
    const band = gradeOfDocument(view.doc, score.value, config);
    if (!band) return undefined;
    const stated = doc.result?.grade ? canonicalGrade(doc.result.grade, config) : undefined;
    return { label: locale === 'zh' ? `得分 ${score.text} → 等级“${band}”` : `score ${score.text} → grade “${band}”`, verdict: stated === undefined ? null : stated === band ? 'equal' : 'mismatch' };
  }
  if (head === 'budget' && second === 'execution_rate') {
    const r = rateOf(num(doc.budget?.spent), num(doc.budget?.adjusted), config);
    const stated = num(doc.budget?.execution_rate);
    if (!r) return undefined;
    return { label: locale === 'zh' ? `执行数 ÷ 全年预算数 = ${r.text}` : `spent ÷ annual budget = ${r.text}`, verdict: stated ? agreement(stated, r, config) : null };
  }
  if (head === 'funds' && (third === 'rate' || (second === 'rows' && path[3] === 'rate'))) {
    const row = second === 'rows' ? doc.funds?.rows?.[Number(third)] : (doc.funds as Record<string, { spent?: unknown; adjusted?: unknown; rate?: unknown } | undefined> | undefined)?.[String(second)];
    const r = rateOf(num(row?.spent), num(row?.adjusted), config);
    if (!r) return undefined;
    const stated = num(row?.rate);
    return { label: locale === 'zh' ? `执行数 ÷ 全年预算数 = ${r.text}` : `spent ÷ annual budget = ${r.text}`, verdict: stated ? agreement(stated, r, config) : null };
  }
  return undefined;
}

export function mark(verdict: Comparison['verdict']): string {
  return verdict === 'mismatch' ? '✗' : verdict === 'rounding' ? '≈' : verdict === 'equal' ? '✓' : '';
}
