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
import { projectsOf } from '../facts/project-subjects.js';
import { serialize } from 'node:v8';

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

/** A file's result as it is kept after phase 1: its findings and suppressions, without its text or loaded document. */
function settledResult(r: Pick<FileResult, 'file' | 'findings' | 'suppressions' | 'bom'>): FileResult {
  return { file: r.file, text: '', loaded: null, findings: r.findings, suppressions: r.suppressions, bom: r.bom };
}

export function fromWire(w: WireOutcome): FileOutcome {
  const result = settledResult(w);
  const rec = w.record;
  const record: ProjectRecord | null = rec ? recordIn(rec) : null;
  return { result, record, deferred: w.deferred, ...(w.outline ? { outline: w.outline } : {}), ...(w.jixiao !== undefined ? { jixiao: w.jixiao } : {}) };
}

/**
 * A phase-1 outcome for a run that only spools it (parallel/pool.ts checkGroupParallelEach): the
 * file's result and its project record serialized in the worker, as the main thread's spools keep
 * them, with what phase 2 needs to know before it reads them. The main thread so neither rebuilds
 * the findings and the record's figures nor serializes them again.
 */
export interface PackedOutcome {
  file: string;
  /** v8.serialize of the result as fromWire would make it (settledResult). */
  result: Uint8Array;
  /** v8.serialize of the record's WireRecord, or null when the file has no project facts. */
  record: Uint8Array | null;
  /** The project ids the record takes part in (its own first: projectsOf). */
  projects: string[];
  projectId?: string;
  deferred: boolean;
}

export function packOutcome(o: FileOutcome): PackedOutcome {
  const rec = o.record;
  return {
    file: o.result.file,
    result: serialize(settledResult(o.result)),
    record: rec ? serialize(recordOut(rec)) : null,
    projects: rec ? projectsOf(rec) : [],
    ...(rec?.projectId !== undefined ? { projectId: rec.projectId } : {}),
    deferred: o.deferred,
  };
}

/** A Buffer over the bytes a worker sent (structured cloning hands on a Uint8Array), without copying them. */
export function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const isPackedOutcome = (w: WireOutcome | PackedOutcome): w is PackedOutcome => 'result' in w;
