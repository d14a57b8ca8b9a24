/**
 * Figures read from a document's texts, with no `statements` written by the transcriber: goal boxes
 * (年度目标 / 实际完成情况), reasons, evidence, notes. Two readings, each only where the sentence is
 * unambiguous:
 * - splits: “共 30 万元，其中 A 12 万元、B 10 万元、C 8 万元” (money, or a count: “205人，其中…113人、…92人”):
 *   the parts add to the total (kind `text-split`);
 * - labelled figures: “预算资金 19.5 万元”, “实际支出 17.41 万元”, “预算执行率 89.28%”, “自评得分 98.93 分” against the
 *   same figure of the document's funds block, budget or total (kind `text-figure`).
 * An open list (等), a comparison inside the list (比上年增加 …), a figure about another year (上年 …), a
 * unit that differs from the document's, draw nothing.
 */
import type { CheckConfig } from '../config.js';
import { formatPath } from '../finding.js';
import type { Figure, NumberFigure } from '../values/figure.js';
import { readFigure } from '../values/figure.js';
import { sumOf } from './computed.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

type PathStep = string | number;
type Span = readonly [number, number];

const TEXT_KEYS = ['reason', 'evidence', 'note'] as const;

/** The document's texts that state figures in prose, with their paths. */
function textsOf(view: DocView): { text: string; path: PathStep[] }[] {
  const out: { text: string; path: PathStep[] }[] = [];
  const add = (text: string | undefined, path: PathStep[]) => {
    if (typeof text === 'string' && /\d/.test(text)) out.push({ text, path });
  };
  const d = view.doc;
  add(d.goal?.planned, ['goal', 'planned']);
  add(d.goal?.achieved, ['goal', 'achieved']);
  add(d.notes, ['notes']);
  add(d.budget?.note, ['budget', 'note']);
  const funds = d.funds;
  if (funds) {
    for (const key of ['total', 'current_year', 'carried_over', 'other'] as const) {
      add(funds[key]?.reason, ['funds', key, 'reason']);
      add(funds[key]?.note, ['funds', key, 'note']);
    }
  }
  for (const card of view.cards) {
    for (const node of card.all) {
      // The path is built only for a text that is there (most indicators have none).
      for (const key of TEXT_KEYS) {
        const text = node.indicator[key];
        if (text !== undefined) add(text, [...node.path, key]);
      }
    }
  }
  return out;
}

/** Where a piece of a text stands in the file: found in the scalar's source when the view has it, else the whole scalar. */
function locate(view: DocView, path: PathStep[], text: string, index: number, piece: string): Span {
  const whole = view.spanAt(path);
  const source = view.source;
  if (!source) return whole;
  const raw = source.slice(whole[0], whole[1]);
  // The same occurrence of the piece, counted from the text's start.
  let nth = 0;
  for (let at = text.indexOf(piece); at !== -1 && at < index; at = text.indexOf(piece, at + 1)) nth++;
  let found = -1;
  for (let k = 0, at = raw.indexOf(piece); at !== -1; at = raw.indexOf(piece, at + 1), k++) {
    if (k === nth) { found = at; break; }
  }
  return found < 0 ? whole : [whole[0] + found, whole[0] + found + piece.length];
}

const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const MONEY_UNITS = ['亿元', '万元', '元'];
const COUNT_UNITS = ['人次', '人', '个', '项', '名', '家', '户', '次', '所', '件', '台', '辆', '套', '场', '篇', '份', '批', '期', '处', '座', '条', '本', '册', '张', '间', '栋', '公里', '平方米', '亩'];
const UNIT = [...MONEY_UNITS, ...COUNT_UNITS].join('|');
/** Words that make a list not a plain split: an open list, a comparison, a share, a year. */
const NOT_A_SPLIT = /等|比上年|较上年|同比|增加|减少|增长|下降|以上|以下|以内|不少于|不超过|约|左右|累计|分别|占比?|年度?\d|\d{4}年/u;
const TOTAL_WORD = /(?:共计?|合计|总计|总额为?|总数为?|总量为?)/u;
const SPLIT = new RegExp(String.raw`${TOTAL_WORD.source}[^，。；;,:：\d]{0,12}?(${NUMBER})\s*(${UNIT})[^，。；;\d]{0,6}?[，,]\s*其中[：:，,]?([^。；;]*)`, 'gu');
/** With no 共 / 合计: the figure right before “，其中” (“现有编制人员205人，其中…”). */
const BARE_SPLIT = new RegExp(String.raw`(?<![\d.,])(${NUMBER})\s*(${UNIT})[，,]\s*其中[：:，,]?([^。；;]*)`, 'gu');

