/** The subjects of how figures are written (full-width digits) and of the grade bands a document states. */
import type { CheckConfig } from '../config.js';
import { normaliseWidth } from '../values/figure.js';
import { documentBands, sameBands, showBands } from './grading.js';
import type { Subject } from './subject.js';
import type { DocView } from './views.js';

/** YAML plain scalars that need no quotes: digits with an optional comparator, decimals, unit or percent. */
const PLAIN_SAFE = /^[≥≤]?[0-9][0-9.]*(?:%|‰|[\p{Script=Han}]{1,4})?$/u;

/** Figures typed with full-width digits or signs (５０、９７．０３％): the same value, spelled in ASCII. */
export function figureSpellingSubjects(view: DocView): Subject[] {
  const out: Subject[] = [];
  for (const figure of view.figures) {
    if (/^[\x20-\x7e]*$/.test(figure.text)) continue;
    const normalised = normaliseWidth(figure.text);
    if (normalised === figure.text) continue;
    const quoted = figure.span[1] - figure.span[0] !== figure.text.length;
    const replacement = !quoted && PLAIN_SAFE.test(normalised) ? normalised : JSON.stringify(normalised);
    out.push({
      kind: 'figure', file: view.file, path: '', span: figure.span,
      facts: { figure: () => figure, text: () => figure.text, normalised: () => normalised, replacement: () => replacement },
    });
  }
  return out;
}

/** The document's own grade bands, against the configured ones. */
export function gradingSubjects(view: DocView, config: CheckConfig): Subject[] {
  const stated = documentBands(view.doc, config);
  if (!stated) return [];
  return [{
    kind: 'grading', file: view.file, path: 'grading.bands', span: view.spanAt(['grading', 'bands']),
    facts: {
      statedBands: () => showBands(stated),
      configuredBands: () => showBands(config.gradeBands),
      statedBandsEn: () => showBands(stated, ', '),
      configuredBandsEn: () => showBands(config.gradeBands, ', '),
      sameAsConfigured: () => sameBands(stated, config.gradeBands),
    },
  }];
}
