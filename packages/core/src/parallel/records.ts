/**
 * Project records as plain data (for crossing between threads, and kept in a spool while a
 * run keeps them until phase 2): figures travel as their text, span and document path and are read
 * again (exactly, with decimal.js) on arrival.
 */
import type { ProjectRecord, ScoreSource } from '../facts/project-subjects.js';
import { figurePlaces } from '../facts/views.js';
import { readFigure, type NumberFigure } from '../values/figure.js';

export interface WireFigure { text: string; span: [number, number]; path: string; rounded?: true }
export interface WireRecord {
  file: string;
  projectId?: string;
  evaluator: ProjectRecord['evaluator'];
  scores: { projectId: string; source: { file: string; type: ScoreSource['type']; grade?: string; entry?: boolean; score: WireFigure } }[];
  figures: Partial<Record<keyof ProjectRecord['figures'], WireFigure>>;
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

export function recordOut(rec: ProjectRecord): WireRecord {
  return {
    file: rec.file,
    projectId: rec.projectId,
    evaluator: rec.evaluator,
    scores: rec.scores.map((s) => ({ projectId: s.projectId, source: { file: s.source.file, type: s.source.type, grade: s.source.grade, entry: s.source.entry, score: figureOut(s.source.score) } })),
    figures: Object.fromEntries(Object.entries(rec.figures).map(([k, f]) => [k, figureOut(f)])),
  };
}

export function recordIn(rec: WireRecord): ProjectRecord {
  return {
    file: rec.file,
    projectId: rec.projectId,
    evaluator: rec.evaluator,
    scores: rec.scores.map((s) => ({ projectId: s.projectId, source: { file: s.source.file, type: s.source.type, grade: s.source.grade, entry: s.source.entry, score: figureIn(s.source.file, s.source.score) } })),
    figures: Object.fromEntries(Object.entries(rec.figures).map(([k, f]) => [k, figureIn(rec.file, f as WireFigure)])),
  };
}
