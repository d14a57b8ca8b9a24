/** The outline: each scorecard (or the form's indicators) and its indicator tree. */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndicatorNode } from '@jixiao/core';
import type { FeatureContext } from '../context.js';

function rangeOf(doc: TextDocument, span: readonly [number, number]) {
  return { start: doc.positionAt(span[0]), end: doc.positionAt(span[1]) };
}

export function documentSymbols(ctx: FeatureContext, params: DocumentSymbolParams): DocumentSymbol[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  const file = ctx.pathOf(params.textDocument.uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  const view = entry?.view;
  if (!doc || !view) return [];
  const detail = (n: IndicatorNode) => {
    const parts: string[] = [];
    if (n.indicator.weight?.text) parts.push(`${ctx.settings.locale === 'zh' ? '分值' : 'weight'} ${n.indicator.weight.text}`);
    if (n.indicator.score?.text) parts.push(`${ctx.settings.locale === 'zh' ? '得分' : 'score'} ${n.indicator.score.text}`);
    return parts.join(' · ');
  };
  const symbolOf = (n: IndicatorNode): DocumentSymbol => {
    const span = view.spanAt(n.path);
    const nameSpan = view.spanAt([...n.path, 'name']);
    return {
      name: n.indicator.name || '—',
      detail: detail(n),
      kind: n.children.length > 0 ? SymbolKind.Namespace : SymbolKind.Field,
      range: rangeOf(doc, span),
      selectionRange: rangeOf(doc, nameSpan[1] > nameSpan[0] ? nameSpan : span),
      children: n.children.map(symbolOf),
    };
  };
  return view.cards.map((card) => {
    const span = view.spanAt(card.path.length > 0 ? card.path : [card.indicatorsKey]);
    const idSpan = card.path.length > 0 ? view.spanAt([...card.path, 'id']) : span;
    const title = card.path.length > 0 ? (view.doc.scorecards?.[card.path[1] as number]?.title ?? card.id) : (ctx.settings.locale === 'zh' ? '绩效指标' : 'indicators');
    return {
      name: title,
      detail: card.id,
      kind: SymbolKind.Module,
      range: rangeOf(doc, span),
      selectionRange: rangeOf(doc, idSpan[1] > idSpan[0] ? idSpan : span),
      children: card.roots.map(symbolOf),
    };
  });
}
