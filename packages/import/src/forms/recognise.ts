/**
 * Where the forms are in a text: a form's title (…绩效自评表, …自评报告) starts it; titles with
 * nothing of a form between them (a page title, 附件1, the form's own title) are one form's; the
 * cells before the first title are a form only when they are one's body (an indicator table or a
 * funds block: the tail of a form whose head is on an earlier page of the source). A form ends where
 * the next begins, or after its 总分 and the boxes under it (parse.ts).
 */
import type { FormCell } from './cells.js';
import { looksLikeFormBody } from './parse.js';
import { fieldLabel, fundsColumn, inlineFields, isFormTitle, isFundsBlockLabel, levelHeading } from './vocabulary.js';

export interface FormSpan {
  cells: FormCell[];
  /** The form starts before the text does. */
  headless: boolean;
}

/** A cell that belongs to a form's body or head (not a page's title or navigation). */
function isFormContent(c: FormCell): boolean {
  const t = c.text;
  return fieldLabel(t) !== undefined || inlineFields(t)?.some((f) => f.key === 'department') === true || isFundsBlockLabel(t) || levelHeading(t) !== undefined || (fundsColumn(t)?.key ?? 'label') !== 'label';
}

const titleAt = (c: FormCell) => !c.blank && (c.rowStart || c.mode !== 'rows') && isFormTitle(c.text);

export function findForms(cells: readonly FormCell[]): FormSpan[] {
  const titles = cells.map((c, i) => (titleAt(c) ? i : -1)).filter((i) => i >= 0);
  if (titles.length === 0) return looksLikeFormBody(cells) ? [{ cells: [...cells], headless: !cells.some((c) => fieldLabel(c.text) !== undefined || isFundsBlockLabel(c.text)) }] : [];
  const spans: FormSpan[] = [];
  const prefix = cells.slice(0, titles[0]);
  if (looksLikeFormBody(prefix)) spans.push({ cells: prefix, headless: true });
  let start = titles[0] as number;
  for (const t of titles.slice(1)) {
    const body = cells.slice(start, t);
    if (!body.some(isFormContent)) {
      // Nothing of a form since the last title: this title is the same form's (its own, after a page title).
      start = t;
      continue;
    }
    spans.push({ cells: body, headless: false });
    start = t;
  }
  spans.push({ cells: cells.slice(start), headless: false });
  return spans;
}
