/** The GitHub Actions job summary (`$GITHUB_STEP_SUMMARY`): the counts and the first findings, as Markdown. */
import { appendFileSync } from 'node:fs';
import { counts, type Report } from '../locate.js';
import { pick, severityWord, type Locale } from '../locale.js';
import { visible } from './stylish.js';

const SHOWN = 50;

/** A Markdown table cell: no pipe, no line break, no HTML. */
const cell = (s: string) => visible(s).replace(/\|/g, '\\|').replace(/</g, '&lt;');

export function stepSummary(report: Report, locale: Locale): string {
  const c = counts(report);
  const all = [...report.extra, ...report.located];
  const out = [
    `### jixiao`,
    '',
    pick(locale,
      `${report.results.length} 个文件：${c.errors} 个错误，${c.warnings} 个警告，${c.infos} 个提示`,
      `${report.results.length} files: ${c.errors} errors, ${c.warnings} warnings, ${c.infos} info`),
    '',
  ];
  if (all.length > 0) {
    out.push(pick(locale, '| 位置 | 级别 | 说明 | 规则 |', '| place | severity | message | rule |'), '| --- | --- | --- | --- |');
    for (const l of all.slice(0, SHOWN)) {
      out.push(`| ${cell(`${l.place.file}:${l.place.startLine}:${l.place.startColumn}`)} | ${severityWord(l.finding.severity, locale)} | ${cell(l.finding.message[locale])} | \`${l.finding.ruleId}\` |`);
    }
    if (all.length > SHOWN) out.push('', pick(locale, `……另有 ${all.length - SHOWN} 个问题`, `… and ${all.length - SHOWN} more`));
  }
  return `${out.join('\n')}\n`;
}

export function appendStepSummary(file: string, markdown: string): void {
  appendFileSync(file, markdown, 'utf8');
}
