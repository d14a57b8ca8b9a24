/**
 * Phase-1 outcomes as plain data, for crossing between worker threads: findings (with their line
 * and column ranges) and suppressions are plain already; a project record's figures travel as their text,
 * span and document path and are read again (exactly, with decimal.js) on arrival.
 */
import type { FileResult } from '../check.js';
import type { ProjectRecord, ScoreSource } from '../facts/project-subjects.js';
import { figurePlaces } from '../facts/views.js';
import type { Finding } from '../finding.js';
import type { FileOutcome } from '../run.js';
import type { Outline } from '../facts/outline.js';
import type { Suppressions } from '../suppressions.js';
import { readFigure, type NumberFigure } from '../values/figure.js';

interface WireFigure { text: string; span: [number, number]; path: string; rounded?: true }
interface WireRecord {
  file: string;
  projectId?: string;
  evaluator: ProjectRecord['evaluator'];
  scores: { projectId: string; source: { file: string; type: ScoreSource['type']; grade?: string; entry?: boolean; score: WireFigure } }[];
  figures: Partial<Record<keyof ProjectRecord['figures'], WireFigure>>;
}

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

function figureOut(f: NumberFigure): WireFigure {
  return { text: f.text, span: [f.span[0], f.span[1]], path: figurePlaces.get(f)?.path ?? '', ...(f.rounded ? { rounded: true as const } : {}) };
}

function figureIn(file: string, w: WireFigure): NumberFigure {
  const f = readFigure(w.text, w.span);
  if (f.kind !== 'number') throw new Error(`figure ${w.text} at ${file}:${w.path} no longer reads as a number`);
  // A rounded result (a stated rate) stays one after the crossing: its interval depends on it.
  if (w.rounded) f.rounded = true;
  figurePlaces.set(f, { file, path: w.path });
  return f;
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
    record: rec
      ? {
          file: rec.file,
          projectId: rec.projectId,
          evaluator: rec.evaluator,
          scores: rec.scores.map((s) => ({ projectId: s.projectId, source: { file: s.source.file, type: s.source.type, grade: s.source.grade, entry: s.source.entry, score: figureOut(s.source.score) } })),
          figures: Object.fromEntries(Object.entries(rec.figures).map(([k, f]) => [k, figureOut(f)])),
        }
      : null,
  };
}

export function fromWire(w: WireOutcome): FileOutcome {
  const result: FileResult = { file: w.file, text: '', loaded: null, findings: w.findings, suppressions: w.suppressions, bom: w.bom };
  const rec = w.record;
  const record: ProjectRecord | null = rec
    ? {
        file: rec.file,
        projectId: rec.projectId,
        evaluator: rec.evaluator,
        scores: rec.scores.map((s) => ({ projectId: s.projectId, source: { file: s.source.file, type: s.source.type, grade: s.source.grade, entry: s.source.entry, score: figureIn(s.source.file, s.source.score) } })),
        figures: Object.fromEntries(Object.entries(rec.figures).map(([k, f]) => [k, figureIn(rec.file, f as WireFigure)])),
      }
    : null;
  return { result, record, deferred: w.deferred, ...(w.outline ? { outline: w.outline } : {}), ...(w.jixiao !== undefined ? { jixiao: w.jixiao } : {}) };
}
