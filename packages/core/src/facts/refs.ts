/** Resolves `refers` paths and `equals` expressions of statements against a document. */
import type { CheckConfig } from '../config.js';
import type { Expression, JixiaoDocument } from '../format/model.js';
import { readFigure, type Figure } from '../values/figure.js';
import { difference, quantityOf, ratio, sum, type Quantity } from '../values/tolerance.js';
import { fraction, plain, type Computed } from './computed.js';

/** Walks `a.b.c`; in a list, a step selects the element whose id or name equals it (or its index). */
export function resolvePath(doc: JixiaoDocument, path: string): unknown {
  let node: unknown = doc;
  for (const step of splitPath(path)) {
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node)) {
      const found = node.find((item) => typeof item === 'object' && item !== null && ((item as { id?: string }).id === step || (item as { name?: string }).name === step));
      node = found ?? (/^\d+$/.test(step) ? node[Number(step)] : undefined);
    } else if (typeof node === 'object') {
      node = Object.prototype.hasOwnProperty.call(node, step) ? (node as Record<string, unknown>)[step] : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

function splitPath(path: string): string[] {
  return path.split(/\.|\[|\]/).map((s) => s.trim()).filter((s) => s !== '');
}

export function isFigure(v: unknown): v is Figure {
  const kind = (v as { kind?: unknown } | null)?.kind;
  return typeof v === 'object' && v !== null && (kind === 'number' || kind === 'text' || kind === 'na') && 'span' in v;
}

interface Term {
  q: Quantity;
  percent: boolean;
  /** A ratio's result is a fraction (shown as a percent). */
  ratio?: boolean;
}

export interface ExpressionResult {
  value?: Computed;
  /** Paths that did not resolve to a number. */
  missing: string[];
  /** A ratio's denominator is zero: the value is undefined (said, not divided). */
  zeroDenominator?: boolean;
}

/** Evaluates {sum|difference|ratio: [...]}; ratio gives a fraction, the rest the figures' scale. */
export function evaluateExpression(doc: JixiaoDocument, expr: Expression, config: CheckConfig, resolveTerm?: (text: string) => { q: Quantity; percent: boolean } | undefined): ExpressionResult {
  const missing: string[] = [];
  let zeroDenominator = false;
  const evalTerm = (e: Expression): Term | undefined => {
    if (typeof e === 'string') {
      const literal = readFigure(e, [0, 0]);
      if (literal.kind === 'number') return { q: quantityOf(literal, config.tolerance), percent: literal.percent };
      const v = resolvePath(doc, e);
      if (isFigure(v) && v.kind === 'number') return { q: quantityOf(v, config.tolerance), percent: v.percent };
      const resolved = resolveTerm?.(e);
      if (resolved) return resolved;
      missing.push(e);
      return undefined;
    }
    const [op, args] = Object.entries(e)[0] ?? [];
    const terms = (args as Expression[] | undefined)?.map(evalTerm) ?? [];
    if (terms.some((t) => t === undefined) || terms.length === 0) return undefined;
    const ts = terms as Term[];
    if (op === 'sum') return { q: sum(ts.map((t) => t.q)), percent: ts[0]?.percent ?? false };
    if (op === 'difference' && ts.length === 2) return { q: difference((ts[0] as Term).q, (ts[1] as Term).q), percent: (ts[0] as Term).percent };
    if (op === 'ratio' && ts.length === 2) {
      const a = ts[0] as Term;
      const b = ts[1] as Term;
      const r = ratio(a.percent ? scaleDown(a.q) : a.q, b.percent ? scaleDown(b.q) : b.q);
      if (!r && b.q.mid.isZero()) zeroDenominator = true;
      return r ? { q: r, percent: false, ratio: true } : undefined;
    }
    return undefined;
  };
  const t = evalTerm(expr);
  if (!t) return { missing, zeroDenominator };
  return { value: t.ratio ? fraction(t.q) : plain(t.q), missing };
}

function scaleDown(q: Quantity): Quantity {
  return { mid: q.mid.div(100), lo: q.lo.div(100), hi: q.hi.div(100), decimals: q.decimals };
}

