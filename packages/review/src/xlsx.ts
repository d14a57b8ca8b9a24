/**
 * review.xlsx: the same two tables as the CSV files (findings, submissions) as sheets of one
 * workbook, written with ExcelJS: a bold frozen header with filters, scores as numbers shown with
 * the decimals they were written with.
 */
import ExcelJS from 'exceljs';
import { writeOutputFile } from '@jixiao/core';
import { findingRows, FINDING_COLUMNS, header, SUBMISSION_COLUMNS, type Column } from './columns.js';
import type { Locale } from './i18n.js';
import type { ReviewModel } from './model.js';

export const SHEET_NAMES = { findings: { zh: '问题', en: 'findings' }, submissions: { zh: '提交', en: 'submissions' } } as const;

function numberFormat(decimals: number, signed: boolean): string {
  const body = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
  return signed ? `+${body};-${body};${body}` : body;
}

function addSheet<T>(workbook: ExcelJS.Workbook, name: string, columns: readonly Column<T>[], rows: readonly T[], locale: Locale): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: header(c, locale), key: c.key, width: c.width }));
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
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

export function reviewWorkbook(model: ReviewModel, locale: Locale): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao review';
  // A fixed date keeps the workbook the same for the same batch.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  addSheet(workbook, SHEET_NAMES.findings[locale], FINDING_COLUMNS, findingRows(model.submissions), locale);
  addSheet(workbook, SHEET_NAMES.submissions[locale], SUBMISSION_COLUMNS, model.submissions, locale);
  return workbook;
}

export async function writeXlsx(model: ReviewModel, locale: Locale, file: string): Promise<void> {
  const buffer = await reviewWorkbook(model, locale).xlsx.writeBuffer();
  writeOutputFile(file, new Uint8Array(buffer as ArrayBuffer));
}
