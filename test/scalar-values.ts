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

/**
 * A turn of the event loop. These tests run thousands of checks synchronously; vitest's worker talks
 * to its main process over messages that time out after 60 s, and on a loaded machine a run of
 * synchronous tests (awaited as microtasks only) can hold them that long: each test yields often.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
