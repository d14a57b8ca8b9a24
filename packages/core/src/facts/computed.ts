/** Values the core computes from stated figures, with the interval they may stand for. */
import { Decimal } from 'decimal.js';
import type { NumberFigure } from '../values/figure.js';
import { fractionQuantityOf, quantityOf, sum, type Quantity, type TolerancePolicy } from '../values/tolerance.js';

export interface Computed {
  kind: 'computed';
  quantity: Quantity;
  /** `fraction`: a ratio (0.9703); `plain`: on the printed scale of the figures it came from. */
  scale: 'plain' | 'fraction';
  /** How to show it in a message. */
  readonly text: string;
}

export type Comparable = NumberFigure | Computed;

export function isComputed(v: unknown): v is Computed {
  return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'computed';
}

export function isNumberFigure(v: unknown): v is NumberFigure {
  return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'number';
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export function showPlain(d: Decimal, decimals?: number): string {
  if (decimals !== undefined && Number.isFinite(decimals)) return d.toFixed(decimals, Decimal.ROUND_HALF_UP);
  return trimZeros(d.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed());
}

export function showPercent(fraction: Decimal): string {
  return `${trimZeros(fraction.times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed())}%`;
}

/**
 * A computed value whose text is made when first read: most computed values are only compared, and
 * only those a finding shows (its message, its fix) are ever written out.
 */
class ComputedValue implements Computed {
  readonly kind = 'computed';
  private shown: string | undefined;

  constructor(readonly quantity: Quantity, readonly scale: 'plain' | 'fraction', text?: string) {
    this.shown = text;
  }

  get text(): string {
    return (this.shown ??= this.scale === 'plain' ? showPlain(this.quantity.mid) : showPercent(this.quantity.mid));
  }
}

export function plain(quantity: Quantity, text?: string): Computed {
  return new ComputedValue(quantity, 'plain', text);
}

export function fraction(quantity: Quantity): Computed {
  return new ComputedValue(quantity, 'fraction');
}

const ONE_HUNDREDTH = new Decimal('0.01');
const ONE_HUNDRED = new Decimal(100);

/** A comparable value as an interval on the given scale. */
export function toQuantity(v: Comparable, scale: 'plain' | 'fraction', policy: TolerancePolicy): Quantity {
  if (isComputed(v)) {
    if (v.scale === scale) return v.quantity;
    const k = scale === 'fraction' ? ONE_HUNDREDTH : ONE_HUNDRED;
    const q = v.quantity;
    return { mid: q.mid.times(k), lo: q.lo.times(k), hi: q.hi.times(k), decimals: q.decimals + (scale === 'fraction' ? 2 : -2) };
  }
  return scale === 'fraction' ? fractionQuantityOf(v, policy) : quantityOf(v, policy);
}

/** The scale two comparables share: fraction when either is a percent or a ratio. */
export function commonScale(a: Comparable, b: Comparable): 'plain' | 'fraction' {
  const isFraction = (v: Comparable) => (isComputed(v) ? v.scale === 'fraction' : v.percent);
  return isFraction(a) || isFraction(b) ? 'fraction' : 'plain';
}

export function sumOf(values: readonly Comparable[], policy: TolerancePolicy): Computed {
  return plain(sum(values.map((v) => toQuantity(v, 'plain', policy))));
}
