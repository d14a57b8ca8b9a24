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
