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
  message: string;
  span: Span;
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
