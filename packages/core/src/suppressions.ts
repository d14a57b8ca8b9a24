/**
 * Suppression comments in a YAML file:
 *   `# jixiao-disable-next-line <rule-id>[, <rule-id>…]`  the next line that holds content;
 *   `# jixiao-disable-line <rule-id>…`                     its own line (a trailing comment);
 *   `# jixiao-disable <rule-id>…` … `# jixiao-enable <rule-id>…`  a block (to the end of file if not re-enabled).
 * Without a rule id the directive covers every rule. `pack/*` covers a whole pack. Text after
 * ` -- ` is a free reason. A finding is suppressed when its first line is covered.
 */
import type { Finding } from './finding.js';

export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** 1-based line of the comment. */
  line: number;
  /** Offset span of the comment text (from `#`). */
  span: [number, number];
  /** 1-based columns of the comment on its line (from `#` to the line's end). */
  columns?: [number, number];
  /** Rule ids or `pack/*`; empty means every rule. */
  rules: string[];
}

/** A file's suppressions as plain data (they cross worker threads): read with `suppresses`. */
export interface Suppressions {
  directives: Directive[];
  /** disable-next-line / disable-line: the line each one covers (and its index in `directives`). */
  lines: { line: number; rules: string[]; directive?: number }[];
  /** disable / enable comments in line order. */
  blocks: Directive[];
}

/** Whether a finding on `line` (1-based) with `ruleId` is suppressed. */
export function suppresses(s: Suppressions, line: number, ruleId: string): boolean {
  return suppressorOf(s, line, ruleId) !== undefined;
}

/** Each file's line entries by line number (built once: a lookup per finding must not walk every comment). */
const byLine = new WeakMap<Suppressions, Map<number, Suppressions['lines']>>();
function linesAt(s: Suppressions, line: number): Suppressions['lines'] {
  let map = byLine.get(s);
  if (!map) {
    map = new Map();
    for (const l of s.lines) {
      const list = map.get(l.line);
      if (list) list.push(l);
      else map.set(l.line, [l]);
    }
    byLine.set(s, map);
  }
  return map.get(line) ?? [];
}

/** The directive that suppresses a finding on `line` with `ruleId` (its index in `directives`), if any. */
export function suppressorOf(s: Suppressions, line: number, ruleId: string): number | undefined {
  if (s.directives.length === 0) return undefined;
  const own = linesAt(s, line).find((l) => matches(l.rules, ruleId));
  if (own) return own.directive ?? -1;
  let disabled: Directive | undefined;
  for (const b of s.blocks) {
    if (b.line > line) break;
    if (matches(b.rules, ruleId)) disabled = b.kind === 'disable' ? b : undefined;
  }
  return disabled ? s.directives.findIndex((d) => d.line === disabled.line && d.kind === 'disable') : undefined;
}

/** Directives that suppressed nothing (like Ruff's RUF100): a stale comment hides the next real problem. */
export function unusedDirectives(file: string, s: Suppressions, used: ReadonlySet<number>): Finding[] {
  return s.directives.flatMap((d, i) => (d.kind === 'enable' || used.has(i) ? [] : [{
    ruleId: 'suppress/unused', severity: 'warning' as const, file, span: d.span, related: [],
    range: { start: { line: d.line, column: d.columns?.[0] ?? 1 }, end: { line: d.line, column: d.columns?.[1] ?? 1 } },
    message: {
      zh: `jixiao-${d.kind} 注释没有屏蔽任何问题${d.rules.length ? `（${d.rules.join('、')}）` : ''}：可以删去`,
      en: `the jixiao-${d.kind} comment suppresses nothing${d.rules.length ? ` (${d.rules.join(', ')})` : ''}: it can be removed`,
    },
  }]));
}

const DIRECTIVE = /(?:^|\s)#\s*jixiao-(disable-next-line|disable-line|disable|enable)(?=\s|$)([^\n]*)$/;

function ruleList(rest: string): string[] {
  const body = rest.split(/\s--\s|\s--$/)[0] ?? '';
  return body.split(/[\s,，]+/).filter((s) => s.length > 0);
}

function matches(rules: readonly string[], ruleId: string): boolean {
  if (rules.length === 0) return true;
  const pack = `${ruleId.split('/')[0]}/*`;
  return rules.includes(ruleId) || rules.includes(pack);
}

/** Reads the directives of a file's text. Lines without `jixiao-` are skipped cheaply. */
export function parseSuppressions(text: string): Suppressions {
  const directives: Directive[] = [];
  /** Lines that hold something other than blanks and comments, for disable-next-line. */
  const contentLines: number[] = [];
  // Most files have no directive at all: nothing to scan.
  if (!text.includes('jixiao-')) return { directives, lines: [], blocks: [] };
  let lineNo = 0;
  let start = 0;
  const hasAny = true;
  while (start <= text.length) {
    lineNo++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) contentLines.push(lineNo);
    if (hasAny && line.includes('jixiao-')) {
      const m = DIRECTIVE.exec(line);
      if (m) {
        const hash = line.indexOf('#', m.index);
        directives.push({ kind: m[1] as Directive['kind'], line: lineNo, span: [start + hash, start + line.length], columns: [hash + 1, line.length + 1], rules: ruleList(m[2] ?? '') });
      }
    }
    start = end + 1;
  }
  if (directives.length === 0) return { directives, lines: [], blocks: [] };
  // Directives come in line order: the next content line is found by a pointer that only moves forward.
  let next = 0;
  const nextContent = (line: number) => {
    while (next < contentLines.length && (contentLines[next] as number) <= line) next++;
    return contentLines[next] ?? line + 1;
  };
  const lines = directives.flatMap((d, i) => (d.kind === 'disable-next-line' ? [{ line: nextContent(d.line), rules: d.rules, directive: i }] : d.kind === 'disable-line' ? [{ line: d.line, rules: d.rules, directive: i }] : []));
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  return { directives, lines, blocks };
}

const packsByKnown = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
function packsOf(known: ReadonlySet<string>): ReadonlySet<string> {
  let packs = packsByKnown.get(known);
  if (!packs) {
    packs = new Set([...known].map((id) => id.split('/')[0] as string));
    packsByKnown.set(known, packs);
  }
  return packs;
}

/** Directives naming a rule id that does not exist (most likely a typo), as warnings. */
export function unknownDirectiveRules(file: string, suppressions: Suppressions, known: ReadonlySet<string>): Finding[] {
  // Most files have no directive: nothing to check (and the packs are made once per set of rule ids).
  if (suppressions.directives.length === 0) return [];
  const packs = packsOf(known);
  const out: Finding[] = [];
  for (const d of suppressions.directives) {
    for (const id of d.rules) {
      const ok = id.endsWith('/*') ? packs.has(id.slice(0, -2)) : known.has(id) || /^(parse|schema|value|io|config)\//.test(id);
      if (ok) continue;
      out.push({
        ruleId: 'suppress/unknown-rule', severity: 'warning', file, span: d.span, related: [],
        message: { zh: `jixiao-${d.kind} 注释中的规则“${id}”不存在`, en: `unknown rule “${id}” in a jixiao-${d.kind} comment` },
      });
    }
  }
  return out;
}
