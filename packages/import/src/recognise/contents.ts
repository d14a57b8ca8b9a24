/**
 * The numbering of tables that a document prints only in its table of contents (目录): "1. 2025年部门
 * 财务收支预算总表 ……… 5" (or the same line without leaders) numbers a table whose own page prints the title alone. A table keeps the
 * number its page prints; one without is given the number of the 目录 line that names the same
 * title (or, failing that, the only 目录 line of the same table), marked as taken from the 目录.
 */
import type { SourceDocument } from '../source/page.js';
import type { ExtractedTable } from '../extract/tables.js';
import { foldTitle, matchTitle, type TitleMatch } from './titles.js';

/** Dot leaders (……, ....., ·····) and the page number after them. */
const LEADERS = /\s*(?:[.…·．]{2,}|…+)[\s.…·．]*\d*\s*$/;

/** The numbered table titles of the document's table of contents: such lines (dot leaders and page numbers dropped) on the pages before the first table's. */
export function contentsEntries(doc: SourceDocument, before: number): TitleMatch[] {
  const entries: TitleMatch[] = [];
  for (const page of doc.pages) {
    if (page.number >= before) break;
    const lines = new Map<number, { x0: number; text: string }[]>();
    for (const item of page.items) {
      const list = lines.get(item.y0) ?? [];
      list.push({ x0: item.x0, text: item.text });
      lines.set(item.y0, list);
    }
    for (const items of lines.values()) {
      const text = items.sort((a, b) => a.x0 - b.x0).map((i) => i.text).join(' ');
      const match = matchTitle(text.replace(LEADERS, ''));
      if (match?.no) entries.push(match);
    }
  }
  return entries;
}

/** Gives each table without a printed number the number its 目录 line prints (tables are changed in place). */
export function numberFromContents(doc: SourceDocument, tables: ExtractedTable[]): void {
  const firstPage = Math.min(...tables.flatMap((t) => t.pages));
  if (!Number.isFinite(firstPage)) return;
  const entries = contentsEntries(doc, firstPage);
  if (entries.length === 0) return;
  for (const table of tables) {
    if (table.no) continue;
    const title = foldTitle(table.title);
    const sameRole = entries.filter((e) => e.role === table.role);
    const entry = entries.find((e) => foldTitle(e.title) === title) ?? (sameRole.length === 1 ? sameRole[0] : undefined);
    if (entry?.no) {
      table.no = entry.no;
      table.noFromContents = true;
    }
  }
}
