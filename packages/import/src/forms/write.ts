/**
 * A form (parse.ts) as the YAML of a `kind: self-evaluation` document, laid out as a transcriber
 * writes one (docs/format.md, "Self-evaluation form"): every figure exactly as printed, each block
 * under a comment that says where it is in the source, a cut-off source marked (`incomplete`,
 * `# cut off here in the source:`), and every cell that could not be placed listed in an
 * `# unplaced:` comment, never guessed.
 */
import yaml from 'js-yaml';
import type { SourcePage } from '../source/page.js';
import type { FormCell } from './cells.js';
import type { AnnexTable, FormModel, FundsModel, FundsRowModel, IndicatorNode, Located } from './parse.js';
import type { FundsColumn, IndicatorColumn } from './vocabulary.js';

type Unit = SourcePage['unit'];

/** A scalar in a flow mapping: plain when YAML reads it back as the same text, else double-quoted. */
export function flowScalar(text: string): string {
  const plain =
    text !== '' && text.trim() === text && !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/[,\[\]{}]|:\s|:$|\s#/.test(text) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** A text (a name, a reason): quoted when YAML would read it as a number or another type. */
function flowText(text: string): string {
  return /^[-+]?(\d[\d,]*)(\.\d+)?$|^\.\d+$|^0x|^[-+]?\.?(inf|nan)$/i.test(text) ? JSON.stringify(text) : flowScalar(text);
}

function blockScalar(text: string): string {
  return yaml.dump(text, { lineWidth: -1 }).trimEnd();
}

const before = (a: FormCell, b: FormCell) => a.page - b.page || a.line - b.line || a.col - b.col;

function where(cells: readonly (FormCell | undefined)[], unit: Unit): string {
  const real = cells.filter((c): c is FormCell => c !== undefined && !c.blank).sort(before);
  const first = real[0];
  const last = real[real.length - 1];
  if (!first || !last) return '';
  const span = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  if (unit === 'pt') return first.page === last.page ? `page ${first.page} (y ${span(Math.round(first.line), Math.round(last.line))} pt)` : `pages ${first.page}–${last.page}`;
  const lines = (c: FormCell) => c.line + 1;
  const word = unit === 'cell' ? 'rows' : 'lines';
  if (first.page !== last.page) return `page ${first.page} ${word.replace(/s$/, '')} ${lines(first)} – page ${last.page} ${word.replace(/s$/, '')} ${lines(last)}`;
  return first.line === last.line ? `page ${first.page}, ${word.replace(/s$/, '')} ${lines(first)}` : `page ${first.page}, ${word} ${span(lines(first), lines(last))}`;
}

export function position(c: FormCell, unit: Unit): string {
  if (unit === 'pt') return `page ${c.page}, y ${Math.round(c.line)}, x ${Math.round(c.col)}`;
  if (c.mode === 'flattened') return `page ${c.page}, line ${c.line + 1}, column ${c.col + 1}`;
  return `page ${c.page}, ${unit === 'cell' ? 'row' : 'line'} ${c.line + 1}`;
}

function unplacedLine(cells: readonly FormCell[], unit: Unit, indent: string): string[] {
  if (cells.length === 0) return [];
  return [`${indent}# unplaced: ${cells.map((c) => `${c.text.trim()} (${position(c, unit)})`).join('; ')}`];
}

const FUNDS_ORDER: FundsColumn[] = ['planned', 'adjusted', 'received', 'spent', 'rate', 'weight', 'score', 'reason', 'note'];

function fundsRowText(values: Partial<Record<FundsColumn, Located>>, extra: [string, string][] = []): string {
  const parts: string[] = [...extra.map(([k, v]) => `${k}: ${v}`)];
  for (const k of FUNDS_ORDER) {
    const v = values[k];
    if (!v) continue;
    parts.push(`${k}: ${k === 'reason' || k === 'note' ? flowText(v.text) : flowScalar(v.text)}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function fundsLines(f: FundsModel, m: FormModel, unit: Unit, out: string[]): FormCell[] {
  const cells: FormCell[] = [f.label, ...f.header, ...f.rows.flatMap((r) => [r.label, ...r.cells])].filter((c): c is FormCell => c !== undefined);
  const heading = f.lists ? `${f.label?.text.trim() ?? ''}: ${f.lists.join(' / ')} lists` : [f.label?.text.trim(), f.header.map((h) => h.text.trim()).join(' | ')].filter(Boolean).join(': ');
  out.push('', `# ── ${where(cells, unit)} ── ${heading}`);
  const total0 = f.rows.find((r) => r.key.key === 'total');
  const anything = f.weight || f.rows.some((r) => Object.keys(r.values).length > 0 || r.key.key === 'rows' || r.key.key === 'spending-rows') || (total0 && f.formula);
  if (!anything) {
    out.push(`# funds: no figure of the block could be placed; its rows: ${f.rows.map((r) => r.label.text.trim()).join(', ') || 'none'}`);
    if (f.incomplete && m.cut) out.push(`# cut off here in the source: the text ends in ${m.cut.what} (${position(m.cut.cell, unit)})`);
    out.push(...unplacedLine(f.rows.flatMap((r) => r.unplaced), unit, ''));
    return cells;
  }
  out.push('funds:');
  const total = f.rows.find((r) => r.key.key === 'total');
  const weight = f.weight ?? total?.values.weight;
  if (weight) out.push(`  weight: ${flowScalar(weight.text)}${f.weight ? `   # printed in ${f.weight.cell.text.trim()}` : '   # the 分值 of 年度资金总额'}`);
  const blank: string[] = [];
  const direct: FundsRowModel[] = [];
  const rows: FundsRowModel[] = [];
  const spending: FundsRowModel[] = [];
  const spendingRows: FundsRowModel[] = [];
  for (const r of f.rows) {
    const k = r.key.key;
    if (k === 'rows') rows.push(r);
    else if (k === 'spending') spending.push(r);
    else if (k === 'spending-rows') spendingRows.push(r);
    else direct.push(r);
  }
  const label = (r: FundsRowModel) => `   # ${r.label.text.trim()}`;
  for (const r of direct) {
    const key = r.key.key as string;
    const extra: [string, string][] = [];
    // A form with no 分值 column prints the line's weight in the block's label (预算执行情况(20分)).
    if (key === 'total' && !r.values.weight && f.weight && !f.columns.includes('weight')) extra.push(['weight', flowScalar(f.weight.text)]);
    const values: Partial<Record<FundsColumn, Located>> = { ...r.values };
    if (key === 'total' && f.formula && !values.note) values.note = { text: f.formula, cell: r.label };
    if (Object.keys(values).length === 0 && extra.length === 0) {
      blank.push(r.label.text.trim());
      continue;
    }
    out.push(`  ${key}: ${fundsRowText(values, extra.map(([a, b]) => [a, b]))}${label(r)}`);
  }
  if (rows.length > 0) {
    out.push('  rows:');
    for (const r of rows) out.push(`    - ${fundsRowText(r.values, [['name', flowText(r.key.key === 'rows' ? r.key.name : '')]])}${label(r)}`);
  }
  if (spending.length > 0 || spendingRows.length > 0) {
    out.push('  spending:');
    for (const r of spending) {
      if (r.key.key !== 'spending') continue;
      if (Object.keys(r.values).length === 0) blank.push(r.label.text.trim());
      else out.push(`    ${r.key.part}: ${fundsRowText(r.values)}${label(r)}`);
    }
    if (spendingRows.length > 0) {
      out.push('    rows:');
      for (const r of spendingRows) out.push(`      - ${fundsRowText(r.values, [['name', flowText(r.key.key === 'spending-rows' ? r.key.name : '')]])}${label(r)}`);
    }
  }
  if (blank.length > 0) out.push(`  # printed with every cell blank: ${blank.join(', ')}`);
  if (f.incomplete) {
    out.push('  incomplete: true');
    if (m.cut) out.push(`  # cut off here in the source: the text ends in ${m.cut.what} (${position(m.cut.cell, unit)})`);
  }
  const unplaced = f.rows.flatMap((r) => r.unplaced);
  out.push(...unplacedLine(unplaced, unit, '  '));
  return cells;
}

const INDICATOR_ORDER: IndicatorColumn[] = ['nature', 'target', 'measure_unit', 'actual', 'weight', 'deduction', 'score', 'rate', 'reason', 'rule', 'note'];

function leafText(n: IndicatorNode): string {
  const parts: string[] = [];
  if (n.no) parts.push(`no: ${flowText(n.no)}`);
  parts.push(`name: ${flowText(n.name)}`);
  if (n.weight) parts.push(`weight: ${flowScalar(n.weight.text)}`);
  for (const k of INDICATOR_ORDER) {
    const v = n.values[k];
    if (!v) continue;
    const text = v.text;
    if (k === 'rule') parts.push(`rule: { text: ${flowText(text)} }`);
    else parts.push(`${k}: ${k === 'reason' || k === 'note' || k === 'nature' || k === 'measure_unit' ? flowText(text) : flowScalar(text)}`);
  }
  if (n.incomplete) parts.push('incomplete: true');
  return `{ ${parts.join(', ')} }`;
}

function nodeLines(n: IndicatorNode, indent: string, out: string[], m: FormModel, unit: Unit): void {
  if (n.children.length === 0 && n.level === 3) {
    out.push(`${indent}- ${leafText(n)}`);
    if (m.cut && (n.valueCells.includes(m.cut.cell) || n.cell === m.cut.cell)) out.push(`${indent}  # cut off here in the source: the text ends in this row (${position(m.cut.cell, unit)})`);
    return;
  }
  out.push(`${indent}- name: ${flowText(n.name)}`);
  if (n.weight) out.push(`${indent}  weight: ${flowScalar(n.weight.text)}   # printed ${n.cell.text.trim()}`);
  for (const k of INDICATOR_ORDER) {
    const v = n.values[k];
    if (v) out.push(`${indent}  ${k}: ${k === 'reason' || k === 'note' ? flowText(v.text) : flowScalar(v.text)}${k === 'score' ? '   # one 得分 cell for the group (printed on its first row)' : ''}`);
  }
  if (n.incomplete) out.push(`${indent}  incomplete: true`);
  if (n.children.length > 0) {
    out.push(`${indent}  children:`);
    for (const c of n.children) nodeLines(c, `${indent}    `, out, m, unit);
  }
}

function allCells(n: IndicatorNode): FormCell[] {
  return [n.cell, ...n.valueCells, ...n.children.flatMap(allCells)];
}

function indicatorLines(m: FormModel, unit: Unit, out: string[]): void {
  const header = m.indicatorHeader ?? [];
  const cells = [...header, ...m.indicators.flatMap(allCells)];
  out.push('', `# ── ${where(cells, unit)} ── ${header.map((c) => c.text.trim()).join(' | ')}`);
  if (m.indicatorsWeight) out.push(`indicators_weight: ${flowScalar(m.indicatorsWeight.text)}   # printed ${m.indicatorsWeight.cell.text.trim()}`);
  const cutNote = m.cut && !m.indicators.some((n) => allCells(n).includes(m.cut?.cell as FormCell)) ? `# cut off here in the source: the text ends in ${m.cut.what} (${position(m.cut.cell, unit)}): “${m.cut.cell.text.trim()}”` : undefined;
  if (m.indicators.length === 0) {
    if (cutNote) out.push(cutNote, '# so no indicator row (and no 总分) is in the text.');
    return;
  }
  // Runs of top nodes by level: 一级 nodes are `indicators`; rows printed with no 一级 / 二级 above them
  // are a scorecard of that level (docs/format.md: a scorecard with level: 3 holds 三级 rows).
  const runs: IndicatorNode[][] = [];
  for (const n of m.indicators) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.level === n.level) last.push(n);
    else runs.push([n]);
  }
  if (runs.length === 1 && runs[0]?.[0]?.level === 1) {
    out.push('indicators:');
    for (const n of m.indicators) nodeLines(n, '  ', out, m, unit);
  } else {
    out.push('# The first levels of these rows are not printed: they are held in scorecards of the level printed.');
    out.push('scorecards:');
    runs.forEach((run, k) => {
      const level = run[0]?.level ?? 3;
      out.push(`  - id: ${k === 0 ? 'indicators' : `indicators-${k + 1}`}`, '    title: 绩效指标', `    level: ${level}`);
      if (m.cut && k === runs.length - 1) out.push('    incomplete: true');
      out.push('    indicators:');
      for (const n of run) nodeLines(n, '      ', out, m, unit);
    });
  }
  if (cutNote) out.push(cutNote);
}

function tableLines(t: AnnexTable, k: number, unit: Unit, out: string[]): FormCell[] {
  const cells = [t.title, ...t.rows.flatMap((r) => [r.cell, ...r.values.map((v) => v?.cell)]), t.total?.cell, ...(t.total?.values.map((v) => v?.cell) ?? [])].filter((c): c is FormCell => c !== undefined);
  out.push(`  # ── ${where(cells, unit)} ── ${t.title.text.trim()}`);
  out.push(`  - id: table-${k + 1}`, `    title: ${blockScalar(t.title.text.trim())}`, `    columns: [${t.columns.map(flowText).join(', ')}]`);
  const values = (vs: (Located | undefined)[]) => `[${vs.map((v) => (v ? flowScalar(v.text) : "''")).join(', ')}]`;
  out.push(t.rows.length > 0 ? '    rows:' : '    rows: []');
  for (const r of t.rows) out.push(`      - { name: ${flowText(r.name)}, values: ${values(r.values)} }`);
  if (t.total) out.push(`    total: { name: ${flowText(t.total.name)}, values: ${values(t.total.values)} }`);
  if (t.incomplete) {
    out.push(`    incomplete: ${t.incomplete === true ? 'true' : `[${t.incomplete.map(flowText).join(', ')}]`}`);
    out.push('    # cut off here in the source: the text ends in this table; its last cell may have lost further digits.');
  }
  return cells;
}

export interface WriteHead {
  document: string;
  format: string;
  pages: number;
  /** This form's number and the number of forms in the text. */
  index: number;
  count: number;
}

export function writeForm(m: FormModel, unit: Unit, head: WriteHead): string {
  const out: string[] = [];
  const title = m.titles[m.titles.length - 1];
  out.push(`# Draft made by \`jixiao import\` from ${head.document} (${head.format}, ${head.pages} page${head.pages === 1 ? '' : 's'}): a self-evaluation form${head.count > 1 ? ` (form ${head.index} of ${head.count} in the text)` : ''}.`);
  out.push('# Every figure is written as printed. Compare each block with the source before relying on it:');
  out.push('# the comment above each block says where it is. Cells the import could not place are listed in');
  out.push('# `# unplaced:` comments, never guessed into a row.');
  out.push('format: jixiao/1', 'kind: self-evaluation', 'source:', `  document: ${blockScalar(head.document)}`);
  if (title) out.push(`  section: ${blockScalar(title.text.trim())}   # ${position(title, unit)}`);
  const p = m.project;
  const department = p.department ?? p.unitName;
  const scope = /部门整体/.test(title?.text ?? '') || p.unitName ? 'department' : 'project';
  const project: string[] = [];
  if (p.name) project.push(`  name: ${blockScalar(p.name.text)}`);
  if (p.code) project.push(`  code: ${blockScalar(p.code)}   # the code part of the printed name`);
  if (department) project.push(`  department: ${blockScalar(department.text)}`);
  if (p.authority) project.push(`  authority: ${blockScalar(p.authority.text)}`);
  if (m.year) project.push(`  year: ${m.year.text}   # printed ${m.year.cell.text.trim()}`);
  if (m.titles.length > 0 || project.length > 0) project.push(`  scope: ${scope}`);
  if (project.length > 0) out.push('project:', ...project);
  if (!m.year) out.push('# The form prints no year.');
  out.push(`evaluator: { type: self${department ? `, name: ${flowText(department.text)}` : ''} }`);
  if (m.unit) out.push(`unit: ${m.unit}`);
  if (m.notes.length > 0) out.push(`notes: ${blockScalar(m.notes.join(' '))}`);
  if (m.headless) {
    out.push('# cut off here in the source: the text begins inside this form; its title, head and 预算执行 block are not in it.');
    out.push('incomplete: true');
  }
  if (m.funds) fundsLines(m.funds, m, unit, out);
  if (m.goal && (m.goal.planned || m.goal.achieved)) {
    out.push('', `# ── ${where(m.goal.cells, unit)} ── 年度总体目标`);
    out.push('goal:');
    if (m.goal.planned) out.push(`  planned: ${blockScalar(m.goal.planned.text)}`);
    if (m.goal.achieved) out.push(`  achieved: ${blockScalar(m.goal.achieved.text)}`);
  }
  if (m.indicatorHeader || m.indicators.length > 0) indicatorLines(m, unit, out);
  else if (m.cut && !m.funds?.incomplete && m.tables.length === 0) out.push('', `# cut off here in the source: the text ends in ${m.cut.what} (${position(m.cut.cell, unit)}).`);
  if (m.total && (m.total.weight || m.total.score || m.total.grade)) {
    const parts: string[] = [`name: ${flowText(m.total.label.text.trim())}`];
    if (m.total.weight) parts.push(`weight: ${flowScalar(m.total.weight.text)}`);
    if (m.total.score) parts.push(`score: ${flowScalar(m.total.score.text)}`);
    if (m.total.grade) parts.push(`grade: ${flowText(m.total.grade.text)}`);
    out.push('', `# ── ${where([m.total.label, ...m.total.cells], unit)} ── ${m.total.label.text.trim()}`, `total: { ${parts.join(', ')} }`);
  } else if (m.total) out.push('', `# ── ${where([m.total.label], unit)} ── ${m.total.label.text.trim()}: no figure that can be placed (see unplaced)`);
  const tables = m.tables.filter((t) => t.columns.length > 0);
  if (tables.length > 0) {
    out.push('', 'tables:');
    tables.forEach((t, k) => tableLines(t, k, unit, out));
  }
  if (m.unplaced.length > 0) out.push('', ...unplacedLine([...m.unplaced].sort(before), unit, ''));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Every cell the draft leaves unplaced. */
export function unplacedOf(m: FormModel): FormCell[] {
  return [...m.unplaced, ...(m.funds?.rows.flatMap((r) => r.unplaced) ?? [])];
}
