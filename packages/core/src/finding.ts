/** What a check reports: a finding with its place, both languages' messages, related places and fix. */
import type { Span } from './yaml/tree.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Messages {
  zh: string;
  en: string;
}

/** 1-based line and column (columns count UTF-16 code units, as editors and SARIF do). */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedLocation {
  file: string;
  span: Span;
  /** Line and column of `span`, once known (filled in by the run, which has the file's lines). */
  range?: Range;
  path?: string;
  message: Messages;
}

export interface SuggestedFix {
  /** What the fix does, in both languages. */
  message: Messages;
  /** Replace the text at `span` of `file` by `text`. */
  edits: { file: string; span: Span; text: string }[];
  /** Safe fixes may be applied without review (`--fix`). */
  safe: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: Messages;
  file: string;
  span: Span;
  /** Line and column of `span`, once known (filled in by the run, which has the file's lines). */
  range?: Range;
  /** Document path of the offending value, e.g. scorecards[1].indicators[0].children[2].score */
  path?: string;
  related: RelatedLocation[];
  fix?: SuggestedFix;
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out === '' ? step : `.${step}`;
  }
  return out;
}