interface Found { figure: NumberFigure; index: number; piece: string }

function figureAt(view: DocView, path: PathStep[], text: string, index: number, digits: string, unit: string, piece: string): NumberFigure | undefined {
  const f = readFigure(`${digits}${unit}`, locate(view, path, text, index, piece));
  return f.kind === 'number' ? f : undefined;
}

/** “共 X 单位，其中 …a 单位、…b 单位” with two parts or more in the same unit, and nothing that makes the list open or not a split. */
function splits(view: DocView, text: string, path: PathStep[]): { total: Found; parts: Found[] }[] {
  const out: { total: Found; parts: Found[] }[] = [];
  const seen = new Set<number>();
  for (const m of [...text.matchAll(SPLIT), ...text.matchAll(BARE_SPLIT)]) {
    const [all, digits = '', unit = '', list = ''] = m;
    if (NOT_A_SPLIT.test(list) || /其中|共|合计/.test(list)) continue;
    const listStart = (m.index ?? 0) + all.length - list.length;
    const partRe = new RegExp(String.raw`(${NUMBER})\s*(${UNIT})`, 'gu');
    const parts: Found[] = [];
    let sameUnit = true;
    for (const p of list.matchAll(partRe)) {
      if (p[2] !== unit) { sameUnit = false; break; }
      const index = listStart + (p.index ?? 0);
      const figure = figureAt(view, path, text, index, p[1] ?? '', unit, p[1] ?? '');
      if (figure) parts.push({ figure, index, piece: p[1] ?? '' });
    }
    // Every number of the list must be a part (a bare number or one of another unit makes it unclear).
    const numbers = [...list.matchAll(new RegExp(NUMBER, 'gu'))].length;
    if (!sameUnit || parts.length < 2 || numbers !== parts.length) continue;
    const totalIndex = (m.index ?? 0) + all.indexOf(digits);
    if (seen.has(totalIndex)) continue;
    seen.add(totalIndex);
    const total = figureAt(view, path, text, totalIndex, digits, unit, digits);
    if (total) out.push({ total: { figure: total, index: totalIndex, piece: digits }, parts });
  }
  return out;
}

interface Label { re: RegExp; zh: string; en: string; unit: 'money' | 'percent' | 'points'; figures: (view: DocView) => { figure: NumberFigure; path: string }[] }

const fundsOrBudget = (key: 'planned' | 'adjusted' | 'spent') => (view: DocView) => {
  const out: { figure: NumberFigure; path: string }[] = [];
  const f = num(view.doc.funds?.total?.[key]);
  if (f) out.push({ figure: f, path: `funds.total.${key}` });
  const b = num(view.doc.budget?.[key]);
  if (b) out.push({ figure: b, path: `budget.${key}` });
  return out;
};
const either = (...fs: ((view: DocView) => { figure: NumberFigure; path: string }[])[]) => (view: DocView) => fs.flatMap((f) => f(view));

