/**
 * Checks a parsed rule against the fact catalogue of its subject: every fact its conditions, `at`,
 * `related` and `fix` name, every `{{placeholder}}` of its messages and every operator must exist.
 * A misspelling is a load error that says what was meant, never a rule that silently never fires
 * or prints “—”.
 */
import { SUBJECT_CATALOGUES, type SubjectKind } from '../facts/catalogue.js';
import { closest } from '../text/closest.js';
import type { Condition } from './conditions.js';
import { OPERATOR_NAMES } from './operators.js';

interface RuleShape {
  subject: SubjectKind;
  message: { zh: string; en: string };
  at: string;
  conditions: Condition;
  rounding?: { conditions: Condition; message: { zh: string; en: string } } | { conditions: Condition; message: { zh: string; en: string } }[];
  related?: (string | { fact: string; message: { zh: string; en: string } })[];
  fix?: { value: string };
}

function walk(cond: Condition, visit: (fact: string, operator: string, value: unknown) => void): void {
  if ('all' in cond) cond.all.forEach((c) => walk(c, visit));
  else if ('any' in cond) cond.any.forEach((c) => walk(c, visit));
  else if ('not' in cond) walk(cond.not, visit);
  else visit(cond.fact, cond.operator, cond.value);
}

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** The problems of one rule, each a sentence in both languages; empty when it is sound. */
export function ruleProblems(rule: RuleShape): { zh: string; en: string }[] {
  const facts = Object.keys(SUBJECT_CATALOGUES[rule.subject]);
  const problems: { zh: string; en: string }[] = [];
  const fact = (name: string, where: string, extra: readonly string[] = []) => {
    if (facts.includes(name) || extra.includes(name)) return;
    const guess = closest(name, [...facts, ...extra]);
    problems.push({
      zh: `${where}：主体 ${rule.subject} 没有事实“${name}”${guess ? `，是否想写“${guess}”？` : ''}`,
      en: `${where}: subject ${rule.subject} has no fact “${name}”${guess ? `; did you mean “${guess}”?` : ''}`,
    });
  };
  const conditions = (c: Condition, where: string) => walk(c, (name, operator, value) => {
    fact(name, where);
    if (!OPERATOR_NAMES.includes(operator)) {
      const guess = closest(operator, OPERATOR_NAMES);
      problems.push({ zh: `${where}：未知的运算符“${operator}”${guess ? `，是否想写“${guess}”？` : ''}`, en: `${where}: unknown operator “${operator}”${guess ? `; did you mean “${guess}”?` : ''}` });
    }
    if (typeof value === 'object' && value !== null && 'fact' in value) fact(String((value as { fact: unknown }).fact), where);
  });
  const placeholders = (m: { zh: string; en: string }, where: string, extra: readonly string[] = []) => {
    for (const text of [m.zh, m.en]) for (const match of text.matchAll(PLACEHOLDER)) fact(match[1] ?? '', `${where} {{${match[1] ?? ''}}}`, extra);
  };
  conditions(rule.conditions, 'conditions');
  placeholders(rule.message, 'message');
  fact(rule.at, 'at');
  const alternatives = rule.rounding === undefined ? [] : Array.isArray(rule.rounding) ? rule.rounding : [rule.rounding];
  alternatives.forEach((alt, i) => {
    conditions(alt.conditions, `rounding[${i}].conditions`);
    placeholders(alt.message, `rounding[${i}].message`);
  });
  (rule.related ?? []).forEach((entry, i) => {
    if (typeof entry === 'string') fact(entry, `related[${i}]`);
    else {
      fact(entry.fact, `related[${i}].fact`);
      placeholders(entry.message, `related[${i}].message`, ['item']);
    }
  });
  if (rule.fix) fact(rule.fix.value, 'fix.value');
  return problems;
}
