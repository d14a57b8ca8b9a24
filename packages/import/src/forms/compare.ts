/**
 * Figure by figure, how a self-evaluation draft agrees with a hand-verified transcription of the
 * same form, as compare.ts does for the cells of public tables. Compared: the funds block (each
 * row's 年初预算数 / 全年预算数 / 到位数 / 执行数 / 执行率 / 分值 / 得分, `funds.weight`), the indicator
 * tree (each node's weight, deduction, score, rate, target, actual, measured, grade, by its path of
 * names — the printed name when the transcription corrects a typo — whether it sits in `indicators`
 * or in a scorecard), `indicators_weight`, the 总分 (`total`), and annex tables (each row's values by
 * the row's name and the column's rank). A figure counts as reproduced only when the draft prints
 * the same text at the same place (spaces aside: they are the layout's, as in `≤19.5 万元`). A figure
 * the draft prints where the transcription has none, or another, is invented.
 *
 * Both documents are read as YAML text, so that a number is compared as written (`10.00`, not 10).
 */
import { parseYaml, type YNode } from '@jixiao/core';

export interface FormComparison {
  /** Figures of the transcription. */
  figures: number;
  exact: number;
  /** `path: expected → found` for each figure not reproduced. */
  misses: string[];
  /** `path: found` (or `path: found, transcribed expected`) for each figure of the draft not in the transcription. */
  invented: string[];
}

type Plain = string | Plain[] | { [key: string]: Plain };

function plain(node: YNode | null): Plain | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.text;
  if (node.kind === 'seq') return node.items.map((n) => plain(n) ?? '');
  const out: { [key: string]: Plain } = Object.create(null);
  for (const e of node.entries) out[e.key] = plain(e.value) ?? '';
  return out;
}

const isMap = (v: Plain | undefined): v is { [key: string]: Plain } => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Plain | undefined) => (typeof v === 'string' ? v : undefined);
const norm = (text: string) => text.replace(/\s+/g, '');
const key = (name: string) => norm(name).replace(/^其中[:：]/, '').replace(/[（]/g, '(').replace(/[）]/g, ')');

const FUNDS_FIELDS = ['planned', 'adjusted', 'received', 'spent', 'rate', 'weight', 'score'];
const INDICATOR_FIELDS = ['weight', 'deduction', 'score', 'rate', 'target', 'actual', 'measured', 'grade'];
const TOTAL_FIELDS = ['weight', 'deduction', 'score', 'rate', 'grade'];

/** Every figure of a self-evaluation document, by a path that does not depend on how it is laid out. */
export function formFigures(yamlText: string): Map<string, string> {
  const doc = plain(parseYaml(yamlText).root);
  const out = new Map<string, string>();
  const put = (path: string, v: Plain | undefined) => {
    const text = str(v);
    if (text === undefined || norm(text) === '') return;
    let p = path;
    for (let n = 2; out.has(p); n++) p = `${path}#${n}`;
    out.set(p, norm(text));
  };
  if (!isMap(doc)) return out;
  const row = (prefix: string, r: Plain | undefined) => {
    if (!isMap(r)) return;
    for (const f of FUNDS_FIELDS) put(`${prefix}/${f}`, r[f]);
  };
  const named = (prefix: string, rows: Plain | undefined) => {
    if (!Array.isArray(rows)) return;
    const seen = new Map<string, number>();
    for (const r of rows) {
      if (!isMap(r)) continue;
      const name = key(str(r.name) ?? '');
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      row(`${prefix}/${name}${n > 1 ? `#${n}` : ''}`, r);
    }
  };
  const funds = doc.funds;
  if (isMap(funds)) {
    put('funds/weight', funds.weight);
    for (const k of ['total', 'current_year', 'carried_over', 'other']) row(`funds/${k}`, funds[k]);
    named('funds/rows', funds.rows);
    const spending = funds.spending;
    if (isMap(spending)) {
      for (const k of ['basic', 'personnel', 'public_use', 'project']) row(`funds/spending/${k}`, spending[k]);
      named('funds/spending/rows', spending.rows);
    }
  }
  put('indicators_weight', doc.indicators_weight);
  const tree = (prefix: string, list: Plain | undefined) => {
    if (!Array.isArray(list)) return;
    const seen = new Map<string, number>();
    for (const n of list) {
      if (!isMap(n)) continue;
      const name = key(str(n.printed_name) ?? str(n.name) ?? '');
      const k = (seen.get(name) ?? 0) + 1;
      seen.set(name, k);
      const path = `${prefix}/${name}${k > 1 ? `#${k}` : ''}`;
      for (const f of INDICATOR_FIELDS) put(`${path}/${f}`, n[f]);
      tree(path, n.children);
    }
  };
  tree('indicators', doc.indicators);
  if (Array.isArray(doc.scorecards)) for (const card of doc.scorecards) if (isMap(card)) tree('indicators', card.indicators);
  if (isMap(doc.total)) for (const f of TOTAL_FIELDS) put(`total/${f}`, doc.total[f]);
  if (Array.isArray(doc.tables)) {
    doc.tables.forEach((t, k) => {
      if (!isMap(t)) return;
      const values = (prefix: string, r: Plain | undefined) => {
        if (!isMap(r) || !Array.isArray(r.values)) return;
        r.values.forEach((v, c) => put(`${prefix}/@${c}`, v));
      };
      const seen = new Map<string, number>();
      if (Array.isArray(t.rows)) {
        for (const r of t.rows) {
          if (!isMap(r)) continue;
          const name = key(str(r.name) ?? '');
          const n = (seen.get(name) ?? 0) + 1;
          seen.set(name, n);
          values(`tables/${k}/${name}${n > 1 ? `#${n}` : ''}`, r);
        }
      }
      values(`tables/${k}/total`, t.total);
    });
  }
  return out;
}

export function compareForms(transcription: string, draft: string): FormComparison {
  const want = formFigures(transcription);
  const got = formFigures(draft);
  let exact = 0;
  const misses: string[] = [];
  const invented: string[] = [];
  for (const [path, w] of want) {
    const g = got.get(path);
    if (g === w) exact++;
    else misses.push(`${path}: ${w} → ${g ?? 'missing'}`);
  }
  for (const [path, g] of got) {
    const w = want.get(path);
    if (w === undefined) invented.push(`${path}: ${g}`);
    else if (w !== g) invented.push(`${path}: ${g}, transcribed ${w}`);
  }
  return { figures: want.size, exact, misses, invented };
}
