/** Findings as LSP diagnostics: 0-based ranges, the rule id as code with a link to its docs, related places. */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Finding, Range as FindingRange, Rule } from '@jixiao/core';
import { existsSync } from 'node:fs';

/** The page of a rule file, when it has one. */
function rulePage(file: string): string {
  const page = file.replace(/\.ya?ml$/, '.md');
  return existsSync(page) ? page : file;
}

export type Locale = 'zh' | 'en';

export function toLspRange(r: FindingRange | undefined): Range {
  if (!r) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: { line: r.start.line - 1, character: r.start.column - 1 }, end: { line: r.end.line - 1, character: r.end.column - 1 } };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a diagnostic carries for code actions: the finding's fix, as LSP text edits. */
export interface DiagnosticData {
  ruleId: string;
  fix?: { message: string; safe: boolean; edits: { uri: string; range: Range; text: string }[] };
}

/** `display` rewrites the file paths a message may name (relative to the workspace folder). */
export function toDiagnostic(
  f: Finding, locale: Locale, rules: ReadonlyMap<string, Rule>, rangeOf: (file: string, span: readonly [number, number]) => FindingRange,
  display: (text: string) => string = (text) => text,
): Diagnostic {
  const rule = rules.get(f.ruleId);
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({
    location: { uri: pathToFileURL(r.file).href, range: toLspRange(r.range ?? rangeOf(r.file, r.span)) },
    message: display(r.message[locale]),
  }));
  const data: DiagnosticData = { ruleId: f.ruleId };
  if (f.fix) {
    data.fix = {
      message: f.fix.message[locale],
      safe: f.fix.safe,
      edits: f.fix.edits.map((e) => ({ uri: pathToFileURL(e.file).href, range: toLspRange(rangeOf(e.file, e.span)), text: e.text })),
    };
  }
  return {
    range: toLspRange(f.range ?? rangeOf(f.file, f.span)),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    // The rule's readable page beside its YAML (rules/<pack>/<rule>.md), else the YAML itself.
    ...(rule ? { codeDescription: { href: pathToFileURL(rulePage(rule.file)).href } } : {}),
    source: 'jixiao',
    message: display(f.message[locale]),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}
