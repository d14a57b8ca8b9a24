/**
 * Inlay hints after a parent's (or a total's) weight and score (the sum of its children, ✓ or ✗),
 * and after a stated rate, grade or execution rate the computed one when they differ — the facts
 * of the core's subjects, as the rules read them (figures.ts); in final accounts and budgets, the Σ of the
 * rows under a 类, 款 or 合计 row after each of its amounts (accounts-inlay-hints.ts).
 */
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { FeatureContext } from '../context.js';
import { comparisonsIn, mark } from '../figures.js';
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
  // What the rules compare each figure with (figures.ts: the facts of the core's subjects).
  for (const c of comparisonsIn(view, from, to, config, locale)) {
    if (c.end === undefined) continue;
    if (c.kind === 'sum') add(c.end, `Σ ${c.text} ${mark(c.verdict)}`.trim());
    else if (c.verdict !== 'mismatch') continue;
    else if (c.kind === 'rate') add(c.end, `= ${c.text} ✗`);
    else if (c.kind === 'grade') add(c.end, `→ ${c.label} ✗`);
    else if (c.kind === 'ratio') add(c.end, `${c.label} ✗`);
  }
  const accounts = accountsRequest(ctx, params.textDocument.uri);
  if (accounts) for (const h of rowSumHints(accounts.model, from, to)) add(h.offset, h.label);
  return hints;
}
