/** The schemas over YAML leaves: scalars become exact figures (with spans), texts, integers. */
import { z } from 'zod';
import { Leaf } from './leaf.js';
import { buildSchemas, type LeafBuilders } from './schema.js';

const leaf = z.instanceof(Leaf, { message: 'expected a single value here' });

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads 0-99 written in digits or simple Chinese numerals (十八, 二十, 四). */
export function readCount(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(t);
  if (m) return (m[1] ? (CHINESE_DIGITS[m[1]] ?? 0) : 1) * 10 + (m[2] ? (CHINESE_DIGITS[m[2]] ?? 0) : 0);
  if (t.length === 1 && t in CHINESE_DIGITS) return CHINESE_DIGITS[t] ?? null;
  return null;
}

/**
 * An issue with its finding's rule id and both languages' messages; `{where}` stands for the
 * document path, filled in by load.ts where the path is known.
 */
function issue(code: string, zh: string, en: string) {
  return { code: 'custom' as const, message: en, params: { jixiaoCode: code, zh, en } };
}

/** A row string with where its characters start in the file (null when escapes make the two differ). */
export interface RowText {
  kind: 'row';
  text: string;
  span: readonly [number, number];
  offset: number | null;
}

function rowOf(l: Leaf): RowText {
  const width = l.span[1] - l.span[0];
  const offset = width === l.text.length ? l.span[0] : width === l.text.length + 2 ? l.span[0] + 1 : null;
  return { kind: 'row', text: l.text, span: l.span, offset };
}

const located: LeafBuilders = {
  row: leaf.transform((l) => rowOf(l)),
  figure: leaf.transform((l, ctx) => {
    if (l.filled || l.isBlank) return undefined;
    const f = l.figure();
    if (f.kind === 'text') {
      ctx.addIssue(issue('value/unreadable', `无法读取数值“${l.text}”（位于 {where}）`, `cannot read “${l.text}” at {where}: expected a number as printed (1,057.54 / 97.03% / 9.85分) or a dash for not applicable`));
      return z.NEVER;
    }
    return f;
  }),
  value: leaf.transform((l) => (l.isBlank ? undefined : l.figure())),
  requiredValue: leaf.transform((l, ctx) => {
    if (l.filled) return undefined;
    if (l.isBlank || l.text.trim() === '') {
      ctx.addIssue(issue('schema/missing-value', `“{where}”为空：应写出句中的数字`, `{where} is empty: write the figure as the sentence states it`));
      return z.NEVER;
    }
    return l.figure();
  }),
  // A repaired (missing, required) text reads as empty, so that names and sentences stay strings.
  text: leaf.transform((l) => (l.filled ? '' : l.isBlank ? undefined : l.text)),
  integer: leaf.transform((l, ctx) => {
    if (l.filled) return undefined;
    const n = readCount(l.text);
    if (n === null) {
      ctx.addIssue(issue('value/unreadable', `无法读取整数“${l.text}”（位于 {where}）`, `cannot read “${l.text}” at {where}: expected a whole number`));
      return z.NEVER;
    }
    return n;
  }),
  boolean: leaf.transform((l, ctx) => {
    if (l.filled) return undefined;
    if (typeof l.value !== 'boolean') {
      ctx.addIssue(issue('schema/invalid-type', `“{where}”应为 true 或 false，实际是“${l.text}”`, `{where}: expected true or false, got “${l.text}”`));
      return z.NEVER;
    }
    return l.value;
  }),
  literal: (value) =>
    leaf.transform((l, ctx) => {
      if (l.text !== value) {
        ctx.addIssue(issue('schema/invalid-value', `“{where}”应为“${value}”，实际是“${l.text}”`, `{where}: expected “${value}”, got “${l.text}”`));
        return z.NEVER;
      }
      return value;
    }),
  oneOf: (values) =>
    leaf.transform((l, ctx) => {
      if (l.filled) return undefined;
      if (!values.includes(l.text)) {
        ctx.addIssue(issue('schema/invalid-value', `“{where}”应为 ${values.join(' | ')} 之一，实际是“${l.text}”`, `{where}: expected one of ${values.join(' | ')}, got “${l.text}”`));
        return z.NEVER;
      }
      return l.text;
    }),
};


export const locatedSchemas = buildSchemas(located);
