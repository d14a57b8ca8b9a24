/**
 * The draft as jixiao/1 YAML text, laid out as a transcriber would write it (docs/format.md): one
 * `|`-separated string per printed row, each table under a comment that says where it is in the
 * source, figures exactly as printed, and what could not be placed in `# unplaced:` comments.
 */
import yaml from 'js-yaml';
import type { SourceDocument } from '../source/page.js';
import type { ExtractedBlock, ExtractedTable } from '../extract/tables.js';
import type { NarrativeStatement } from '../extract/narrative.js';
import type { DraftKind } from '../recognise/titles.js';

export interface DraftHead {
  kind: DraftKind;
  entity?: string;
  year?: string;
  unit: string;
  document: string;
}

/** A scalar as YAML writes it (quoted only when it must be). */
function scalar(text: string): string {
  return yaml.dump(text, { lineWidth: -1, flowLevel: 0 }).trimEnd();
}

/** A column name inside a flow list: quoted when YAML would read it otherwise. */
function flowItem(text: string): string {
  return /^[\w\u4e00-\u9fff（）()“”"、/．.\-—%：]+$/u.test(text) && !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/[:#,\[\]{}]/.test(text) ? text : JSON.stringify(text);
}

function where(t: ExtractedTable, source: SourceDocument): string {
  const unit = source.pages[0]?.unit ?? 'char';
  const word = unit === 'pt' ? 'y' : unit === 'cell' ? 'rows' : 'lines';
  return t.extent
    .map((e) => {
      if (unit === 'pt') return `page ${e.page} (${word} ${Math.round(e.y0)}–${Math.round(e.y1)} pt)`;
      // A spreadsheet's page is a sheet: named as its tab is, besides its index.
      const name = source.format === 'xlsx' || source.format === 'xls' ? source.pages.find((p) => p.number === e.page)?.name : undefined;
      return `${name !== undefined ? `sheet ${e.page} “${name}”` : `page ${e.page}`} (${word} ${e.y0 + 1}–${e.y1})`;
    })
    .join(', ');
}

function blockLines(b: ExtractedBlock, indent: string): string[] {
  const out = [`${indent}columns: [${b.columns.map(flowItem).join(', ')}]`];
  if (b.rows.length === 0) {
    out.push(`${indent}rows: []`);
    return out;
  }
  out.push(`${indent}rows:`);
  for (const r of b.rows) {
    const cells = r.cells.map((c) => c.trim());
    while (cells.length < b.columns.length) cells.push('');
    // As transcribers write rows: a blank cell is nothing between its bars (`208 | | | 名称`).
    const text = cells.reduce((line, c, i) => (i === 0 ? c : c ? `${line} | ${c}` : `${line} |`), '');
    out.push(`${indent}  - ${scalar(text)}`);
  }
  return out;
}

const NOT_AMOUNT = /^(类|款|项|科目编码|功能分类科目编码|经济分类科目编码|编码|行次)$|名称$|^项目$/;

/** A note saying the table is empty (本表为空表, 本表无数据, 空表). */
const EMPTY_TABLE = /空表|无数据|本表为空/;
/** A note saying some money is absent: the 空表说明 of a table without figures only. */
const NO_SUCH_MONEY = /没有.*(支出|收入|安排)/;

/** Some amount cell holds a non-zero figure. */
function hasFigures(t: ExtractedTable): boolean {
  return t.blocks.some((b) => b.rows.some((r) => r.cells.some((c, i) => !NOT_AMOUNT.test(b.columns[i] ?? '') && /^[-−]?[\d,]*\d(\.\d+)?$/.test(c) && /[1-9]/.test(c))));
}

export function writeDraft(source: SourceDocument, head: DraftHead, tables: readonly ExtractedTable[], statements: readonly NarrativeStatement[], notes: readonly string[]): string {
  const out: string[] = [];
  out.push(`# Draft made by \`jixiao import\` from ${head.document} (${source.format}, ${source.pages.length} pages).`);
  out.push('# Every figure is written as printed. Compare each table with its page before relying on it:');
  out.push('# the comment above each table says where it is. Cells the import could not place are listed in');
  out.push('# `# unplaced:` comments, never guessed into a row.');
  for (const n of notes) out.push(`# ${n}`);
  out.push('format: jixiao/1');
  out.push(`kind: ${head.kind}`);
  if (head.entity) out.push('entity:', `  name: ${scalar(head.entity)}`);
  if (head.year) out.push(`year: ${head.year}`);
  out.push(`unit: ${head.unit}`);
  out.push('source:', `  document: ${scalar(head.document)}`);
  if (tables.length > 0) out.push('', 'public_tables:');
  for (const t of tables) {
    out.push(`  # ── ${where(t, source)} ── ${t.no ? `${t.no} ` : ''}${t.title}`);
    out.push(`  - role: ${t.role}`);
    if (t.no) out.push(`    no: ${scalar(t.no)}${t.noFromContents ? '  # from the table of contents (目录); the page prints no number' : ''}`);
    out.push(`    title: ${scalar(t.title)}`);
    if (t.unit) out.push(`    unit: ${t.unit}`);
    out.push(`    source: { pages: '${t.pages.length > 1 ? `${t.pages[0]}–${t.pages[t.pages.length - 1]}` : t.pages[0]}' }`);
    // A note that says the table itself is empty is its 空表说明 even over figures: that contradiction is the
    // document's (万里街道 2024's 三公 table prints its figures above “故本表为空表”), and accounts/empty-table
    // shows it at once. A note that only says some money is absent is one only when the table holds no figure.
    const empty = t.note !== undefined && (EMPTY_TABLE.test(t.note) || (NO_SUCH_MONEY.test(t.note) && !hasFigures(t)));
    if (t.note) out.push(`    ${empty ? 'empty' : 'note'}: ${scalar(t.note)}`);
    for (const b of t.blocks) {
      if (b.side) {
        out.push(`    ${b.side}:`);
        out.push(...blockLines(b, '      '));
      } else out.push(...blockLines(b, '    '));
    }
    if (t.unplaced.length > 0) {
      out.push(`    # unplaced: ${t.unplaced.map((p) => `${p.text} (page ${p.page}, ${source.pages[0]?.unit === 'pt' ? `x ${Math.round(p.x0)}, y ${Math.round(p.y0)}` : `line ${p.y0 + 1}, column ${p.x0 + 1}`})`).join('; ')}`);
    }
    out.push('');
  }
  const bound = statements.filter((s) => s.figures.some((f) => f.cell));
  const unbound = statements.flatMap((s) => s.figures.filter((f) => !f.cell).map((f) => ({ s, f })));
  if (bound.length > 0) out.push('statements:');
  for (const s of bound) {
    out.push(`  - text: ${scalar(s.text)}`);
    out.push(`    source: ${scalar(`page ${s.page}`)}`);
    out.push('    figures:');
    for (const f of s.figures) {
      if (f.cell) out.push(`      - { value: ${flowItem(f.value)}, cell: ${flowItem(f.cell)} }`);
      else out.push(`      # unplaced: ${f.value} — ${f.candidates === 0 ? 'no table cell holds this amount' : `${f.candidates} cells of different amounts round to it`}`);
    }
  }
  const loose = unbound.filter(({ s }) => !bound.includes(s));
  if (loose.length > 0) {
    out.push('', '# Narrative figures tied to no cell (no table cell holds the amount, or several different ones round to it):');
    for (const { s, f } of loose) out.push(`# unplaced: ${f.value} (page ${s.page}): ${s.text.length > 80 ? `${s.text.slice(0, 80)}…` : s.text}`);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
