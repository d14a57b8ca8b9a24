#!/usr/bin/env node
/**
 * Mutation benchmark: how many one-figure changes to the fixtures does the checker catch?
 *
 * Builds nothing: run it after `tsc -b` (`pnpm bench:mutants` does both). For every fixture
 * (fixtures/**\/*.yaml, the *.truth.md files left out) it finds the document's figures in the source
 * text — the number-like values of the figure keys (weight, score, deduction, rate, planned, adjusted,
 * received, spent, execution_rate, received_rate, total, value, current, previous, amount, count,
 * target, actual, measured, the scoring-rule and grading parameters, the items of parts / values /
 * sum / difference / ratio) and the amount cells of the `public_tables` rows (every cell between `|`
 * that is a number, in a column that is not a code, 行次 or name column) — and makes mutants, each
 * the original text with one figure changed (two for a swap), spelling kept (thousands commas, %,
 * units, quotes):
 *
 *   digit   one digit replaced by another (never a new leading zero)
 *   shift   the decimal point moved one place (12.34 → 123.4 or 1.234; an integer ×10, or ÷10 when
 *           it ends in 0); zeros are never shifted (the value would not change)
 *   swap    two different figures of one family exchanged: two figures of one mapping (weight ↔
 *           score of an indicator, planned ↔ spent of a funds row), two cells of one row, or the same
 *           key / column in two siblings (the scores of two sibling indicators, one column in two
 *           rows of a table); percent only with percent; never two items of one `parts` / `sum` list
 *           (the sum is the same either way: nothing could tell them apart)
 *
 * Sampling is deterministic (mulberry32 of bench/corpus.mjs; each file its own stream from --seed and
 * its path): --mutants N (default 2400) are spread over the files in proportion to their figure
 * counts (largest remainder); within a file the figures are visited in a seeded shuffled order,
 * round-robin, the operator drawn among those that apply, duplicates skipped.
 *
 * Each mutant is checked in this process, as `jixiao check fixtures` checks it: the settings the
 * config lookup gives the fixture (ProjectSettings: jixiao.config.yaml upward, else the bundled packs
 * and defaults), checked together with the other files of its fixture directory (their phase-1
 * outcomes computed once, copied per mutant through the core's worker wire format), so
 * cross-document rules count; --single checks each file alone (`jixiao check <file>`). The fixtures
 * are copied to a temporary directory where the mutant is written, because phase 2 reads peers and
 * deferred documents from disk. The originals' findings are compared with a plain checkGroup of the
 * fixtures (what the CLI reports) and the report says whether they agree.
 *
 * Verdicts (also printed with the results):
 *   new finding   a finding of the mutant's check not in the original's (multiset, keyed by file,
 *                 ruleId, severity, path and English message: a finding whose message changes is new)
 *   CAUGHT        a new error or warning that (i) has a location (its own or a related one) in the
 *                 mutated file overlapping a mutated figure (the scalar, or the row cell), or (ii) has
 *                 a location in the mutated file inside the mutated figure's top-level block (the
 *                 top-level key, with its list index: public_tables[3], scorecards[1], statements[7],
 *                 funds, budget …). A mutant whose check throws (or draws internal/error) is caught
 *                 only when a new parse/* or schema/* (or value/*) finding appears, else an ERROR.
 *   constrained   a figure is constrained when one of its mutants was caught (a swap only counts for
 *                 a figure a catching finding points at), or when some finding of
 *                 any check (the originals and every mutant's, infos included) points at it: a
 *                 location inside the figure's scalar (or cell) overlapping its number. Whole-row or
 *                 whole-entry locations (names, codes) do not count. Before a figure whose mutant was
 *                 not caught is called unconstrained it gets probes — ×10 and its leading digit
 *                 changed — checked like mutants but not counted: one caught makes it constrained.
 *   UNCONSTRAINED a mutant not caught that draws no new finding at all, of a figure not constrained.
 *   MISSED        any other mutant not caught (its figure is constrained, or it drew a new finding
 *                 somewhere else), with why: only infos at the figure (within rounding), a new error
 *                 or warning elsewhere (not pointing at the figure nor in its block), other new infos,
 *                 nothing new.
 *   score         caught ÷ (caught + missed): the caught share of the constrained mutants; the
 *                 lenient score also counts a new error or warning anywhere.
 *
 * Options: --mutants N (2400)  --seed S (DEFAULT_SEED of bench/corpus.mjs)  --json (machine output
 *          on stdout instead of the report, every mutant listed)  --examples K (3 per group)
 *          --single (each file checked alone)
 * Exit code 1 when some mutant's check failed (an error verdict), 2 for bad options or no build.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import fg from 'fast-glob';
import { optionsOrExit, root } from './cli-check.mjs';
import { DEFAULT_SEED, fileSeed, mulberry32 } from './corpus.mjs';

const USAGE = 'usage: node bench/mutants.mjs [--mutants 2400] [--seed N] [--json] [--examples 3] [--single]';

function parseArgs(argv) {
  const opts = { mutants: 2400, seed: DEFAULT_SEED, json: false, examples: 3, single: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    const int = () => Number(value().replace(/_/g, ''));
    if (a === '--mutants') opts.mutants = int();
    else if (a === '--seed') opts.seed = int();
    else if (a === '--examples') opts.examples = int();
    else if (a === '--json') opts.json = true;
    else if (a === '--single') opts.single = true;
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (!Number.isInteger(opts.mutants) || opts.mutants <= 0) throw new Error('--mutants: a positive integer');
  for (const k of ['seed', 'examples']) if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k}: a non-negative integer`);
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Figures in the source text

/** Keys whose scalar value is a figure (when it reads as a number). */
const FIGURE_KEYS = new Set([
  'weight', 'deduction', 'score', 'rate', 'planned', 'adjusted', 'received', 'spent', 'execution_rate', 'received_rate',
  'total', 'value', 'current', 'previous', 'amount', 'count', 'target', 'actual', 'measured', 'indicators_weight',
  'min', 'full_at', 'step', 'per_step', 'per_step_of_weight', 'per_failure', 'zero_below', 'failures', 'points', 'whole', 'part',
]);
/** Keys whose list items are figures. */
const FIGURE_LIST_KEYS = new Set(['parts', 'values', 'sum', 'difference', 'ratio']);
/** Columns of public tables that hold codes, line numbers or names, not amounts. */
const NOT_AMOUNT_COLUMN = /编码|^类$|^款$|^项$|行次|名称|^项目$|^科目$/;

