/** The default human format: findings grouped by file, `line:col  severity  message  rule-id`. */
import { relative } from 'node:path';
import { pushTo } from '@jixiao/core';
import { counts, type Located, type Report } from '../locate.js';
import { pick, severityWord, type Locale } from '../locale.js';

export interface Style {
  color: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;
function paint(style: Style, code: keyof typeof ANSI, text: string): string {
  return style.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text;
}

/**
 * Text from a document shown on a terminal: control characters (ESC, CR, BEL …) are written as
 * escapes, so that a value cannot move the cursor, erase its own line or recolour the report.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

function line(l: Located, locale: Locale, style: Style): string[] {
  const f = l.finding;
  const sev = severityWord(f.severity, locale);
  const coloured = paint(style, f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'cyan', sev);
  const out = [`  ${paint(style, 'dim', `${l.place.startLine}:${l.place.startColumn}`.padEnd(8))}${coloured}  ${visible(f.message[locale])}  ${paint(style, 'dim', f.ruleId)}`];
  for (const r of l.related) {
    const where = r.file === f.file ? `${r.startLine}:${r.startColumn}` : `${relative(process.cwd(), r.file) || r.file}:${r.startLine}:${r.startColumn}`;
    out.push(paint(style, 'dim', `          ↳ ${visible(where)}  ${visible(r.message[locale])}`));
  }
  if (f.fix) out.push(paint(style, 'dim', `          ${f.fix.safe ? pick(locale, '可自动修复：', 'fixable: ') : pick(locale, '建议：', 'suggestion: ')}${visible(f.fix.message[locale])}`));
  return out;
}

export function formatStylish(report: Report, locale: Locale, style: Style): string {
  const out: string[] = [];
  const byFile = new Map<string, Located[]>();
  for (const l of [...report.extra, ...report.located]) pushTo(byFile, l.place.file, l);
  for (const [file, list] of byFile) {
    out.push(paint(style, 'underline', visible(file)));
    for (const l of list) out.push(...line(l, locale, style));
    out.push('');
  }
  const c = counts(report);
  const total = c.errors + c.warnings + c.infos;
  const files = report.results.length;
  const summary = pick(locale,
    `${files} 个文件，${total} 个问题（${c.errors} 个错误，${c.warnings} 个警告，${c.infos} 个提示）`,
    `${plural(files, 'file')}, ${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.infos} info)`);
  out.push(total === 0 ? summary : paint(style, 'bold', summary));
  if (c.fixable > 0) out.push(pick(locale, `其中 ${c.fixable} 个可用 --fix 自动修复。`, `${c.fixable} of them can be fixed with --fix.`));
  return out.join('\n');
}

/** “1 file”, “2 files”. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
