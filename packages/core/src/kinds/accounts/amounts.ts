/**
 * Amounts across units and tables: a figure's interval in another money unit, the same amount
 * stated twice (duplicate-fact semantics at the lower precision), a stated total against a sum of
 * rounded cells (n terms allow n half-units).
 */
import { Decimal } from 'decimal.js';
import { plain, showPlain, type Computed } from '../../facts/computed.js';
import { agreeComputed, difference, exactQuantity, quantityOf, roundTo, sum, type Quantity, type TolerancePolicy } from '../../values/tolerance.js';
import type { NumberFigure } from '../../values/figure.js';
import { UNIT_SCALE } from './tables.js';

/** equal; rounding: within the half-units of rounded terms; near: two statements one unit apart in the last digit; mismatch. */
export type AmountAgreement = 'equal' | 'rounding' | 'near' | 'mismatch';

export interface Amount {
  figure: NumberFigure;
  /** The money unit the figure is in (元, 万元 …). */
  unit: string;
  /** A blank cell: exactly 0 whatever the rounding policy. */
  blank?: boolean;
}

export interface Term extends Amount {
  sign: 1 | -1;
}

/** The interval of an amount expressed in `unit` (decimals follow the scale: 0.01 万元 is 100 元). */
export function quantityIn(a: Amount, unit: string, policy: TolerancePolicy): Quantity {
  const from = UNIT_SCALE[a.unit] ?? UNIT_SCALE['万元'] as Decimal;
  const to = UNIT_SCALE[unit] ?? UNIT_SCALE['万元'] as Decimal;
  // An amount stated in a coarser unit than the one it is compared in (17,192万元 against a cell in
  // 元) is a rounding to its last digit, integer or not: the integer policy is for counts and scores.
  const coarser = from.gt(to) && a.figure.decimals === 0;
  const q = a.blank ? exactQuantity(a.figure.value) : quantityOf(a.figure, coarser ? { ...policy, integers: 'rounded' } : policy);
  if (from.eq(to)) return q;
  const k = from.div(to);
  const shift = Math.round(Math.log10(k.toNumber()));
  return { mid: q.mid.times(k), lo: q.lo.times(k), hi: q.hi.times(k), decimals: Number.isFinite(q.decimals) ? q.decimals - shift : Infinity };
}

/** An amount as the tables print it: thousands grouped, at the stated figure's decimals. */
export function showAmount(value: Decimal, decimals: number): string {
  const text = showPlain(value, Number.isFinite(decimals) && decimals >= 0 ? decimals : undefined);
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Two statements of one amount: equal when the same; rounding when they agree at the lower precision. */
export function agreeStatements(a: Quantity, b: Quantity): AmountAgreement {
  if (a.lo.eq(a.hi) || b.lo.eq(b.hi)) {
    // One side is exact (whole 元): the other must be its rounding.
    const [exact, rounded] = a.lo.eq(a.hi) ? [a, b] : [b, a];
    const r = agreeComputed(rounded, exact);
    if (r !== 'mismatch') return r === 'equal' ? 'equal' : 'rounding';
    return nearBy(a, b) ? 'near' : 'mismatch';
  }
  if (a.mid.eq(b.mid)) return 'equal';
  const d = Math.min(a.decimals, b.decimals);
  if (roundTo(a.mid, d).eq(roundTo(b.mid, d))) return 'rounding';
  return nearBy(a, b) ? 'near' : 'mismatch';
}

/** No more than one unit apart in the last digit of the coarser statement. */
function nearBy(a: Quantity, b: Quantity): boolean {
  const d = Math.min(a.decimals, b.decimals);
  if (!Number.isFinite(d)) return false;
  return a.mid.minus(b.mid).abs().lte(new Decimal(10).pow(-d));
}

export interface Comparison {
  agreement: AmountAgreement;
  /** The terms' value in the stated figure's unit. */
  computed: Computed;
  difference: Computed;
}

/** A stated amount against one other statement (a duplicate) or a signed sum of terms. */
export function compareAmount(stated: Amount, terms: readonly Term[], policy: TolerancePolicy): Comparison {
  // Stated in a coarser unit than a term's (17,192万元 for a cell in 元): a rounding, integer or not.
  const scale = (u: string) => UNIT_SCALE[u] ?? (UNIT_SCALE['万元'] as Decimal);
  const coarser = stated.figure.decimals === 0 && terms.some((t) => scale(stated.unit).gt(scale(t.unit)));
  const s = stated.blank ? exactQuantity(stated.figure.value) : quantityOf(stated.figure, coarser ? { ...policy, integers: 'rounded' } : policy);
  const qs = terms.map((t) => {
    const q = quantityIn(t, stated.unit, policy);
    return t.sign === 1 ? q : { mid: q.mid.neg(), lo: q.hi.neg(), hi: q.lo.neg(), decimals: q.decimals };
  });
  const total = qs.length === 1 ? (qs[0] as Quantity) : sum(qs);
  let agreement: AmountAgreement;
  if (terms.length === 1 && terms[0]?.sign === 1) agreement = agreeStatements(s, total);
  else {
    const r = agreeComputed(s, total);
    agreement = r;
  }
  const diff = difference(s, total);
  return { agreement, computed: plain(total, showAmount(total.mid, stated.figure.decimals)), difference: plain(diff, showAmount(diff.mid, stated.figure.decimals)) };
}
