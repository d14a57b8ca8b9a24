/** Where the cursor is in a document: the YAML node under it, its document path, the indicator it belongs to. */
import type { DocView, IndicatorNode, YNode } from '@jixiao/core';

export type Step = string | number;

export interface Hit {
  path: Step[];
  node: YNode;
  /** The cursor is on the key of a mapping entry (path ends with that key). */
  onKey: boolean;
}

const inside = (span: readonly [number, number], offset: number) => offset >= span[0] && offset <= span[1];

export function hitAt(root: YNode | null, offset: number): Hit | null {
  let node = root;
  const path: Step[] = [];
  if (!node || !inside(node.span, offset)) return null;
  for (;;) {
    if (node.kind === 'map') {
      let next: YNode | null = null;
      for (const e of node.entries) {
        if (inside(e.keySpan, offset)) return { path: [...path, e.key], node: e.value, onKey: true };
        if (inside(e.value.span, offset) && e.value.span[1] > e.value.span[0]) {
          path.push(e.key);
          next = e.value;
          break;
        }
      }
      if (!next) return { path, node, onKey: false };
      node = next;
    } else if (node.kind === 'seq') {
      const i = node.items.findIndex((item) => inside(item.span, offset));
      if (i < 0) return { path, node, onKey: false };
      path.push(i);
      node = node.items[i] as YNode;
    } else return { path, node, onKey: false };
  }
}

export function samePath(a: readonly Step[], b: readonly Step[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The indicator whose own field the path points at (…children[2].score → that child). */
export function indicatorAt(view: DocView, path: readonly Step[]): IndicatorNode | undefined {
  for (const card of view.cards) {
    for (const n of card.all) {
      if (path.length >= n.path.length && samePath(n.path, path.slice(0, n.path.length)) && (path.length === n.path.length || typeof path[n.path.length] === 'string') && path.length <= n.path.length + 1) return n;
    }
  }
  return undefined;
}


