/**
 * The nine public tables of a document, found on its pages: a recognised title starts a table; its
 * unit and 编制单位 lines follow; then the header block (the lines before the first row), the rows
 * (lines with a code, an amount or a total's name) and the notes (注：…). Columns come from the rows
 * — amounts line up on their right edges, codes and names on their left edges — and take their
 * names from the header phrases above them (a phrase centred over two columns is their group). A
 * table continued on the next page (no title of its own, rows before any other text) is stitched,
 * its repeated header skipped. Every phrase of a table's rows that fits no column is kept as
 * unplaced, never guessed into a cell.
 */
import type { RuleLine, SourceDocument, SourcePage } from '../source/page.js';
import { AMOUNT, linesOf, type Line, type Phrase } from '../layout/lines.js';
import { matchTitle, type TableRole, type TitleMatch } from '../recognise/titles.js';
import { clusterOf, clusters, type Cluster } from './cluster.js';
import { textDialect } from '../source/text.js';
import { sequenceReader } from '../sequence/index.js';

/** Where a cell's text is on its page (page units). */
export interface CellBox {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface ExtractedRow {
  cells: string[];
  /** Where each cell's text was found (null: blank, or made by the import, such as a 三公 row's name). */
  boxes: (CellBox | null)[];
  page: number;
  /** The line's top, in the page's units. */
  y: number;
}

export interface ExtractedBlock {
  side?: 'income' | 'expenditure';
  columns: string[];
  rows: ExtractedRow[];
}

export interface ExtractedTable {
  role: TableRole;
  kind: 'final-accounts' | 'budget';
  no?: string;
  /** `no` is not printed with the table but taken from the table of contents (recognise/contents.ts). */
  noFromContents?: boolean;
  title: string;
  unit?: string;
  /** 编制单位 / 部门 as printed above the table. */
  entity?: string;
  pages: number[];
  /** Where the table is: its title's page and the first and last line of each page it covers. */
  extent: { page: number; y0: number; y1: number }[];
  blocks: ExtractedBlock[];
  note?: string;
  /** Phrases of the table's rows that fit no column. */
  unplaced: Phrase[];
}

const TWO_SIDED: ReadonlySet<TableRole> = new Set(['summary', 'fiscal-summary']);
const CODED: ReadonlySet<TableRole> = new Set(['income', 'expenditure', 'general-public', 'general-public-basic', 'government-fund', 'state-capital']);

const UNIT_LINE = /(金额)?单位[：:]\s*(万元|元|千元|亿元)/;
const ENTITY_LINE = /^(编制单位|编制部门|部门|单位名称|预算单位)[：:]\s*(\S.*?)\s*(?:(金额)?单位[：:].*)?$/;
const NOTE_LINE = /^(注|备注|说明)\s*[：:]|^注\d|^\d+\.\s*本表/;
const TOTAL_NAME = /^(合计|总计|收入总计|支出总计|本年收入合计|本年支出合计|收入合计|支出合计|人员经费合计|公用经费合计|.{0,8}合计)$/;
const CODE = /^\d{1,9}$/;
const NUMBERED = /^([一二三四五六七八九十]{1,3}、|\d{1,2}、|[（(][一二三四五六七八九十\d]{1,3}[）)])/;
/** A header line that numbers the columns (栏次 1 2 3 …). */
const COLUMN_NUMBERS = /^栏\s*次$/;

function tolerance(page: SourcePage): number {
  return page.unit === 'char' ? 2.5 : page.unit === 'cell' ? 0.1 : 6;
}

const isAmount = (p: Phrase) => AMOUNT.test(p.text);

/** A line that is a row of a table (rather than its header). */
function isBodyLine(line: Line, coded: boolean): boolean {
  const [first] = line.phrases;
  if (!first) return false;
  if (COLUMN_NUMBERS.test(first.text)) return false;
  if (line.phrases.some((p) => isAmount(p) && !CODE.test(p.text))) return true;
  if (coded && CODE.test(first.text) && first.text.length >= 3) return true;
  if (coded && TOTAL_NAME.test(first.text.replace(/\s/g, '')) && line.phrases.length <= 3) return true;
  if (!coded && NUMBERED.test(first.text)) return true;
  return false;
}

/** A line of the narrative, not of a table: a sentence, or a heading of the 情况说明. */
export function isNarrative(line: Line): boolean {
  const t = line.text.replace(/\s/g, '');
  if (/说明$|情况$/.test(t) && !line.phrases.some((p) => isAmount(p) && !CODE.test(p.text))) return true;
  return t.length > 16 && /[。；，]/.test(t);
}

interface Region {
  match: TitleMatch;
  titleLine: Line;
  lines: Line[];
}

/** Lines of each page, and the tables' regions (title to next title, continued over pages). */
function regionsOf(pages: readonly { page: SourcePage; lines: Line[] }[]): Region[] {
  const regions: Region[] = [];
  for (const { lines } of pages) {
    const titled = lines.map((l) => ({ line: l, match: matchTitle(l.text) }));
    // A table of contents: several titles on a page without any amount.
    const titles = titled.filter((t) => t.match);
    const amounts = lines.some((l) => l.phrases.some((p) => isAmount(p) && !CODE.test(p.text)));
    if (titles.length >= 3 && !amounts) continue;
    let current: Region | undefined;
    let sawTitle = false;
    // Lines before any title on this page: the previous page's table continued, if it was the last
    // thing there and these lines hold a figure before the narrative starts.
    const previous = regions[regions.length - 1];
    const continues = previous && previous.lines.length > 0 && previous.lines[previous.lines.length - 1]?.page === (lines[0]?.page ?? 0) - 1;
    const carried: Line[] = [];
    let carrying = continues;
    for (const { line, match } of titled) {
      if (match) {
        current = { match, titleLine: line, lines: [] };
        regions.push(current);
        sawTitle = true;
        carrying = false;
        continue;
      }
      const narrative = isNarrative(line) && !NOTE_LINE.test(line.text.trim());
      if (current) {
        if (narrative) current = undefined;
        else current.lines.push(line);
        continue;
      }
      if (carrying && !sawTitle) {
        if (narrative) carrying = false;
        else carried.push(line);
      }
    }
    if (previous && carried.some((l) => l.phrases.some((p) => isAmount(p) && !CODE.test(p.text)))) previous.lines.push(...carried);
  }
  return regions;
}

interface ColumnSlot {
  kind: 'code' | 'name' | 'amount';
  /** The cluster of left edges (codes, names) or right edges (amounts). */
  cluster: Cluster;
  /** The x-extent of the body phrases in it. */
  lo: number;
  hi: number;
}

/** Splits a body line into its codes, name and amounts (a coded table's codes come first). */
function partsOf(line: Line, coded: boolean): { codes: Phrase[]; names: Phrase[]; amounts: Phrase[] } {
  const codes: Phrase[] = [];
  const names: Phrase[] = [];
  const amounts: Phrase[] = [];
  let leading = true;
  for (const p of line.phrases) {
    if (coded && leading && CODE.test(p.text)) {
      codes.push(p);
      continue;
    }
    leading = false;
    if (isAmount(p)) amounts.push(p);
    else names.push(p);
  }
  return { codes, names, amounts };
}

interface HeaderPart {
  y: number;
  /** The bottom edge. */
  y1: number;
  x0: number;
  x1: number;
  text: string;
}

const squeeze = (t: string) => t.replace(/\s/g, '');

/**
 * Header naming. Each header phrase goes to the column nearest its centre. The leaf line is the
 * header line naming the most amount columns; phrases within a line of it name their column
 * (several lines: a wrapped name, joined top to bottom). A phrase above them is a group over the
 * run of columns around it whose names end as low as its nearest column's (a group takes a line,
 * so its columns' names sit lower than their neighbours'); a group over every amount column, or
 * over another group, is a heading and names no column. A column whose only phrases are above is
 * named by them. Two leaf phrases on one line over one column are two columns: the one farther
 * from the figures is a column with no figure in any row (`added` gives where).
 */
/** The ruled cell around a phrase: the nearest vertical rules left and right of it at its height. */
function ruledExtent(p: { x0: number; x1: number; y0: number; y1: number }, rules: readonly RuleLine[]): [number, number] | undefined {
  const mid = (p.y0 + p.y1) / 2;
  const xs = rules.filter((r) => Math.abs(r.x0 - r.x1) < 1 && Math.min(r.y0, r.y1) <= mid && Math.max(r.y0, r.y1) >= mid).map((r) => r.x0);
  const left = Math.max(-Infinity, ...xs.filter((x) => x <= p.x0 + 1));
  const right = Math.min(Infinity, ...xs.filter((x) => x >= p.x1 - 1));
  return Number.isFinite(left) && Number.isFinite(right) ? [left, right] : undefined;
}

function columnNames(slots: ColumnSlot[], header: readonly Line[], defaults: { name: string; codes: string[] }, lineHeight: number, overlapSlack: number, rules: readonly RuleLine[] = []): { names: string[]; added: number[]; heading?: string } {
  const centre = (s: ColumnSlot) => (s.lo + s.hi) / 2;
  const parts: HeaderPart[][] = slots.map(() => []);
  for (const line of header) {
    for (const p of line.phrases) {
      if (COLUMN_NUMBERS.test(p.text) || /^\d+$/.test(p.text)) continue;
      const mid = (p.x0 + p.x1) / 2;
      let nearest = -1;
      // Amounts are right-aligned: an amount column's cell runs from the column before it to its figures' right edge.
      const firstAmount = slots.findIndex((s) => s.kind === 'amount');
      const before = slots.slice(0, Math.max(0, firstAmount)).map((s) => s.hi).filter((h) => Number.isFinite(h));
      // The first amount column's cell starts just before its widest figure (or after the name column, if that reaches further).
      const firstLo = firstAmount >= 0 ? (slots[firstAmount] as ColumnSlot).lo : Infinity;
      const amountLeft = before.length > 0 ? Math.max(...before, Number.isFinite(firstLo) ? firstLo - 0.5 : -Infinity) : -Infinity;
      if (firstAmount >= 0 && mid > amountLeft) {
        for (let i = firstAmount; i < slots.length; i++) {
          if (mid <= (slots[i] as ColumnSlot).hi + 0.001 || i === slots.length - 1) {
            nearest = i;
            break;
          }
        }
      } else {
        let best = Infinity;
        slots.forEach((s, i) => {
          if (s.kind === 'amount' && firstAmount >= 0 && before.length > 0) return;
          const d = mid < s.lo ? s.lo - mid : mid > s.hi ? mid - s.hi : 0;
          const tie = Math.abs(centre(s) - mid) / 1000;
          if (d + tie < best) {
            best = d + tie;
            nearest = i;
          }
        });
      }
      if (nearest >= 0) parts[nearest]?.push({ y: p.y0, y1: p.y1, x0: p.x0, x1: p.x1, text: p.text });
    }
  }
  const amount = slots.map((s, i) => (s.kind === 'amount' ? i : -1)).filter((i) => i >= 0);
  // The leaf line: the header line naming the most amount columns (the lower one of equals).
  const perLine = new Map<number, Set<number>>();
  for (const i of amount) for (const p of parts[i] ?? []) (perLine.get(p.y) ?? perLine.set(p.y, new Set()).get(p.y))?.add(i);
  let leafY = -Infinity;
  let most = 0;
  for (const [y, set] of [...perLine].sort((a, b) => a[0] - b[0])) {
    if (set.size >= most) {
      most = set.size;
      leafY = y;
    }
  }
  const near = (y: number) => y >= leafY - lineHeight * 1.01;
  // Leaf phrases over one column that do not overlap (a name and its wrapped lines overlap): the
  // stack nearest the figures keeps the column, each other stack is a column of its own, blank in every row.
  const fresh = new Set<ColumnSlot>();
  for (let k = slots.length - 1; k >= 0; k--) {
    const slot = slots[k] as ColumnSlot;
    if (slot.kind !== 'amount') continue;
    const leaves = (parts[k] ?? []).filter((p) => near(p.y)).sort((a, b) => a.x0 - b.x0);
    const stacks: HeaderPart[][] = [];
    for (const p of leaves) {
      const stack = stacks.find((st) => st.some((q) => p.x0 <= q.x1 + overlapSlack && q.x0 <= p.x1 + overlapSlack));
      if (stack) stack.push(p);
      else stacks.push([p]);
    }
    if (stacks.length < 2) continue;
    const right = (st: HeaderPart[]) => Math.max(...st.map((q) => q.x1));
    const keep = stacks.reduce((a, b) => (Math.abs(right(b) - slot.hi) < Math.abs(right(a) - slot.hi) ? b : a));
    const others = parts[k]?.filter((p) => !near(p.y)) ?? [];
    const group = stacks.map((st) => ({ st, slot: st === keep ? slot : ({ kind: 'amount', cluster: { at: right(st), lo: right(st), hi: right(st), count: 0 }, lo: Math.min(...st.map((q) => q.x0)), hi: right(st) } as ColumnSlot) }))
      .sort((a, b) => Math.min(...a.st.map((q) => q.x0)) - Math.min(...b.st.map((q) => q.x0)));
    slots.splice(k, 1, ...group.map((g) => g.slot));
    parts.splice(k, 1, ...group.map((g) => (g.st === keep ? [...g.st, ...others] : g.st)));
    for (const g of group) if (g.slot !== slot) fresh.add(g.slot);
  }
  const amountNow = slots.map((s, i) => (s.kind === 'amount' ? i : -1)).filter((i) => i >= 0);
  // A column's name: its phrases on the leaf lines, and the phrases right above them that are
  // centred over them (a name wrapped onto the lines above); the phrases above those are groups.
  const centreOf = (p: HeaderPart) => (p.x0 + p.x1) / 2;
  // In a grid (a sheet, tabbed text) a merged heading sits in its first cell and spans the cells up
  // to the next heading on its line: a group when the lines below name two or more of those columns.
  const cellGroups = new Set<HeaderPart>();
  const gridGroups: { y: number; text: string; from: number; to: number }[] = [];
  if (overlapSlack < 0) {
    const all = amountNow.flatMap((i) => (parts[i] ?? []).map((p) => ({ p, i })));
    for (const { p, i } of all) {
      const next = Math.min(Infinity, ...all.filter((o) => o.p.y === p.y && o.p.x0 > p.x0).map((o) => o.p.x0));
      const below = amountNow.filter((j) => (slots[j] as ColumnSlot).lo >= p.x0 - 0.01 && (slots[j] as ColumnSlot).hi <= next + 0.01 && (parts[j] ?? []).some((q) => q.y > p.y));
      if (below.length >= 2) {
        cellGroups.add(p);
        gridGroups.push({ y: p.y, text: squeeze(p.text), from: Math.min(...below, i), to: Math.max(...below) });
      }
    }
  } else if (rules.length > 0) {
    // A ruled page: a heading whose cell (between the vertical rules at its height) holds the
    // centres of two or more columns is their group.
    for (const i of amountNow) {
      for (const p of parts[i] ?? []) {
        const box = ruledExtent({ x0: p.x0, x1: p.x1, y0: p.y, y1: p.y1 }, rules);
        if (!box) continue;
        const covered = amountNow.filter((j) => {
          const c = ((slots[j] as ColumnSlot).lo + (slots[j] as ColumnSlot).hi) / 2;
          return Number.isFinite(c) && c >= box[0] && c <= box[1];
        });
        if (covered.length >= 2) {
          cellGroups.add(p);
          gridGroups.push({ y: p.y, text: squeeze(p.text), from: Math.min(...covered), to: Math.max(...covered) });
        }
      }
    }
  }
  const leafParts = new Map<number, HeaderPart[]>();
  for (const i of amountNow) {
    const own = [...(parts[i] ?? [])].filter((p) => !cellGroups.has(p)).sort((a, b) => b.y - a.y);
    const chain = own.filter((p) => near(p.y));
    const rest = own.filter((p) => !near(p.y));
    if (chain.length === 0 && rest.length > 0) chain.push(rest.shift() as HeaderPart);
    for (const p of rest) {
      const top = chain.reduce((a, b) => (b.y < a.y ? b : a), chain[0] as HeaderPart);
      if (top.y - p.y <= lineHeight * 2.01 && Math.abs(centreOf(p) - centreOf(top)) <= overlapSlack * 2 + 0.01) chain.push(p);
      else break;
    }
    leafParts.set(i, chain.sort((a, b) => a.y - b.y || a.x0 - b.x0));
  }
  const leafOf = (i: number) => leafParts.get(i) ?? [];
  const bottom = (i: number) => Math.max(-Infinity, ...leafOf(i).map((p) => p.y));
  // Groups: phrases above the names, over the run of columns whose names end as low as the nearest one's.
  const groups: { y: number; text: string; from: number; to: number }[] = [...gridGroups];
  for (const i of amountNow) {
    for (const p of parts[i] ?? []) {
      if (leafOf(i).includes(p) || cellGroups.has(p)) continue;
      const depth = bottom(i);
      let from = i;
      let to = i;
      while (from - 1 >= 0 && slots[from - 1]?.kind === 'amount' && bottom(from - 1) >= depth) from--;
      while (to + 1 < slots.length && slots[to + 1]?.kind === 'amount' && bottom(to + 1) >= depth) to++;
      groups.push({ y: p.y, text: squeeze(p.text), from, to });
    }
  }
  const first = amountNow[0] ?? 0;
  const last = amountNow[amountNow.length - 1] ?? 0;
  let heading: string | undefined;
  const columnGroups = groups.filter((g) => {
    const all = g.from <= first && g.to >= last;
    const single = g.from === g.to;
    const overAnother = groups.some((o) => o !== g && o.y > g.y && o.from >= g.from && o.to <= g.to);
    if (all || single || overAnother) {
      if (all || overAnother) heading ??= g.text;
      return false;
    }
    return true;
  });
  let codeIndex = 0;
  const names = slots.map((slot, i) => {
    const own = [...(parts[i] ?? [])].sort((a, b) => a.y - b.y || a.x0 - b.x0);
    if (slot.kind === 'code') {
      // 类 / 款 / 项 when printed as such; a group above them (功能分类科目编码) is not a column.
      const words = own.map((p) => squeeze(p.text)).filter((t) => /^(类|款|项|科目编码|功能分类科目编码|经济分类科目编码|编码)$/.test(t));
      const word = words[words.length - 1];
      return word && (word.length === 1 || slots.filter((s) => s.kind === 'code').length === 1) ? word : defaults.codes[codeIndex++] ?? '科目编码';
    }
    if (slot.kind === 'name') {
      const named = own.filter((p) => /名称$|^项\s*目$/.test(squeeze(p.text)));
      const pick = named.find((p) => /名称$/.test(squeeze(p.text))) ?? named[named.length - 1];
      return pick ? squeeze(pick.text) : defaults.name;
    }
    const leaf = leafOf(i).map((p) => squeeze(p.text)).join('');
    const group = columnGroups.filter((g) => g.from <= i && g.to >= i).sort((a, b) => b.y - a.y)[0];
    if (!leaf) return group?.text ?? '金额';
    return group ? `${group.text}/${leaf}` : leaf;
  });
  const added = slots.map((sl, i) => (fresh.has(sl) ? i : -1)).filter((i) => i >= 0);
  return { names, added, ...(heading ? { heading } : {}) };
}

/**
 * The columns of a table with no figure at all (an empty table): the header's own phrases, codes
 * (类 款 项) first, then the name, then the amounts left to right; a group over codes (…编码) and a
 * heading alone on its line above the others name no column.
 */
function headerOnlyColumns(header: readonly Line[], coded: boolean): string[] | undefined {
  const phrases = header.flatMap((l) => l.phrases.map((p) => ({ ...p, text: squeeze(p.text), alone: l.phrases.length === 1 })));
  if (phrases.length === 0) return undefined;
  const codes = phrases.filter((p) => /^(类|款|项)$/.test(p.text)).sort((a, b) => a.x0 - b.x0).map((p) => p.text);
  const names = phrases.filter((p) => /名称$/.test(p.text));
  const name = names[0]?.text ?? (phrases.some((p) => p.text === '项目') ? '项目' : undefined);
  const widest = Math.max(...header.map((l) => l.phrases.length));
  const leafLine = header.find((l) => l.phrases.length === widest);
  const amounts = (leafLine?.phrases ?? [])
    .map((p) => squeeze(p.text))
    .filter((t) => !/名称$|编码$|^项目$|^(类|款|项)$/.test(t));
  const columns = [...(codes.length > 0 ? codes : coded ? ['科目编码'] : []), ...(name ? [name] : []), ...amounts];
  return columns.length > 1 ? columns : undefined;
}

/** Builds the columns of one block from its body lines and names them from the header. */
function buildBlock(body: readonly Line[], header: readonly Line[], page: SourcePage, coded: boolean, side: ExtractedBlock['side'], unplaced: Phrase[]): ExtractedBlock {
  const tol = tolerance(page);
  const parts = body.map((l) => ({ line: l, ...partsOf(l, coded) }));
  const codeClusters = clusters(parts.flatMap((p) => p.codes.map((c) => c.x0)), tol);
  // Columns shift a little from page to page: amounts are clustered on each page, and each page's
  // columns are matched to those of the page with the most (in order, when they have as many).
  const pagesOf = [...new Set(parts.map((p) => p.line.page))];
  // On a ruled page a figure's column is the ruled cell it sits in (its right rule); elsewhere its right edge.
  const ruled = page.unit === 'pt' && page.rules.some((r) => Math.abs(r.x0 - r.x1) < 1);
  const keyOf = (a: Phrase): number => (ruled ? ruledExtent(a, (pagesInUse.get(a.page) ?? page).rules)?.[1] ?? a.x1 : a.x1);
  const perPage = new Map(pagesOf.map((pg) => [pg, clusters(parts.filter((p) => p.line.page === pg).flatMap((p) => p.amounts.map(keyOf)), tol)]));
  const reference = pagesOf.reduce((a, b) => ((perPage.get(b)?.length ?? 0) > (perPage.get(a)?.length ?? 0) ? b : a), pagesOf[0] ?? 0);
  const amountClusters = [...(perPage.get(reference) ?? [])];
  if (page.unit === 'cell') {
    // Cells are exact: a column the header names right of the names is a column, figures or not.
    const nameRight = Math.max(-Infinity, ...parts.flatMap((p) => [...p.names, ...p.codes].map((n) => n.x1)));
    for (const line of header) {
      for (const p of line.phrases) {
        if (p.x0 < nameRight || /名称$|编码$|^项\s*目$|^(类|款|项)$|^栏\s*次$/.test(squeeze(p.text))) continue;
        if (clusterOf(amountClusters, p.x1, tol) < 0) amountClusters.push({ at: p.x1, lo: p.x1, hi: p.x1, count: 0 });
      }
    }
    amountClusters.sort((a, b) => a.at - b.at);
  }
  const toReference = (page: number, x: number): number => {
    const own = perPage.get(page) ?? [];
    const k = clusterOf(own, x, tol);
    if (k < 0) return -1;
    if (own.length === amountClusters.length) return k;
    const at = (own[k] as Cluster).at;
    return clusterOf(amountClusters, at, tol * 2);
  };
  const nameLeft = Math.min(...parts.flatMap((p) => p.names.map((n) => n.x0)), Infinity);
  const slots: ColumnSlot[] = [];
  for (const c of codeClusters) slots.push({ kind: 'code', cluster: c, lo: Infinity, hi: -Infinity });
  const nameSlot: ColumnSlot = { kind: 'name', cluster: { at: nameLeft, lo: nameLeft, hi: nameLeft, count: 0 }, lo: nameLeft, hi: nameLeft };
  slots.push(nameSlot);
  // In a grid a column is its cell; elsewhere its extent is that of the figures placed in it.
  for (const c of amountClusters) slots.push(page.unit === 'cell' ? { kind: 'amount', cluster: c, lo: c.at - 1, hi: c.at } : { kind: 'amount', cluster: c, lo: Infinity, hi: -Infinity });
  const codeSlots = slots.filter((s) => s.kind === 'code');
  const amountSlots = slots.filter((s) => s.kind === 'amount');
  if (codeSlots.length === 0 && amountSlots.length === 0) {
    const columns = headerOnlyColumns(header, coded);
    if (columns) {
      // Rows of names only (合计): the name in the first cell, the rest blank.
      const rows = body.map((l) => ({ cells: [l.phrases.map((p) => p.text).join(''), ...columns.slice(1).map(() => '')], boxes: [l.phrases[0] ? boxOf(l.phrases[0]) : null, ...columns.slice(1).map(() => null)], page: l.page, y: l.y0 }));
      return { ...(side ? { side } : {}), columns, rows };
    }
  }

  const rows: ExtractedRow[] = [];
  /** Text-only lines of a coded table: a wrapped name, joined to the nearest row. */
  const wrapped: { line: Line; text: string }[] = [];
  for (const p of parts) {
    const cells: string[] = slots.map(() => '');
    const boxes: (CellBox | null)[] = slots.map(() => null);
    for (const c of p.codes) {
      const k = clusterOf(codeClusters, c.x0, tol);
      const slot = codeSlots[k];
      if (!slot) {
        unplaced.push(c);
        continue;
      }
      cells[slots.indexOf(slot)] = c.text;
      boxes[slots.indexOf(slot)] = boxOf(c);
      slot.lo = Math.min(slot.lo, c.x0);
      slot.hi = Math.max(slot.hi, c.x1);
    }
    for (const a of p.amounts) {
      const k = toReference(p.line.page, keyOf(a));
      const slot = amountSlots[k];
      const at = slot ? slots.indexOf(slot) : -1;
      if (!slot || cells[at] !== '') {
        unplaced.push(a);
        continue;
      }
      cells[at] = a.text;
      boxes[at] = boxOf(a);
      slot.lo = Math.min(slot.lo, a.x0);
      slot.hi = Math.max(slot.hi, a.x1);
    }
    const name = p.names.map((n) => n.text).join('');
    for (const n of p.names) {
      nameSlot.lo = Math.min(nameSlot.lo, n.x0);
      nameSlot.hi = Math.max(nameSlot.hi, n.x1);
    }
    if (coded && p.codes.length === 0 && p.amounts.length === 0 && !TOTAL_NAME.test(name)) {
      wrapped.push({ line: p.line, text: name });
      continue;
    }
    const nameBox = p.names[0] ? boxOf(p.names[0], p.names[p.names.length - 1]) : null;
    if (coded && p.codes.length === 0 && codeSlots.length > 0) {
      // A named row (合计): its name is the code cell (format: a row whose code cell holds no digits).
      cells[slots.indexOf(codeSlots[0] as ColumnSlot)] = name;
      boxes[slots.indexOf(codeSlots[0] as ColumnSlot)] = nameBox;
    } else {
      cells[slots.indexOf(nameSlot)] = name;
      boxes[slots.indexOf(nameSlot)] = nameBox;
    }
    rows.push({ cells, boxes, page: p.line.page, y: p.line.y0 });
  }
  for (const w of wrapped) {
    const nearest = rows
      .filter((r) => r.page === w.line.page)
      .sort((a, b) => Math.abs(a.y - w.line.y0) - Math.abs(b.y - w.line.y0) || a.y - b.y)[0];
    const at = slots.indexOf(nameSlot);
    if (!nearest) {
      unplaced.push(...w.line.phrases);
      continue;
    }
    nearest.cells[at] = nearest.y < w.line.y0 ? `${nearest.cells[at]}${w.text}` : `${w.text}${nearest.cells[at]}`;
  }
  const lineHeight = page.unit === 'pt' ? Math.max(6, median(body.map((l) => l.y1 - l.y0)) * 1.6) : 1;
  const named = columnNames(slots, header, { name: side || !coded ? '项目' : '科目名称', codes: codeSlots.length === 3 ? ['类', '款', '项'] : codeSlots.length === 2 ? ['类', '款'] : ['科目编码'] }, lineHeight, page.unit === 'char' ? 1 : page.unit === 'cell' ? -0.5 : 2, page.unit === 'pt' ? page.rules : []);
  // Columns the header names but no row fills: blank in every row.
  for (const at of [...named.added].sort((a, b) => a - b)) {
    for (const r of rows) {
      r.cells.splice(at, 0, '');
      r.boxes.splice(at, 0, null);
    }
  }
  // A row without a name in a table of one kind of figure (三公: the 预算数 / 决算数 of the heading).
  const nameAt = slots.findIndex((s) => s.kind === 'name');
  const kindOfFigure = /(预算数|决算数)$/.exec(named.heading ?? '')?.[1];
  if (kindOfFigure && nameAt >= 0) for (const r of rows) if (!r.cells[nameAt]) r.cells[nameAt] = kindOfFigure;
  return { ...(side ? { side } : {}), columns: named.names, rows };
}

function boxOf(first: Phrase, last: Phrase = first): CellBox {
  return { page: first.page, x0: first.x0, y0: Math.min(first.y0, last.y0), x1: last.x1, y1: Math.max(first.y1, last.y1) };
}

/**
 * The x where a two-sided table's 支出 side starts: the least x of a row's second name (each row's
 * own second name, when it has one, is where that row's 支出 side starts); else the header's second 项目.
 */
function sideSplit(header: readonly Line[], body: readonly Line[]): number | undefined {
  const seconds = body.map((l) => l.phrases.filter((p) => !isAmount(p))[1]?.x0).filter((x): x is number => x !== undefined);
  if (seconds.length > 0) return Math.min(...seconds) - 0.5;
  for (const line of header) {
    const items = line.phrases.filter((p) => /^项\s*目$/.test(p.text));
    if (items.length >= 2) return (items[1] as Phrase).x0 - 0.5;
  }
  return undefined;
}

/** The part of a line on one side of `split` (a row's own second name moves the split to it). */
function sidePart(line: Line, split: number, side: 'income' | 'expenditure', ownSplit: boolean): Line {
  const second = ownSplit ? line.phrases.filter((p) => !isAmount(p))[1] : undefined;
  const at = second ? second.x0 - 0.5 : split;
  const phrases = line.phrases.filter((p) => (side === 'income' ? p.x0 < at : p.x0 >= at));
  return { ...line, phrases, text: phrases.map((p) => p.text).join(' ') };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor(sorted.length / 2)] as number);
}