/** A number as printed: optional comparator, digits (thousands commas), decimals, optional unit. */
const NUMBER = /^(?<pre>[≥≤=＝><＜＞]=?\s*)?(?<core>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<post>\s*[^\d\s,.|][^\d|]{0,7})?$/u;
const CELL_NUMBER = /^(?<core>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<post>\s*(?:%|万元|元))?$/u;

const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The number inside `text.slice(start, end)` (a scalar's source, quotes stripped), or null. */
function numberIn(text, start, end, pattern) {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  let quoted = false;
  if (e - s >= 2 && (text[s] === "'" || text[s] === '"') && text[e - 1] === text[s]) {
    s++;
    e--;
    quoted = true;
  }
  const m = pattern.exec(text.slice(s, e));
  if (!m) return null;
  const coreStart = s + (m.groups.pre?.length ?? 0);
  const core = m.groups.core;
  return { core, span: [coreStart, coreStart + core.length], percent: (m.groups.post ?? '').trim() === '%', unit: (m.groups.post ?? '').trim(), quoted };
}

const stepsToPath = (steps) => steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
/** The path with its list indices dropped: statements.figures.value. */
const shapeOf = (steps) => steps.filter((s) => typeof s === 'string').join('.');

/** Every figure of a document: [{ id, key, shape, path, span (the number), region (scalar or cell), block, … }]. */
function figuresOf(text, rootNode) {
  const figures = [];
  let containers = 0;
  const add = (f) => {
    f.id = figures.length;
    figures.push(f);
  };
  const scalarFigure = (node, steps, key, ctx) => {
    const n = numberIn(text, node.span[0], node.span[1], NUMBER);
    if (!n) return;
    add({ ...n, key, column: null, shape: shapeOf(steps), path: stepsToPath(steps), region: [node.span[0], node.span[1]], block: ctx.block, flowPlain: ctx.flow && !n.quoted, parent: ctx.parent, grand: ctx.grand, family: key, role: ctx.role });
  };
  const rowFigures = (node, steps, columns, ctx) => {
    let s = node.span[0];
    let e = node.span[1];
    if ((text[s] === "'" || text[s] === '"') && text[e - 1] === text[s]) {
      s++;
      e--;
    }
    const row = ++containers;
    let cellStart = s;
    let index = 0;
    for (let i = s; i <= e; i++) {
      if (i < e && text[i] !== '|') continue;
      const column = columns[index] ?? null;
      const amountColumn = column === null ? index > 0 : !NOT_AMOUNT_COLUMN.test(column);
      const n = amountColumn ? numberIn(text, cellStart, i, CELL_NUMBER) : null;
      if (n) {
        let rs = cellStart;
        let re = i;
        while (rs < re && isSpace(text[rs])) rs++;
        while (re > rs && isSpace(text[re - 1])) re--;
        add({ ...n, key: 'public_tables.rows', column: column ?? `#${index + 1}`, shape: `${shapeOf(steps)}.${column ?? `#${index + 1}`}`, path: `${stepsToPath(steps)}.${column ?? `#${index + 1}`}`, region: [rs, re], block: ctx.block, flowPlain: false, parent: row, grand: ctx.rows, family: column ?? `#${index + 1}`, role: ctx.role });
      }
      cellStart = i + 1;
      index++;
    }
  };
  const walk = (node, steps, ctx) => {
    const flow = ctx.flow || text[node.span[0]] === '{' || text[node.span[0]] === '[';
    if (node.kind === 'map') {
      const me = ++containers;
      const columnsEntry = node.entries.find((e) => e.key === 'columns' && e.value.kind === 'seq');
      const columns = columnsEntry ? columnsEntry.value.items.map((it) => (it.kind === 'scalar' ? String(it.value ?? '').replace(/\s+/g, '') : '')) : null;
      const role = node.entries.find((e) => e.key === 'role' && e.value.kind === 'scalar')?.value.value ?? ctx.role;
      for (const entry of node.entries) {
        const sub = [...steps, entry.key];
        const block = steps.length === 0 ? (entry.value.kind === 'seq' ? null : entry.value.span) : ctx.block;
        const c = { ...ctx, flow, block, parent: me, grand: ctx.parent, role };
        const v = entry.value;
        if (v.kind === 'scalar') {
          if (FIGURE_KEYS.has(entry.key)) scalarFigure(v, sub, entry.key, c);
        } else if (v.kind === 'seq' && entry.key === 'rows' && columns && (steps[0] === 'public_tables')) {
          const rows = ++containers;
          const rc = { ...c, flow: flow || text[v.span[0]] === '[', rows };
          v.items.forEach((it, i) => {
            if (it.kind === 'scalar' && typeof it.value === 'string' && it.value.includes('|')) rowFigures(it, [...sub, i], columns, rc);
          });
        } else if (v.kind === 'seq' && FIGURE_LIST_KEYS.has(entry.key)) {
          const list = ++containers;
          const lc = { ...c, flow: flow || text[v.span[0]] === '[', parent: list, grand: me };
          v.items.forEach((it, i) => {
            if (it.kind === 'scalar') scalarFigure(it, [...sub, i], entry.key, lc);
            else walk(it, [...sub, i], lc);
          });
        } else walk(v, sub, c);
      }
    } else if (node.kind === 'seq') {
      const me = ++containers;
      node.items.forEach((it, i) => {
        const block = steps.length === 1 ? it.span : ctx.block;
        walk(it, [...steps, i], { ...ctx, flow, block, parent: me, grand: ctx.parent });
      });
    }
  };
  if (rootNode) walk(rootNode, [], { flow: false, block: null, parent: 0, grand: -1, role: null });
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Mutation operators (on the number's core text: digits, thousands commas, one decimal point)

const group3 = (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ',');
const valueOf = (core) => Number(core.replace(/,/g, ''));

/** One digit replaced by another; not the leading digit of a multi-digit integer part by 0. */
function digitMutant(core, r) {
  const positions = [];
  for (let i = 0; i < core.length; i++) if (/\d/.test(core[i])) positions.push(i);
  const intDigits = core.split('.')[0].replace(/,/g, '').length;
  const i = positions[Math.floor(r() * positions.length)];
  const leading = i === positions[0] && intDigits > 1;
  const choices = [];
  for (let d = leading ? 1 : 0; d <= 9; d++) if (String(d) !== core[i]) choices.push(String(d));
  return core.slice(0, i) + choices[Math.floor(r() * choices.length)] + core.slice(i + 1);
}

/** The decimal point moved one place (direction from r), or null when the figure is zero. */
function shiftMutant(core, r) {
  if (valueOf(core) === 0) return null;
  const commas = core.includes(',');
  const [intPart, frac = ''] = core.replace(/,/g, '').split('.');
  const digits = intPart + frac;
  const point = intPart.length;
  const options = [];
  // right: ×10 (an integer gets a 0)
  options.push(frac.length === 0 ? { digits: `${digits}0`, point: point + 1 } : { digits, point: point + 1 });
  // left: ÷10 (an integer only when it ends in 0, so it keeps no decimals)
  if (frac.length > 0) options.push({ digits, point: point - 1 });
  else if (digits.length > 1 && digits.endsWith('0')) options.push({ digits: digits.slice(0, -1), point: point - 1 });
  const o = options[Math.floor(r() * options.length)];
  let int = o.digits.slice(0, o.point);
  const fr = o.digits.slice(o.point);
  int = int.replace(/^0+(?=\d)/, '');
  if (int === '') int = '0';
  if (commas) int = group3(int);
  return fr.length > 0 ? `${int}.${fr}` : int;
}

/** Coarse mutants of a figure, for deciding whether it is constrained: ×10, and its leading digit changed. */
function probeTexts(core) {
  const out = [];
  if (valueOf(core) !== 0) out.push(shiftMutant(core, () => 0));
  const i = core.search(/\d/);
  const d = Number(core[i]);
  const intDigits = core.split('.')[0].replace(/,/g, '').length;
  const next = d === 9 ? (intDigits > 1 ? 1 : 0) : d + 1;
  out.push(core.slice(0, i) + String(next) + core.slice(i + 1));
  return [...new Set(out)].filter((t) => t !== core);
}

/** Swap partners of a figure: same container (other key or cell), or the same key/column in a sibling container. */
function swapPartners(f, figures, byParent, byGrandFamily) {
  const out = [];
  for (const g of byParent.get(f.parent) ?? []) if (g !== f) out.push(g);
  for (const g of byGrandFamily.get(`${f.grand}\u0000${f.family}`) ?? []) if (g !== f && g.parent !== f.parent) out.push(g);
  // Two items of one parts / sum list: the sum is the same either way, nothing could tell them apart.
  const commutative = (g) => g.parent === f.parent && (f.key === 'parts' || f.key === 'sum');
  return out.filter((g) => !commutative(g) && g.percent === f.percent && valueOf(g.core) !== valueOf(f.core)
    && !(g.core.includes(',') && f.flowPlain) && !(f.core.includes(',') && g.flowPlain));
}

function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** A position in the mutant's text, back in the original's. */
function mapBack(pos, edits) {
  let shift = 0;
  for (const e of edits) {
    const start = e.start + shift;
    if (pos <= start) return pos - shift;
    if (pos < start + e.text.length) return e.start + Math.min(pos - start, e.end - e.start);
    shift += e.text.length - (e.end - e.start);
  }
  return pos - shift;
}

/** The mutants of one file, deterministic for its seed. */
function mutantsOf(fileEntry, quota, seed) {
  const { figures } = fileEntry;
  const r = mulberry32(seed);
  const byParent = new Map();
  const byGrandFamily = new Map();
  for (const f of figures) {
    if (!byParent.has(f.parent)) byParent.set(f.parent, []);
    byParent.get(f.parent).push(f);
    const k = `${f.grand}\u0000${f.family}`;
    if (!byGrandFamily.has(k)) byGrandFamily.set(k, []);
    byGrandFamily.get(k).push(f);
  }
  const order = figures.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const seen = new Set();
  const out = [];
  let misses = 0;
  for (let k = 0; out.length < quota && figures.length > 0 && misses < 50 * quota + 1000; k++) {
    const f = figures[order[k % order.length]];
    const partners = swapPartners(f, figures, byParent, byGrandFamily);
    const ops = ['digit'];
    if (valueOf(f.core) !== 0) ops.push('shift');
    if (partners.length > 0) ops.push('swap');
    const op = ops[Math.floor(r() * ops.length)];
    let edits;
    let targets;
    if (op === 'swap') {
      const g = partners[Math.floor(r() * partners.length)];
      edits = [{ start: f.span[0], end: f.span[1], text: g.core }, { start: g.span[0], end: g.span[1], text: f.core }].sort((a, b) => a.start - b.start);
      targets = [f, g];
    } else {
      const after = op === 'digit' ? digitMutant(f.core, r) : shiftMutant(f.core, r);
      if (after === null || after === f.core) {
        misses++;
        continue;
      }
      edits = [{ start: f.span[0], end: f.span[1], text: after }];
      targets = [f];
    }
    const key = edits.map((e) => `${e.start}:${e.end}:${e.text}`).join(';');
    if (seen.has(key)) {
      misses++;
      continue;
    }
    seen.add(key);
    out.push({ file: fileEntry, op, figure: f, targets, edits });
  }
  return out;
}

/** FNV-1a of a string, for a file's PRNG stream. */
function pathHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Mutant counts per file in proportion to their figure counts (largest remainder). */
function quotas(files, total) {
  const all = files.reduce((a, f) => a + f.figures.length, 0);
  const exact = files.map((f) => (all > 0 ? (total * f.figures.length) / all : 0));
  const q = exact.map(Math.floor);
  let rest = total - q.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; rest > 0 && byRemainder.length > 0; i = (i + 1) % byRemainder.length, rest--) q[byRemainder[i][1]]++;
  return q;
}

// ---------------------------------------------------------------------------------------------
// Checking

const findingKey = (f) => [f.file, f.ruleId, f.severity, f.path ?? '', f.message?.en ?? ''].join('\u0000');
const packOf = (ruleId) => ruleId.split('/')[0];
const isSchemaRule = (ruleId) => /^(parse|schema|value)\//.test(ruleId);

/** Items of `after` not in `before` (multiset by `key`: findings by findingKey). */
function newFindings(before, after, key = findingKey) {
  const counts = new Map();
  for (const f of before) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const out = [];
  for (const f of after) {
    const k = key(f);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(f);
  }
  return out;
}

const locationsOf = (f) => [{ file: f.file, span: f.span }, ...f.related.map((r) => ({ file: r.file, span: r.span }))];
const overlaps = (a, b) => (a[0] === a[1] ? a[0] >= b[0] && a[0] <= b[1] : a[0] < b[1] && b[0] < a[1]);
const within = (a, b) => a[0] >= b[0] && a[1] <= b[1];

/** The figure of a file a location points at: inside its region, overlapping its number. */
function figureAt(sorted, span) {
  let lo = 0;
  let hi = sorted.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].region[0] <= span[0]) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return null;
  const f = sorted[best];
  return within(span, f.region) && overlaps(span, f.span) ? f : null;
}

async function main() {
  const { opts, code } = optionsOrExit(parseArgs, process.argv.slice(2));
  if (!opts) return code;
  const core = await import('@jixiao/core');
  const started = process.hrtime.bigint();
  const log = opts.json ? () => {} : (s = '') => console.log(s);

  // The fixtures as `jixiao check fixtures` finds them, grouped by config, then by directory.
  const fixturesDir = join(root, 'fixtures');
  const paths = fg.sync('**/*.yaml', { cwd: fixturesDir, absolute: true, dot: false }).sort();
  const settings = new core.ProjectSettings(core.findRulesDir(), undefined);
  const { groups, problems } = settings.group(paths);
  if (problems.length > 0) {
    console.error('config problems:', problems.map((p) => p.message.en).join('; '));
    return 2;
  }
  const work = join(tmpdir(), `jixiao-mutants-${process.pid}`);
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const dirs = [];
  for (const g of groups) {
    const byDir = new Map();
    for (const file of g.files) {
      const d = dirname(file);
      if (!byDir.has(d)) byDir.set(d, []);
      byDir.get(d).push(file);
    }
    for (const [d, files] of byDir) {
      const copy = join(work, relative(fixturesDir, d));
      if (opts.single) for (const file of files) dirs.push({ dir: d, files: [file], settings: g.settings, copy });
      else dirs.push({ dir: d, files: files.sort(), settings: g.settings, copy });
    }
  }

  // Originals: figures, phase-1 outcomes (kept as plain data), findings of the directory's check.
  const files = [];
  const baselineAll = [];
  try {
    for (const d of dirs) {
      mkdirSync(d.copy, { recursive: true });
      const s = d.settings;
      d.options = { rules: s.rules, severityOf: s.selection.severityOf, config: s.config.check };
      d.wires = new Map();
      d.entries = [];
      for (const file of d.files) {
        const copy = join(d.copy, basename(file));
        copyFileSync(file, copy);
        const text = core.readTextFileSync(file).text;
        const result = core.checkText(copy, text);
        const rootNode = core.parseYaml(text).root;
        const kindEntry = rootNode?.kind === 'map' ? rootNode.entries.find((e) => e.key === 'kind') : undefined;
        const entry = { file, rel: relative(root, file), copy, text, dir: d, kind: kindEntry?.value.kind === 'scalar' ? String(kindEntry.value.value) : '(none)', figures: figuresOf(text, rootNode) };
        entry.sorted = [...entry.figures].sort((a, b) => a.region[0] - b.region[0]);
        entry.lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') entry.lineStarts.push(i + 1);
        const outcome = core.checkLoaded(result, s.rules, s.config.check, s.knownIds, false);
        d.wires.set(copy, structuredClone(wire.toWire(outcome)));
        d.entries.push(entry);
        files.push(entry);
      }
      d.baseline = await runDir(core, d, null, null);
      for (const r of d.baseline) baselineAll.push(...r.findings);
    }

    // The same findings as the CLI's `jixiao check fixtures` (all the fixtures in their config groups;
    // with --single, `jixiao check <file>` for each)?
    const direct = [];
    for (const g of groups) {
      const s = g.settings;
      const options = { rules: s.rules, severityOf: s.selection.severityOf, config: s.config.check };
      for (const set of opts.single ? g.files.map((f) => [f]) : [g.files]) for (const r of await core.checkGroup(set, options)) direct.push(...r.findings);
    }
    // (messages naming another file name it by its path: the fixture's, or its copy's)
    const directKeys = direct.map((f) => findingKey(f).split(fixturesDir).join(work));
    const baseKeys = baselineAll.map(findingKey);
    const sameAsCli = directKeys.length === baseKeys.length && directKeys.sort().join('\n') === baseKeys.sort().join('\n');
    if (!sameAsCli) {
      const show = (k) => k.split('\u0000').slice(0, 4).join('  ');
      const same = (k) => k;
      for (const k of newFindings(baseKeys, directKeys, same).slice(0, 10)) console.error(`  only in the plain check: ${show(k)}`);
      for (const k of newFindings(directKeys, baseKeys, same).slice(0, 10)) console.error(`  only in the benchmark's: ${show(k)}`);
    }

    // Mutants.
    const q = quotas(files, opts.mutants);
    // each file its own PRNG stream, from the seed and its path (not its place in the list)
    const mutants = files.flatMap((f, i) => mutantsOf(f, q[i], fileSeed(opts.seed, pathHash(f.rel))));
    const prepared = process.hrtime.bigint();
    log(`mutation benchmark: ${files.length} fixtures, ${files.reduce((a, f) => a + f.figures.length, 0)} figures, ${mutants.length} mutants (seed ${opts.seed})`);
    log(opts.single
      ? '  mode: --single, each mutant checked on its own (as `jixiao check <file>`: no cross-document rules)'
      : '  mode: each mutant checked with the other files of its fixture directory (cross-document rules count)');
    log(`  originals: ${baselineAll.length} findings; the same as \`${opts.single ? 'jixiao check <file>' : 'jixiao check fixtures'}\`: ${sameAsCli ? 'yes' : 'NO'}`);

    const seen = new Map(files.map((f) => [f.copy, new Set()]));
    const byCopy = new Map(files.map((f) => [f.copy, f]));
    const mark = (findings, entry, edits) => {
      for (const f of findings) {
        for (const loc of locationsOf(f)) {
          const e = byCopy.get(loc.file);
          if (!e) continue;
          const span = e === entry && edits ? [mapBack(loc.span[0], edits), mapBack(loc.span[1], edits)] : loc.span;
          const fig = figureAt(e.sorted, span);
          if (fig && !seen.get(e.copy).has(fig.id)) {
            seen.get(e.copy).add(fig.id);
            fig.seenBy = `${f.ruleId} ${f.severity} at ${f.path ?? '?'}${loc.span === f.span ? '' : ' (related)'}`;
          }
        }
      }
    };
    mark(baselineAll, null, null);

    /** Checks one mutant and sets its verdict (caught / error / pending) and what it drew. */
    const evaluate = async (m) => {
      const entry = m.file;
      const d = entry.dir;
      const mutated = applyEdits(entry.text, m.edits);
      const baseline = d.baseline.flatMap((r) => r.findings);
      let results = null;
      let thrown = null;
      try {
        writeFileSync(entry.copy, mutated);
        results = await runDir(core, d, entry, mutated);
      } catch (err) {
        thrown = err instanceof Error ? err.message : String(err);
      } finally {
        writeFileSync(entry.copy, entry.text);
      }
      const after = results ? results.flatMap((r) => r.findings) : [];
      const fresh = newFindings(baseline, after);
      m.newFindings = fresh.length;
      if (results) mark(after, entry, m.edits);
      const regions = m.targets.map((t) => t.region);
      const blocks = m.targets.map((t) => t.block).filter(Boolean);
      const catching = [];
      let infoAt = false;
      for (const f of fresh) {
        const locs = locationsOf(f).filter((l) => l.file === entry.copy).map((l) => [mapBack(l.span[0], m.edits), mapBack(l.span[1], m.edits)]);
        const at = locs.some((s) => regions.some((r) => overlaps(s, r)));
        if (f.severity !== 'error' && f.severity !== 'warning') {
          if (at) infoAt = true;
          continue;
        }
        const inBlock = locs.some((s) => blocks.some((b) => within(s, b)));
        if (at || inBlock) catching.push({ f, how: at ? 'at' : 'block', hit: m.targets.filter((t) => locs.some((s) => overlaps(s, t.region))) });
      }
      const broken = thrown !== null || fresh.some((f) => f.ruleId === 'internal/error');
      if (broken) {
        const schema = fresh.filter((f) => isSchemaRule(f.ruleId));
        if (schema.length > 0) {
          m.verdict = 'caught';
          m.packs = [...new Set(schema.map((f) => packOf(f.ruleId)))];
          m.rules = [...new Set(schema.map((f) => f.ruleId))];
          m.how = 'schema';
        } else {
          m.verdict = 'error';
          m.error = thrown ?? fresh.find((f) => f.ruleId === 'internal/error').message.en;
        }
      } else if (catching.length > 0) {
        m.verdict = 'caught';
        m.packs = [...new Set(catching.map((c) => packOf(c.f.ruleId)))];
        m.rules = [...new Set(catching.map((c) => c.f.ruleId))];
        m.how = catching.some((c) => c.how === 'at') ? 'at' : 'block';
        // the figures this catch shows to be constrained: a one-figure mutant's figure; of a swap,
        // only a figure a catching finding points at (the other may be tied to nothing)
        m.credit = m.targets.length === 1 ? m.targets : m.targets.filter((t) => catching.some((c) => c.hit.includes(t)));
      } else {
        m.verdict = 'pending';
        // why it was not caught: only infos at the figure (within rounding), a new error/warning elsewhere, other new infos, nothing
        m.why = infoAt ? 'info at the figure' : fresh.some((f) => f.severity !== 'info') ? 'error/warning elsewhere' : fresh.length > 0 ? 'infos elsewhere' : 'nothing new';
        m.otherNew = fresh.slice(0, 3).map((f) => `${f.ruleId} ${f.severity} ${f.path ?? ''}`);
      }
    };

    let done = 0;
    let lastReport = Date.now();
    for (const m of mutants) {
      await evaluate(m);
      done++;
      if (!opts.json && Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        process.stderr.write(`  … ${done}/${mutants.length} mutants\n`);
      }
    }
    const caughtBy = (m) => `its mutant caught by ${m.rules.join(', ')}`;
    for (const m of mutants) if (m.verdict === 'caught') for (const t of m.credit ?? m.targets) if (!seen.get(m.file.copy).has(t.id)) {
      seen.get(m.file.copy).add(t.id);
      t.seenBy = caughtBy(m);
    }

    // Probes: a sampled mutant may be too small to matter (within rounding, or at the precision a
    // figure is compared at), so before a figure is called unconstrained it gets two coarse mutants
    // of its own — ×10 and its leading digit changed — that are not counted, only used to decide.
    const probes = [];
    const probed = new Set();
    for (const m of mutants) {
      if (m.verdict !== 'pending') continue;
      for (const t of m.targets) {
        const tag = `${m.file.copy}\u0000${t.id}`;
        if (seen.get(m.file.copy).has(t.id) || probed.has(tag)) continue;
        probed.add(tag);
        for (const after of probeTexts(t.core)) probes.push({ file: m.file, op: 'probe', figure: t, targets: [t], edits: [{ start: t.span[0], end: t.span[1], text: after }] });
      }
    }
    for (const p of probes) {
      if (seen.get(p.file.copy).has(p.figure.id)) continue;
      await evaluate(p);
      if (p.verdict === 'caught' && !seen.get(p.file.copy).has(p.figure.id)) {
        seen.get(p.file.copy).add(p.figure.id);
        p.figure.seenBy = `a probe (${p.figure.core} → ${p.edits[0].text}) caught by ${p.rules.join(', ')}`;
      }
    }
    const probeStats = { figures: probed.size, mutants: probes.filter((p) => p.verdict).length, caught: probes.filter((p) => p.verdict === 'caught').length };

    for (const m of mutants) {
      if (m.verdict !== 'pending') continue;
      const constrained = m.targets.some((t) => seen.get(m.file.copy).has(t.id));
      m.verdict = !constrained && m.newFindings === 0 ? 'unconstrained' : 'missed';
    }
    const finished = process.hrtime.bigint();
    const checkSeconds = Number(finished - prepared) / 1e9;
    const totalSeconds = Number(finished - started) / 1e9;

    const report = summarise(mutants, files, seen, opts, { checkSeconds, totalSeconds, sameAsCli, baselineFindings: baselineAll.length, probes: probeStats });
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(report, opts);
    return report.totals.error > 0 ? 1 : 0;
  } finally {
    cleanup();
  }
}

/** The core's worker-thread wire format (phase-1 outcomes as plain data): not exported by its index. */
let wire;

/** Checks a fixture directory, one file's text replaced by `mutated` (null: the originals). */
async function runDir(core, d, entry, mutated) {
  const outcomes = [];
  for (const e of d.entries) {
    if (entry && e === entry) {
      const s = d.settings;
      const result = core.checkText(e.copy, mutated);
      // through the wire format, as checkGroup detaches every outcome (its peers' went the same way)
      outcomes.push(wire.fromWire(structuredClone(wire.toWire(core.checkLoaded(result, s.rules, s.config.check, s.knownIds, false)))));
    } else outcomes.push(wire.fromWire(structuredClone(d.wires.get(e.copy))));
  }
  return core.finishGroup(outcomes, d.options);
}

// ---------------------------------------------------------------------------------------------
// Report

const lineOf = (entry, pos) => {
  let lo = 0;
  let hi = entry.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (entry.lineStarts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
};

const groupKey = (f) => f.key;
const share = (a, b) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '—');

function summarise(mutants, files, seen, opts, timing) {
  const count = (list) => {
    const c = { mutants: list.length, caught: 0, missed: 0, unconstrained: 0, error: 0 };
    for (const m of list) c[m.verdict]++;
    c.score = c.caught + c.missed > 0 ? c.caught / (c.caught + c.missed) : null;
    return c;
  };
  const by = (keyFn) => {
    const map = new Map();
    for (const m of mutants) for (const k of [keyFn(m)].flat()) {
      if (!map.has(k)) map.set(k, []);
      map.get(k).push(m);
    }
    return Object.fromEntries([...map].sort((a, b) => b[1].length - a[1].length).map(([k, list]) => [k, count(list)]));
  };
  const example = (m) => {
    const e = m.file;
    const t = m.targets[0];
    return {
      file: e.rel,
      line: lineOf(e, t.span[0]),
      path: t.path,
      op: m.op,
      before: m.targets.map((x) => x.core).join(' ↔ '),
      after: m.op === 'swap' ? m.targets.map((x) => x.core).reverse().join(' ↔ ') : m.edits[0].text,
      ...(m.otherNew && m.otherNew.length > 0 ? { otherNew: m.otherNew } : {}),
      ...(m.verdict === 'missed' ? { constrainedBy: m.targets.map((x) => x.seenBy).filter(Boolean)[0] ?? null } : {}),
      ...(m.rules ? { rules: m.rules } : {}),
      ...(m.error ? { error: m.error } : {}),
    };
  };
  const grouped = (verdict) => {
    const map = new Map();
    for (const m of mutants) {
      if (m.verdict !== verdict) continue;
      const k = groupKey(m.figure);
      if (!map.has(k)) map.set(k, []);
      map.get(k).push(m);
    }
    return [...map].sort((a, b) => b[1].length - a[1].length).map(([key, list]) => {
      const detail = new Map();
      for (const m of list) {
        const d = m.figure.column !== null ? `${m.figure.role ?? '?'}: ${m.figure.column}` : m.figure.shape;
        detail.set(d, (detail.get(d) ?? 0) + 1);
      }
      const ops = {};
      for (const m of list) ops[m.op] = (ops[m.op] ?? 0) + 1;
      const why = {};
      for (const m of list) why[m.why] = (why[m.why] ?? 0) + 1;
      return { key, mutants: list.length, ops, ...(verdict === 'missed' ? { why } : {}), by: Object.fromEntries([...detail].sort((a, b) => b[1] - a[1])), examples: pickExamples(list, opts.examples).map(example) };
    });
  };
  // Figures: constrained or not, by key.
  const figureStats = {};
  for (const e of files) {
    for (const f of e.figures) {
      const k = groupKey(f);
      figureStats[k] ??= { figures: 0, constrained: 0 };
      figureStats[k].figures++;
      if (seen.get(e.copy).has(f.id)) figureStats[k].constrained++;
    }
  }
  const caughtPacks = new Map();
  for (const m of mutants) if (m.verdict === 'caught') for (const p of m.packs) caughtPacks.set(p, (caughtPacks.get(p) ?? 0) + 1);
  const totals = count(mutants);
  const elsewhere = mutants.filter((m) => m.verdict === 'missed' && m.why === 'error/warning elsewhere').length;
  totals.lenientScore = totals.caught + totals.missed > 0 ? (totals.caught + elsewhere) / (totals.caught + totals.missed) : null;
  totals.caughtElsewhere = elsewhere;
  return {
    seed: opts.seed,
    requested: opts.mutants,
    mode: opts.single ? 'single' : 'directory',
    originalsSameAsCli: timing.sameAsCli,
    originalFindings: timing.baselineFindings,
    definitions: DEFINITIONS,
    figures: files.reduce((a, f) => a + f.figures.length, 0),
    files: files.map((f) => ({ file: f.rel, kind: f.kind, figures: f.figures.length, constrained: seen.get(f.copy).size, ...count(mutants.filter((m) => m.file === f)) })),
    totals,
    byOperator: by((m) => m.op),
    byKind: by((m) => m.file.kind),
    byPack: Object.fromEntries([...caughtPacks].sort((a, b) => b[1] - a[1]).map(([p, n]) => [p, { caught: n, shareOfCaught: totals.caught > 0 ? n / totals.caught : null }])),
    caughtHow: { at: mutants.filter((m) => m.how === 'at').length, block: mutants.filter((m) => m.how === 'block').length, schema: mutants.filter((m) => m.how === 'schema').length },
    missedWhy: Object.fromEntries([...mutants.filter((m) => m.verdict === 'missed').reduce((map, m) => map.set(m.why, (map.get(m.why) ?? 0) + 1), new Map())].sort((a, b) => b[1] - a[1])),
    missed: grouped('missed'),
    unconstrained: grouped('unconstrained'),
    errors: mutants.filter((m) => m.verdict === 'error').map(example),
    mutants: mutants.map((m) => ({ ...example(m), verdict: m.verdict, ...(m.how ? { how: m.how } : {}), ...(m.why ? { why: m.why } : {}) })),
    figuresByKey: Object.fromEntries(Object.entries(figureStats).sort((a, b) => b[1].figures - a[1].figures)),
    seconds: { check: timing.checkSeconds, total: timing.totalSeconds },
    probes: timing.probes,
    mutantsPerSecond: mutants.length / timing.checkSeconds,
    checksPerSecond: (mutants.length + timing.probes.mutants) / timing.checkSeconds,
  };
}

/** Up to k examples, from as many different files and shapes as possible (deterministic). */
function pickExamples(list, k) {
  const out = [];
  const used = new Set();
  for (const m of list) {
    const tag = `${m.file.rel}\u0000${m.figure.shape}`;
    if (out.length < k && !used.has(tag)) {
      used.add(tag);
      out.push(m);
    }
  }
  for (const m of list) if (out.length < k && !out.includes(m)) out.push(m);
  return out;
}

const DEFINITIONS = {
  newFinding: 'a finding of the mutant\'s check (with the other files of its fixture directory; alone with --single) not among the original\'s: multiset by ruleId, severity, path and English message (a changed message is new)',
  caught: 'a new error or warning with a location (its own or a related one) in the mutated file that overlaps a mutated figure (its scalar or row cell), or lies within the mutated figure\'s top-level block (public_tables[3], scorecards[1], statements[7], funds, budget …); a mutant whose check throws or draws internal/error counts as caught only when a new parse/*, schema/* or value/* finding appears, else as an error',
  constrained: 'a figure one of whose mutants was caught (a swap counts only for a figure a catching finding points at), or one of whose probes was caught (×10 and its leading digit changed: checked, not counted, for every figure not yet constrained whose mutant was not caught), or at which some finding of any check (the originals\' and every mutant\'s, infos included) points: a location inside the figure\'s scalar or cell that overlaps its number',
  unconstrained: 'a mutant not caught that draws no new finding at all, of a figure that is not constrained',
  missed: 'any other mutant not caught (its figure is constrained, or it drew a new finding elsewhere)',
  score: 'caught ÷ (caught + missed)',
};

function printReport(r, opts) {
  const pad = (s, n) => String(s).padEnd(n);
  const num = (s, n) => String(s).padStart(n);
  const line = (label, c) => `  ${pad(label, 22)} ${num(c.mutants, 6)} ${num(c.caught, 7)} ${num(c.missed, 7)} ${num(c.unconstrained, 8)} ${num(c.error, 6)}   ${c.score === null ? '—' : `${(100 * c.score).toFixed(1)}%`}`;
  const head = `  ${pad('', 22)} ${num('mutants', 6)} ${num('caught', 7)} ${num('missed', 7)} ${num('unconstr', 8)} ${num('errors', 6)}   score`;
  console.log('');
  console.log('definitions:');
  for (const [k, v] of Object.entries(r.definitions)) console.log(`  ${pad(k, 14)} ${v}`);
  console.log('');
  console.log(`totals: ${r.totals.mutants} mutants — ${r.totals.caught} caught, ${r.totals.missed} missed, ${r.totals.unconstrained} unconstrained, ${r.totals.error} errors`);
  console.log(`score (caught share of constrained mutants): ${r.totals.caught}/${r.totals.caught + r.totals.missed} = ${share(r.totals.caught, r.totals.caught + r.totals.missed)}`);
  console.log(`lenient score (a new error or warning anywhere in the checked files counts): ${r.totals.caught + r.totals.caughtElsewhere}/${r.totals.caught + r.totals.missed} = ${share(r.totals.caught + r.totals.caughtElsewhere, r.totals.caught + r.totals.missed)}`);
  console.log(`  caught at the figure ${r.caughtHow.at}, only within its block ${r.caughtHow.block}, by schema ${r.caughtHow.schema}`);
  console.log(`  missed: ${Object.entries(r.missedWhy).map(([w, n]) => `${w} ${n}`).join(', ') || 'none'}`);
  console.log(`  probes (coarse mutants, not counted, deciding constrained): ${r.probes.mutants} on ${r.probes.figures} figures, ${r.probes.caught} caught`);
  console.log('');
  console.log('by file:');
  console.log(head);
  for (const f of r.files) console.log(`${line(f.file.replace(/^fixtures\//, ''), f)}   (${f.figures} figures, ${f.constrained} constrained)`);
  console.log('');
  console.log('by kind:');
  console.log(head);
  for (const [k, c] of Object.entries(r.byKind)) console.log(line(k, c));
  console.log('');
  console.log('by operator:');
  console.log(head);
  for (const [k, c] of Object.entries(r.byOperator)) console.log(line(k, c));
  console.log('');
  console.log('by rule pack (of the catching rules; a mutant caught by several packs counts for each):');
  for (const [p, c] of Object.entries(r.byPack)) console.log(`  ${pad(p, 12)} ${num(c.caught, 6)}  (${share(c.caught, r.totals.caught)} of caught)`);
  const groups = (title, list) => {
    console.log('');
    console.log(`${title}:`);
    if (list.length === 0) console.log('  none');
    for (const g of list) {
      const ops = Object.entries(g.ops).map(([o, n]) => `${o} ${n}`).join(', ');
      const why = g.why ? `; ${Object.entries(g.why).map(([w, n]) => `${w} ${n}`).join(', ')}` : '';
      console.log(`  ${g.key}: ${g.mutants} (${ops}${why})`);
      const by = Object.entries(g.by);
      console.log(`    where: ${by.slice(0, 8).map(([k, n]) => `${k} ${n}`).join('; ')}${by.length > 8 ? `; … ${by.length - 8} more` : ''}`);
      for (const e of g.examples) {
        console.log(`    ${e.file}:${e.line}  ${e.path}  ${e.op}: ${e.before} → ${e.after}`);
        if (e.otherNew) console.log(`      new: ${e.otherNew.join('; ')}`);
        if (e.constrainedBy) console.log(`      constrained: ${e.constrainedBy}`);
      }
    }
  };
  groups('missed mutants by key', r.missed);
  groups('unconstrained mutants by key', r.unconstrained);
  console.log('');
  console.log('figures by key (known constrained / all: a figure no mutant or probe touched is known constrained only when a finding points at it):');
  for (const [k, s] of Object.entries(r.figuresByKey)) console.log(`  ${pad(k, 22)} ${num(s.constrained, 5)} / ${num(s.figures, 5)}`);
  if (r.errors.length > 0) {
    console.log('');
    console.log('errors (the check failed on a mutant):');
    for (const e of r.errors.slice(0, 20)) console.log(`  ${e.file}:${e.line}  ${e.path}  ${e.op}: ${e.before} → ${e.after}: ${e.error}`);
  }
  console.log('');
  console.log(`time: ${r.seconds.total.toFixed(1)} s in all, ${r.seconds.check.toFixed(1)} s checking ${r.totals.mutants} mutants and ${r.probes.mutants} probes — ${r.mutantsPerSecond.toFixed(1)} mutants/s (${r.checksPerSecond.toFixed(1)} checks/s with the probes)`);
}

wire = await import(new URL('../packages/core/dist/parallel/wire.js', import.meta.url).href).catch(() => null);
if (!wire) {
  console.error('packages/core/dist/parallel/wire.js is missing: build first (pnpm build)');
  process.exit(2);
}
process.exitCode = await main();
