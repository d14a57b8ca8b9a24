/**
 * @jixiao/review: the finance bureau's quality review of a batch of submissions. From the results
 * of a check run (the same rules as `jixiao check`) to a review model, and from the model to a
 * self-contained HTML page, CSV files and an xlsx workbook.
 */
export { collectReview, packOf, type CollectOptions, type ReviewBatch } from './collect.js';
export { documentFacts, evaluatorOf, projectKeyOf, type DocumentFacts } from './documents.js';
export { excerptOf } from './excerpt.js';
export { gapLevel, gapOf, linkProjects, INDEPENDENCE } from './projects.js';
export { overviewOf, ruleStats, thresholdsOf, unitStats, type RuleDocs } from './stats.js';
export { FINDING_COLUMNS, SUBMISSION_COLUMNS, cellText, displayWidth, findingRows, header, sourceLine, type Column } from './columns.js';
export { BOM, csvField, findingsCsv, neutralise, submissionsCsv, toCsv } from './csv.js';
export { reviewWorkbook, SHEET_NAMES, writeXlsx } from './xlsx.js';
export { renderHtml, SCRIPT } from './html/page.js';
export { scatterPoints, domainOf } from './html/scatter.js';
export { STYLE } from './html/style.js';
export { formatGap, formatScore, type Locale } from './i18n.js';
export { OUTPUT_FILES, writeReview, type WriteOptions } from './write.js';
export type * from './model.js';
