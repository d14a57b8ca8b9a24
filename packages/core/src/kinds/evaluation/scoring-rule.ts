/** Recomputes a structured scoring rule (评分规则): proportional, linear deduction, per-failure, checklist. */
import { Decimal } from 'decimal.js';
import type { CheckConfig } from '../../config.js';
import type { ScoringRule } from './model.js';
import type { NumberFigure } from '../../values/figure.js';
import { clamp, exactQuantity, fractionQuantityOf, quantityOf, ratio, product, type Quantity } from '../../values/tolerance.js';
import { plain, type Computed } from '../../facts/computed.js';
import { num } from '../../facts/views.js';

const ZERO = new Decimal(0);

function pointsScale(f: NumberFigure, config: CheckConfig): Quantity {
  // Thresholds and steps of a linear rule are in percentage points when written as percents.
  return quantityOf(f, config.tolerance);
}

export function recomputeRuleScore(
  rule: ScoringRule,
  weight: NumberFigure,
  measured: NumberFigure | undefined,
  target: NumberFigure | undefined,
  config: CheckConfig,
): Computed | undefined {
  const w = quantityOf(weight, config.tolerance);
  const cap = num(rule.cap) ? quantityOf(num(rule.cap) as NumberFigure, config.tolerance) : w;
  switch (rule.kind) {
    case 'linear': {
      const fullAt = num(rule.full_at);
      if (!fullAt || !measured) return undefined;
      const m = pointsScale(measured, config).mid;
      const full = pointsScale(fullAt, config).mid;
      if (m.gte(full)) return plain(w);
      const zeroBelow = num(rule.zero_below);
      if (zeroBelow && m.lt(pointsScale(zeroBelow, config).mid)) return plain(exactQuantity(ZERO));
      const step = num(rule.step) ? pointsScale(num(rule.step) as NumberFigure, config).mid : new Decimal(1);
      if (step.lte(0)) return undefined;
      let per: Decimal;
      const perStep = num(rule.per_step);
      const perShare = num(rule.per_step_of_weight);
      if (perStep) per = perStep.value;
      else if (perShare) per = fractionQuantityOf(perShare, config.tolerance).mid.times(w.mid);
      else return undefined;
      // "每少1个百分点扣0.3分": a partial step may count as a whole one or pro rata; both are accepted.
      const steps = full.minus(m).div(step);
      const exact = w.mid.minus(steps.times(per));
      const whole = w.mid.minus(steps.ceil().times(per));
      const lo = Decimal.max(ZERO, Decimal.min(exact, whole));
      const hi = Decimal.max(ZERO, Decimal.max(exact, whole));
      return plain({ mid: Decimal.max(ZERO, exact), lo, hi, decimals: Infinity });
    }
    case 'proportional': {
      const actual = measured;
      if (!actual || !target || target.value.isZero()) return undefined;
      const r = ratio(quantityOf(actual, config.tolerance), quantityOf(target, config.tolerance));
      if (!r) return undefined;
      return plain(clamp(product(w, r), ZERO, cap.mid));
    }
    case 'per-failure': {
      const per = num(rule.per_failure);
      if (!per || rule.failures === undefined) return undefined;
      const deduction = per.value.times(rule.failures);
      return plain(exactQuantity(Decimal.max(ZERO, w.mid.minus(deduction))));
    }
    case 'checklist': {
      const items = rule.items ?? [];
      if (items.length === 0 || items.some((i) => i.met === undefined || !num(i.points))) return undefined;
      let total = ZERO;
      for (const item of items) if (item.met) total = total.plus((num(item.points) as NumberFigure).value);
      return plain(exactQuantity(total));
    }
    default:
      return undefined;
  }
}
