/** Findings that come from reading a file or the config rather than from a rule pack. */
import type { Messages } from '@jixiao/core';

const KNOWN: Record<string, { summary: Messages; what: string }> = {
  'io/unreadable': { summary: { zh: '文件无法读取', en: 'The file cannot be read' }, what: '文件不存在、是目录或没有读取权限。' },
  'config/invalid': { summary: { zh: '配置文件无效', en: 'The config file is invalid' }, what: 'jixiao.config.yaml 中有语法错误、未知的键或无效的值。' },
  'config/unreadable': { summary: { zh: '配置文件无法读取', en: 'The config file cannot be read' }, what: '找到的 jixiao.config.yaml 无法读取。' },
  'suppress/unknown-rule': { summary: { zh: '禁用注释中的规则不存在', en: 'A jixiao-disable comment names an unknown rule' }, what: 'jixiao-disable 注释中写的规则编号不存在，多半是笔误；该注释不会生效。' },
  'schema/unknown-key': { summary: { zh: '未知的键', en: 'Unknown key' }, what: 'jixiao/1 格式中没有这个键（常见原因：拼写错误、缩进错误）。' },
  'schema/missing-key': { summary: { zh: '缺少必需的键', en: 'Missing required key' }, what: 'jixiao/1 格式要求此处有这个键。' },
  'schema/invalid': { summary: { zh: '值的类型或内容不符合格式', en: 'A value does not fit the format' }, what: '此处的值类型不对（例如应为列表却写了数字）或内容无效。' },
  'schema/format': { summary: { zh: '缺少 format: jixiao/1', en: 'Missing format: jixiao/1' }, what: '文件第一层应有 format: jixiao/1。' },
  'schema/kind': { summary: { zh: '未知的文档类型', en: 'Unknown document kind' }, what: 'kind 应为 evaluation、self-evaluation 或 summary。' },
  'schema/not-a-document': { summary: { zh: '不是 jixiao/1 文档', en: 'Not a jixiao/1 document' }, what: '文件顶层不是键值映射。' },
  'value/unreadable': { summary: { zh: '数字无法读取', en: 'A figure cannot be read' }, what: '应为数字的位置写了无法识别为数字的内容。' },
};

export function builtinRuleDocs(id: string): { summary: Messages; what: string } {
  const known = KNOWN[id];
  if (known) return known;
  if (id.startsWith('parse/')) return { summary: { zh: 'YAML 无法解析', en: 'The YAML cannot be parsed' }, what: `文件的 YAML 语法或编码有问题（${id}）；修正后才会检查其余规则。` };
  return { summary: { zh: id, en: id }, what: id };
}

export function builtinRuleIds(): string[] {
  return Object.keys(KNOWN);
}
