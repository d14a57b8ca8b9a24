/** Cell references `role/row/column` (docs/format.md, “Cells”): a narrative figure's table cell. */
import type { BlockView, CellView, ColumnView, RowView, TableView } from './tables.js';
import { amountColumns, lineLabel, normaliseName, totalColumn } from './tables.js';

function findRow(block: BlockView, key: string): RowView | undefined {
  const k = normaliseName(key);
  const code = /^\d+$/.test(k) ? k : /^\d+(?:\s+\d+)+$/.test(key.trim()) ? key.trim().split(/\s+/).map((p, i) => (i > 0 && p.length === 1 ? `0${p}` : p)).join('') : null;
  if (code !== null) return block.rows.find((r) => r.code === code);
  const label = lineLabel(key);
  return block.rows.find((r) => r.code === null && r.label === label) ?? block.rows.find((r) => r.code === null && normaliseName(r.name) === k) ?? block.rows.find((r) => r.label === label);
}

export function findColumn(block: BlockView, key: string | undefined): ColumnView | undefined {
  if (key === undefined || key === '') return totalColumn(block);
  const k = normaliseName(key);
  const amounts = amountColumns(block);
  const exact = amounts.find((c) => c.name === k);
  if (exact) return exact;
  const byLeaf = amounts.filter((c) => c.leaf === k);
  if (byLeaf.length === 1) return byLeaf[0];
  const group = amounts.filter((c) => c.group === k);
  return group.find((c) => /^(?:小计|合计)$/.test(c.leaf));
}

/** The cell a reference names, or why not. */
export interface CellProblem { problem: string; problemZh: string }

export function resolveCell(tables: readonly TableView[], ref: string): CellView | CellProblem {
  const steps = ref.split('/').map((s) => s.trim());
  const role = steps.shift() ?? '';
  const table = tables.find((t) => t.role === role);
  if (!table) return { problem: `no table of role ${role}`, problemZh: `没有 role 为 ${role} 的表` };
  let block = table.blocks.find((b) => b.side === null);
  if (steps[0] === 'income' || steps[0] === 'expenditure') {
    const side = steps.shift();
    block = table.blocks.find((b) => b.side === side);
  }
  if (!block) return { problem: `table ${role} has no such side`, problemZh: `${role} 表没有这一侧` };
  const row = findRow(block, steps.shift() ?? '');
  if (!row) return { problem: `no such row in ${role}`, problemZh: `${role} 表中没有这一行` };
  const column = findColumn(block, steps.length > 0 ? steps.join('/') : undefined);
  if (!column) return { problem: `no such column in ${role}`, problemZh: `${role} 表中没有这一列` };
  const cell = row.cells[column.index];
  return cell ?? { problem: `no such cell in ${role}`, problemZh: `${role} 表中没有这个单元格` };
}

export function isCell(v: CellView | CellProblem): v is CellView {
  return 'figure' in v;
}
