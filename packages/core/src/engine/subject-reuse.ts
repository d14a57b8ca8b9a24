/**
 * The findings of an open document's subjects kept from one check to the next, so that an edit that
 * retypes one value re-runs the rules only over the subjects that could have changed.
 *
 * A subject may carry `reuse` (facts/subject.ts): a key naming it across checks, and whether an edit
 * leaves it as it was. The kind that makes the subject decides that, next to the facts it computes
 * (kinds/evaluation/subjects.ts: an indicator depends on its own subtree and its twins'). Here: when
 * the subject is unaffected and the check before has its findings, they are taken with their
 * positions moved by the edit; otherwise its rules run and their findings are kept for the next.
 *
 * The findings kept are valid only for the same rules and config: a check with others starts afresh.
 * test/subject-reuse.test.ts retypes values over every scored fixture, edit after edit, and compares
 * each check with a fresh one.
 */
import type { CheckConfig } from '../config.js';
import type { Finding, RelatedLocation, SuggestedFix } from '../finding.js';
import type { ReusableSubject } from '../facts/subject.js';
import type { RetypedScalar } from '../yaml/reparse.js';
import type { Span } from '../yaml/tree.js';

/** Each reusable subject's findings (by its key) from one check, with the rules and config that made them. */
export class SubjectFindings {
  readonly byKey = new Map<number, readonly Finding[]>();
  /** How many subjects took their findings from the check before (for the tests and benchmarks). */
  reused = 0;
  constructor(
    readonly rules: readonly unknown[],
    readonly config: CheckConfig,
  ) {}
}

/** What runRules needs to reuse: the findings of the check before (if any), the edit since, and where to keep this check's. */
export interface SubjectReuse {
  /** The document checked: positions in it move with the edit. */
  file: string;
  before: SubjectFindings | undefined;
  /** The value retyped since `before` was made ('same': the text did not change); undefined when the text changed otherwise (nothing is reused). */
  edit: RetypedScalar | 'same' | undefined;
  after: SubjectFindings;
}

const NONE: readonly Finding[] = [];

/** The findings of a subject the edit left alone, from the check before; undefined when they cannot be taken. */
export function reusedFindings(reuse: SubjectReuse, subject: ReusableSubject, rules: readonly unknown[], config: CheckConfig): readonly Finding[] | undefined {
  const { before, edit } = reuse;
  if (!before || !edit || before.rules !== rules || before.config !== config) return undefined;
  const old = before.byKey.get(subject.key);
  if (old === undefined || (edit !== 'same' && !subject.unaffectedBy(edit))) return undefined;
  const kept = old.length === 0 ? NONE : copiedFindings(old, edit === 'same' ? (_, span) => span : (file, span) => (file === reuse.file ? moved(span, edit) : span));
  if (kept) reuse.after.reused++;
  return kept;
}

/** Keeps a subject's findings (those of this check, from `from` on) for the next check. */
export function keepFindings(reuse: SubjectReuse, key: number, findings: readonly Finding[], from: number): void {
  reuse.after.byKey.set(key, findings.length === from ? NONE : findings.slice(from));
}

/**
 * A span after the edited value moves by the change in length, one before it stays; one that
 * overlaps or holds the value cannot be a kept subject's (its own inputs do not reach the edit): undefined.
 */
function moved(span: Span, edit: RetypedScalar): Span | undefined {
  if (span[1] <= edit.start) return span;
  if (span[0] >= edit.oldEnd) return edit.delta === 0 ? span : [span[0] + edit.delta, span[1] + edit.delta];
  return undefined;
}

/** Copies of the findings with their spans (own, related, fix) moved, without ranges (the check attaches new ones); undefined if any cannot move. */
function copiedFindings(findings: readonly Finding[], move: (file: string, span: Span) => Span | undefined): readonly Finding[] | undefined {
  const out: Finding[] = [];
  for (const f of findings) {
    const span = move(f.file, f.span);
    if (!span) return undefined;
    const related: RelatedLocation[] = [];
    for (const r of f.related) {
      const rs = move(r.file, r.span);
      if (!rs) return undefined;
      related.push({ file: r.file, span: rs, ...(r.path === undefined ? {} : { path: r.path }), message: r.message });
    }
    const copy: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, span, related };
    if (f.path !== undefined) copy.path = f.path;
    if (f.fix) {
      const edits: SuggestedFix['edits'] = [];
      for (const e of f.fix.edits) {
        const es = move(e.file, e.span);
        if (!es) return undefined;
        edits.push({ file: e.file, span: es, text: e.text });
      }
      copy.fix = { message: f.fix.message, edits, safe: f.fix.safe };
    }
    out.push(copy);
  }
  return out;
}
