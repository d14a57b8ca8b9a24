/**
 * The error-tolerant path: the `yaml` package's document parser, which recovers from errors and
 * still yields the nodes it could read. Produces the same tree shape as fast-parse.ts.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { MapEntry, ParseProblem, ParsedYaml, Span, YNode } from './tree.js';

const MAX_ALIAS_DEPTH = 50;

function spanOf(node: { range?: [number, number, number] | null } | null | undefined, fallback: number): Span {
  const r = node?.range;
  return r ? [r[0], r[1]] : [fallback, fallback];
}

export function parseTolerant(input: string): ParsedYaml {
  const doc = parseDocument(input, { schema: 'core', prettyErrors: false, uniqueKeys: true, strict: false });
  const problems: ParseProblem[] = [];
  for (const err of doc.errors) {
    problems.push({ code: `parse/${err.code.toLowerCase().replace(/_/g, '-')}`, message: err.message.split('\n')[0] ?? err.message, span: [err.pos[0], Math.max(err.pos[1], err.pos[0])] });
  }
  const convert = (node: unknown, depth: number): YNode => {
    if (isAlias(node)) {
      if (depth > MAX_ALIAS_DEPTH) return { kind: 'scalar', span: spanOf(node, 0), value: null, text: '' };
      return convert(node.resolve(doc), depth + 1);
    }
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        const keyText = isScalar(key) ? String(key.value ?? '') : '';
        const keySpan = spanOf(key as never, node.range?.[0] ?? 0);
        const value = pair.value === null || pair.value === undefined
          ? ({ kind: 'scalar', span: [keySpan[1], keySpan[1]], value: null, text: '' } as YNode)
          : convert(pair.value, depth);
        entries.push({ key: keyText, keySpan, value });
      }
      return { kind: 'map', span: spanOf(node, 0), entries };
    }
    if (isSeq(node)) {
      return { kind: 'seq', span: spanOf(node, 0), items: node.items.map((item) => convert(item, depth)) };
    }
    if (isScalar(node)) {
      const span = spanOf(node, 0);
      const value = node.value;
      if (typeof value === 'string') return { kind: 'scalar', span, value, text: value };
      const source = (node as { source?: string }).source ?? input.slice(span[0], span[1]);
      if (value === null || value === undefined) return { kind: 'scalar', span, value: null, text: source };
      if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'scalar', span, value, text: source };
      return { kind: 'scalar', span, value: source, text: source };
    }
    return { kind: 'scalar', span: [0, 0], value: null, text: '' };
  };
  const root = doc.contents === null || doc.contents === undefined ? null : convert(doc.contents, 0);
  return { root, problems };
}
