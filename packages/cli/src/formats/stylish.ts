/** The default human format: findings grouped by file, `line:col  severity  message  rule-id`. */
import { relative } from 'node:path';
import { pushTo, type Finding } from '@jixiao/core';
import type { Located, Report } from '../locate.js';
import type { Out } from '../output.js';
import { writeReport, type FileEntry, type FormatWriter, type Totals } from './writer.js';
import { pick, severityWord, type Locale } from '../locale.js';

export interface Style {
  color: boolean;
  /**
   * Columns to wrap long messages to: a number forces that width, `0` or `null` never wraps, and
   * left out it is `terminalWidth()` (the `COLUMNS` variable, else the terminal's width when stdout
   * is one, else no wrapping).
   */
  width?: number | null;
}

/**
 * The width stylish output wraps to when none is given: `COLUMNS` when it is set to a whole number
 * (it forces wrapping even into a pipe or a file; `COLUMNS=0` turns it off), else the width of
 * stdout when it is a terminal, else none (CI logs, pipes: one finding per line).
 */
export function terminalWidth(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = process.stdout): number | null {
  const forced = env.COLUMNS?.trim();
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced) > 0 ? Number(forced) : null;
  return stdout.isTTY === true && typeof stdout.columns === 'number' && stdout.columns > 0 ? stdout.columns : null;
}

// East Asian Wide (W) and Fullwidth (F) characters (UAX #11) take two columns of a terminal; the
// ambiguous ones (“ ” … ×) one, as most terminals show them. Combining marks and zero-width characters none.
const WIDE = /[\u1100-\u115F\u231A\u231B\u2329\u232A\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE\u2614\u2615\u2648-\u2653\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4\u26C5\u26CE\u26D4\u26EA\u26F2\u26F3\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728\u274C\u274E\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50\u2B55\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF01-\uFF60\uFFE0-\uFFE6\u{16FE0}-\u{16FE4}\u{17000}-\u{18CFF}\u{1B000}-\u{1B2FF}\u{1F004}\u{1F0CF}\u{1F18E}\u{1F191}-\u{1F19A}\u{1F200}-\u{1F2FF}\u{1F300}-\u{1F64F}\u{1F680}-\u{1F6FF}\u{1F7E0}-\u{1F7EB}\u{1F90C}-\u{1F9FF}\u{1FA70}-\u{1FAFF}\u{20000}-\u{2FFFD}\u{30000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\u2060\uFE00-\uFE0F\uFEFF]/u;

/** Columns one character (code point) takes on a terminal. */
function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : ZERO_WIDTH.test(ch) ? 0 : 1;
}

/** Columns a text takes on a terminal: a Chinese character two, a Latin letter one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

// Line breaking as Chinese text sets it: no line starts with a closing mark, none ends with an opening one.
const NO_START = new Set([...'，。、；：？！）》」』】〕〉｝］”’…‥·・%‰,.;:?!)]}']);
const NO_END = new Set([...'（《「『【〔〈｛［“‘([{']);

/** A run of text no line break goes through, with the spaces before it (dropped at a break). */
interface Piece { text: string; width: number; space: string }

/**
 * The pieces a line may break between: after spaces, around each Chinese character, never inside
 * a word or number of other characters (`99.82%`, a file path, `budget.adjusted`), never before a
 * closing mark or after an opening one.
 */
function pieces(text: string): Piece[] {
  const atoms: Piece[] = [];
  let space = '';
  let word: Piece | null = null;
  for (const ch of text) {
    if (ch === ' ' || ch === '\u3000' || ch === '\t') {
      word = null;
      space += ch;
      continue;
    }
    if (WIDE.test(ch) && !NO_START.has(ch) && !NO_END.has(ch)) {
      word = null;
      atoms.push({ text: ch, width: 2, space });
    } else if (word && !WIDE.test(ch)) {
      word.text += ch;
      word.width += charWidth(ch);
    } else {
      word = { text: ch, width: charWidth(ch), space };
      atoms.push(word);
      // Wide closing or opening marks are atoms of their own (glued below); a narrow word goes on.
      if (WIDE.test(ch)) word = null;
    }
    space = '';
  }
  const out: Piece[] = [];
  for (const a of atoms) {
    const prev = out[out.length - 1];
    const first = [...a.text][0] ?? '';
    const last = prev ? [...prev.text].pop() ?? '' : '';
    if (prev && a.space === '' && (NO_START.has(first) || NO_END.has(last))) {
      prev.text += a.text;
      prev.width += a.width;
    } else out.push({ ...a });
  }
  return out;
}

