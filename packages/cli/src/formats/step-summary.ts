/** The GitHub Actions job summary (`$GITHUB_STEP_SUMMARY`): the counts and the first findings, as Markdown. */
import { appendFileSync } from 'node:fs';
import type { Located, Report } from '../locate.js';
import { addTotals, emptyTotals, type Totals } from './writer.js';
import { pick, severityWord, type Locale } from '../locale.js';
import { visible } from './stylish.js';

const SHOWN = 50;

/** A Markdown table cell: no pipe, no line break, no HTML. */
const cell = (s: string) => visible(s).replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** The summary's counts and first findings, gathered as results arrive (only the first SHOWN are kept). */
export class StepSummary {
  private readonly shown: Located[] = [];
  private count = 0;

  add(located: readonly Located[]): void {
    for (const l of located) {
      if (this.shown.length < SHOWN) this.shown.push(l);
      this.count++;
    }
  }

  markdown(c: Totals, locale: Locale): string {
    const out = [
      `### jixiao`,
      '',
      pick(locale,
        `${c.files} 个文件：${c.errors} 个错误，${c.warnings} 个警告，${c.infos} 个提示`,
        `${c.files} files: ${c.errors} errors, ${c.warnings} warnings, ${c.infos} info`),
      '',
    ];
    if (this.count > 0) {
      out.push(pick(locale, '| 位置 | 级别 | 说明 | 规则 |', '| place | severity | message | rule |'), '| --- | --- | --- | --- |');
      for (const l of this.shown) {
        out.push(`| ${cell(`${l.place.file}:${l.place.startLine}:${l.place.startColumn}`)} | ${severityWord(l.finding.severity, locale)} | ${cell(l.finding.message[locale])} | \`${l.finding.ruleId}\` |`);
      }
      if (this.count > SHOWN) out.push('', pick(locale, `……另有 ${this.count - SHOWN} 个问题`, `… and ${this.count - SHOWN} more`));
    }
    return `${out.join('\n')}\n`;
  }
}

export function stepSummary(report: Report, locale: Locale): string {
  const s = new StepSummary();
  const all = [...report.extra, ...report.located];
  s.add(all);
  const totals = emptyTotals();
  addTotals(totals, all, false);
  totals.files = report.results.length;
  return s.markdown(totals, locale);
}

export function appendStepSummary(file: string, markdown: string): void {
  appendFileSync(file, markdown, 'utf8');
}
