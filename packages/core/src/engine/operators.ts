/** Condition operators: json-rules-engine's built-ins plus decimal comparison within rounding tolerance. */
import { defaultConfig, type CheckConfig } from '../config.js';
import { Decimal } from 'decimal.js';
import { commonScale, isComputed, isNumberFigure, plain, toQuantity, type Comparable } from '../facts/computed.js';
import { agreeComputed, agreeDuplicate, exactQuantity, type Agreement } from '../values/tolerance.js';

export type Operator = (factValue: unknown, compareValue: unknown) => boolean;

/** A literal constant in a condition (`value: 0`, `value: 100`) is an exact number. */
function literal(v: unknown): unknown {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v;
  let c = literals.get(v);
  if (c === undefined) {
    c = plain(exactQuantity(new Decimal(v)));
    if (literals.size < 1024) literals.set(v, c);
  }
  return c;
}
/** The exact number each literal of a condition stands for, made once (conditions name a handful: 0, 100, …; a fact's numbers beyond the first 1,024 are not kept). */
const literals = new Map<number, unknown>();

function comparable(v: unknown): v is Comparable {
  return isComputed(v) || isNumberFigure(v);
}

/** Stated vs computed: computed semantics; stated vs stated: duplicate-fact semantics. */
export function agreement(x: unknown, y: unknown, config: CheckConfig): Agreement | null {
  const a = literal(x);
  const b = literal(y);
  if (!comparable(a) || !comparable(b)) return null;
  const scale = commonScale(a, b);
  const qa = toQuantity(a, scale, config.tolerance);
  const qb = toQuantity(b, scale, config.tolerance);
  if (isComputed(a) && !isComputed(b)) return agreeComputed(qb, qa);
  if (isComputed(b) || isComputed(a)) return agreeComputed(qa, qb);
  return agreeDuplicate(qa, qb);
}

export function customOperators(config: CheckConfig): Record<string, Operator> {
  // A rule's rounding condition asks about the same pair its main condition just did: remember the last answer.
  let lastA: unknown;
  let lastB: unknown;
  let last: Agreement | null = null;
  const agree = (a: unknown, b: unknown) => {
    if (a !== lastA || b !== lastB || typeof a !== 'object' || typeof b !== 'object') {
      last = agreement(a, b, config);
      lastA = a;
      lastB = b;
    }
    return last;
  };
  return {
    decimalMismatch: (a, b) => agree(a, b) === 'mismatch',
    decimalWithinRounding: (a, b) => agree(a, b) === 'rounding',
    decimalAgrees: (a, b) => agree(a, b) === 'equal',
    decimalAtLeast: (x, y) => {
      const [a, b] = [literal(x), literal(y)];
      return comparable(a) && comparable(b) && toQuantity(a, 'plain', config.tolerance).mid.gte(toQuantity(b, 'plain', config.tolerance).mid);
    },
    decimalBelow: (x, y) => {
      const [a, b] = [literal(x), literal(y)];
      return comparable(a) && comparable(b) && toQuantity(a, 'plain', config.tolerance).mid.lt(toQuantity(b, 'plain', config.tolerance).mid);
    },
    isKnown: (a, b) => (a !== undefined && a !== null) === (b === true),
  };
}

export const builtinOperators: Record<string, Operator> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => Array.isArray(b) && b.includes(a),
  notIn: (a, b) => Array.isArray(b) && !b.includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
  lessThan: (a, b) => typeof a === 'number' && typeof b === 'number' && a < b,
  lessThanInclusive: (a, b) => typeof a === 'number' && typeof b === 'number' && a <= b,
  greaterThan: (a, b) => typeof a === 'number' && typeof b === 'number' && a > b,
  greaterThanInclusive: (a, b) => typeof a === 'number' && typeof b === 'number' && a >= b,
};

/** Every operator a condition may name (json-rules-engine's built-ins and ours). */
export const OPERATOR_NAMES: readonly string[] = [...Object.keys(builtinOperators), ...Object.keys(customOperators(defaultConfig()))];
