/** A YAML document as a small tree of located nodes: the single shape both parsers produce. */
export type Span = readonly [start: number, end: number];

export interface ScalarNode {
  kind: 'scalar';
  span: Span;
  /** The value as YAML reads it (string, number, boolean or null). */
  value: string | number | boolean | null;
  /** The scalar's text: a string's value, or a number's source text exactly as written. */
  text: string;
}

export interface MapEntry {
  key: string;
  keySpan: Span;
  value: YNode;
}

export interface MapNode {
  kind: 'map';
  span: Span;
  entries: MapEntry[];
}

export interface SeqNode {
  kind: 'seq';
  span: Span;
  items: YNode[];
}

export type YNode = ScalarNode | MapNode | SeqNode;

export interface ParseProblem {
  code: string;
  /** What is wrong, in English (without a “YAML syntax error” prefix; see problemMessages in problems.ts). */
  message: string;
  /** The same in Chinese. */
  zh: string;
  span: Span;
}

/**
 * The deepest nesting a jixiao/1 file may have (the top-level mapping is level 1). Real documents
 * need fewer than 20 levels; the limit keeps every recursive pass (parsers, canonical spans, plain
 * values, zod, views) far from the call-stack limit, whatever the input.
 */
export const MAX_DEPTH = 64;

/** The first node (in document order) nested deeper than `max` levels, found without recursion. */
export function firstTooDeep(root: YNode | null, max = MAX_DEPTH): YNode | null {
  if (!root) return null;
  const nodes: YNode[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as YNode;
    const depth = depths.pop() as number;
    if (depth > max) return node;
    if (node.kind === 'map') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const value = (node.entries[i] as MapEntry).value;
        if (value.kind !== 'scalar' || depth >= max) {
          nodes.push(value);
          depths.push(depth + 1);
        }
      }
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as YNode;
        if (item.kind !== 'scalar' || depth >= max) {
          nodes.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return null;
}

export interface ParsedYaml {
  root: YNode | null;
  problems: ParseProblem[];
}

/** Walks a path of keys and indices down the tree. */
export function nodeAt(root: YNode | null, path: readonly (string | number)[]): YNode | null {
  let node: YNode | null = root;
  for (const step of path) {
    if (!node) return null;
    if (node.kind === 'map') {
      const entry: MapEntry | undefined = node.entries.find((e) => e.key === String(step));
      node = entry ? entry.value : null;
    } else if (node.kind === 'seq' && typeof step === 'number') {
      node = node.items[step] ?? null;
    } else {
      return null;
    }
  }
  return node;
}

/** The span of the key that leads to `path` (for diagnostics about a key), else the node's span. */
export function keySpanAt(root: YNode | null, path: readonly (string | number)[]): Span | null {
  if (path.length === 0) return root ? root.span : null;
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent?.kind === 'map') {
    const entry = parent.entries.find((e) => e.key === String(last));
    if (entry) return entry.keySpan;
  }
  return nodeAt(root, path)?.span ?? parent?.span ?? null;
}
