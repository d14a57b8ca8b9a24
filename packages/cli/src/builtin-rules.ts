/** Findings that come from reading a file or the config rather than from a rule pack. */
import type { Messages } from '@jixiao/core';

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
