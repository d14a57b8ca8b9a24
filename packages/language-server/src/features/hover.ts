/**
 * Hover on a figure: what it is (分值 / 得分 / 执行率 …), what the rules compare it with (the facts of
 * the core's subjects, figures.ts: the same value and verdict as the rule's), and where else the same
 * indicator or figure appears. In final accounts and budgets, a table cell, code or
 * name (accounts-hover.ts); in a draft of `jixiao import`, where the cell came from (source-hover.ts). On a finding: the rule's explanation.
 */
import { dirname, relative } from 'node:path';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { twinIndex, twinKey, type Finding, type NumberFigure } from '@jixiao/core';
import type { FeatureContext } from '../context.js';
import { comparisonsAt, labelOf, mark } from '../figures.js';
import { hitAt, indicatorAt } from '../navigation.js';
import { accountsRequest } from '../accounts/context.js';
import { describeAt } from './accounts-hover.js';
import { describeSource } from './source-hover.js';
import { sourcesOf } from '../import-sources.js';

const contains = (f: Finding, line: number, character: number) => {
  const r = f.range;
  if (!r) return false;
  const afterStart = line + 1 > r.start.line || (line + 1 === r.start.line && character + 1 >= r.start.column);
  const beforeEnd = line + 1 < r.end.line || (line + 1 === r.end.line && character + 1 <= r.end.column);
  return afterStart && beforeEnd;
};

export function hover(ctx: FeatureContext, params: HoverParams): Hover | null {
  const doc = ctx.documents.get(params.textDocument.uri);
  const file = ctx.pathOf(params.textDocument.uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  if (!doc || !file || !entry || !ctx.settings.enable) return null;
  const zh = ctx.settings.locale === 'zh';
  const locale = ctx.settings.locale;
  const parts: string[] = [];

  const view = entry.view;
  const settings = ctx.workspace.settingsOfEntry(entry);
  const hit = hitAt(entry.outcome.result.loaded?.root ?? null, doc.offsetAt(params.position));
  if (hit && view && settings && !hit.onKey) {
    const key = [...hit.path].reverse().find((s): s is string => typeof s === 'string');
    const node = indicatorAt(view, hit.path);
    const config = settings.config.check;
    const compared = () => comparisonsAt(view, hit.path, config, locale).map((c) => `${c.label} ${mark(c.verdict)}`.trim());
    if (node && key && key !== 'name') {
      const label = labelOf(key, locale) ?? key;
      parts.push(`**${node.indicator.name}** · ${label}${hit.node.kind === 'scalar' ? ` **${hit.node.text}**` : ''}`);
      parts.push(...compared());
      const twins = (twinIndex(view).get(twinKey(node)) ?? []).filter((n) => n !== node);
      for (const t of twins) {
        const value = (t.indicator as unknown as Record<string, { text?: string } | undefined>)[key]?.text;
        const line = doc.positionAt(view.spanAt([...t.path, 'name'])[0]).line + 1;
        parts.push(zh ? `“${t.card.id}”表中（第 ${line} 行）：${label} ${value ?? '—'}` : `in “${t.card.id}” (line ${line}): ${label} ${value ?? '—'}`);
      }
    } else if (node && key === 'name') {
      const twins = (twinIndex(view).get(twinKey(node)) ?? []).filter((n) => n !== node);
      parts.push(zh ? `**${node.indicator.name}**：第 ${node.level} 级指标，位于“${node.card.id}”表` : `**${node.indicator.name}**: level ${node.level} indicator in “${node.card.id}”`);
      for (const t of twins) {
        const line = doc.positionAt(view.spanAt([...t.path, 'name'])[0]).line + 1;
        parts.push(zh ? `同一指标在“${t.card.id}”表：第 ${line} 行` : `the same indicator in “${t.card.id}”: line ${line}`);
      }
    } else if (hit.node.kind === 'scalar') {
      const label = labelOf(key, locale);
      if (label) parts.push(`${label} **${hit.node.text}**`);
      parts.push(...compared());
      // The same budget figure or total score in the other documents of the project.
      const projectId = view.doc.project?.id;
      const figureKey = hit.path[0] === 'budget' ? hit.path[1] : hit.path[0] === 'result' ? 'score' : undefined;
      if (projectId && (figureKey === 'adjusted' || figureKey === 'spent' || figureKey === 'execution_rate' || figureKey === 'score')) {
        for (const other of ctx.workspace.filesOfProject(projectId)) {
          if (other === file) continue;
          const record = ctx.workspace.get(other)?.outcome.record;
          if (!record || record.projectId !== projectId) continue;
          const value: NumberFigure | undefined = figureKey === 'score' ? record.scores.find((s) => s.projectId === projectId)?.source.score : record.figures[figureKey];
          const where = relative(dirname(file), other) || other;
          if (value) parts.push(zh ? `${where}：${value.text}` : `${where}: ${value.text}`);
        }
      }
    }
  }

  // A cell, code or name of a final-accounts or budget table.
  const accounts = accountsRequest(ctx, params.textDocument.uri);
  if (accounts) {
    parts.push(...describeAt(accounts.model, doc.offsetAt(params.position), locale, (offset) => doc.positionAt(offset).line));
    // Where it came from, in a draft of `jixiao import` with its sidecar beside it.
    const sources = sourcesOf(file);
    if (sources) parts.push(...describeSource(sources, accounts.model, doc.offsetAt(params.position), hit?.path, locale));
  }

  // The rules behind the findings under the cursor.
  const rules = ctx.rules();
  for (const f of ctx.workspace.findingsOf(file).filter((x) => contains(x, params.position.line, params.position.character))) {
    const rule = rules.get(f.ruleId);
    if (!rule) continue;
    parts.push(`---\n**${rule.id}** — ${rule.summary[locale]}\n\n${rule.docs.what[locale]}\n\n${zh ? '为什么：' : 'Why: '}${rule.docs.why[locale]}\n\n\`jixiao explain ${rule.id}\``);
  }
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') } };
}
