/**
 * Tables of a sequence text (source/text.ts: one row a line, cells separated by single spaces, no
 * column positions): each table's body is read by token order — codes, names and figures in the
 * order they are printed — and its figures are assigned to the header's amount columns by count and
 * order, never by a guess (a row whose figures do not fill the columns leaves them unplaced).
 * Two-sided tables by side (sides.ts), tables of two halves by half (halves.ts), the 三公 table by
 * kind (three-public.ts), the others by row (rows.ts). Wrapped names that the extraction
 * interleaved are decoded, once every table is read, from the names the same codes have in the
 * other tables (names.ts).
 */
import type { SourcePage } from '../source/page.js';
import type { Line } from '../layout/lines.js';
import type { ExtractedBlock, ExtractedRow } from '../extract/tables.js';
import type { TableRole } from '../recognise/titles.js';
import { amountColumns, codeColumns, nameColumn } from './columns.js';
import { templateColumns } from './templates.js';
import { block, buildRows, figureCount, type BlockRow } from './block.js';
import { halves } from './halves.js';
import { decode, type NamePuzzle } from './names.js';
import { printedName, readRows } from './rows.js';
import { twoSided } from './sides.js';
import { threePublic } from './three-public.js';
import { joinWords, tokenIndex, type Token } from './tokens.js';

const TWO_SIDED: ReadonlySet<TableRole> = new Set(['summary', 'fiscal-summary']);
const CODED: ReadonlySet<TableRole> = new Set(['income', 'expenditure', 'general-public', 'general-public-basic', 'government-fund', 'state-capital']);

interface Pending {
  puzzle: NamePuzzle;
  previous: ExtractedRow;
  row: ExtractedRow;
  /** The row's words after the decoded head (pieces below it). */
  tails: string;
}

export interface SequenceReader {
  /** The blocks of one table from its header and body lines; what fits nowhere goes to `unplaced`. */
  blocks(role: TableRole, header: readonly Line[], body: readonly Line[], unplaced: Token[]): ExtractedBlock[];
  /** Decodes interleaved names, once every table is read. */
  finish(): void;
}

const codeOf = (r: ExtractedRow, parts: number) => r.cells.slice(0, parts).filter((c) => /^\d+$/.test(c)).join('');

export function sequenceReader(pages: readonly SourcePage[]): SequenceReader {
  const tokensOf = tokenIndex(pages);
  /** Names printed whole, by code, per table. */
  const names: Map<string, Set<string>>[] = [];
  const puzzles: Pending[][] = [];
  const namesAt = new Map<ExtractedRow, number>();

  function singleTable(role: TableRole, header: readonly Line[], body: readonly Line[], unplaced: Token[]): ExtractedBlock {
    const coded = CODED.has(role);
    const drafts = readRows(body, tokensOf, unplaced);
    const headerTokens = header.map(tokensOf);
    const headerWords = headerTokens.flat().map((t) => t.text);
    const parts = coded ? Math.max(1, ...drafts.map((d) => d.codes.length)) : 0;
    const count = figureCount(drafts);
    // An empty table (no figure): its template's columns, when the header prints them all.
    const amountNames = count > 0 ? amountColumns(role, undefined, headerTokens.map((l) => l.map((t) => t.text)), count) : templateColumns(role, undefined, headerWords) ?? [];
    const rows: BlockRow[] = drafts.map((d) => ({ codes: d.codes, words: [...d.heads, ...d.words, ...d.inner, ...d.tails], name: printedName(d), amounts: d.amounts, page: d.line.page, y: d.line.y0 }));
    const built = buildRows(rows, parts, amountNames.length, unplaced);
    const table = new Map<string, Set<string>>();
    const pending: Pending[] = [];
    drafts.forEach((d, k) => {
      const row = built[k] as ExtractedRow;
      const previous = built[k - 1];
      const code = codeOf(row, parts);
      namesAt.set(row, parts);
      if (d.inner.length > 0 && d.words.length === 0 && d.heads.length === 0 && previous && code) {
        pending.push({ puzzle: { previous: { code: codeOf(previous, parts), printed: '' }, code, mixed: joinWords(d.inner) }, previous, row, tails: joinWords(d.tails) });
      } else if (code && row.cells[parts]) (table.get(code) ?? table.set(code, new Set()).get(code))?.add(row.cells[parts] as string);
    });
    names.push(table);
    puzzles.push(pending);
    return block([...codeColumns(parts, headerWords.join('')), coded ? nameColumn(headerWords) : '项目', ...amountNames], built);
  }

  return {
    blocks(role, header, body, unplaced) {
      const headerTokens = header.map(tokensOf);
      if (TWO_SIDED.has(role)) return twoSided(role, body, headerTokens, tokensOf, unplaced);
      if (role === 'three-public') return [threePublic(body, headerTokens, tokensOf, unplaced)];
      const twice = headerTokens.some((l) => l.filter((t) => /科目名称$|^项目$/.test(t.text)).length >= 2);
      if (twice && CODED.has(role)) return [halves(body, headerTokens, tokensOf, unplaced)];
      return [singleTable(role, header, body, unplaced)];
    },
    finish() {
      puzzles.forEach((pending, t) => {
        const candidates = new Map<string, Set<string>>();
        names.forEach((table, k) => {
          if (k === t) return;
          for (const [code, set] of table) for (const n of set) (candidates.get(code) ?? candidates.set(code, new Set()).get(code))?.add(n);
        });
        for (const p of pending) {
          const at = namesAt.get(p.row) ?? 0;
          p.puzzle.previous.printed = p.previous.cells[at] ?? '';
          const found = decode(p.puzzle, candidates);
          if (!found) continue;
          p.previous.cells[at] = found.previous;
          p.row.cells[at] = found.head + p.tails;
        }
      });
    },
  };
}
