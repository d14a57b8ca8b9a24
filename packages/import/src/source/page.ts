/**
 * What every source reader gives the importer: pages of positioned text and ruling lines. A PDF
 * page (pdfjs-dist text items and the lines and thin rectangles drawn as borders), a page of
 * `pdftotext -layout` text (one item per run of text, in character columns and lines) and a
 * spreadsheet (one item per cell, in columns and rows, its borders as rules) all come out alike,
 * so one table extractor serves them all.
 *
 * Coordinates: x grows to the right, y grows downwards from the top of the page.
 */

export interface TextItem {
  /** The text exactly as printed (the cell's formatted text, for a spreadsheet). */
  text: string;
  /** Left, right, top and bottom edges. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A horizontal or vertical ruling: a stroked line or a thin filled rectangle, as a segment. */
export interface RuleLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface SourcePage {
  /** 1-based page number (the sheet's index, for a spreadsheet). */
  number: number;
  /** The sheet's name, for a spreadsheet. */
  name?: string;
  width: number;
  height: number;
  items: TextItem[];
  rules: RuleLine[];
  /**
   * What a unit of x and y is: PDF points (1/72 inch), character columns and lines of a text
   * file, or cell columns and rows of a sheet.
   */
  unit: 'pt' | 'char' | 'cell';
  /** A page with no text at all but with images: scanned, not importable without OCR. */
  scanned?: boolean;
}

export type SourceFormat = 'pdf' | 'text' | 'xlsx' | 'xls';

export interface SourceDocument {
  file: string;
  format: SourceFormat;
  pages: SourcePage[];
}
