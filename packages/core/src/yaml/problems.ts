/**
 * Syntax problems in both languages, with a small set of clear rule ids instead of the `yaml`
 * package's error codes:
 *
 * | rule id                    | what                                                              |
 * | -------------------------- | ----------------------------------------------------------------- |
 * | `parse/bad-indent`         | indentation that breaks the structure (or a key missing its colon) |
 * | `parse/tab-indent`         | a tab used for indentation                                        |
 * | `parse/unclosed`           | a quote or bracket opened and never closed (placed at the opener) |
 * | `parse/duplicate-key`      | the same key twice in one mapping                                 |
 * | `parse/multiple-documents` | more than one YAML document (`---`) in the file                   |
 * | `parse/alias`              | an alias (`*name`): not supported, never expanded                 |
 * | `parse/too-deep`           | nesting deeper than MAX_DEPTH levels                              |
 * | `parse/syntax`             | any other YAML syntax error                                       |
 */
import type { ParseProblem, Span } from './tree.js';
import { MAX_DEPTH } from './tree.js';

export function problem(code: string, zh: string, en: string, span: Span): ParseProblem {
  return { code, zh, message: en, span };
}

/** Problems that are not YAML syntax errors (the YAML is fine, jixiao/1 refuses it). */
const NOT_SYNTAX = new Set(['parse/alias', 'parse/too-deep']);

/** A problem's finding messages: syntax errors say so first. */
export function problemMessages(p: ParseProblem): { zh: string; en: string } {
  if (NOT_SYNTAX.has(p.code)) return { zh: p.zh, en: p.message };
  return { zh: `YAML 语法错误：${p.zh}`, en: `YAML syntax error: ${p.message}` };
}

export function tooDeep(at: number): ParseProblem {
  return problem(
    'parse/too-deep',
    `嵌套层级过深（超过 ${MAX_DEPTH} 层）：jixiao/1 文件不需要这么深的结构`,
    `nesting too deep (more than ${MAX_DEPTH} levels): no jixiao/1 file needs such depth`,
    [at, at + 1],
  );
}

export function aliasProblem(name: string, span: Span): ParseProblem {
  return problem(
    'parse/alias',
    `jixiao/1 文件不支持锚点与别名（&/*）：别名“*${name}”未展开，请直接写出该值`,
    `jixiao/1 files do not support anchors and aliases (&/*): the alias “*${name}” is not expanded; write the value out`,
    span,
  );
}

const OTHER_ZH: Record<string, string> = {
  UNEXPECTED_TOKEN: '此处出现了意外的内容',
  BAD_DIRECTIVE: '无效的 % 指令',
  BAD_PROP_ORDER: '锚点或标签的位置不对',
  MULTIPLE_ANCHORS: '一个值带有多个锚点',
  MULTIPLE_TAGS: '一个值带有多个标签',
  TAG_RESOLVE_FAILED: '无法识别的标签（!tag）',
  BAD_COLLECTION_TYPE: '标签与列表或映射的类型不符',
  NON_STRING_KEY: '键必须是文本',
  ALIAS_PROPS: '别名不能带锚点或标签',
  BAD_ALIAS: '无效的锚点或别名',
  IMPOSSIBLE: '无法解析此处',
};

/** What the `yaml` package's MISSING_CHAR messages say. */
const MISSING_ZH: [RegExp, string][] = [
  [/Implicit map keys need to be followed by map values/, '键后面缺少冒号（应为 键: 值）'],
  [/Missing space after :/, '冒号后面缺少空格'],
  [/Missing , (or : )?between/, '方括号或花括号中的各项之间缺少逗号'],
  [/Comments must be separated/, '注释符号 # 前面缺少空格'],
  [/Tags and anchors must be separated/, '锚点或标签后面缺少空格'],
  [/Sequence item without - indicator/, '列表项缺少“- ”'],
];

/** The first line of a `yaml` error message, without its position suffix. */
function detail(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Translates one `yaml` package error (code, message, span in `input`) into a problem. */
export function yamlProblem(code: string, message: string, span: Span, input: string): ParseProblem {
  const en = detail(message);
  switch (code) {
    case 'TAB_AS_INDENT':
      return problem('parse/tab-indent', '不能用制表符（Tab）缩进，请改用空格', 'tabs are not allowed as indentation; use spaces', span);
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return problem('parse/bad-indent', `缩进不正确（或键后缺少冒号）`, `bad indentation (or a key without its colon): ${en}`, span);
    case 'DUPLICATE_KEY': {
      const line = input.slice(span[0], input.indexOf('\n', span[0]) >= 0 ? input.indexOf('\n', span[0]) : input.length);
      const key = (/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|.*?)\s*:(?:\s|$)/.exec(line)?.[1] ?? input.slice(span[0], span[1])).trim();
      const keySpan: Span = [span[0], Math.max(span[1], span[0] + key.length)];
      return problem('parse/duplicate-key', `重复的键“${key}”`, `duplicate key “${key}”`, keySpan);
    }
    case 'MULTIPLE_DOCS':
      return problem('parse/multiple-documents', '文件含有多个 YAML 文档（---），jixiao/1 文件只能有一个', 'the file holds several YAML documents (---); a jixiao/1 file has exactly one', span);
    case 'MISSING_CHAR': {
      if (/quote/.test(en)) return problem('parse/unclosed', '引号没有闭合', `unclosed quote: ${en}`, span);
      const zh = MISSING_ZH.find(([pattern]) => pattern.test(en))?.[1] ?? '缺少字符';
      return problem('parse/syntax', `${zh}`, `${en}`, span);
    }
    case 'BAD_DQ_ESCAPE':
      return problem('parse/syntax', '双引号字符串中的转义序列无效', `${en}`, span);
    case 'BAD_SCALAR_START':
      return problem('parse/syntax', '值不能以此字符开头（请给值加引号）', `${en} (quote the value)`, span);
    case 'BLOCK_IN_FLOW':
      return problem('parse/syntax', '方括号或花括号内不能使用缩进结构', `${en}`, span);
    case 'KEY_OVER_1024_CHARS':
      return problem('parse/syntax', '键超过 1024 个字符', `${en}`, span);
    case 'RESOURCE_EXHAUSTION':
      return problem('parse/too-deep', '嵌套层级过深：无法读取', `nesting too deep: ${en}`, span);
    default:
      return problem('parse/syntax', `${OTHER_ZH[code] ?? '无法解析此处'}`, `${en}`, span);
  }
}
