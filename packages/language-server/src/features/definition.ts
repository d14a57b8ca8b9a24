/**
 * Go to definition / references on an indicator name: the same indicator in the document's other
 * scorecards; on a cell, code or name of a final-accounts or budget table, the same line in the other
 * tables (accounts-definition.ts).
 */
import type { DefinitionParams, Location, ReferenceParams } from 'vscode-languageserver';
import { twinIndex, twinKey, type IndicatorNode } from '@jixiao/core';
import type { FeatureContext } from '../context.js';
import { hitAt, indicatorAt } from '../navigation.js';
import { accountsRequest } from '../accounts/context.js';
import { sameLineElsewhere } from './accounts-definition.js';

/** The same line in the other tables of an accounts document, as locations. */
function accountsLocations(ctx: FeatureContext, uri: string, position: { line: number; character: number }, withSelf: boolean): Location[] | null {
  const a = accountsRequest(ctx, uri);
  if (!a) return null;
  const offset = a.doc.offsetAt(position);
  const spans = sameLineElsewhere(a.model, offset);
  const self = a.model.at(offset);
  const own = self?.part?.cell && self.part.located ? self.part.span : self?.row.span;
  const all = withSelf && own ? [own, ...spans] : spans;
  return all.map((s) => ({ uri, range: { start: a.doc.positionAt(s[0]), end: a.doc.positionAt(s[1]) } }));
}

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
  const accounts = accountsLocations(ctx, params.textDocument.uri, params.position, false);
  if (accounts) return accounts;
  const t = twinsAt(ctx, params.textDocument.uri, params.position);
  return t ? t.twins.map(t.locate) : [];
}

export function references(ctx: FeatureContext, params: ReferenceParams): Location[] {
  const accounts = accountsLocations(ctx, params.textDocument.uri, params.position, params.context.includeDeclaration);
  if (accounts) return accounts;
  const t = twinsAt(ctx, params.textDocument.uri, params.position);
  if (!t) return [];
  return [...(params.context.includeDeclaration ? [t.self] : []), ...t.twins].map(t.locate);
}
