/**
 * Inlay hints in final-accounts and budget tables: after each amount of a row with rows under it
 * (类, 款, 合计, 本年合计, 总计, numbered lines) the Σ of those rows and ✓ / ≈ / ✗, as the core's
 * identity subject computes and judges it (the rule's `computed` and `agreement`), as after a
 * parent indicator's weight and score. A blank or zero cell over blank or zero rows gets none.
 */
import type { AccountsModel } from '../accounts/model.js';
import { ROW_SUMS, sumOf } from '../accounts/model.js';

export interface AccountsHint {
  /** Where the hint goes: the end of the stated cell. */
  offset: number;
  label: string;
}

export function rowSumHints(model: AccountsModel, from: number, to: number): AccountsHint[] {
  const out: AccountsHint[] = [];
  for (const tie of model.ties) {
    if (!ROW_SUMS.has(tie.check)) continue;
    const end = tie.stated.figure.span[1];
    if (end < from || end > to) continue;
    const s = sumOf(tie);
    // Nothing over nothing (blank or 0 over blank or 0 rows) says nothing.
    if (tie.stated.figure.value.isZero() && tie.terms.every((c) => c.figure.value.isZero())) continue;
    out.push({ offset: end, label: `Σ ${s.text} ${s.mark}`.trim() });
  }
  return out.sort((a, b) => a.offset - b.offset);
}
