/**
 * `jixiao import` of self-evaluation forms (项目支出 / 部门整体支出绩效自评表, issue 12): the source's
 * cells (cells.ts), the forms in them (recognise.ts), each form parsed (parse.ts) and written as a
 * draft `kind: self-evaluation` document (write.ts). A text may hold several forms (a web page with
 * the tail of one form and the head of the next, a final accounts' annex of forms): each is its own
 * draft; `selfEvaluationDraft` writes the first as the document and the others after it, commented
 * out, so that one file keeps them all (a jixiao/1 file holds one document).
 */
import type { SourceDocument } from '../source/page.js';
import { readForm, type FormCell } from './cells.js';
import { FormParser, type FormModel } from './parse.js';
import { findForms } from './recognise.js';
import { unplacedOf, writeForm } from './write.js';

export interface FormDraft {
  yaml: string;
  model: FormModel;
  /** Cells the draft lists as unplaced. */
  unplaced: FormCell[];
}

/** Every form in the source, each as its own draft. */
export function draftForms(source: SourceDocument, document: string): FormDraft[] {
  const reading = readForm(source);
  const spans = findForms(reading.cells);
  const models = spans.map((span, k) => {
    const parser = new FormParser(span.cells, span.headless);
    return parser.parse(k === spans.length - 1);
  });
  return models.map((model, k) => ({
    model,
    unplaced: unplacedOf(model),
    yaml: writeForm(model, reading.unit, { document, format: source.format, pages: source.pages.length, index: k + 1, count: models.length }),
  }));
}

/** How many self-evaluation forms the source holds (an annex of forms after a final accounts' tables, say). */
export function countForms(source: SourceDocument): number {
  return findForms(readForm(source).cells).length;
}

/** The draft of a self-evaluation text: its first form, then any other, commented out. */
export function selfEvaluationDraft(source: SourceDocument, document: string): { yaml: string; forms: FormDraft[]; unplaced: number } {
  const forms = draftForms(source, document);
  const first = forms[0];
  if (!first) {
    const yaml = [
      `# Draft made by \`jixiao import\` from ${document} (${source.format}): no self-evaluation form was found in it`,
      '# (no 绩效自评表 title, funds block or indicator table). Transcribe it by hand.',
      'format: jixiao/1',
      'kind: self-evaluation',
      'source:',
      `  document: ${JSON.stringify(document)}`,
      '',
    ].join('\n');
    return { yaml, forms, unplaced: 0 };
  }
  let yaml = first.yaml;
  for (const [k, f] of forms.slice(1).entries()) {
    yaml += `\n# ════ form ${k + 2} of ${forms.length} in the text — a document of its own: copy it into a file of its own and remove the leading “# ” ════\n`;
    yaml += f.yaml.trimEnd().split('\n').map((l) => `# ${l}`).join('\n');
    yaml += '\n';
  }
  return { yaml, forms, unplaced: forms.reduce((n, f) => n + f.unplaced.length, 0) };
}

export { compareForms, formFigures, type FormComparison } from './compare.js';
