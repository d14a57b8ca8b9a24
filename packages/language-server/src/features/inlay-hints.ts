/**
 * Inlay hints after a parent's weight and score (the sum of its children, ✓ or ✗), and after a
 * stated rate or grade the computed one when they differ; in final accounts and budgets, the Σ of the
 * rows under a 类, 款 or 合计 row after each of its amounts (accounts-inlay-hints.ts).
 */
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { FeatureContext } from '../context.js';
import { documentComparison, indicatorComparison, mark } from '../figures.js';
import { accountsRequest } from '../accounts/context.js';
import { rowSumHints } from './accounts-inlay-hints.js';

export function inlayHints(ctx: FeatureContext, params: InlayHintParams): InlayHint[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  const file = ctx.pathOf(params.textDocument.uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  const view = entry?.view;
  const settings = entry ? ctx.workspace.settingsOfEntry(entry) : undefined;
  if (!doc || !view || !settings || !ctx.settings.enable) return [];
  const config = settings.config.check;
  const locale = ctx.settings.locale;
  const from = doc.offsetAt(params.range.start);
  const to = doc.offsetAt(params.range.end);
  const hints: InlayHint[] = [];
  const add = (end: number, label: string) => {
    if (end < from || end > to) return;
    hints.push({ position: doc.positionAt(end), label, kind: InlayHintKind.Parameter, paddingLeft: true });
  };
  for (const card of view.cards) {
    for (const node of card.all) {
      for (const field of ['weight', 'score'] as const) {
        const stated = node.indicator[field];
        if (!stated || stated.kind !== 'number' || node.children.length === 0) continue;
        const c = indicatorComparison(node, field, config, locale);
        if (c) add(stated.span[1], `Σ ${c.computed.text} ${mark(c.verdict)}`.trim());
      }
      const rate = node.indicator.rate;
      if (rate && rate.kind === 'number') {
        const c = indicatorComparison(node, 'rate', config, locale);
        if (c && c.verdict === 'mismatch') add(rate.span[1], `= ${c.computed.text} ✗`);
      }
    }
  }
  const r = view.doc.result;
  if (r?.grade) {
    const c = documentComparison(view, ['result', 'grade'], config, locale);
    const span = view.spanAt(['result', 'grade']);
    if (c && c.verdict === 'mismatch') add(span[1], `→ ${c.label} ✗`);
  }
  const b = view.doc.budget?.execution_rate;
  if (b && b.kind === 'number') {
    const c = documentComparison(view, ['budget', 'execution_rate'], config, locale);
    if (c && c.verdict === 'mismatch') add(b.span[1], `${c.label} ✗`);
  }
  const accounts = accountsRequest(ctx, params.textDocument.uri);
  if (accounts) for (const h of rowSumHints(accounts.model, from, to)) add(h.offset, h.label);
  return hints;
}