const HALF_HEADING = /^(科目编码|经济分类科目编码|功能分类科目编码|部门经济分类科目编码)$/;

/**
 * Where a table printed as halves side by side (the 基本支出 table: 人员经费 | 公用经费 …) starts
 * each half: the x of each repeated 科目编码 heading; undefined for a table printed once across.
 */
function halvesOf(header: readonly Line[]): number[] | undefined {
  for (const line of header) {
    const starts = line.phrases.filter((p) => HALF_HEADING.test(squeeze(p.text))).map((p) => p.x0);
    if (starts.length >= 2) return starts;
  }
  return undefined;
}

function within(line: Line, from: number, to: number): Line {
  const phrases = line.phrases.filter((p) => p.x0 >= from - 0.5 && p.x0 < to - 0.5);
  return { ...line, phrases, text: phrases.map((p) => p.text).join(' ') };
}

/**
 * The halves one after the other (format: each row once, the halves in order, then the footer
 * rows): each half is read as a table of its own. A footer figure printed under a later half's
 * column (公用经费合计 … 218.05) joins the name on its line that has none.
 */
function mergeHalves(body: readonly Line[], header: readonly Line[], starts: readonly number[], page: SourcePage, coded: boolean, unplaced: Phrase[]): ExtractedBlock {
  const bounds = [...starts.slice(1), Infinity];
  const first = Math.min(...starts);
  const parts = starts.map((from, k) => {
    const to = bounds[k] as number;
    const lines = body.map((l) => within(l, k === 0 ? -Infinity : from, to)).filter((l) => l.phrases.length > 0);
    return buildBlock(lines, header.map((l) => within(l, k === 0 ? Math.min(first, -Infinity) : from, to)), page, coded, undefined, unplaced);
  });
  const columns = parts[0]?.columns ?? [];
  const rows: ExtractedRow[] = [];
  const footer: ExtractedRow[] = [];
  const hasFigure = (r: ExtractedRow) => r.cells.some((c) => AMOUNT.test(c) && !/^\d{3,}$/.test(c));
  const hasName = (r: ExtractedRow) => r.cells.slice(0, -1).some((c) => c !== '' && !AMOUNT.test(c));
  parts.forEach((part, k) => {
    for (const r of part.rows) {
      const cells = columns.map((_, i) => r.cells[i] ?? '');
      const boxes = columns.map((_, i) => r.boxes[i] ?? null);
      if (!hasName(r)) {
        // Figures only: they belong to the footer name printed on the same line in the half before.
        const host = footer.filter((f) => f.y === r.y && f.page === r.page && !hasFigure(f)).pop();
        const figureAt = r.cells.findIndex((c) => c !== '' && AMOUNT.test(c));
        if (host && r.cells.filter((c) => c !== '' && AMOUNT.test(c)).length === 1) {
          host.cells[columns.length - 1] = r.cells[figureAt] as string;
          host.boxes[columns.length - 1] = r.boxes[figureAt] ?? null;
          continue;
        }
      }
      const isFooter = /合计$/.test(squeeze(r.cells[0] ?? ''));
      (isFooter ? footer : rows).push({ ...r, cells, boxes });
    }
    void k;
  });
  return { columns, rows: [...rows, ...footer.sort((a, b) => a.y - b.y)] };
}

