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
      // An ordinary object (V8 keeps a null-prototype one as a slow dictionary, and the schemas read every
      // mapping): a key named __proto__ is defined as an own property, never taken as the prototype.
      const out: { [key: string]: Plain } = {};
      for (const entry of node.entries) {
        const value = toPlain(entry.value, depth + 1);
        if (entry.key === '__proto__') Object.defineProperty(out, entry.key, { value, writable: true, enumerable: true, configurable: true });
        else out[entry.key] = value;
      }
      return out;
    }
  }
}
