/**
 * The fast path: js-yaml's loader with its `listener` hook, which reports where each node opens
 * and closes. From those events we build the located tree. js-yaml stops at the first error; the
 * caller then falls back to the error-tolerant parser (tolerant-parse.ts) for the same tree shape.
 */
import jsYaml from 'js-yaml';
import type { MapEntry, ScalarNode, Span, YNode } from './tree.js';

interface Frame {
  start: number;
  children: YNode[];
}

interface LoaderState {
  position: number;
  kind: string | null;
  result: unknown;
}

/** Thrown when the listener events do not line up with the value js-yaml built (a shape we do not map). */
export class UnmappedYamlError extends Error {}

const WHITESPACE = /\s/;

function trimmedSpan(input: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && WHITESPACE.test(input[s] ?? '')) s++;
  while (e > s && WHITESPACE.test(input[e - 1] ?? '')) e--;
  return [s, e];
}

function scalarNode(input: string, start: number, end: number, value: unknown): ScalarNode {
  let [s, e] = trimmedSpan(input, start, end);
  // A plain scalar never contains " #": anything from there on is a comment that the loader skipped.
  const comment = input.slice(s, e).search(/\s#/);
  if (comment >= 0) [s, e] = trimmedSpan(input, s, s + comment);
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

export function parseFast(input: string): YNode | null {
  const stack: Frame[] = [{ start: 0, children: [] }];
  jsYaml.load(input, {
    schema: jsYaml.CORE_SCHEMA,
    json: false,
    listener(event: 'open' | 'close', state: LoaderState) {
      if (event === 'open') {
        stack.push({ start: state.position, children: [] });
        return;
      }
      const frame = stack.pop();
      const parent = stack[stack.length - 1];
      if (!frame || !parent) throw new UnmappedYamlError('unbalanced listener events');
      parent.children.push(buildNode(input, frame, state));
    },
  });
  const top = stack[0];
  if (!top || stack.length !== 1) throw new UnmappedYamlError('unbalanced listener events');
  return top.children[0] ?? null;
}

const KIND_OF: Record<string, YNode['kind']> = { mapping: 'map', sequence: 'seq', scalar: 'scalar' };

function buildNode(input: string, frame: Frame, state: LoaderState): YNode {
  const end = state.position;
  // js-yaml composes some nodes twice (a property or a tentative implicit key wraps the node
  // proper): a frame whose single child is the same kind of node is that child.
  const only = frame.children.length === 1 ? frame.children[0] : undefined;
  if (only && state.kind !== null && KIND_OF[state.kind] === only.kind) {
    if (only.kind !== 'scalar' || only.value === state.result) return only;
  }
  // An alias (*name) arrives as a closed node with no events for its content: not mapped here.
  if (state.kind === null && state.result !== null && state.result !== undefined) {
    throw new UnmappedYamlError('alias');
  }
  if (state.kind === 'mapping') {
    const kids = frame.children;
    if (kids.length % 2 !== 0) throw new UnmappedYamlError('mapping with unpaired nodes');
    const entries: MapEntry[] = [];
    for (let i = 0; i < kids.length; i += 2) {
      const key = kids[i];
      const value = kids[i + 1];
      if (!key || !value || key.kind !== 'scalar') throw new UnmappedYamlError('complex mapping key');
      entries.push({ key: String(key.value ?? key.text), keySpan: key.span, value });
    }
    return { kind: 'map', span: trimmedSpan(input, frame.start, end), entries };
  }
  if (state.kind === 'sequence') {
    return { kind: 'seq', span: trimmedSpan(input, frame.start, end), items: frame.children };
  }
  if (frame.children.length > 0) throw new UnmappedYamlError('scalar with children');
  return scalarNode(input, frame.start, end, state.kind === null ? null : state.result);
}