/**
 * A 三公 table printed as one line of figures under two headings side by side (预算数 | 决算数, each
 * over the same columns): one row per heading (format: one row per kind of figure).
 */
function bandsAsRows(block: ExtractedBlock, header: readonly Line[]): ExtractedBlock {
  const [nameColumn, ...amounts] = block.columns;
  for (const k of [2, 3]) {
    if (amounts.length % k !== 0) continue;
    const width = amounts.length / k;
    const bands = Array.from({ length: k }, (_, j) => amounts.slice(j * width, (j + 1) * width));
    if (!bands.every((b) => b.join('|') === (bands[0] as string[]).join('|'))) continue;
    const headings = header
      .flatMap((l) => l.phrases)
      .filter((p) => /(预算数|决算数)$/.test(squeeze(p.text)))
      .sort((a, b) => a.x0 - b.x0)
      .map((p) => /(预算数|决算数)$/.exec(squeeze(p.text))?.[1] as string);
    if (headings.length !== k) continue;
    const rows = block.rows.flatMap((r) => bands.map((_, j) => ({
      ...r,
      cells: [r.cells[0] || (headings[j] as string), ...r.cells.slice(1 + j * width, 1 + (j + 1) * width)],
      boxes: [r.cells[0] ? r.boxes[0] ?? null : null, ...r.boxes.slice(1 + j * width, 1 + (j + 1) * width)],
    })));
    return { ...block, columns: [nameColumn ?? '项目', ...(bands[0] as string[])], rows };
  }
  return block;
}

