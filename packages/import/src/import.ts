/**
 * `jixiao import`: a published document (PDF, spreadsheet, or the text extracted from a PDF) to a
 * draft jixiao/1 document. The source is recognised by its bytes, read into positioned pages
 * (source/), its tables found and their cells placed (extract/), the narrative's figures tied to
 * cells, and the draft written (draft/). Checking the draft is the caller's (the CLI checks it
 * with the same rules as `jixiao check` and prints the findings).
 */
import type { SourceDocument, SourceFormat } from './source/page.js';
import { readText, textDialect } from './source/text.js';
import { readPdf } from './source/pdf.js';
import { readSheetIsolated } from './source/sheet.js';
import { extractTables, type ExtractedTable } from './extract/tables.js';
import { narrativeStatements, type NarrativeStatement } from './extract/narrative.js';
import { kindOfLine, type DraftKind } from './recognise/titles.js';
import { numberFromContents } from './recognise/contents.js';
import { writeDraft } from './draft/write.js';
import { buildSources, type SourcesFile } from './draft/sources.js';
import { countForms, selfEvaluationDraft } from './forms/index.js';
import { isFormTitle } from './forms/vocabulary.js';

export interface ImportOptions {
  /** The document kind, when the source does not say it clearly. */
  kind?: DraftKind;
  /** How the draft names its source (`source.document`, and the sidecar's link); default: the file's name. */
  documentName?: string;
}

export interface ImportResult {
  yaml: string;
  /** The sidecar: where every table and cell of the draft is in the source (draft/sources.ts). */
  sources: SourcesFile;
  kind: DraftKind;
  source: SourceDocument;
  tables: ExtractedTable[];
  statements: NarrativeStatement[];
  /** Pages that hold no text but images (scanned): not importable without OCR. */
  scanned: number[];
  /** Cells of tables that fit no column, and narrative figures tied to no cell. */
  unplaced: number;
  /** Self-evaluation forms the source also holds, besides the tables drafted (`--kind self-evaluation` drafts them). */
  forms?: number;
}

export class ImportError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

/** What the bytes are: a PDF, a spreadsheet (OOXML zip or legacy OLE2), or UTF-8 text. */
export function sniffFormat(bytes: Uint8Array): SourceFormat | undefined {
  const head = Array.from(bytes.subarray(0, 8));
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.join(',') === '208,207,17,224,161,177,26,225') return 'xls';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024), { stream: true });
    return 'text';
  } catch {
    return undefined;
  }
}

async function readSource(file: string, bytes: Uint8Array): Promise<SourceDocument> {
  const format = sniffFormat(bytes);
  if (format === 'pdf') return readPdf(file, bytes);
  if (format === 'xlsx' || format === 'xls') return readSheetIsolated(file, bytes);
  if (format === 'text') return readText(file, new TextDecoder('utf-8').decode(bytes));
  throw new ImportError('无法识别的文件：应为 PDF、xlsx/xls 或 UTF-8 文本（如 pdftotext -layout 的输出）', 'not a file import can read: expected a PDF, an xlsx/xls spreadsheet or UTF-8 text (such as the output of pdftotext -layout)');
}

function documentKind(source: SourceDocument, tables: readonly ExtractedTable[], given?: DraftKind): DraftKind {
  if (given) return given;
  for (const page of source.pages.slice(0, 3)) {
    for (const item of [...page.items].sort((a, b) => a.y0 - b.y0).slice(0, 12)) {
      const k = kindOfLine(item.text);
      if (k) return k;
    }
  }
  const fromTables = tables.map((t) => t.kind);
  if (fromTables.length > 0) return fromTables.filter((k) => k === 'budget').length * 2 > fromTables.length ? 'budget' : 'final-accounts';
  // A form's title anywhere on its first pages (项目自评表, …绩效自评表(2023年度), after a page's navigation).
  if (source.pages.slice(0, 3).some((p) => p.items.some((i) => isFormTitle(i.text)))) return 'self-evaluation';
  throw new ImportError('看不出文件是哪类文档（部门决算、部门预算或绩效自评表）：请用 --kind 指定', 'cannot tell what kind of document this is (final accounts, budget or self-evaluation form): give --kind');
}

export async function importDocument(file: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const source = await readSource(file, bytes);
  const scanned = source.pages.filter((p) => p.scanned).map((p) => p.number);
  if (source.pages.length > 0 && scanned.length === source.pages.length) {
    throw new ImportError(`扫描件：${scanned.length} 页都没有文字层，只有图像；需要先做 OCR，无法导入`, `a scan: none of its ${scanned.length} pages has a text layer, only images; it needs OCR first and cannot be imported`);
  }
  const { tables, narrative } = extractTables(source);
  numberFromContents(source, tables);
  const kind = documentKind(source, tables, options.kind);
  if (kind === 'self-evaluation') {
    // Self-evaluation forms (forms/): the funds block and the indicator tree; several forms in one text are all kept.
    const documentName = options.documentName ?? file.replace(/^.*[\\/]/, '');
    const draft = selfEvaluationDraft(source, documentName);
    return { yaml: draft.yaml, sources: buildSources(source, [], documentName), kind, source, tables: [], statements: [], scanned, unplaced: draft.unplaced };
  }
  const statements = narrativeStatements(narrative, tables);
  const first = tables[0];
  const year = /(\d{4})\s*年/.exec(first?.title ?? '')?.[1] ?? /(\d{4})\s*年/.exec(narrative.slice(0, 20).map((l) => l.text).join(' '))?.[1];
  const entity = tables.find((t) => t.entity)?.entity;
  const wan = narrative.reduce((n, l) => n + (l.text.match(/万元/g)?.length ?? 0), 0);
  const yuan = narrative.reduce((n, l) => n + (l.text.match(/(?<!万)元/g)?.length ?? 0), 0);
  const notes: string[] = [];
  if (textDialect(source) === 'cells' && tables.length > 0) notes.push('Plain text of one cell a line, in the extraction\'s reading order (such as pdftotext without -layout): a row\'s cells are not together and blank cells leave no trace, so the tables cannot be read reliably; their figures are all unplaced. Import the PDF, or its pdftotext -layout text.');
  if (scanned.length > 0) notes.push(`Scanned pages without text (not importable without OCR): ${scanned.join(', ')}.`);
  const forms = countForms(source);
  if (forms > 0) notes.push(`The source also holds ${forms} self-evaluation form${forms === 1 ? '' : 's'} (绩效自评表), not in this draft: import it again with --kind self-evaluation to draft ${forms === 1 ? 'it' : 'them'}.`);
  const documentName = options.documentName ?? file.replace(/^.*[\\/]/, '');
  const yaml = writeDraft(source, { kind, unit: wan >= yuan ? '万元' : '元', document: documentName, ...(entity ? { entity } : {}), ...(year ? { year } : {}) }, tables, statements, notes);
  const unplaced = tables.reduce((n, t) => n + t.unplaced.length, 0) + statements.reduce((n, s) => n + s.figures.filter((f) => !f.cell).length, 0);
  return { yaml, sources: buildSources(source, tables, documentName), kind, source, tables, statements, scanned, unplaced, ...(forms > 0 ? { forms } : {}) };
}