/** Labels a sentence gives a figure the document also states. The first that matches a label wins (longest first). */
const LABELS: Label[] = [
  { re: /年初预算(?:数|资金|金额)?/u, zh: '年初预算数', en: 'initial budget', unit: 'money', figures: fundsOrBudget('planned') },
  { re: /(?:全年预算数|调整后预算(?:数)?|全年预算)/u, zh: '全年预算数', en: 'annual budget', unit: 'money', figures: fundsOrBudget('adjusted') },
  { re: /(?:项目)?预算(?:资金|金额|安排)?/u, zh: '预算数', en: 'budget', unit: 'money', figures: either(fundsOrBudget('adjusted'), fundsOrBudget('planned')) },
  { re: /(?:全年执行数|实际支出|实际执行|执行金额|执行数|支出资金|资金支出|已支出|共支出)/u, zh: '执行数', en: 'amount spent', unit: 'money', figures: fundsOrBudget('spent') },
  {
    re: /(?:预算执行率|资金执行率|执行率)/u, zh: '执行率', en: 'execution rate', unit: 'percent',
    figures: (view) => [
      ...(num(view.doc.funds?.total?.rate) ? [{ figure: num(view.doc.funds?.total?.rate) as NumberFigure, path: 'funds.total.rate' }] : []),
      ...(num(view.doc.budget?.execution_rate) ? [{ figure: num(view.doc.budget?.execution_rate) as NumberFigure, path: 'budget.execution_rate' }] : []),
    ],
  },
  {
    re: /(?:自评得分|自评总分|综合得分|总得分|总分)/u, zh: '总分', en: 'total score', unit: 'points',
    figures: (view) => [
      ...(num(view.doc.total?.score) ? [{ figure: num(view.doc.total?.score) as NumberFigure, path: 'total.score' }] : []),
      ...(num(view.doc.result?.score) ? [{ figure: num(view.doc.result?.score) as NumberFigure, path: 'result.score' }] : []),
    ],
  },
];
/** Each label's words alone (which label a match is), made once. */
const WHOLE_LABELS = LABELS.map((l) => new RegExp(`^(?:${l.re.source})$`, 'u'));
const LABELLED = new RegExp(String.raw`(${LABELS.map((l) => l.re.source).join('|')})(?:为|是|达到?|共计?|合计|总计|[：:])?\s*(${NUMBER})\s*(万元|元|%|分)`, 'gu');
/** A figure about something else: another year, a total investment, a cumulative figure. */
const OTHER_YEAR = /(?:上年|去年|上一年|以前年度|累计|总投资|\d{4}年)[^，。；]{0,4}$/u;

function moneyUnitOf(view: DocView, figures: readonly NumberFigure[]): string {
  return figures.find((f) => f.unit && MONEY_UNITS.includes(f.unit))?.unit ?? view.doc.unit ?? '万元';
}

function labelled(view: DocView, text: string, path: PathStep[]): { label: Label; stated: NumberFigure; referred: { figure: NumberFigure; path: string }[] }[] {
  const out: { label: Label; stated: NumberFigure; referred: { figure: NumberFigure; path: string }[] }[] = [];
  for (const m of text.matchAll(LABELLED)) {
    const [, word = '', digits = '', unit = ''] = m;
    const label = LABELS.find((_, i) => (WHOLE_LABELS[i] as RegExp).test(word));
    if (!label) continue;
    if (OTHER_YEAR.test(text.slice(Math.max(0, (m.index ?? 0) - 8), m.index ?? 0))) continue;
    if ((label.unit === 'money') !== (unit === '万元' || unit === '元') || (label.unit === 'percent') !== (unit === '%') || (label.unit === 'points') !== (unit === '分')) continue;
    const referred = label.figures(view);
    if (referred.length === 0) continue;
    // Money in another unit than the document's is not compared (the text may be about a part).
    if (label.unit === 'money' && unit !== moneyUnitOf(view, referred.map((r) => r.figure))) continue;
    const index = (m.index ?? 0) + m[0].indexOf(digits, word.length);
    const stated = figureAt(view, path, text, index, digits, unit === '%' ? '%' : unit === '分' ? '分' : unit, digits);
    if (stated) out.push({ label, stated, referred });
  }
  return out;
}

/** The subjects of the figures the document's texts state. */
export function textFigureSubjects(view: DocView, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  for (const { text, path } of textsOf(view)) {
    const where = formatPath(path);
    for (const s of splits(view, text, path)) {
      out.push({
        kind: 'text-split', file: view.file, path: where, span: s.total.figure.span,
        facts: {
          text: () => text, total: () => s.total.figure, parts: () => s.parts.map((p) => p.figure), count: () => s.parts.length,
          partsSum: () => sumOf(s.parts.map((p) => p.figure), config.tolerance),
        },
      });
    }
    for (const l of labelled(view, text, path)) {
      // Agreeing with any of the figures of that name (funds block or budget, planned or adjusted) is agreeing.
      const closest = (): Figure | undefined => l.referred.find((r) => r.figure.value.eq(l.stated.value))?.figure ?? l.referred[0]?.figure;
      out.push({
        kind: 'text-figure', file: view.file, path: where, span: l.stated.span,
        facts: {
          text: () => text, label: () => l.label.zh, labelEn: () => l.label.en, stated: () => l.stated,
          referred: () => closest(), referredPath: () => l.referred.find((r) => r.figure === closest())?.path,
        },
      });
    }
  }
  return out;
}
