/**
 * `--fix`: applies the safe fixes of a run by minimal text edits (only the replaced figures change;
 * comments, quoting and layout stay) and writes each file atomically: a temporary file next to it,
 * then a rename. Files with parse errors are never touched.
 */
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyEdits, pushTo, type FileResult } from '@jixiao/core';

export interface FixOutcome {
  file: string;
  applied: number;
}

type Edit = { file: string; span: readonly [number, number]; text: string };

export function writeAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.jixiao-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    chmodSync(temp, statSync(file).mode);
    renameSync(temp, file);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing left behind
    }
    throw err;
  }
}

/** The safe edits of each file that parsed cleanly. Needs results checked with `keep` (their text). */
export function applySafeFixes(results: readonly FileResult[]): FixOutcome[] {
  const byFile = new Map(results.map((r) => [r.file, r]));
  const edits = new Map<string, Edit[]>();
  for (const r of results) {
    for (const f of r.findings) {
      if (!f.fix?.safe) continue;
      for (const e of f.fix.edits) pushTo(edits, e.file, e);
    }
  }
  const outcomes: FixOutcome[] = [];
  for (const [file, list] of edits) {
    const r = byFile.get(file);
    if (!r || r.text === '' || r.findings.some((f) => f.ruleId.startsWith('parse/') || f.ruleId.startsWith('io/'))) continue;
    const { text, applied } = applyEdits(r.text, list);
    if (applied === 0 || text === r.text) continue;
    const bom = r.bom ? '\uFEFF' : '';
    writeAtomically(file, bom + text);
    outcomes.push({ file, applied });
  }
  return outcomes;
}
