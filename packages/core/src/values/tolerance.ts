/**
 * Rounding-aware comparison (XBRL Calculations 1.1 style). Each stated figure stands for an
 * interval: ±½ unit in its last stated decimal place. An integer is taken as exact by default
 * (weights, scores, counts and whole amounts are assigned, not rounded: "100%" means fully), which
 * a configuration may turn off. A sum or a computed value holds when its interval meets the stated
 * figure's interval; it is "equal" when it rounds to the stated figure exactly.
 */
import { SlotMap } from '../collections.js';
import { Decimal } from 'decimal.js';
import { asFraction, type NumberFigure } from './figure.js';

export interface TolerancePolicy {
  /** `exact`: a figure written without decimals is exact. `rounded`: it stands for ±0.5. */
  integers: 'exact' | 'rounded';
}

export const DEFAULT_TOLERANCE: TolerancePolicy = { integers: 'exact' };

/** An exact value with the interval of values it may stand for. */
export interface Quantity {
  mid: Decimal;
  lo: Decimal;
  hi: Decimal;
  /** Decimal places of the statement; Infinity when exact. */
  decimals: number;
}

export type Agreement = 'equal' | 'rounding' | 'mismatch';

const HALF = new Decimal('0.5');

export function exactQuantity(value: Decimal): Quantity {
  return { mid: value, lo: value, hi: value, decimals: Infinity };
}

/** Half a unit of the last decimal place: 0.5, 0.05, 0.005, … (made once per precision). */
const halfUnits: Decimal[] = [];
function halfUnit(decimals: number): Decimal {
  let h = halfUnits[decimals];
  if (!h) {
    h = HALF.times(new Decimal(10).pow(-decimals));
    halfUnits[decimals] = h;
  }
  return h;
}

const ONE_HUNDREDTH = new Decimal('0.01');

/**
 * Quantities are immutable: each figure's is computed once per policy, and apart for a figure marked
 * `rounded` (the views set and clear that mark: a figure an editor's model shares may change it).
 */
const quantityCache = { exact: new SlotMap<NumberFigure, Quantity>(), rounded: new SlotMap<NumberFigure, Quantity>(), marked: new SlotMap<NumberFigure, Quantity>() };
/** The same for a percent figure's interval as a fraction (fractionQuantityOf), kept beside its printed one. */
const fractionCache = { exact: new SlotMap<NumberFigure, Quantity>(), rounded: new SlotMap<NumberFigure, Quantity>(), marked: new SlotMap<NumberFigure, Quantity>() };

/** The interval a stated figure stands for, on its printed scale (97.03% → 97.03). */
export function quantityOf(f: NumberFigure, policy: TolerancePolicy = DEFAULT_TOLERANCE): Quantity {
  const cache = f.rounded ? quantityCache.marked : quantityCache[policy.integers];
  let q = cache.get(f);
  if (!q) {
    if (f.decimals === 0 && policy.integers === 'exact' && !f.rounded) q = exactQuantity(f.value);
    else {
      const half = halfUnit(f.decimals);
      q = { mid: f.value, lo: f.value.minus(half), hi: f.value.plus(half), decimals: f.decimals };
    }
    cache.set(f, q);
  }
  return q;
}

/** The interval as a fraction (percent figures divided by 100). */
export function fractionQuantityOf(f: NumberFigure, policy: TolerancePolicy = DEFAULT_TOLERANCE): Quantity {
  const q = quantityOf(f, policy);
  if (!f.percent) return q;
  const cache = f.rounded ? fractionCache.marked : fractionCache[policy.integers];
  let fq = cache.get(f);
  if (!fq) {
    // 98.50% is 0.9850: two more decimal places on the fraction scale.
    fq = { ...scale(q, ONE_HUNDREDTH), decimals: q.decimals + 2 };
    cache.set(f, fq);
  }
  return fq;
}

/**
 * The least and the greatest of some decimals, as the very instances (Decimals are immutable):
 * Decimal.min and Decimal.max copy every argument, and interval bounds take several per operation.
 */
