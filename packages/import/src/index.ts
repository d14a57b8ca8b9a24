export type { SourceDocument, SourceFormat, SourcePage, TextItem, RuleLine } from './source/page.js';
export { readText } from './source/text.js';
export { extractTables, type Extraction, type ExtractedTable, type ExtractedBlock, type ExtractedRow } from './extract/tables.js';
export { narrativeStatements, cellAmounts, type NarrativeStatement, type NarrativeFigure } from './extract/narrative.js';
export { importDocument, sniffFormat, ImportError, type ImportOptions, type ImportResult } from './import.js';
export type { DraftKind } from './recognise/titles.js';
export { amountCells, compareCells, type CellComparison } from './compare.js';
