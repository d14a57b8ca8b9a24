/**
 * Code actions: every fix a rule offers (replace the figure by the computed one); for a parent and
 * children that do not add up, also the other direction (change one child so that they do); and
 * "disable this rule for this line", which inserts a suppression comment above it. Edits are
 * minimal: only the figure's text, or one new comment line; everything else is kept.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { agreement, difference, isNumberFigure, plain, quantityOf, sum, type IndicatorNode } from '@jixiao/core';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from '../context.js';
import type { DiagnosticData } from '../diagnostics.js';
import { hitAt, indicatorAt } from '../navigation.js';

function disableAction(doc: TextDocument, d: Diagnostic, zh: boolean): CodeAction {
  const line = d.range.start.line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = text.endsWith('\r\n') ? '\r\n' : '\n';
  const rule = String(d.code ?? '');
  return {
    title: zh ? `在此行停用 ${rule}（插入 jixiao-disable-next-line 注释）` : `Disable ${rule} for this line (insert a jixiao-disable-next-line comment)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# jixiao-disable-next-line ${rule}${eol}` }] } },
  };
}

/** For a parent whose children do not add up: set one child to what would make them add up. */
function childActions(ctx: FeatureContext, doc: TextDocument, d: Diagnostic, field: 'weight' | 'score'): CodeAction[] {
  const file = ctx.pathOf(doc.uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  const view = entry?.view;
  const settings = entry ? ctx.workspace.settingsOfEntry(entry) : undefined;
  if (!view || !settings) return [];
  const hit = hitAt(entry?.outcome.result.loaded?.root ?? null, doc.offsetAt(d.range.start));
  const parent: IndicatorNode | undefined = hit ? indicatorAt(view, hit.path) : undefined;
  const stated = parent?.indicator[field];
  if (!parent || !stated || !isNumberFigure(stated)) return [];
  const tolerance = settings.config.check.tolerance;
  const figures = parent.children.map((c) => c.indicator[field]);
  if (!figures.every(isNumberFigure)) return [];
  const out: CodeAction[] = [];
  const zh = ctx.settings.locale === 'zh';
  parent.children.forEach((child, i) => {
    const own = figures[i];
    if (!own || !isNumberFigure(own)) return;
    const others = figures.filter((_, k) => k !== i).map((f) => quantityOf(f as never, tolerance));
    const needed = difference(quantityOf(stated, tolerance), sum(others));
    if (needed.mid.isNegative()) return;
    // A score cannot exceed the child's weight.
    const weight = child.indicator.weight;
    if (field === 'score' && weight && isNumberFigure(weight) && needed.mid.gt(weight.value)) return;
    // As many decimals as the value needs (up to the parent's), never fewer than the child is written with: 5 → 6, not 6.0.
    const text = needed.mid.toFixed(Math.max(own.decimals, Math.min(needed.mid.decimalPlaces(), stated.decimals)));
    if (agreement(own, plain(needed, text), settings.config.check) === 'equal') return;
    out.push({
      title: zh ? `把下级“${child.indicator.name}”的${field === 'score' ? '得分' : '分值'}改为 ${text}（使下级之和等于 ${stated.text}）` : `Change ${field} of “${child.indicator.name}” to ${text} (so the children add up to ${stated.text})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(own.span[0]), end: doc.positionAt(own.span[1]) }, newText: text }] } },
    });
  });
  return out;
}

export function codeActions(ctx: FeatureContext, params: CodeActionParams): CodeAction[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const zh = ctx.settings.locale === 'zh';
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== 'jixiao') continue;
    const data = d.data as DiagnosticData | undefined;
    if (data?.fix) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of data.fix.edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.text });
      out.push({ title: data.fix.message, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: data.fix.safe, edit: { changes } });
    }
    if (d.code === 'sums/children-score') out.push(...childActions(ctx, doc, d, 'score'));
    if (d.code === 'sums/children-weight') out.push(...childActions(ctx, doc, d, 'weight'));
    out.push(disableAction(doc, d, zh));
  }
  return out;
}
