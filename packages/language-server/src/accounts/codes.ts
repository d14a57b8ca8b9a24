/**
 * The budget subject codes (功能分类 2xx…, 部门预算支出经济分类 3xx…) and their names, by year, from
 * `data/account-codes.json`: the names as printed in the documents it was built from (fixtures/ and
 * the real budgets and final accounts of ../shared/real). A code that one year's documents print with
 * different names has all of them, the most printed first. A document is read against its own year,
 * else the nearest year the dictionary has.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CodeKind = 'functional' | 'economic';

export interface CodeEntry {
  code: string;
  /** The names as printed, the most printed first. */
  names: string[];
  kind: CodeKind;
}

export interface CodeYear {
  /** The dictionary's year (the document's, or the nearest). */
  year: number;
  entries: Map<string, CodeEntry>;
}

const FILE = 'account-codes.json';

/** data/account-codes.json next to the package (dist/…/ → ../data), or next to a bundle (dist/server.js → ../data). */
function findData(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'data', FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

let years: Map<number, CodeYear> | undefined;

/** Loads the dictionary once; an unreadable or missing file gives an empty one (the features then name no codes). */
function dictionary(): Map<number, CodeYear> {
  if (years) return years;
  years = new Map();
  const file = findData();
  if (!file) return years;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, codes] of Object.entries(raw)) {
      if (!/^\d{4}$/.test(key) || typeof codes !== 'object' || codes === null) continue;
      const entries = new Map<string, CodeEntry>();
      for (const [code, value] of Object.entries(codes as Record<string, unknown>)) {
        const names = (Array.isArray(value) ? value : [value]).filter((n): n is string => typeof n === 'string' && n !== '');
        if (names.length > 0) entries.set(code, { code, names, kind: kindOf(code) });
      }
      years.set(Number(key), { year: Number(key), entries });
    }
  } catch {
    // keep what was read
  }
  return years;
}

export function kindOf(code: string): CodeKind {
  return code.startsWith('3') || code.startsWith('5') ? 'economic' : 'functional';
}

/** The codes of `year`, else of the nearest year (the later one on a tie). */
export function codesFor(year: number | undefined): CodeYear | undefined {
  const all = [...dictionary().values()];
  if (all.length === 0) return undefined;
  if (year === undefined) return all.reduce((a, b) => (b.year > a.year ? b : a));
  return all.reduce((best, y) => {
    const d = Math.abs(y.year - year);
    const bd = Math.abs(best.year - year);
    return d < bd || (d === bd && y.year > best.year) ? y : best;
  });
}

/** A code's entry for a year (nearest year), and in which year's list it was found. */
export function lookupCode(code: string, year: number | undefined): { entry: CodeEntry; year: number } | undefined {
  const y = codesFor(year);
  const entry = y?.entries.get(code);
  if (y && entry) return { entry, year: y.year };
  // Not in that year's list: the nearest year that has it.
  const others = [...dictionary().values()].filter((x) => x.entries.has(code));
  if (others.length === 0) return undefined;
  const target = year ?? y?.year ?? 0;
  const best = others.reduce((a, b) => (Math.abs(b.year - target) < Math.abs(a.year - target) || (Math.abs(b.year - target) === Math.abs(a.year - target) && b.year > a.year) ? b : a));
  return { entry: best.entries.get(code)!, year: best.year };
}

/** Every code of the nearest year, then codes only other years have (their nearest year's names). */
export function allCodes(year: number | undefined): { entry: CodeEntry; year: number }[] {
  const y = codesFor(year);
  if (!y) return [];
  const out = new Map<string, { entry: CodeEntry; year: number }>();
  for (const e of y.entries.values()) out.set(e.code, { entry: e, year: y.year });
  for (const other of [...dictionary().values()].sort((a, b) => Math.abs(a.year - y.year) - Math.abs(b.year - y.year))) {
    for (const e of other.entries.values()) if (!out.has(e.code)) out.set(e.code, { entry: e, year: other.year });
  }
  return [...out.values()];
}

/** The names other years' lists give a code, with those years. */
export function namesInOtherYears(code: string, year: number): { name: string; years: number[] }[] {
  const out = new Map<string, number[]>();
  for (const y of [...dictionary().values()].sort((a, b) => a.year - b.year)) {
    if (y.year === year) continue;
    for (const name of y.entries.get(code)?.names ?? []) out.set(name, [...(out.get(name) ?? []), y.year]);
  }
  return [...out].map(([name, years]) => ({ name, years }));
}

export const kindWord = (kind: CodeKind, zh: boolean): string => (zh ? (kind === 'functional' ? '支出功能分类科目' : '支出经济分类科目') : kind === 'functional' ? 'functional classification' : 'economic classification');
