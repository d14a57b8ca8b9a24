/**
 * review.xlsx: the same two tables as the CSV files (findings, submissions) as sheets of one
 * workbook, written with ExcelJS: a bold frozen header with filters over the whole table, columns
 * as wide as their header and cells need (a CJK character counts double), scores as numbers shown
 * with the decimals they were written with, and a print set-up (A4 landscape, fit to the page's
 * width, the header row on every page, page numbers).
 *
 * ExcelJS writes the sheet's <autoFilter> but not the workbook's `_xlnm._FilterDatabase` name that
 * Excel writes with it; LibreOffice shows no filter buttons without that name. It is added to
 * xl/workbook.xml as the workbook is written (hidden, local to each sheet, the filter's range).
 */
import ExcelJS from 'exceljs';
import { writeOutputFile } from '@jixiao/core';
import { cellText, displayWidth, findingRows, FINDING_COLUMNS, header, SUBMISSION_COLUMNS, type Column } from './columns.js';
import type { Locale } from './i18n.js';
import type { ReviewModel } from './model.js';

export const SHEET_NAMES = { findings: { zh: '问题', en: 'findings' }, submissions: { zh: '提交', en: 'submissions' } } as const;

/** Room for the filter's drop-down button beside a header (characters). */
const FILTER_BUTTON = 3;
/** Room either side of a cell's text (characters). */
const PADDING = 2;
/** Rows looked at to size a column (a batch of thousands of files needs no more to know its widths). */
const SAMPLE_ROWS = 2000;
/** ExcelJS's paper size for A4. */
const A4 = 9;

function numberFormat(decimals: number, signed: boolean): string {
  const body = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
  return signed ? `+${body};-${body};${body}` : body;
}

/** A column's width: its header with the filter button always fits; its cells as far as the column's maximum. */
export function columnWidth<T>(c: Column<T>, rows: readonly T[], locale: Locale): number {
  const head = displayWidth(header(c, locale)) + FILTER_BUTTON + PADDING;
  let cells = 0;
  for (const row of rows.slice(0, SAMPLE_ROWS)) cells = Math.max(cells, displayWidth(cellText(c, row, locale)) + PADDING);
  return Math.max(head, Math.min(cells, c.maxWidth));
}

/** A1-style name of a 1-based column number. */
function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function addSheet<T>(workbook: ExcelJS.Workbook, name: string, columns: readonly Column<T>[], rows: readonly T[], locale: Locale): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: A4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: { oddFooter: locale === 'zh' ? '&L&A&R第 &P 页，共 &N 页' : '&L&A&RPage &P of &N' },
  });
  // Cells take their column's style as rows are added: text wraps at the column's width (a row is as tall as its longest cell), every cell at the top.
  sheet.columns = columns.map((c) => ({
    header: header(c, locale),
    key: c.key,
    width: columnWidth(c, rows, locale),
    style: { alignment: c.type === 'text' ? { vertical: 'top', wrapText: true } : { vertical: 'top' } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map(() => null));
    columns.forEach((c, i) => {
      const v = c.value(row, locale);
      if (v === null || v === undefined || v === '') return;
      const cell = added.getCell(i + 1);
      if (typeof v === 'object') {
        // A spreadsheet cell holds a binary number; the decimals as written are kept in its format.
        cell.value = v.value.toNumber();
        cell.numFmt = numberFormat(v.decimals, c.key === 'gap');
      } else cell.value = v;
    });
  }
  // The filter covers the header and every row (as Excel sets it), not the header alone.
  sheet.autoFilter = `A1:${columnLetters(columns.length)}${rows.length + 1}`;
}

/** `A1:N19` as the absolute reference of a defined name on `sheet`: `'问题'!$A$1:$N$19`. */
export function sheetRange(sheet: string, ref: string): string {
  const absolute = ref.split(':').map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2')).join(':');
  return `'${sheet.replace(/'/g, "''")}'!${absolute}`;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** xl/workbook.xml with a hidden `_xlnm._FilterDatabase` name for each sheet's filter (before the print titles: Excel keeps its names sorted). */
export function withFilterNames(xml: string, filters: readonly { sheet: number; range: string }[]): string {
  if (filters.length === 0) return xml;
  const names = filters.map((f) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${f.sheet}" hidden="1">${xmlText(f.range)}</definedName>`).join('');
  if (/<definedNames>/.test(xml)) return xml.replace('<definedNames>', `<definedNames>${names}`);
  if (/<definedNames\/>/.test(xml)) return xml.replace('<definedNames/>', `<definedNames>${names}</definedNames>`);
  // definedNames comes after sheets (CT_Workbook's sequence).
  return xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
}

interface ZipLike {
  append(data: unknown, options: { name: string }): unknown;
}

/** Adds the filters' names to the workbook part as ExcelJS writes it (the one part it writes whole, as a string). */
function addFilterNames(workbook: ExcelJS.Workbook): void {
  const xlsx = workbook.xlsx as unknown as { addWorkbook?: (zip: ZipLike, model: unknown) => Promise<void> };
  const write = xlsx.addWorkbook;
  if (typeof write !== 'function') throw new Error('exceljs: no addWorkbook to add the filters’ names to');
  xlsx.addWorkbook = async (zip: ZipLike, model: unknown): Promise<void> => {
    const filters = workbook.worksheets.flatMap((sheet, i) => {
      const ref = sheet.autoFilter;
      return typeof ref === 'string' ? [{ sheet: i, range: sheetRange(sheet.name, ref) }] : [];
    });
    const proxy: ZipLike = {
      append: (data, options) => zip.append(options.name === 'xl/workbook.xml' && typeof data === 'string' ? withFilterNames(data, filters) : data, options),
    };
    await write.call(xlsx, proxy, model);
  };
}

export function reviewWorkbook(model: ReviewModel, locale: Locale): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao review';
  // A fixed date keeps the workbook the same for the same batch.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  addSheet(workbook, SHEET_NAMES.findings[locale], FINDING_COLUMNS, findingRows(model.submissions), locale);
  addSheet(workbook, SHEET_NAMES.submissions[locale], SUBMISSION_COLUMNS, model.submissions, locale);
  addFilterNames(workbook);
  return workbook;
}

export async function writeXlsx(model: ReviewModel, locale: Locale, file: string): Promise<void> {
  const buffer = await reviewWorkbook(model, locale).xlsx.writeBuffer();
  writeOutputFile(file, new Uint8Array(buffer as ArrayBuffer));
}
