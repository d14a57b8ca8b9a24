/**
 * The outline: each scorecard (or the form's indicators) and its indicator tree, from the core's
 * outline (facts/outline.ts) of the loaded document, or the one a worker thread made for a document
 * too large to load here. At most OUTLINE_LIMIT entries.
 */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outlineOf, type OutlineNode } from '@jixiao/core';
import type { FeatureContext } from '../context.js';

function rangeOf(doc: TextDocument, span: readonly [number, number]) {
  return { start: doc.positionAt(span[0]), end: doc.positionAt(span[1]) };
}

export function documentSymbols(ctx: FeatureContext, params: DocumentSymbolParams): DocumentSymbol[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  const file = ctx.pathOf(params.textDocument.uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  // The outline's spans are those of the text that was checked: only that version is drawn.
  if (!doc || !entry || (entry.version !== null && entry.version !== doc.version)) return [];
  const outline = entry.view ? outlineOf(entry.view) : entry.outcome.outline;
  if (!outline) return [];
  const zh = ctx.settings.locale === 'zh';
  const detail = (n: OutlineNode) => [n.weight ? `${zh ? '分值' : 'weight'} ${n.weight}` : '', n.score ? `${zh ? '得分' : 'score'} ${n.score}` : ''].filter(Boolean).join(' · ');
  const symbolOf = (n: OutlineNode): DocumentSymbol => ({
    name: n.name,
    detail: detail(n),
    kind: n.children.length > 0 ? SymbolKind.Namespace : SymbolKind.Field,
    range: rangeOf(doc, n.span),
    selectionRange: rangeOf(doc, n.nameSpan),
    children: n.children.map(symbolOf),
  });
  return outline.cards.map((card) => ({
    name: card.title ?? (zh ? '绩效指标' : 'indicators'),
    detail: card.id,
    kind: SymbolKind.Module,
    range: rangeOf(doc, card.span),
    selectionRange: rangeOf(doc, card.idSpan),
    children: card.children.map(symbolOf),
  }));
}
