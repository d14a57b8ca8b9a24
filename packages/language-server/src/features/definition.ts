/** Go to definition / references on an indicator name: the same indicator in the document's other scorecards. */
import type { DefinitionParams, Location, ReferenceParams } from 'vscode-languageserver';
import { twinIndex, twinKey, type IndicatorNode } from '@jixiao/core';
import type { FeatureContext } from '../context.js';
import { hitAt, indicatorAt } from '../navigation.js';

function twinsAt(ctx: FeatureContext, uri: string, position: { line: number; character: number }): { self: IndicatorNode; twins: IndicatorNode[]; locate: (n: IndicatorNode) => Location } | null {
  const doc = ctx.documents.get(uri);
  const file = ctx.pathOf(uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  const view = entry?.view;
  const root = entry?.outcome.result.loaded?.root ?? null;
  if (!doc || !view) return null;
  const hit = hitAt(root, doc.offsetAt(position));
  if (!hit || hit.path[hit.path.length - 1] !== 'name') return null;
  const node = indicatorAt(view, hit.path);
  if (!node) return null;
  const twins = (twinIndex(view).get(twinKey(node)) ?? []).filter((n) => n !== node);
  const locate = (n: IndicatorNode): Location => {
    const span = view.spanAt([...n.path, 'name']);
    return { uri, range: { start: doc.positionAt(span[0]), end: doc.positionAt(span[1]) } };
  };
  return { self: node, twins, locate };
}

export function definition(ctx: FeatureContext, params: DefinitionParams): Location[] {
  const t = twinsAt(ctx, params.textDocument.uri, params.position);
  return t ? t.twins.map(t.locate) : [];
}

export function references(ctx: FeatureContext, params: ReferenceParams): Location[] {
  const t = twinsAt(ctx, params.textDocument.uri, params.position);
  if (!t) return [];
  return [...(params.context.includeDeclaration ? [t.self] : []), ...t.twins].map(t.locate);
}
