/**
 * findings.csv and submissions.csv: RFC 4180 (CRLF, quoted when needed), UTF-8 with a byte-order
 * mark so that Excel opens the Chinese text correctly.
 */
import { cellText, findingRows, FINDING_COLUMNS, header, SUBMISSION_COLUMNS, type Column } from './columns.js';
import type { Locale } from './i18n.js';
import type { ReviewModel } from './model.js';

export const BOM = '\uFEFF';

/** A number as Excel and LibreOffice read it from a CSV cell: "-5.2", "+3", "85%", "-0.5%" (harmless: it is its value). */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?$/;

/**
 * Keeps a spreadsheet from running a text cell as a formula (OWASP "CSV injection"): a cell whose
 * first character is =, +, -, @, a tab or a carriage return (after any spaces, which some importers
 * trim) gets a leading apostrophe, unless it is a plain number. Nothing else is changed, so a cell
 * reads as its text does; the one place where YAML's own markup would start a cell with "-" (the
 * list dash of the source line) is left out of the text (columns.ts).
 */
export function neutralise(text: string): string {
  return /^[\t\r]|^[ \u3000]*[=+\-@]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[], locale: Locale): string {
  const lines = [columns.map((c) => csvField(header(c, locale))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.type === 'text' ? neutralise(cellText(c, row, locale)) : cellText(c, row, locale))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function findingsCsv(model: ReviewModel, locale: Locale): string {
  return toCsv(FINDING_COLUMNS, findingRows(model.submissions), locale);
}

export function submissionsCsv(model: ReviewModel, locale: Locale): string {
  return toCsv(SUBMISSION_COLUMNS, model.submissions, locale);
}
