/** The review's own words, Chinese first, English with `--locale en`. */
import type { DocumentKind, EvaluatorType, Severity } from '@jixiao/core';
import type { Score } from './model.js';

export type Locale = 'zh' | 'en';

export const SEVERITY_WORD: Record<Severity, Record<Locale, string>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

export const EVALUATOR_WORD: Record<EvaluatorType, Record<Locale, string>> = {
  self: { zh: '单位自评', en: 'self' },
  department: { zh: '部门评价', en: 'department' },
  finance: { zh: '财政评价', en: 'finance' },
  'third-party': { zh: '第三方评价', en: 'third party' },
};

export const KIND_WORD: Record<DocumentKind | 'unreadable', Record<Locale, string>> = {
  'self-evaluation': { zh: '自评表', en: 'self-evaluation form' },
  evaluation: { zh: '评价报告', en: 'evaluation report' },
  summary: { zh: '自评结果汇总表', en: 'summary table' },
  'final-accounts': { zh: '部门决算', en: 'final accounts' },
  budget: { zh: '部门预算', en: 'budget' },
  unreadable: { zh: '无法读取', en: 'unreadable' },
};

export const PACK_WORD: Record<string, Record<Locale, string>> = {
  io: { zh: '读取', en: 'reading' },
  parse: { zh: 'YAML 语法', en: 'YAML syntax' },
  schema: { zh: '格式', en: 'format' },
  accounts: { zh: '决算与预算', en: 'accounts' },
  value: { zh: '数值', en: 'values' },
  sums: { zh: '合计', en: 'sums' },
  weights: { zh: '分值', en: 'weights' },
  grades: { zh: '得分与等级', en: 'scores and grades' },
  gaps: { zh: '自评与外部评价', en: 'self vs external' },
  claims: { zh: '文字陈述', en: 'statements' },
  style: { zh: '书写', en: 'style' },
  suppress: { zh: '禁用注释', en: 'suppressions' },
  internal: { zh: '内部错误', en: 'internal' },
};

export function packWord(pack: string, locale: Locale): string {
  return PACK_WORD[pack]?.[locale] ?? pack;
}

export function kindWord(kind: DocumentKind | null, locale: Locale): string {
  return KIND_WORD[kind ?? 'unreadable'][locale];
}

export function evaluatorWord(e: EvaluatorType | null, locale: Locale): string {
  return e ? EVALUATOR_WORD[e][locale] : '';
}

/** A score with the decimals it was written with ("92.85", "100.00"). */
export function formatScore(s: Score | null): string {
  return s ? s.value.toFixed(s.decimals) : '';
}

/** A gap with its sign ("+7.15", "-2.5", "0"). */
export function formatGap(s: Score | null): string {
  if (!s) return '';
  const text = s.value.toFixed(s.decimals);
  return s.value.gt(0) ? `+${text}` : text;
}
