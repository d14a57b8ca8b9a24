/** Turns the located YAML tree into plain objects and arrays whose scalars are Leaf instances. */
import { MAX_DEPTH, type YNode } from '../yaml/tree.js';
import { Leaf } from './leaf.js';

export type Plain = Leaf | Plain[] | { [key: string]: Plain };

export function toPlain(node: YNode, depth = 1): Plain {
  // parseYaml never hands on a deeper tree; this keeps the recursion bounded for any other caller.
  if (depth > MAX_DEPTH) throw new RangeError(`tree deeper than ${MAX_DEPTH} levels`);
  switch (node.kind) {
    case 'scalar':
      return new Leaf(node.value, node.text, node.span);
    case 'seq':
      return node.items.map((item) => toPlain(item, depth + 1));
    case 'map': {
      // A null-prototype object: a key named __proto__ is an ordinary (unknown) key, never a prototype.
      const out: { [key: string]: Plain } = Object.create(null);
      for (const entry of node.entries) out[entry.key] = toPlain(entry.value, depth + 1);
      return out;
    }
  }
}
