/** A YAML tree's scalar values in document order, for the tests that retype them (reparse, retype, subject reuse). */
import type { ScalarNode, YNode } from '../packages/core/dist/yaml/tree.js';

/** Each scalar value with the key it is the value of (null in a list). */
export function keyedScalarValues(node: YNode | null, key: string | null = null, out: { node: ScalarNode; key: string | null }[] = []): { node: ScalarNode; key: string | null }[] {
  if (!node) return out;
  if (node.kind === 'scalar') out.push({ node, key });
  else if (node.kind === 'map') for (const e of node.entries) keyedScalarValues(e.value, e.key, out);
  else for (const item of node.items) keyedScalarValues(item, null, out);
  return out;
}

export const scalarValues = (node: YNode | null): ScalarNode[] => keyedScalarValues(node).map((v) => v.node);

/** Up to `count` of the tree's scalar values, spread evenly over the file (each edited text is checked in full: that is the cost). */
export function spreadValues(node: YNode | null, count: number): ScalarNode[] {
  const values = scalarValues(node);
  const step = Math.max(1, Math.ceil(values.length / count));
  return values.filter((_, i) => i % step === 0);
}

/** `text` with [start, end) replaced by `word`. */
export const splice = (text: string, start: number, end: number, word: string): string => text.slice(0, start) + word + text.slice(end);

/**
 * A turn of the event loop. These tests run thousands of checks synchronously; vitest's worker talks
 * to its main process over messages that time out after 60 s, and on a loaded machine a run of
 * synchronous tests (awaited as microtasks only) can hold them that long: each test yields often.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
