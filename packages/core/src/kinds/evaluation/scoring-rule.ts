/**
 * Recomputes a scoring rule (评分规则): a structured one (proportional, linear deduction, per-failure,
 * checklist) or one read from its printed text (rule-text.ts).
 */
import { Decimal } from 'decimal.js';
import type { CheckConfig } from '../../config.js';
import type { ScoringRule } from './model.js';
import type { NumberFigure } from '../../values/figure.js';
import { exactQuantity, fractionQuantityOf, quantityOf, type Quantity } from '../../values/tolerance.js';
import { plain, showPlain, type Computed } from '../../facts/computed.js';
import { num } from '../../facts/views.js';
import { proportionalScore, readRuleText, scoreByReading, type RuleOutcome } from './rule-text.js';

const ZERO = new Decimal(0);

function pointsScale(f: NumberFigure, config: CheckConfig): Quantity {
  // Thresholds and steps of a linear rule are in percentage points when written as percents.
  return quantityOf(f, config.tolerance);
}

/** What a rule gives an indicator. */
export interface RuleResult {
  /** The score to compare with the stated one: the principal reading, its interval spanning every reading. */
  score: Computed;
  /** The score or scores the rule allows, as a message shows them ("8.5", "9.55 / 9.7", "8–10"). */
  expected: string;
  /** The rule reads more than one way, with different scores. */
  ambiguous: boolean;
}

export interface RuleExtras {
  /** The actual (or evaluation) written as a word, for qualitative tiers and verdict bands. */
  word?: string;
  /** The stated score (qualitative tiers allow a range: a score within it is the rule's). */
  stated?: NumberFigure;
}

/** The structured rule's outcome (the readings of a linear rule: pro rata and a part step counted whole). */
function structuredOutcome(
  rule: ScoringRule,
  weight: NumberFigure,
  measured: NumberFigure | undefined,
  target: NumberFigure | undefined,
  config: CheckConfig,
): RuleOutcome | undefined {
  const w = quantityOf(weight, config.tolerance);
  const cap = num(rule.cap) ? quantityOf(num(rule.cap) as NumberFigure, config.tolerance) : w;
  const one = (q: Quantity): RuleOutcome => ({ scores: [{ reading: 'rule', quantity: q }] });
  switch (rule.kind) {
    case 'linear': {
      const fullAt = num(rule.full_at);
      if (!fullAt || !measured) return undefined;
      const m = pointsScale(measured, config).mid;
      const full = pointsScale(fullAt, config).mid;
      if (m.gte(full)) return one(exactQuantity(w.mid));
      const zeroBelow = num(rule.zero_below);
      if (zeroBelow && m.lt(pointsScale(zeroBelow, config).mid)) return one(exactQuantity(ZERO));
      const step = num(rule.step) ? pointsScale(num(rule.step) as NumberFigure, config).mid : new Decimal(1);
      if (step.lte(0)) return undefined;
      let per: Decimal;
      const perStep = num(rule.per_step);
      const perShare = num(rule.per_step_of_weight);
      if (perStep) per = perStep.value;
      else if (perShare) per = fractionQuantityOf(perShare, config.tolerance).mid.times(w.mid);
      else return undefined;
      // "每少1个百分点扣0.3分": only whole steps deduct (the floor reading), or a part step pro rata; both
      // are accepted, as for the same rule read from its printed text (rule-text.ts).
      const steps = full.minus(m).div(step);
      const exact = Decimal.max(ZERO, w.mid.minus(steps.times(per)));
      const whole = Decimal.max(ZERO, w.mid.minus(steps.floor().times(per)));
      if (exact.eq(whole)) return one(exactQuantity(exact));
      return { scores: [{ reading: 'pro-rata', quantity: exactQuantity(exact) }, { reading: 'whole-steps', quantity: exactQuantity(whole) }] };
    }
    case 'proportional': {
      // A lower-is-better target (≤ 19.5万元) is met at or under it: weight × target ÷ actual when missed.
      if (!target) return undefined;
      const q = proportionalScore('completion', w, cap.mid, measured, target, config.tolerance);
      return q ? one(q) : undefined;
    }
    case 'per-failure': {
      const per = num(rule.per_failure);
      if (!per || rule.failures === undefined) return undefined;
      const deduction = per.value.times(rule.failures);
      return one(exactQuantity(Decimal.max(ZERO, w.mid.minus(deduction))));
    }
    case 'checklist': {
      const items = rule.items ?? [];
      if (items.length === 0 || items.some((i) => i.met === undefined || !num(i.points))) return undefined;
      let total = ZERO;
      for (const item of items) if (item.met) total = total.plus((num(item.points) as NumberFigure).value);
      return one(exactQuantity(total));
    }
    default:
      return undefined;
  }
}

