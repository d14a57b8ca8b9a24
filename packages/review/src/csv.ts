/**
 * findings.csv and submissions.csv: RFC 4180 (CRLF, quoted when needed), UTF-8 with a byte-order
 * mark so that Excel opens the Chinese text correctly.
 */
import { cellText, findingRows, FINDING_COLUMNS, header, SUBMISSION_COLUMNS, type Column } from './columns.js';
import type { Locale } from './i18n.js';
import type { ReviewModel } from './model.js';

export const BOM = '\uFEFF';

/** A text cell Excel would run as a formula (=, +, -, @ first) gets a leading apostrophe; numbers stay as they are. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[], locale: Locale): string {
  const lines = [columns.map((c) => csvField(header(c, locale))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.type === 'text' ? defuse(cellText(c, row, locale)) : cellText(c, row, locale))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function findingsCsv(model: ReviewModel, locale: Locale): string {
  return toCsv(FINDING_COLUMNS, findingRows(model.submissions), locale);
}

export function submissionsCsv(model: ReviewModel, locale: Locale): string {
  return toCsv(SUBMISSION_COLUMNS, model.submissions, locale);
}
