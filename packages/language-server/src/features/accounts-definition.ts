/**
 * Go to definition in a final-accounts or budget table: the same line in the other tables. On an
 * amount cell, the cells an identity ties it to across tables (公开01 本年支出合计 → 公开03 合计 …, the
 * two sides, 公开05 ≤ 公开03) and the cell of the same column in the other tables' rows of the same
 * code; on a code or a name, those rows. On a narrative's cell reference, the cell it names.
 */
import type { CellView, RowView } from '@jixiao/core';
import { cellLike, crossTiesOf, sameCodeRows, type AccountsModel } from '../accounts/model.js';

export type Span = readonly [number, number];

const spanOfCell = (c: CellView): Span => (c.figure.span[1] > c.figure.span[0] ? c.figure.span : c.row.span);

/** The places of the same line elsewhere, in document order (none when not on a table row). */
export function sameLineElsewhere(model: AccountsModel, offset: number): Span[] {
  const at = model.at(offset);
  if (!at) {
    const cell = model.refAt(offset)?.cell;
    return cell ? [spanOfCell(cell)] : [];
  }
  const { row, part } = at;
  const out = new Map<string, Span>();
  const add = (s: Span) => out.set(`${s[0]}:${s[1]}`, s);
  const tiedCells = (cells: readonly CellView[]) => cells.flatMap((c) => crossTiesOf(model, c).flatMap((t) => [t.stated, ...t.terms]).filter((o) => o !== c && !cells.includes(o)));
  if (part?.cell) {
    const cell = part.cell;
    for (const other of tiedCells([cell])) add(spanOfCell(other));
    for (const r of sameCodeRows(model, row)) {
      const c = cellLike(r, cell.column, row.block);
      add(c ? spanOfCell(c) : r.span);
    }
  } else {
    for (const r of sameCodeRows(model, row)) add(r.span);
    const cells = row.cells.filter((c): c is CellView => c !== undefined);
    const rows = new Set<RowView>(tiedCells(cells).map((c) => c.row).filter((r) => r.block.table !== row.block.table || r.block !== row.block));
    for (const r of rows) add(r.span);
  }
  return [...out.values()].sort((a, b) => a[0] - b[0]);
}