export interface Extraction {
  tables: ExtractedTable[];
  /** Every line that is not part of a table (its title, header, rows or notes), page by page. */
  narrative: Line[];
}

/** The pages of the document being extracted (a table's figures are placed by their own page's rules). */
let pagesInUse = new Map<number, SourcePage>();

export function extractTables(doc: SourceDocument): Extraction {
  const pageOf = new Map(doc.pages.map((p) => [p.number, p]));
  pagesInUse = pageOf;
  const pages = doc.pages.map((p) => ({ page: p, lines: linesOf(p) }));
  // A title with nothing under it before the next title is an entry of a table of contents.
  const regions = regionsOf(pages).filter((r) => r.lines.length > 0);
  const used = new Set<Line>(regions.flatMap((r) => [r.titleLine, ...r.lines]));
  const narrative = pages.flatMap((p) => p.lines.filter((l) => !used.has(l)));
  const tables: ExtractedTable[] = [];
  // Plain text without layout (source/text.ts): a sequence text is read by token order (sequence/);
  // a text of one cell a line cannot be read, its figures are all unplaced.
  const dialect = textDialect(doc);
  const sequence = dialect === 'sequence' ? sequenceReader(doc.pages) : undefined;
  for (const region of regions) {
    const { match } = region;
    const coded = CODED.has(match.role);
    let unit: string | undefined;
    let entity: string | undefined;
    const header: Line[] = [];
    const body: Line[] = [];
    const notes: string[] = [];
    let firstHeader: string[] | null = null;
    let state: 'meta' | 'header' | 'body' | 'note' = 'meta';
    let page = region.lines[0]?.page;
    for (const line of region.lines) {
      if (line.page !== page) {
        // A new page of the same table: its repeated header (and metadata) again.
        page = line.page;
        if (state === 'body') state = 'meta';
      }
      const text = line.text.trim();
      const u = UNIT_LINE.exec(text.replace(/\s/g, ''));
      if (u) unit ??= u[2];
      const e = ENTITY_LINE.exec(text);
      if (e) entity ??= e[2]?.trim();
      if (e || (u && line.phrases.length <= 3)) continue;
      if (state === 'note' || NOTE_LINE.test(text)) {
        state = 'note';
        notes.push(text.replace(/\s+/g, ''));
        continue;
      }
      if (state !== 'body' && !isBodyLine(line, coded)) {
        const sameAsFirst = firstHeader !== null && body.length > 0;
        if (!sameAsFirst) header.push(line);
        continue;
      }
      if (state !== 'body' && firstHeader === null) firstHeader = header.map((h) => squeeze(h.text));
      state = 'body';
      // The header printed again (a table continued on the next page of an extraction without page breaks), and 栏次 lines.
      // (In a sequence text a one-word line is a wrapped name's piece, kept though the header holds the word.)
      if ((firstHeader?.includes(squeeze(line.text)) && !(sequence && line.phrases.length === 1)) || COLUMN_NUMBERS.test(squeeze(line.phrases[0]?.text ?? ''))) continue;
      // A page number alone under a table (empty tables end with one).
      if (line.phrases.length === 1 && /^\d{1,3}$/.test(text) && !coded) continue;
      if (line.phrases.length === 1 && /^-?\s*\d{1,3}\s*-?$/.test(text) && coded && body.length > 0 && !isAmount(line.phrases[0] as Phrase)) continue;
      body.push(line);
    }
    const first = pageOf.get(region.lines[0]?.page ?? 0) ?? (doc.pages[0] as SourcePage);
    const unplaced: Phrase[] = [];
    let blocks: ExtractedBlock[];
    if (sequence) blocks = sequence.blocks(match.role, header, body, unplaced);
    else if (dialect === 'cells') {
      unplaced.push(...body.flatMap((l) => l.phrases.filter((p) => isAmount(p) && !CODE.test(p.text))));
      const columns = headerOnlyColumns(header, coded) ?? ['项目'];
      blocks = TWO_SIDED.has(match.role) ? [{ side: 'income', columns: ['项目'], rows: [] }, { side: 'expenditure', columns: ['项目'], rows: [] }] : [{ columns, rows: [] }];
    } else if (TWO_SIDED.has(match.role)) {
      const split = sideSplit(header, body) ?? Infinity;
      blocks = [
        buildBlock(body.map((l) => sidePart(l, split, 'income', true)).filter((l) => l.phrases.length > 0), header.map((l) => sidePart(l, split, 'income', false)), first, false, 'income', unplaced),
        buildBlock(body.map((l) => sidePart(l, split, 'expenditure', true)).filter((l) => l.phrases.length > 0), header.map((l) => sidePart(l, split, 'expenditure', false)), first, false, 'expenditure', unplaced),
      ];
    } else {
      const halves = halvesOf(header);
      const block = halves ? mergeHalves(body, header, halves, first, coded, unplaced) : buildBlock(body, header, first, coded, undefined, unplaced);
      blocks = [match.role === 'three-public' ? bandsAsRows(block, header) : block];
    }
    const all = [region.titleLine, ...region.lines];
    const tablePages = [...new Set(all.map((l) => l.page))];
    const extent = tablePages.map((p) => {
      const on = all.filter((l) => l.page === p);
      return { page: p, y0: Math.min(...on.map((l) => l.y0)), y1: Math.max(...on.map((l) => l.y1)) };
    });
    tables.push({
      role: match.role,
      kind: match.kind,
      ...(match.no ? { no: match.no } : {}),
      title: match.title,
      ...(unit ? { unit } : {}),
      ...(entity ? { entity } : {}),
      pages: tablePages,
      extent,
      blocks,
      ...(notes.length > 0 ? { note: notes.join('') } : {}),
      unplaced,
    });
  }
  sequence?.finish();
  return { tables, narrative };
}
