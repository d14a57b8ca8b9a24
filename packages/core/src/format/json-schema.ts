/** The JSON Schema of `jixiao/1`, generated from the same schema builders as the validator. */
import { z } from 'zod';
import { buildSchemas, DOCUMENT_KINDS, type LeafBuilders } from './schema.js';

const figure = z.union([z.number(), z.string()]).describe('a figure as printed: 248.19, 1,057.54, 97.03%, 9.85分, or - for not applicable');
const json: LeafBuilders = {
  figure,
  value: z.union([z.number(), z.string()]).describe('a value as printed: ≥90%, ≤19.5万元, 50人, 按时'),
  requiredValue: z.union([z.number(), z.string().min(1)]).describe('the figure as the sentence states it (not empty)'),
  text: z.union([z.string(), z.number()]),
  integer: z.union([z.number().int(), z.string()]),
  boolean: z.boolean(),
  literal: (value) => z.literal(value),
  oneOf: (values) => z.enum(values as [string, ...string[]]),
  row: z.union([z.string(), z.number()]).describe('one printed row: cells separated by |, e.g. 201 | 一般公共服务支出 | 5,013.30 | 2,285.30 | 2,728.00'),
};

export function jixiaoJsonSchema(): Record<string, unknown> {
  const s = buildSchemas(json);
  const kinds = DOCUMENT_KINDS.map((kind) => s[kind] as z.ZodObject);
  const document = z.discriminatedUnion('kind', kinds as [z.ZodObject, ...z.ZodObject[]]);
  const schema = z.toJSONSchema(document, { unrepresentable: 'any', cycles: 'ref', reused: 'ref' }) as Record<string, unknown>;
  return {
    $id: 'https://jixiao.dev/schema/jixiao-1.schema.json',
    title: 'jixiao/1 document (绩效评价报告 / 项目支出绩效自评表 / 自评结果汇总表 / 部门决算 / 部门预算)',
    ...schema,
  };
}
