/**
 * A fast evaluator for json-rules-engine condition objects (all / any / not / fact-operator-value,
 * with `value: { fact }` references), over lazily computed, cached facts. A test proves it agrees
 * with json-rules-engine itself on every rule example.
 */
import type { Operator } from './operators.js';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; operator: string; value: unknown };

/** A fact by name; a compiled condition also passes the name's index (factIndexOf), which a lookup may use instead. */
export type FactLookup = (name: string, index?: number) => unknown;

/** Each fact name conditions have named, as a small index (fact names come from the rule packs: a bounded set). */
const factIndex = new Map<string, number>();
export function factIndexOf(name: string): number {
  let i = factIndex.get(name);
  if (i === undefined) {
    i = factIndex.size;
    factIndex.set(name, i);
  }
  return i;
}

export function evaluate(cond: Condition, facts: FactLookup, operators: Record<string, Operator>): boolean {
  // Plain loops: this runs for every rule on every subject, and closures here were a large share of all allocation.
  if ('all' in cond) {
    for (const c of cond.all) if (!evaluate(c, facts, operators)) return false;
    return true;
  }
  if ('any' in cond) {
    for (const c of cond.any) if (evaluate(c, facts, operators)) return true;
    return false;
  }
  if ('not' in cond) return !evaluate(cond.not, facts, operators);
  const op = operators[cond.operator];
  if (!op) throw new Error(`unknown operator ${cond.operator}`);
  const v = cond.value;
  const compare = typeof v === 'object' && v !== null && 'fact' in v ? facts(String((v as { fact: unknown }).fact)) : v;
  return op(facts(cond.fact), compare);
}

/** A condition compiled to a function of the facts (operators bound when it is compiled). */
export type CompiledCondition = (facts: FactLookup) => boolean;

/**
 * Compiles a condition once into nested closures over its operators, so that a rule met by every
 * subject of every file no longer dispatches on the shape of each node or looks its operator up by
 * name each time. Same answers as `evaluate` (a test runs both over every rule example); an unknown
 * operator throws when the condition is first evaluated, as `evaluate` does.
 */
export function compileCondition(cond: Condition, operators: Record<string, Operator>): CompiledCondition {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileCondition(c, operators));
    if (parts.length === 1) return parts[0] as CompiledCondition;
    if (parts.length === 2) {
      const [a, b] = parts as [CompiledCondition, CompiledCondition];
      return (facts) => a(facts) && b(facts);
    }
    return (facts) => {
      for (let i = 0; i < parts.length; i++) if (!(parts[i] as CompiledCondition)(facts)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileCondition(c, operators));
    return (facts) => {
      for (let i = 0; i < parts.length; i++) if ((parts[i] as CompiledCondition)(facts)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not, operators);
    return (facts) => !inner(facts);
  }
  const op = operators[cond.operator];
  const operator = cond.operator;
  if (!op) return () => {
    throw new Error(`unknown operator ${operator}`);
  };
  const fact = cond.fact;
  const fi = factIndexOf(fact);
  const v = cond.value;
  if (typeof v === 'object' && v !== null && 'fact' in v) {
    const other = String((v as { fact: unknown }).fact);
    const oi = factIndexOf(other);
    return (facts) => op(facts(fact, fi), facts(other, oi));
  }
  return (facts) => op(facts(fact, fi), v);
}
