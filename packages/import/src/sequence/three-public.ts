/**
 * The 三公 table: no name column, one line of figures under column headings that each carry a
 * 预算数 / 决算数 pair (the kinds line). Its figures become one row per kind (format: the kinds are
 * the rows), each kind's figures those under its heading in order — only when the kinds line has as
 * many headings as the line has figures; otherwise they are unplaced.
 */
import type { Line } from '../layout/lines.js';
import type { ExtractedBlock, ExtractedRow } from '../extract/tables.js';
import { amountColumns } from './columns.js';
import { block, boxOf } from './block.js';
import { isAmount, type Token } from './tokens.js';

const KIND = /^(预算数|决算数)$/;

export function threePublic(body: readonly Line[], header: readonly Token[][], tokensOf: (l: Line) => Token[], unplaced: Token[]): ExtractedBlock {
  const lines = header.map((l) => l.map((t) => t.text));
  const kinds = lines.find((l) => l.length > 0 && l.every((w) => KIND.test(w))) ?? [];
  const distinct = [...new Set(kinds)];
  const width = distinct.length > 0 ? kinds.length / distinct.length : 0;
  const names = Number.isInteger(width) && width > 0 ? amountColumns('three-public', undefined, lines.filter((l) => l !== kinds), width) : [];
  const rows: ExtractedRow[] = [];
  for (const line of body) {
    const tokens = tokensOf(line);
    const amounts = tokens.filter(isAmount);
    unplaced.push(...tokens.filter((t) => !isAmount(t)));
    if (names.length === 0 || amounts.length !== kinds.length) {
      unplaced.push(...amounts);
      continue;
    }
    for (const kind of distinct) {
      const mine = amounts.filter((_, i) => kinds[i] === kind);
      if (mine.length !== names.length) {
        unplaced.push(...mine);
        continue;
      }
      rows.push({ cells: [kind, ...mine.map((a) => a.text)], boxes: [null, ...mine.map((a) => boxOf(a))], page: line.page, y: line.y0 });
    }
  }
  return block(['项目', ...(names.length > 0 ? names : ['金额'])], rows);
}
