/**
 * Figures as printed in Chinese public-finance documents, read exactly: `1,057.54`, `97.03%`,
 * `≥90%`, `≤19.5万元`, `9.85分`, `５０人`, and YAML numbers by their source text. The decimal value
 * is kept as a decimal.js Decimal together with its stated precision, unit and comparator.
 */
import { Decimal } from 'decimal.js';

export type Comparator = '≥' | '≤' | '=' | '>' | '<';

export interface Located {
  /** Offsets into the file's text. */
  span: readonly [number, number];
}

export interface NumberFigure extends Located {
  kind: 'number';
  text: string;
  value: Decimal;
  /** Decimal places as written: `26.0` → 1, `100` → 0. */
  decimals: number;
  percent: boolean;
  unit: string | null;
  comparator: Comparator | null;
  /**
   * A result of a computation as printed (a stated rate, an execution score): a whole number stands
   * for ±0.5 whatever the integer policy, as 86% printed for 37.24 ÷ 43.2 does. Set by the document
   * views from the figure's key (facts/views.ts).
   */
  rounded?: boolean;
}

export interface TextFigure extends Located {
  kind: 'text';
  text: string;
}

/** A cell that holds a dash: "not applicable", distinct from a blank (absent) and from 0. */
export interface NotApplicableFigure extends Located {
  kind: 'na';
  text: string;
}

export type Figure = NumberFigure | TextFigure | NotApplicableFigure;

const FULL_WIDTH: Record<string, string> = {
  '．': '.', '，': ',', '％': '%', '＋': '+', '－': '-', '−': '-', '＝': '=', '＞': '>', '＜': '<',
  '≧': '≥', '≦': '≤', '　': ' ',
};

/** Maps full-width digits and signs to ASCII; leaves CJK text alone. */
export function normaliseWidth(text: string): string {
  // Most figures are plain ASCII: nothing to map, no string built.
  if (ASCII.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 48);
    else out += FULL_WIDTH[ch] ?? ch;
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/** The common case read directly: digits, an optional fraction and percent sign, nothing else (`93.33%`, `1778.28`, `10`). */
const PLAIN_NUMBER = /^(-?\d+)(?:\.(\d+))?(%?)$/;

const NOT_APPLICABLE = new Set(['-', '—', '――', '—', '–', '/', '／', '--', '——', '－', '―']);
const COMPARATORS: [RegExp, Comparator][] = [
  [/^(?:≥|>=|不低于|不少于|大于等于)/, '≥'],
  [/^(?:≤|<=|不高于|不超过|不多于|小于等于)/, '≤'],
  [/^(?:>|大于|高于)/, '>'],
  [/^(?:<|小于|低于)/, '<'],
  [/^=/, '='],
];
// sign, integer part (optionally grouped by thousands), fraction, percent sign, unit
// Linear on any input: the rest is taken whole (\s*…\s*(.*)$ once backtracked cubically over a run of
// spaces before a line break: 8 s for 3 KB).
const NUMBER = /^([+-]?)((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d+))?(?:\s*(%|‰))?\s*([^]*)$/u;
const UNIT = /^[\p{Script=Han}A-Za-z²³/]{1,8}$/u;

export function isNotApplicable(text: string): boolean {
  return NOT_APPLICABLE.has(text.trim());
}

/** Reads one printed value. Returns a text figure when it is not a number (qualitative values). */
export function readFigure(raw: string, span: readonly [number, number]): Figure {
  const text = raw;
  const plain = PLAIN_NUMBER.exec(raw);
  if (plain) {
    // What the general reading below gives for such a text, without its normalising and comparator passes.
    const [, whole = '', frac, pct] = plain;
    return { kind: 'number', text, value: new Decimal(frac === undefined ? whole : `${whole}.${frac}`), decimals: frac === undefined ? 0 : frac.length, percent: pct === '%', unit: null, comparator: null, span };
  }
  const trimmed = normaliseWidth(raw).trim();
  if (isNotApplicable(trimmed)) return { kind: 'na', text, span };
  let rest = trimmed;
  let comparator: Comparator | null = null;
  for (const [pattern, comp] of COMPARATORS) {
    const m = pattern.exec(rest);
    if (m) {
      comparator = comp;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  const m = NUMBER.exec(rest);
  if (!m) return { kind: 'text', text, span };
  const [, sign = '', intPart = '', frac, pct, unitRaw = ''] = m;
  const unit = unitRaw.trim();
  if (unit !== '' && !UNIT.test(unit)) return { kind: 'text', text, span };
  const digits = `${sign}${intPart.replace(/,/g, '')}${frac === undefined ? '' : `.${frac}`}`;
  return {
    kind: 'number',
    text,
    value: new Decimal(digits),
    decimals: frac === undefined ? 0 : frac.length,
    percent: pct === '%' ,
    unit: unit === '' ? (pct === '‰' ? '‰' : null) : unit,
    comparator,
    span,
  };
}

/** The value as a plain fraction (97.03% → 0.9703); other figures unchanged. */
export function asFraction(f: NumberFigure): Decimal {
  return f.percent ? f.value.div(100) : f.value;
}