/** Lines of at most `room` columns (a piece wider than that is cut by characters). */
function wrapText(text: string, room: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const flush = () => {
    lines.push(line);
    line = '';
    width = 0;
  };
  for (const p of pieces(text)) {
    const space = line === '' ? '' : p.space;
    const spaceWidth = displayWidth(space);
    if (width + spaceWidth + p.width <= room) {
      line += space + p.text;
      width += spaceWidth + p.width;
      continue;
    }
    if (p.width <= room) {
      if (line !== '') flush();
      line = p.text;
      width = p.width;
      continue;
    }
    // Longer than a whole line: cut where the columns run out, starting on this line if it has room.
    if (line !== '' && width + spaceWidth < room) {
      line += space;
      width += spaceWidth;
    } else if (line !== '') flush();
    for (const ch of p.text) {
      const w = charWidth(ch);
      if (width + w > room && line !== '') flush();
      line += ch;
      width += w;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Below this many columns for the message, wrapping would help nobody: the line is left long. */
const MIN_ROOM = 20;

/**
 * A finding's first line, `  line:col  severity  message  rule-id`, wrapped to `width` columns:
 * the message goes on under its own first column; the rule id is never cut, and ends the last line
 * (or has a line of its own when it does not fit there).
 */
function findingLines(place: string, sev: string, severity: Finding['severity'], message: string, ruleId: string, style: Style, width: number | null): string[] {
  const lead = `  ${paint(style, 'dim', place)}${paint(style, severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan', sev)}  `;
  const rule = paint(style, 'dim', ruleId);
  const indent = 2 + displayWidth(place) + displayWidth(sev) + 2;
  const room = width === null ? 0 : width - indent;
  if (width === null || room < MIN_ROOM || indent + displayWidth(message) + 2 + displayWidth(ruleId) <= width) return [`${lead}${message}  ${rule}`];
  const lines = wrapText(message, room);
  const pad = ' '.repeat(indent);
  const last = lines[lines.length - 1] ?? '';
  const out = lines.map((l, i) => (i === 0 ? `${lead}${l}` : `${pad}${l}`));
  if (displayWidth(last) + 2 + displayWidth(ruleId) <= room) out[out.length - 1] += `  ${rule}`;
  else out.push(`${pad}${rule}`);
  return out;
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

function line(l: Located, locale: Locale, style: Style, width: number | null): string[] {
  const f = l.finding;
  const sev = severityWord(f.severity, locale);
  // At least one space after the place, however long it is (`12345:678`).
  const place = `${`${l.place.startLine}:${l.place.startColumn}`.padEnd(7)} `;
  const out = findingLines(place, sev, f.severity, visible(f.message[locale]), f.ruleId, style, width);
  for (const r of l.related) {
    const where = r.file === f.file ? `${r.startLine}:${r.startColumn}` : `${relative(process.cwd(), r.file) || r.file}:${r.startLine}:${r.startColumn}`;
    out.push(paint(style, 'dim', `          ↳ ${visible(where)}  ${visible(r.message[locale])}`));
  }
  if (f.fix) out.push(paint(style, 'dim', `          ${f.fix.safe ? pick(locale, '可自动修复：', 'fixable: ') : pick(locale, '建议：', 'suggestion: ')}${visible(f.fix.message[locale])}`));
  return out;
}

/** Stylish written file by file as results arrive: each file's findings under its name, the summary at the end. */
export class StylishWriter implements FormatWriter {
  private readonly width: number | null;

  constructor(private readonly out: Out, private readonly locale: Locale, private readonly style: Style) {
    this.width = style.width === undefined ? terminalWidth() : style.width || null;
  }

  file(entry: FileEntry): void {
    const byFile = new Map<string, Located[]>();
    for (const l of entry.located) pushTo(byFile, l.place.file, l);
    for (const [file, list] of byFile) {
      const out = [paint(this.style, 'underline', visible(file))];
      for (const l of list) out.push(...line(l, this.locale, this.style, this.width));
      out.push('');
      this.out.write(`${out.join('\n')}\n`);
    }
  }

  end(c: Totals): void {
    const { locale, style } = this;
    const out: string[] = [];
    const total = c.errors + c.warnings + c.infos;
    const files = c.files;
    const summary = pick(locale,
      `${files} 个文件，${total} 个问题（${c.errors} 个错误，${c.warnings} 个警告，${c.infos} 个提示）`,
      `${plural(files, 'file')}, ${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.infos} info)`);
    out.push(total === 0 ? summary : paint(style, 'bold', summary));
    if (c.fixable > 0) out.push(pick(locale, `其中 ${c.fixable} 个可用 --fix 自动修复。`, `${c.fixable} of them can be fixed with --fix.`));
    this.out.write(`${out.join('\n')}\n`);
  }
}

export function formatStylish(report: Report, locale: Locale, style: Style): string {
  return writeReport(report, (out) => new StylishWriter(out, locale, style));
}

/** “1 file”, “2 files”. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
