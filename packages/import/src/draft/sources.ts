/**
 * The draft's link to its source, as a sidecar file beside it (`budget.jixiao.yaml` →
 * `budget.jixiao.sources.json`): the source file, and for every table and every row of the draft,
 * by its document path (`public_tables[3].income.rows[2]`), the page and box of each cell's text.
 * The editor's hover reads it to say where a figure came from; paths, unlike line numbers, survive
 * the transcriber's edits elsewhere in the file.
 */
import type { SourceDocument } from '../source/page.js';
import type { CellBox, ExtractedTable } from '../extract/tables.js';

export const SOURCES_FORMAT = 'jixiao-import-sources/1';

export interface SourcesFile {
  format: typeof SOURCES_FORMAT;
  /** The source, relative to the draft's directory (or as given). */
  source: string;
  sourceFormat: SourceDocument['format'];
  /** What x and y are: PDF points, character columns and lines, or sheet columns and rows (0-based). */
  unit: 'pt' | 'char' | 'cell';
  tables: { path: string; role: string; title: string; pages: number[]; sheet?: string }[];
  /** Each row's cells, by the row's document path. */
  rows: Record<string, (CellBox | null)[]>;
}

/** The sidecar's name for a draft: its name with `.yaml`/`.yml` replaced by `.sources.json`. */
export function sourcesPath(draft: string): string {
  return draft.replace(/\.ya?ml$/i, '') + '.sources.json';
}

export function buildSources(source: SourceDocument, tables: readonly ExtractedTable[], sourceName: string): SourcesFile {
  const rows: SourcesFile['rows'] = {};
  const names = new Map(source.pages.map((p) => [p.number, p.name]));
  tables.forEach((t, i) => {
    for (const b of t.blocks) {
      b.rows.forEach((r, k) => {
        rows[`public_tables[${i}]${b.side ? `.${b.side}` : ''}.rows[${k}]`] = r.boxes.map((box) => (box ? { page: box.page, x0: round(box.x0), y0: round(box.y0), x1: round(box.x1), y1: round(box.y1) } : null));
      });
    }
  });
  return {
    format: SOURCES_FORMAT,
    source: sourceName,
    sourceFormat: source.format,
    unit: source.pages[0]?.unit ?? 'char',
    tables: tables.map((t, i) => ({ path: `public_tables[${i}]`, role: t.role, title: t.title, pages: t.pages, ...(names.get(t.pages[0] ?? 0) ? { sheet: names.get(t.pages[0] ?? 0) as string } : {}) })),
    rows,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