function least(...ds: Decimal[]): Decimal {
  let m = ds[0] as Decimal;
  for (let i = 1; i < ds.length; i++) if ((ds[i] as Decimal).lt(m)) m = ds[i] as Decimal;
  return m;
}

function greatest(...ds: Decimal[]): Decimal {
  let m = ds[0] as Decimal;
  for (let i = 1; i < ds.length; i++) if ((ds[i] as Decimal).gt(m)) m = ds[i] as Decimal;
  return m;
}

export function scale(q: Quantity, k: Decimal): Quantity {
  const a = q.lo.times(k);
  const b = q.hi.times(k);
  const aFirst = a.lte(b);
  return { mid: q.mid.times(k), lo: aFirst ? a : b, hi: aFirst ? b : a, decimals: q.decimals };
}

const ZERO = new Decimal(0);

export function sum(qs: readonly Quantity[]): Quantity {
  // Decimals are immutable: start from a shared zero (three new ones per sum were a visible share of the rules phase).
  let mid = ZERO;
  let lo = ZERO;
  let hi = ZERO;
  let decimals = Infinity;
  for (const q of qs) {
    mid = mid.plus(q.mid);
    lo = lo.plus(q.lo);
    hi = hi.plus(q.hi);
    if (q.decimals < decimals) decimals = q.decimals;
  }
  return { mid, lo, hi, decimals };
}

export function difference(a: Quantity, b: Quantity): Quantity {
  return { mid: a.mid.minus(b.mid), lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo), decimals: Math.min(a.decimals, b.decimals) };
}

export function product(a: Quantity, b: Quantity): Quantity {
  const c = [a.lo.times(b.lo), a.lo.times(b.hi), a.hi.times(b.lo), a.hi.times(b.hi)];
  return { mid: a.mid.times(b.mid), lo: least(...c), hi: greatest(...c), decimals: Math.min(a.decimals, b.decimals) };
}

/** a ÷ b, or null when b's interval contains zero. */
export function ratio(a: Quantity, b: Quantity): Quantity | null {
  if (b.mid.isZero() || (b.lo.lte(0) && b.hi.gte(0))) return null;
  const c = [a.lo.div(b.lo), a.lo.div(b.hi), a.hi.div(b.lo), a.hi.div(b.hi)];
  return { mid: a.mid.div(b.mid), lo: least(...c), hi: greatest(...c), decimals: Math.min(a.decimals, b.decimals) };
}

export function clamp(q: Quantity, min: Decimal, max: Decimal): Quantity {
  const c = (d: Decimal) => least(greatest(d, min), max);
  return { mid: c(q.mid), lo: c(q.lo), hi: c(q.hi), decimals: q.decimals };
}

export function roundTo(d: Decimal, decimals: number): Decimal {
  return Number.isFinite(decimals) ? d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP) : d;
}

/**
 * A stated figure against a value computed from other figures (a sum, a ratio, a product):
 * equal when the computed value rounds to the stated one at its precision; rounding when the two
 * intervals meet; otherwise a mismatch.
 */
export function agreeComputed(stated: Quantity, computed: Quantity): Agreement {
  if (roundTo(computed.mid, stated.decimals).eq(stated.mid)) return 'equal';
  if (stated.lo.lte(computed.hi) && computed.lo.lte(stated.hi)) return 'rounding';
  return 'mismatch';
}

/**
 * The same figure stated twice (XBRL duplicate facts): consistent when both agree at the lower of
 * the two precisions. Equal values are equal; agreement only after rounding is "rounding".
 */
export function agreeDuplicate(a: Quantity, b: Quantity): Agreement {
  if (a.mid.eq(b.mid)) return 'equal';
  const d = Math.min(a.decimals, b.decimals);
  if (!Number.isFinite(d)) return 'mismatch';
  return roundTo(a.mid, d).eq(roundTo(b.mid, d)) ? 'rounding' : 'mismatch';
}


export { asFraction };
