/** Result summaries (自评结果汇总表): one entry per project. */
import { SUMMARY_KINDS } from './schema.js';

export function isSummaryKind(kind: string): kind is (typeof SUMMARY_KINDS)[number] {
  return (SUMMARY_KINDS as readonly string[]).includes(kind);
}
