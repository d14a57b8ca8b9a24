/** Writes a review into a directory: review.html, findings.csv, submissions.csv and, when asked, review.xlsx. */
import { join } from 'node:path';
import { prepareOutputDir, writeOutputFile } from '@jixiao/core';
import { findingsCsv, submissionsCsv } from './csv.js';
import { renderHtml } from './html/page.js';
import type { Locale } from './i18n.js';
import type { ReviewModel } from './model.js';
import { writeXlsx } from './xlsx.js';

export const OUTPUT_FILES = { html: 'review.html', findings: 'findings.csv', submissions: 'submissions.csv', xlsx: 'review.xlsx' } as const;

export interface WriteOptions {
  locale: Locale;
  xlsx: boolean;
}

/** The files written, in order. */
export async function writeReview(model: ReviewModel, dir: string, options: WriteOptions): Promise<string[]> {
  prepareOutputDir(dir);
  const written: string[] = [];
  const put = (name: string, text: string) => {
    const file = join(dir, name);
    writeOutputFile(file, text);
    written.push(file);
  };
  put(OUTPUT_FILES.html, renderHtml(model, options.locale));
  put(OUTPUT_FILES.findings, findingsCsv(model, options.locale));
  put(OUTPUT_FILES.submissions, submissionsCsv(model, options.locale));
  if (options.xlsx) {
    const file = join(dir, OUTPUT_FILES.xlsx);
    await writeXlsx(model, options.locale, file);
    written.push(file);
  }
  return written;
}
