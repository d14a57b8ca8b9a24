/**
 * The model of an edited text from the model before, when the edit retyped one plain scalar value
 * (yaml/reparse.ts) of a document whose load found nothing wrong: the new value is read by the schema
 * of its place alone, and the rest of the model is copied with its positions moved, not validated
 * again. That holds because the schemas read every value on its own (strict mappings of leaves, no
 * refinement that reads two values): a document that passed them with one value changed passes them
 * if that value does, with the same model elsewhere. On a 3,000-line report the schema pass was
 * about a quarter of an editor's check.
 *
 * What lies wholly before the edited value is shared with the model before (and, when the edit kept
 * the length, what lies wholly after it); the rest is copied, every figure in it written anew with its
 * positions moved. The document views keep facts on the figures they saw (a figure's place, a funds
 * row score's weight, `rounded`: facts/views.ts); they set each of them again for every figure of the
 * model they view, so a shared figure reads as a fresh one (and a figure's quantity is kept apart for
 * `rounded` and not: values/tolerance.ts).
 *
 * Null when the value's schema cannot be found by its path (a union, another wrapper) or rejects
 * the new value: the caller loads the text as usual. test/retype.test.ts compares the model with a
 * fresh load's for values spread over every fixture.
 */
import type { z } from 'zod';
import type { RetypedScalar } from '../yaml/reparse.js';
import type { ScalarNode, Span, YNode } from '../yaml/tree.js';
import { nodeAt } from '../yaml/tree.js';
import { Leaf } from './leaf.js';
import type { JixiaoDocument } from './model.js';
import type { NumberFigure } from '../values/figure.js';

/** The schema that reads the value at `path` (the leaf's own, unwrapped from optional), or null. */
function schemaAt(schema: z.core.$ZodType, path: readonly (string | number)[]): z.core.$ZodType | null {
  let s = schema;
  let i = 0;
  for (let guard = 0; guard < 4 * path.length + 8; guard++) {
    const def = s._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (def.type === 'optional') s = def.innerType as z.core.$ZodType;
    else if (def.type === 'lazy') s = (def.getter as () => z.core.$ZodType)();
    else if (i === path.length) return s;
    else if (def.type === 'object' && typeof path[i] === 'string') {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      const key = path[i++] as string;
      if (!Object.hasOwn(shape, key)) return null;
      s = shape[key] as z.core.$ZodType;
    } else if (def.type === 'array' && typeof path[i] === 'number') {
      s = def.element as z.core.$ZodType;
      i++;
    } else return null;
  }
  return null;
}

function moved(span: Span, at: number, delta: number): Span {
  return span[0] >= at ? [span[0] + delta, span[1] + delta] : span;
}

/**
 * The model value at a place of the edited text's tree (`node`, the YAML node of that place): the
 * retyped value at the end of the path; off the path, the value as it was when it lies wholly before
 * the edited value (or wholly after it and the edit kept the length: nothing in it moved); else a copy
 * (mappings and lists copied, figures and rows written anew with their positions moved).
 */
function copied(value: unknown, node: YNode | undefined, edit: RetypedScalar, depth: number, replacement: unknown): unknown {
  const path = edit.path;
  if (depth === path.length) return replacement;
  if (depth < 0 && node && (node.span[1] < edit.start || (edit.delta === 0 && node.span[0] > edit.oldEnd))) return value;
  if (Array.isArray(value)) {
    const items = node?.kind === 'seq' ? node.items : undefined;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copied(value[i], items?.[i], edit, depth >= 0 && i === path[depth] ? depth + 1 : -1, replacement);
    return out;
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  // A figure or a row (values/figure.ts, located-schema.ts): the only values with a span.
  if (Array.isArray(record.span)) return copiedLocated(record, edit.oldEnd, edit.delta);
  const entries = node?.kind === 'map' ? node.entries : undefined;
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const onPath = depth >= 0 && key === path[depth];
    out[key] = copied(record[key], entries?.find((e) => e.key === key)?.value, edit, onPath ? depth + 1 : -1, replacement);
  }
  return out;
}

/** A figure (the common number written out: most of a model) or a row, its positions moved. */
function copiedLocated(record: Record<string, unknown>, at: number, delta: number): unknown {
  const span = moved(record.span as Span, at, delta);
  if (record.kind === 'number') {
    const f = record as unknown as NumberFigure;
    return { kind: 'number', text: f.text, value: f.value, decimals: f.decimals, percent: f.percent, unit: f.unit, comparator: f.comparator, span };
  }
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const v = record[key];
    if (key !== 'rounded') out[key] = key === 'span' ? span : key === 'offset' && typeof v === 'number' && v >= at ? v + delta : v;
  }
  return out;
}

/**
 * The model of the edited text, given the model before (`document`, of a load without findings), the
 * edited text's tree and what was retyped; null when the value cannot be read this way.
 */
export function retypedDocument(schema: z.core.$ZodType, document: JixiaoDocument, root: YNode, edit: RetypedScalar): JixiaoDocument | null {
  const leafSchema = schemaAt(schema, edit.path);
  const node = nodeAt(root, edit.path);
  if (!leafSchema || !node || node.kind !== 'scalar') return null;
  const scalar = node as ScalarNode;
  const read = (leafSchema as z.ZodType).safeParse(new Leaf(scalar.value, scalar.text, scalar.span));
  // Rejected (or read as absent): a fresh load reports it, or leaves the key out.
  if (!read.success || read.data === undefined) return null;
  return copied(document, root, edit, 0, read.data) as JixiaoDocument;
}
