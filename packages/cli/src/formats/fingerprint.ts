/**
 * The stable fingerprint GitLab Code Quality and SARIF (`partialFingerprints`) give a finding, so that
 * a finding keeps its identity across runs while lines move: its file, rule and document path (its
 * start when it has no path). Two findings of one rule on one path (a narrative sentence naming both
 * a 款 and a 项 wrongly) are told apart by their order among such findings of the file: the first
 * keeps the plain fingerprint, the n-th (n ≥ 2) has `#n` added, so every fingerprint of a report is
 * unique.
 */
import { createHash } from 'node:crypto';
import type { Located } from '../locate.js';

/** Fingerprints of one checked file's findings, in order (`nameOf`: a finding's file as the format names it, relative path or URI). */
export function fingerprintsOf(located: readonly Located[], nameOf: (file: string) => string): string[] {
  const seen = new Map<string, number>();
  return located.map((l) => {
    const f = l.finding;
    const key = `${nameOf(f.file)}\u0000${f.ruleId}\u0000${f.path ?? `${l.place.startLine}:${l.place.startColumn}`}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(n === 1 ? key : `${key}\u0000#${n}`).digest('hex').slice(0, 32);
  });
}
