/**
 * Gives collections one canonical extent, whichever parser built the tree: from their first
 * child to their last (brackets included for flow collections), so that trailing comments and
 * blank lines never count as part of a mapping or a list.
 */
import type { Span, YNode } from './tree.js';
import { isSpaceCode } from '../text/space.js';

function closingBracket(input: string, from: number, bracket: string): number {
  let i = from;
  while (i < input.length) {
    const ch = input[i];
    if (ch === bracket) return i + 1;
    if (ch === '#') {
      while (i < input.length && input[i] !== '\n') i++;
      continue;
    }
    if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r' && ch !== ',') return from;
    i++;
  }
  return from;
}

export function canonicalSpans(node: YNode, input: string): YNode {
  if (node.kind === 'scalar') {
    let [start, end] = node.span;
    while (end > start && isSpaceCode(input.charCodeAt(end - 1))) end--;
    while (start < end && isSpaceCode(input.charCodeAt(start))) start++;
    if (start !== node.span[0] || end !== node.span[1]) node.span = [start, end];
    return node;
  }
  const open = input[node.span[0]];
  const flow = open === '{' || open === '[';
  let first: Span | null = null;
  let last: Span | null = null;
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      entry.value = canonicalSpans(entry.value, input);
      first ??= entry.keySpan;
      const v = entry.value.span;
      last = v[1] > v[0] || v[1] > entry.keySpan[1] ? v : entry.keySpan;
    }
  } else {
    for (let i = 0; i < node.items.length; i++) node.items[i] = canonicalSpans(node.items[i] as YNode, input);
    first = node.items[0]?.span ?? null;
    last = node.items[node.items.length - 1]?.span ?? null;
  }
  if (!first || !last) return node;
  const start = flow ? node.span[0] : first[0];
  const end = flow ? closingBracket(input, last[1], open === '{' ? '}' : ']') : last[1];
  node.span = [start, Math.max(end, last[1])];
  return node;
}