/** An outcome as the value a stated score is compared with. */
function resultOf(outcome: RuleOutcome, stated: NumberFigure | undefined): RuleResult | undefined {
  const scores = outcome.scores ?? [];
  const first = scores[0];
  if (first) {
    const lo = Decimal.min(...scores.map((s) => s.quantity.lo));
    const hi = Decimal.max(...scores.map((s) => s.quantity.hi));
    const decimals = Math.min(...scores.map((s) => s.quantity.decimals));
    const shown = [...new Set(scores.map((s) => showPlain(s.quantity.mid)))];
    return { score: plain({ mid: first.quantity.mid, lo, hi, decimals }), expected: shown.join(' / '), ambiguous: shown.length > 1 };
  }
  // Tiers that meet ("较好": the top or the middle one) are one range.
  const ranges: { from: Decimal; to: Decimal }[] = [];
  for (const r of [...(outcome.ranges ?? [])].sort((a, b) => a.from.comparedTo(b.from))) {
    const last = ranges[ranges.length - 1];
    if (last && r.from.lte(last.to)) last.to = Decimal.max(last.to, r.to);
    else ranges.push({ from: r.from, to: r.to });
  }
  if (ranges.length === 0 || !stated) return undefined;
  const expected = ranges.map((r) => `${showPlain(r.from)}–${showPlain(r.to)}`).join(' / ');
  const v = stated.value;
  const inside = ranges.find((r) => v.gte(r.from) && v.lte(r.to));
  if (inside) return { score: plain({ mid: v, lo: inside.from, hi: inside.to, decimals: Infinity }), expected, ambiguous: false };
  // Outside every range allowed: the nearest end of the nearest one is what the rule gives at best.
  let best: { edge: Decimal; range: (typeof ranges)[number]; distance: Decimal } | undefined;
  for (const r of ranges) {
    const edge = v.lt(r.from) ? r.from : r.to;
    const distance = edge.minus(v).abs();
    if (!best || distance.lt(best.distance)) best = { edge, range: r, distance };
  }
  const b = best as NonNullable<typeof best>;
  return { score: plain({ mid: b.edge, lo: b.range.from, hi: b.range.to, decimals: Infinity }), expected, ambiguous: false };
}

/** What the rule gives; undefined when it cannot be recomputed (unknown text, data not stated). */
export function recomputeRule(
  rule: ScoringRule,
  weight: NumberFigure,
  measured: NumberFigure | undefined,
  target: NumberFigure | undefined,
  config: CheckConfig,
  extras: RuleExtras = {},
): RuleResult | undefined {
  let outcome: RuleOutcome | undefined;
  if (rule.kind === undefined || rule.kind === 'text') {
    // A printed rule with no structured parameters: recomputed only when its text is a known form.
    const reading = rule.text ? readRuleText(rule.text) : undefined;
    if (!reading) return undefined;
    const cap = num(rule.cap);
    outcome = scoreByReading(reading, { weight, measured, target, ...(extras.word === undefined ? {} : { word: extras.word }), ...(cap ? { cap } : {}) }, config.tolerance);
  } else outcome = structuredOutcome(rule, weight, measured, target, config);
  return outcome ? resultOf(outcome, extras.stated) : undefined;
}
