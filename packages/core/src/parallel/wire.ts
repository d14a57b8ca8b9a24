/**
 * Phase-1 outcomes as plain data, for crossing between worker threads: findings (with their line
 * and column ranges) and suppressions are plain already; a project record's figures travel as their text,
 * span and document path and are read again (exactly, with decimal.js) on arrival.
 */
import type { FileResult } from '../check.js';
import type { ProjectRecord } from '../facts/project-subjects.js';
import { recordIn, recordOut, type WireRecord } from './records.js';
import type { Finding } from '../finding.js';
import type { FileOutcome } from '../run.js';
import type { Outline } from '../facts/outline.js';
import type { Suppressions } from '../suppressions.js';

export interface WireOutcome {
  file: string;
  /** With their ranges (the worker had the file's lines). */
  findings: Finding[];
  suppressions?: Suppressions;
  bom?: boolean;
  record: WireRecord | null;
  deferred: boolean;
  /** The document's outline, when asked for (a document the editor cannot load itself). */
  outline?: Outline;
  /** Whether the file is a jixiao document at all (project/project.ts isJixiaoResult), when asked for. */
  jixiao?: boolean;
}

export function toWire(o: FileOutcome): WireOutcome {
  const r = o.result;
  const rec = o.record;
  return {
    file: r.file,
    findings: r.findings,
    suppressions: r.suppressions,
    bom: r.bom,
    deferred: o.deferred,
    ...(o.outline ? { outline: o.outline } : {}),
    record: rec ? recordOut(rec) : null,
  };
}

export function fromWire(w: WireOutcome): FileOutcome {
  const result: FileResult = { file: w.file, text: '', loaded: null, findings: w.findings, suppressions: w.suppressions, bom: w.bom };
  const rec = w.record;
  const record: ProjectRecord | null = rec ? recordIn(rec) : null;
  return { result, record, deferred: w.deferred, ...(w.outline ? { outline: w.outline } : {}), ...(w.jixiao !== undefined ? { jixiao: w.jixiao } : {}) };
}
