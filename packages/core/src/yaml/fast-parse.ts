/**
 * The fast path: js-yaml's loader with its `listener` hook, which reports where each node opens
 * and closes. From those events we build the located tree. js-yaml stops at the first error; the
 * caller then falls back to the error-tolerant parser (tolerant-parse.ts) for the same tree shape.
 */
import jsYaml from 'js-yaml';
import { MAX_DEPTH, type MapEntry, type ScalarNode, type Span, type YNode } from './tree.js';
import { isSpaceCode } from '../text/space.js';

/**
 * The listener's open nodes, as parallel stacks rather than one object per node (a document has
 * thousands of nodes, and most are scalars with no children).
 */
class Frames {
  /** Where each open node starts. */
  readonly starts: number[] = [];
  /** The nodes built inside each, in order (null until the first). */
  readonly children: (YNode[] | null)[] = [];
  /** The value js-yaml built for each one's first child (to tell a wrapping node from real nesting). */
  readonly firstResults: unknown[] = [];

  get depth(): number {
    return this.starts.length;
  }

  open(start: number): void {
    this.starts.push(start);
    this.children.push(null);
    this.firstResults.push(undefined);
  }
}

interface LoaderState {
  position: number;
  kind: string | null;
  result: unknown;
}

/** Thrown when the listener events do not line up with the value js-yaml built (a shape we do not map). */
export class UnmappedYamlError extends Error {}

function trimmedSpan(input: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(input.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(input.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** Where a comment starts inside [s, e): a `#` after whitespace (a plain scalar never contains " #"); -1 if none. */
function commentStart(input: string, s: number, e: number): number {
  // Only within the value: an indexOf would scan to the file's next '#', which made big files quadratic.
  for (let i = s + 1; i < e; i++) {
    if (input.charCodeAt(i) === 0x23 && isSpaceCode(input.charCodeAt(i - 1))) return i - 1;
  }
  return -1;
}

function scalarNode(input: string, start: number, end: number, value: unknown): ScalarNode {
  let [s, e] = trimmedSpan(input, start, end);
  // Anything from a " #" on is a comment that the loader skipped.
  const comment = commentStart(input, s, e);
  if (comment >= 0) [s, e] = trimmedSpan(input, s, comment);
  if (typeof value === 'string') return { kind: 'scalar', span: [s, e], value, text: value };
  if (value === null || value === undefined) {
    const raw = input.slice(s, e);
    // An empty node (`key:` with nothing after it) has no extent of its own.
    if (raw === '' || raw.startsWith('#')) return { kind: 'scalar', span: [start, start], value: null, text: '' };
    return { kind: 'scalar', span: [s, e], value: null, text: raw };
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'scalar', span: [s, e], value, text: input.slice(s, e) };
  }
  // Timestamps, binary and other non-JSON types: keep the text as written.
  return { kind: 'scalar', span: [s, e], value: input.slice(s, e), text: input.slice(s, e) };
}

/**
 * Listener frames allowed open at once. js-yaml opens up to two frames per level (a tentative key
 * or a node's properties wrap the node proper) and stops itself at 100 levels (its `maxDepth`);
 * this bound keeps the fast path shallow whatever js-yaml version runs. The exact limit
 * (MAX_DEPTH levels of the tree) is checked on the finished tree by parse.ts, for both paths alike.
 */
const MAX_FRAMES = 4 * MAX_DEPTH;

export function parseFast(input: string): YNode | null {
  const frames = new Frames();
  frames.open(0);
  // js-yaml strips a leading byte-order mark before it counts positions: count it back in.
  const shift = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  jsYaml.load(input, {
    schema: jsYaml.CORE_SCHEMA,
    json: false,
    listener(event: 'open' | 'close', state: LoaderState) {
      if (event === 'open') {
        if (frames.depth > MAX_FRAMES) throw new UnmappedYamlError('nesting too deep');
        frames.open(state.position + shift);
        return;
      }
      if (frames.depth < 2) throw new UnmappedYamlError('unbalanced listener events');
      const start = frames.starts.pop() as number;
      const children = frames.children.pop() as YNode[] | null;
      const firstResult = frames.firstResults.pop();
      const node = buildNode(input, start, children, firstResult, state.position + shift, state);
      const parent = frames.depth - 1;
      const siblings = frames.children[parent];
      if (siblings === null || siblings === undefined) {
        frames.children[parent] = [node];
        frames.firstResults[parent] = state.result;
      } else siblings.push(node);
    },
  });
  if (frames.depth !== 1) throw new UnmappedYamlError('unbalanced listener events');
  const root = frames.children[0]?.[0] ?? null;
  // A stream with no content (blank lines, comments, a bare `---`) has no root, as on the tolerant path.
  if (root?.kind === 'scalar' && root.value === null && root.text === '') return null;
  return root;
}

const KIND_OF: Record<string, YNode['kind']> = { mapping: 'map', sequence: 'seq', scalar: 'scalar' };

function buildNode(input: string, start: number, children: YNode[] | null, firstResult: unknown, end: number, state: LoaderState): YNode {
  // js-yaml composes some nodes twice (a property or a tentative implicit key wraps the node
  // proper): a node whose single child is that very value (the same object js-yaml built, not
  // merely the same kind: `[[1]]` is a list holding a list) is that child.
  const only = children !== null && children.length === 1 ? children[0] : undefined;
  if (only && state.kind !== null && KIND_OF[state.kind] === only.kind) {
    if (only.kind === 'scalar' ? only.value === state.result : firstResult === state.result) return only;
  }
  // An alias (*name) arrives as a closed node with no events for its content: not mapped here (the
  // tolerant path reports it). A plain scalar cannot start with `*`, so that tells an alias of a null apart.
  if (state.kind === null && ((state.result !== null && state.result !== undefined) || input[trimmedSpan(input, start, end)[0]] === '*')) {
    throw new UnmappedYamlError('alias');
  }
  return buildCollectionOrScalar(input, start, children, end, state);
}

function buildCollectionOrScalar(input: string, start: number, children: YNode[] | null, end: number, state: LoaderState): YNode {
  if (state.kind === 'mapping') {
    const kids = children ?? [];
    if (kids.length % 2 !== 0) throw new UnmappedYamlError('mapping with unpaired nodes');
    const entries: MapEntry[] = [];
    for (let i = 0; i < kids.length; i += 2) {
      const key = kids[i];
      const value = kids[i + 1];
      if (!key || !value || key.kind !== 'scalar') throw new UnmappedYamlError('complex mapping key');
      entries.push({ key: String(key.value ?? key.text), keySpan: key.span, value });
    }
    return { kind: 'map', span: trimmedSpan(input, start, end), entries };
  }
  if (state.kind === 'sequence') {
    return { kind: 'seq', span: trimmedSpan(input, start, end), items: children ?? [] };
  }
  if (children !== null && children.length > 0) throw new UnmappedYamlError('scalar with children');
  return scalarNode(input, start, end, state.kind === null ? null : state.result);
}
