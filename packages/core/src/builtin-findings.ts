/**
 * The findings that come from reading a file, its YAML, its schema or the config rather than from a
 * rule pack: one catalogue, which `jixiao rules`, `explain`, SARIF and the review document, and which a
 * test keeps complete (every id the sources emit is here).
 */
import type { Messages } from './finding.js';

const KNOWN: Record<string, { summary: Messages; what: Messages }> = {
  'io/unreadable': { summary: { zh: '文件无法读取', en: 'The file cannot be read' }, what: { zh: '文件不存在、是目录或没有读取权限。', en: 'The file does not exist, is a directory, or cannot be read (no permission).' } },
  'io/not-fixed': { summary: { zh: '修复未写入', en: 'Fixes were not written' }, what: { zh: '--fix 未写入该文件的修复：文件只读、所在目录不可写，或读取后已被修改（不覆盖他人的改动）。文件的其他问题照常报告，其余文件照常修复。', en: '--fix did not write this file\'s fixes: the file is read-only, its directory is not writable, or it changed after it was read (someone else\'s edit is never overwritten). Its findings are reported as usual, and the other files are fixed.' } },
  'schema/missing-value': { summary: { zh: '值为空', en: 'An empty value' }, what: { zh: '此处必须写出值（例如语句中的数字），却为空或空字符串。', en: 'A value must be written here (such as the figure a sentence states), but it is blank or an empty string.' } },
  'suppress/unused': { summary: { zh: '禁用注释没有屏蔽任何问题', en: 'A jixiao-disable comment suppresses nothing' }, what: { zh: 'jixiao-disable-next-line / disable-line / disable 注释没有屏蔽任何问题（问题已改正，或注释放错了行）。过期的注释会悄悄屏蔽以后在这里出现的真问题，应删去。', en: 'A jixiao-disable-next-line / disable-line / disable comment suppresses nothing (the problem was fixed, or the comment is on the wrong line). A stale comment would silently hide the next real problem here: remove it.' } },
  'config/invalid': { summary: { zh: '配置文件无效', en: 'The config file is invalid' }, what: { zh: 'jixiao.config.yaml 中有语法错误、未知的键或无效的值。', en: 'jixiao.config.yaml has a syntax error, an unknown key or an invalid value.' } },
  'config/unreadable': { summary: { zh: '配置文件无法读取', en: 'The config file cannot be read' }, what: { zh: '找到的 jixiao.config.yaml 无法读取。', en: 'The jixiao.config.yaml that was found cannot be read.' } },
  'suppress/unknown-rule': { summary: { zh: '禁用注释中的规则不存在', en: 'A jixiao-disable comment names an unknown rule' }, what: { zh: 'jixiao-disable 注释中写的规则编号不存在，多半是笔误；该注释不会生效。', en: 'The rule id in a jixiao-disable comment does not exist, most likely a typo; the comment has no effect.' } },
  'schema/unknown-key': { summary: { zh: '未知的键', en: 'Unknown key' }, what: { zh: 'jixiao/1 格式中没有这个键（常见原因：拼写错误、缩进错误）。', en: 'The jixiao/1 format has no such key here (common causes: a misspelling, wrong indentation).' } },
  'schema/missing-key': { summary: { zh: '缺少必需的键', en: 'Missing required key' }, what: { zh: 'jixiao/1 格式要求此处有这个键。', en: 'The jixiao/1 format requires this key here.' } },
  'schema/invalid': { summary: { zh: '值的类型或内容不符合格式', en: 'A value does not fit the format' }, what: { zh: '此处的值类型不对（例如应为列表却写了数字）或内容无效。', en: 'The value here has the wrong type (for example a number where a list belongs) or invalid content.' } },
  'schema/format': { summary: { zh: '缺少 format: jixiao/1', en: 'Missing format: jixiao/1' }, what: { zh: '文件第一层应有 format: jixiao/1。', en: 'The top level of the file should have format: jixiao/1.' } },
  'schema/kind': { summary: { zh: '未知的文档类型', en: 'Unknown document kind' }, what: { zh: 'kind 应为 evaluation、self-evaluation 或 summary。', en: 'kind should be evaluation, self-evaluation or summary.' } },
  'schema/not-a-document': { summary: { zh: '不是 jixiao/1 文档', en: 'Not a jixiao/1 document' }, what: { zh: '文件顶层不是键值映射。', en: 'The top level of the file is not a mapping of keys to values.' } },
  'value/unreadable': { summary: { zh: '数字无法读取', en: 'A figure cannot be read' }, what: { zh: '应为数字的位置写了无法识别为数字的内容。', en: 'Where a figure belongs, the text cannot be read as a number.' } },
  'schema/empty': { summary: { zh: '文件为空', en: 'The file is empty' }, what: { zh: '文件为空，或只有注释。', en: 'The file is empty, or holds only comments.' } },
  'schema/invalid-type': { summary: { zh: '值的类型不对', en: 'A value of the wrong type' }, what: { zh: '此处应为 true 或 false 等特定类型的值。', en: 'A value of a particular type (such as true or false) belongs here.' } },
  'schema/invalid-value': { summary: { zh: '值不在允许的范围内', en: 'A value that is not one of those allowed' }, what: { zh: '此处的值应为列出的几个值之一（例如 role、evaluator.type）。', en: 'The value here must be one of a listed few (such as role, evaluator.type).' } },
  'parse/syntax': { summary: { zh: 'YAML 语法错误', en: 'YAML syntax error' }, what: { zh: '文件不是合法的 YAML。', en: 'The file is not valid YAML.' } },
  'parse/bad-indent': { summary: { zh: '缩进错误', en: 'Bad indentation' }, what: { zh: '某一行的缩进与上下文不符。', en: 'A line is indented in a way its context does not allow.' } },
  'parse/tab-indent': { summary: { zh: '用了制表符缩进', en: 'Indented with a tab' }, what: { zh: 'YAML 不允许用制表符缩进，请改用空格。', en: 'YAML does not allow tabs for indentation: use spaces.' } },
  'parse/unclosed': { summary: { zh: '引号或括号未闭合', en: 'An unclosed quote or bracket' }, what: { zh: '字符串的引号或 { [ 没有闭合。', en: 'A quote, { or [ is not closed.' } },
  'parse/duplicate-key': { summary: { zh: '重复的键', en: 'A duplicate key' }, what: { zh: '同一映射中同一个键出现两次，后者会覆盖前者。', en: 'The same key appears twice in one mapping: the second would replace the first.' } },
  'parse/multiple-documents': { summary: { zh: '一个文件中有多份文档', en: 'Several documents in one file' }, what: { zh: '文件中有 --- 分隔的多份 YAML 文档；每个文件只应有一份。', en: 'The file holds several YAML documents separated by ---; one file holds one.' } },
  'parse/alias': { summary: { zh: '锚点或别名过多', en: 'Too many anchors or aliases' }, what: { zh: '别名展开过多（可能是“十亿笑”攻击），已拒绝。', en: 'Aliases expand too much (a possible “billion laughs”), refused.' } },
  'parse/too-deep': { summary: { zh: '嵌套过深', en: 'Nested too deeply' }, what: { zh: '嵌套层级超过上限。', en: 'The nesting is deeper than the limit.' } },
  'parse/too-large': { summary: { zh: '文件过大', en: 'The file is too large' }, what: { zh: '文件超过大小上限，未读取。', en: 'The file is over the size limit and was not read.' } },
  'parse/encoding': { summary: { zh: '不是 UTF-8 编码', en: 'Not UTF-8' }, what: { zh: '文件不是 UTF-8 文本（例如 GBK 或 UTF-16），在第一个错误字节处报告。', en: 'The file is not UTF-8 text (GBK or UTF-16, for instance); reported at the first bad byte.' } },
  'limits/time': { summary: { zh: '检查超出时间预算', en: 'The check went over its time budget' }, what: { zh: '检查这一个文件的时间超过了预算（--max-file-seconds，默认 120 秒），已停止；其他文件照常检查。多半是文件异常庞大，或触发了 jixiao 的缺陷（请报告）。', en: 'Checking this one file took longer than its budget (--max-file-seconds, default 120 s) and was stopped; the other files are checked as usual. Most likely the file is unusually large, or it hit a bug in jixiao (please report it).' } },
  'limits/memory': { summary: { zh: '检查超出内存预算', en: 'The check went over its memory budget' }, what: { zh: '检查这一个文件所需的内存超过了预算（--max-file-memory，默认 4096 MB），已停止；其他文件照常检查。', en: 'Checking this one file needed more memory than its budget (--max-file-memory, default 4096 MB) and was stopped; the other files are checked as usual.' } },
  'internal/error': { summary: { zh: '内部错误', en: 'Internal error' }, what: { zh: 'jixiao 自身的错误，只影响这一个文件；请报告此问题。', en: 'A bug in jixiao that affected only this file; please report it.' } },
};

export function builtinRuleDocs(id: string): { summary: Messages; what: Messages } {
  const known = KNOWN[id];
  if (known) return known;
  if (id.startsWith('parse/')) return { summary: { zh: 'YAML 无法解析', en: 'The YAML cannot be parsed' }, what: { zh: `文件的 YAML 语法或编码有问题（${id}）；修正后才会检查其余规则。`, en: `The file's YAML syntax or encoding is broken (${id}); the other rules are checked once it is fixed.` } };
  return { summary: { zh: id, en: id }, what: { zh: id, en: id } };
}

export function builtinRuleIds(): string[] {
  return Object.keys(KNOWN);
}
