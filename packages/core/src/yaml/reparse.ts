/**
 * The tree of an edited text from the tree of the text before, when the edit only retypes one plain
 * scalar value (a score, a weight, an amount: what a transcriber changes most), without parsing the
 * whole text again. On a 3,000-line report the parse was about a quarter of an edit's check.
 *
 * The edit is found as the part between the longest common prefix and suffix of the two texts. It
 * is taken only when that part lies within one scalar *value* (not a key) whose source, before and
 * after, is a single word of letters, digits and `. _ % + -` (no space, quote, colon, comma,
 * bracket, `#` or line break, and not a document marker such as `---`): such a word is a plain
 * scalar whatever surrounds it, so the edit cannot change the structure around it. The new value
 * is what js-yaml's core schema reads for the word alone (a plain scalar resolves the same wherever
 * it stands). What follows the edit is copied with its positions shifted by the change in length;
 * what precedes it is shared. Anything else: null, and the caller parses the whole text (parse.ts).
 *
 * A test (test/reparse.test.ts) retypes values spread over every fixture and compares the result
 * with a full parse of the edited text.
 */
import jsYaml from 'js-yaml';
import type { MapEntry, ScalarNode, Span, YNode } from './tree.js';

/** A word that is a plain scalar in any context: block or flow, after `key: ` or `- `. */
const WORD = /^[\p{L}\p{N}._%+-]+$/u;
/** Words made only of these could read as a document marker (`---`, `...`) or an indicator. */
const MARKS = /^[.+-]+$/;

function isWord(text: string): boolean {
  return WORD.test(text) && !MARKS.test(text);
}

/** The value js-yaml's core schema gives a plain scalar `word` (as fast-parse.ts keeps it). */
function scalarOf(word: string, span: Span): ScalarNode | null {
  let value: unknown;
  try {
    value = jsYaml.load(word, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch {
    return null;
  }
  if (typeof value === 'string') return value === word ? { kind: 'scalar', span, value, text: value } : null;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return { kind: 'scalar', span, value, text: word };
  return null;
}

/** The scalar value (not a key) whose span holds [from, to], and the key it is the value of (null in a list); null if none. */
function valueHolding(root: YNode, from: number, to: number): { node: ScalarNode; key: string | null; path: (string | number)[] } | null {
  let node: YNode = root;
  let key: string | null = null;
  const path: (string | number)[] = [];
  for (;;) {
    if (node.kind === 'scalar') return node.span[0] <= from && to <= node.span[1] ? { node, key, path } : null;
    let next: YNode | null = null;
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        // An edit touching a key changes the structure.
        if (entry.keySpan[0] <= to && from <= entry.keySpan[1]) return null;
        const s = entry.value.span;
        if (s[0] <= from && to <= s[1]) {
          next = entry.value;
          key = entry.key;
          path.push(entry.key);
          break;
        }
      }
    } else {
      key = null;
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as YNode;
        if (item.span[0] <= from && to <= item.span[1]) {
          next = item;
          path.push(i);
          break;
        }
      }
    }
    if (!next) return null;
    node = next;
  }
}

/** Characters compared at once while looking for where two texts differ. */
const BLOCK = 256;

function shifted(span: Span, at: number, delta: number): Span {
  return [span[0] >= at ? span[0] + delta : span[0], span[1] >= at ? span[1] + delta : span[1]];
}

/**
 * `node` with `target` replaced by `replacement` and positions from `at` on moved by `delta`. Nodes
 * that end before `at` are shared with the tree before (nothing changes a tree once parsed); the
 * others are new objects, so the tree before stays as it was.
 */
function copyShifted(node: YNode, target: ScalarNode, replacement: ScalarNode, at: number, delta: number): YNode {
  if (node === target) return replacement;
  if (node.span[1] < at || (delta === 0 && node.kind === 'scalar')) return node;
  if (node.kind === 'scalar') return { kind: 'scalar', span: shifted(node.span, at, delta), value: node.value, text: node.text };
  if (node.kind === 'map') {
    const entries: MapEntry[] = new Array<MapEntry>(node.entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = node.entries[i] as MapEntry;
      const value = copyShifted(e.value, target, replacement, at, delta);
      entries[i] = value === e.value ? e : { key: e.key, keySpan: shifted(e.keySpan, at, delta), value };
    }
    return { kind: 'map', span: shifted(node.span, at, delta), entries };
  }
  const items: YNode[] = new Array<YNode>(node.items.length);
  for (let i = 0; i < items.length; i++) items[i] = copyShifted(node.items[i] as YNode, target, replacement, at, delta);
  return { kind: 'seq', span: shifted(node.span, at, delta), items };
}

/**
 * Which value an edit retyped: its source span before the edit (`start`, `oldEnd`), the change in
 * length (positions from `oldEnd` on move by `delta`), the key it is the value of (null for a list
 * item) and its path. Anything that reuses results across the edit (engine/subject-reuse.ts) reads it.
 */
export interface RetypedScalar {
  start: number;
  oldEnd: number;
  delta: number;
  key: string | null;
  /** Where the value stands: the keys and list indexes from the top. */
  path: (string | number)[];
}

/**
 * The tree of `text`, given `before` and its tree `root` (as parseYaml built it, without problems),
 * and the value retyped ('same' for the same text); null when the edit is not a retyped scalar.
 */
export function reparseScalarEdit(before: string, root: YNode | null, text: string): { root: YNode; edit: RetypedScalar | 'same' } | null {
  if (!root) return null;
  // The same text again (an undo back to it, a document opened again): the same tree.
  if (before === text) return { root, edit: 'same' };
  const shortest = Math.min(before.length, text.length);
  // Whole blocks compared as strings first (native, far faster than a character at a time on a large text).
  let prefix = 0;
  while (prefix + BLOCK <= shortest && before.slice(prefix, prefix + BLOCK) === text.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < shortest && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const tail = (s: string, n: number) => s.slice(s.length - n - BLOCK, s.length - n);
  while (suffix + BLOCK <= shortest - prefix && tail(before, suffix) === tail(text, suffix)) suffix += BLOCK;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = before.length - suffix;
  const holding = valueHolding(root, prefix, oldEnd);
  if (!holding) return null;
  const target = holding.node;
  const [start, end] = target.span;
  const oldWord = before.slice(start, end);
  // The scalar was itself a single word as written (not quoted, not folded over lines).
  if (!isWord(oldWord) || target.text !== oldWord) return null;
  const delta = text.length - before.length;
  const newWord = text.slice(start, end + delta);
  if (!isWord(newWord)) return null;
  const replacement = scalarOf(newWord, [start, end + delta]);
  if (!replacement) return null;
  // Positions at or after the old scalar's end move (the scalar's own start stays).
  return { root: copyShifted(root, target, replacement, end, delta), edit: { start, oldEnd: end, delta, key: holding.key, path: holding.path } };
}
