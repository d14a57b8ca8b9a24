/**
 * A numeric cell's text as the sheet shows it, never with a digit the file does not hold.
 *
 * - Excel shows at most 15 significant digits, so the stored double is first read at 15 digits:
 *   floating-point noise such as 0.1 + 0.2 = 0.30000000000000004 reads 0.3, as Excel shows it.
 * - General (no format, or Text `@`): the shortest plain decimal of that value (9501164, 0.3,
 *   12345678901.5). SheetJS's own General text keeps only about 11 significant digits (it gives
 *   12345678901 for 12345678901.5), so it is not used.
 * - A number format: SheetJS's SSF formats the value, after it has been rounded half away from zero,
 *   in decimal, to the places the format shows (percent and thousands scaling counted), as Excel
 *   rounds: SSF alone rounds the double and gives 1.00 for 1.005 under `0.00` where Excel shows 1.01.
 *   Should a format show more than 15 significant digits, the digits past the 15th print as 0, as
 *   in Excel.
 * - Dates: the built-in locale-dependent date formats (14, 22, 27–31, 36, 50–54, 57, 58) read as a
 *   Chinese (zh-CN) Excel shows them, e.g. 14 as `yyyy/m/d`; SheetJS would print them the US way.
 */
import { Decimal } from '@jixiao/core';

/** The SheetJS number formatter (`XLSX.SSF`). */
export interface Ssf {
  format(fmt: string, value: number, opts?: { date1904?: boolean }): string;
  is_date(fmt: string): boolean;
}

/**
 * The built-in formats whose look depends on the locale, as a zh-CN Excel shows them (ECMA-376
 * Part 1, 18.8.30, zh-cn): dates, and the accounting formats 41 and 43 (negatives with a minus
 * sign, not in parentheses as in the US). Used only when the file does not define the id itself.
 */
const ZH_CN_BUILTIN: Record<number, string> = {
  14: 'yyyy/m/d',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  36: 'yyyy"年"m"月"',
  41: '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ ',
  43: '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/**
 * The format a numeric cell is shown with: the file's own format string when the file defines
 * the id, else a zh-CN built-in, else SheetJS's format string for the id, else General.
 */
export function formatOf(numFmtId: number, fileDefines: boolean, fileFormat: string | undefined): string {
  if (fileDefines && fileFormat !== undefined) return fileFormat;
  // SheetJS's string for the short date (id 14), also given to date cells stored without a format.
  if (fileFormat === 'm/d/yy') return ZH_CN_BUILTIN[14]!;
  return ZH_CN_BUILTIN[numFmtId] ?? fileFormat ?? 'General';
}

/** The shortest plain decimal of a number read at 15 significant digits. */
export function generalText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return new Decimal(value.toPrecision(15)).toFixed();
}

/** Splits a format into its sections at the semicolons outside quotes, escapes and brackets. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end + 1;
      cur += fmt.slice(i, stop);
      i = stop - 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += fmt.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = fmt.indexOf(']', i + 1);
      const stop = end < 0 ? fmt.length : end + 1;
      cur += fmt.slice(i, stop);
      i = stop - 1;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * How many decimal places of the value itself the format shows (negative: rounds to tens,
 * thousands…), or null when the format is not a plain number format (conditions, scientific,
 * fractions, text, dates, no digit placeholder): those are left to SSF as they are.
 */
export function placesShown(fmt: string, value: number): number | null {
  const all = sections(fmt);
  if (all.some((s) => /\[[<>=]/.test(s))) return null;
  const section = value > 0 ? all[0]! : value < 0 ? (all[1] ?? all[0]!) : (all[2] ?? all[0]!);
  const bare = section.replace(/"[^"]*"?|\\.|_.|\*.|\[[^\]]*\]?/g, '');
  if (/[eE][+-]|\/|@|[yYmMdDhHsS]|general/i.test(bare)) return null;
  if (!/[0#?]/.test(bare)) return null;
  const point = bare.indexOf('.');
  const decimals = point < 0 ? 0 : (bare.slice(point + 1).match(/[0#?]/g) ?? []).length;
  const percents = (bare.match(/%/g) ?? []).length;
  // Commas right after a digit placeholder and before no other one scale by 1,000 each (`#,##0.0,`).
  const scaling = /[0#?](,+)(?![0#?,])/.exec(bare);
  const thousands = scaling ? scaling[1]!.length : 0;
  return decimals + 2 * percents - 3 * thousands;
}

/** Rounds half away from zero, in decimal, to `places` (negative: to tens, hundreds…). */
function roundPlaces(value: number, places: number): number {
  const d = new Decimal(value);
  if (places >= 0) return d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber();
  const unit = new Decimal(10).pow(-places);
  return d.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(unit).toNumber();
}

/** Digits past the 15th significant one, in the longest run of digits, print as 0 (as in Excel). */
function capSignificant(text: string): string {
  const runs = [...text.matchAll(/\d[\d,]*(?:\.\d+)?|\.\d+/g)];
  if (runs.length === 0) return text;
  const run = runs.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  let seen = 0;
  let started = false;
  const capped = run[0].replace(/\d/g, (digit) => {
    if (!started && digit !== '0') started = true;
    if (!started) return digit;
    seen++;
    return seen > 15 ? '0' : digit;
  });
  return text.slice(0, run.index) + capped + text.slice(run.index! + run[0].length);
}

/** The text a numeric cell shows under `fmt`; throws when SSF cannot read the format. */
export function numberText(ssf: Ssf, fmt: string, value: number, date1904: boolean): string {
  if (/^\s*(general|@)\s*$/i.test(fmt)) return generalText(value);
  if (ssf.is_date(fmt)) return ssf.format(fmt, value, { date1904 });
  if (!Number.isFinite(value)) return String(value);
  const v15 = Number(value.toPrecision(15));
  const places = placesShown(fmt, v15);
  if (places === null) return ssf.format(fmt, v15, { date1904 });
  let rounded = roundPlaces(v15, places);
  // A value that rounds to zero keeps its own section (-0.001 under 0.00;-0.00;"-" shows -0.00).
  if (rounded === 0 && v15 !== 0) rounded = v15;
  return capSignificant(ssf.format(fmt, rounded, { date1904 }));
}
