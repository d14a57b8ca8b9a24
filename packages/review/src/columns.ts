/**
 * The columns of the two tables a reviewer takes away (findings and submissions), shared by the
 * CSV files and the xlsx workbook so that both always say the same.
 */
import type { FindingView, Score, Submission } from './model.js';
import { evaluatorWord, formatGap, kindWord, SEVERITY_WORD, type Locale } from './i18n.js';

export type Cell = string | number | Score | null;

export interface Column<T> {
  /** Stable English key (the English header). */
  key: string;
  zh: string;
  /** text: a string; int: a whole number; score: a decimal figure kept with its decimals. */
  type: 'text' | 'int' | 'score';
  value: (row: T, locale: Locale) => Cell;
  /** The widest the column gets in the workbook (characters; it is as wide as its header and cells need, up to this). */
  maxWidth: number;
}

export interface FindingRow {
  submission: Submission;
  finding: FindingView;
}

/**
 * The text of the figure's line (what Excel users see without opening the file): its key and value
 * as written, without the YAML indentation and list dashes (`- name: 成本指标` reads `name: 成本指标`).
 * The dash is YAML's markup, not the document's text, and a cell starting with "-" would otherwise
 * need the CSV's formula guard (a visible apostrophe).
 */
export function sourceLine(f: FindingView): string {
  const e = f.excerpt;
  if (!e) return '';
  return (e.lines[e.mark.startLine - e.firstLine] ?? '').trim().replace(/^(?:-(?:[ \t]+|$))+/, '');
}

const GAP_WORD = {
  none: { zh: '', en: '' },
  warn: { zh: '超过警告阈值', en: 'over the warning threshold' },
  error: { zh: '超过错误阈值', en: 'over the error threshold' },
} as const;

export const FINDING_COLUMNS: Column<FindingRow>[] = [
  { key: 'file', zh: '文件', type: 'text', maxWidth: 40, value: (r) => r.submission.file },
  { key: 'unit', zh: '单位', type: 'text', maxWidth: 24, value: (r) => r.submission.unit },
  { key: 'project_id', zh: '项目编号', type: 'text', maxWidth: 24, value: (r) => r.submission.projectKey },
  { key: 'project', zh: '项目', type: 'text', maxWidth: 28, value: (r) => r.submission.projectName },
  { key: 'year', zh: '年度', type: 'int', maxWidth: 30, value: (r) => r.submission.year },
  { key: 'evaluator', zh: '评价方', type: 'text', maxWidth: 30, value: (r, l) => evaluatorWord(r.submission.evaluator, l) },
  { key: 'rule', zh: '规则', type: 'text', maxWidth: 28, value: (r) => r.finding.ruleId },
  { key: 'pack', zh: '规则包', type: 'text', maxWidth: 30, value: (r) => r.finding.pack },
  { key: 'severity', zh: '级别', type: 'text', maxWidth: 30, value: (r, l) => SEVERITY_WORD[r.finding.severity][l] },
  { key: 'line', zh: '行', type: 'int', maxWidth: 30, value: (r) => r.finding.line },
  { key: 'column', zh: '列', type: 'int', maxWidth: 30, value: (r) => r.finding.column },
  { key: 'path', zh: '位置', type: 'text', maxWidth: 30, value: (r) => r.finding.path },
  { key: 'message', zh: '问题', type: 'text', maxWidth: 60, value: (r, l) => r.finding.message[l] },
  { key: 'source', zh: '原文', type: 'text', maxWidth: 50, value: (r) => sourceLine(r.finding) },
];

export const SUBMISSION_COLUMNS: Column<Submission>[] = [
  { key: 'file', zh: '文件', type: 'text', maxWidth: 40, value: (s) => s.file },
  { key: 'kind', zh: '类型', type: 'text', maxWidth: 30, value: (s, l) => kindWord(s.kind, l) },
  { key: 'unit', zh: '单位', type: 'text', maxWidth: 24, value: (s) => s.unit },
  { key: 'authority', zh: '主管部门', type: 'text', maxWidth: 24, value: (s) => s.authority },
  { key: 'project_id', zh: '项目编号', type: 'text', maxWidth: 24, value: (s) => s.projectKey },
  { key: 'project', zh: '项目', type: 'text', maxWidth: 28, value: (s) => s.projectName },
  { key: 'year', zh: '年度', type: 'int', maxWidth: 30, value: (s) => s.year },
  { key: 'evaluator', zh: '评价方', type: 'text', maxWidth: 30, value: (s, l) => evaluatorWord(s.evaluator, l) },
  { key: 'evaluator_name', zh: '评价机构', type: 'text', maxWidth: 24, value: (s) => s.evaluatorName },
  { key: 'score', zh: '得分', type: 'score', maxWidth: 30, value: (s) => s.score },
  { key: 'self_score', zh: '自评得分', type: 'score', maxWidth: 30, value: (s) => s.selfScore },
  { key: 'external_score', zh: '外部评价得分', type: 'score', maxWidth: 30, value: (s) => s.externalScore },
  { key: 'external_evaluator', zh: '外部评价方', type: 'text', maxWidth: 30, value: (s, l) => evaluatorWord(s.externalEvaluator, l) },
  { key: 'gap', zh: '分差', type: 'score', maxWidth: 30, value: (s) => s.gap },
  { key: 'gap_level', zh: '分差判断', type: 'text', maxWidth: 30, value: (s, l) => GAP_WORD[s.gapLevel][l] },
  { key: 'stated_grade', zh: '写明等级', type: 'text', maxWidth: 12, value: (s) => s.statedGrade },
  { key: 'computed_grade', zh: '按分数段等级', type: 'text', maxWidth: 12, value: (s) => s.computedGrade },
  { key: 'entries', zh: '汇总条目', type: 'int', maxWidth: 30, value: (s) => (s.kind === 'summary' ? s.entries : null) },
  { key: 'errors', zh: '错误', type: 'int', maxWidth: 30, value: (s) => s.errors },
  { key: 'warnings', zh: '警告', type: 'int', maxWidth: 30, value: (s) => s.warnings },
  { key: 'infos', zh: '提示', type: 'int', maxWidth: 30, value: (s) => s.infos },
];

export function header<T>(c: Column<T>, locale: Locale): string {
  return locale === 'zh' ? c.zh : c.key;
}

/** A cell as text: scores with their decimals (gaps with a sign), blanks empty. */
export function cellText<T>(c: Column<T>, row: T, locale: Locale): string {
  const v = c.value(row, locale);
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return c.key === 'gap' ? formatGap(v) : v.value.toFixed(v.decimals);
  return String(v);
}

export function findingRows(submissions: readonly Submission[]): FindingRow[] {
  return submissions.flatMap((submission) => submission.findings.map((finding) => ({ submission, finding })));
}

/** East Asian wide and fullwidth characters (CJK, kana, hangul, fullwidth forms): two columns each. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** How many columns a text takes in a fixed-width grid: a wide character two, any other one (the widest line of several). */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    let w = 0;
    for (const ch of line) w += WIDE.test(ch) ? 2 : 1;
    widest = Math.max(widest, w);
  }
  return widest;
}
