/**
 * A partial or damaged document is checked on all it holds (issue 10, item 1). Each fixture is
 * damaged one place at a time: a required key misspelt (so it is both unknown and missing), a
 * figure given a list instead of a value, an unknown key added. Every variant must report the damage
 * at its place and still give every finding of the undamaged file that does not involve the damaged
 * part; nothing is an internal error, and no document is dropped whole.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles, findRulesDir, formatPath, loadPacks, parseYaml, type Finding, type MapNode, type YNode } from '@jixiao/core';

const FIXTURES = fg.sync('fixtures/**/*.yaml').sort();
const REQUIRED_KEYS = new Set(['name', 'id', 'count', 'text', 'value', 'current', 'role', 'indicators', 'rows', 'values']);
const FIGURE_KEYS = new Set(['weight', 'score', 'planned', 'adjusted', 'spent', 'rate', 'execution_rate', 'deduction', 'total']);
const PER_FILE = 6;

type PathStep = string | number;
interface Place { path: PathStep[]; keySpan: readonly [number, number]; value: YNode }

/** Every mapping entry of the tree with its path (the path of the entry's value). */
function entries(node: YNode, path: PathStep[] = [], out: Place[] = []): Place[] {
  if (node.kind === 'map') {
    for (const e of (node as MapNode).entries) {
      out.push({ path: [...path, e.key], keySpan: e.keySpan, value: e.value });
      entries(e.value, [...path, e.key], out);
    }
  } else if (node.kind === 'seq') node.items.forEach((item, i) => entries(item, [...path, i], out));
  return out;
}

/** A deterministic spread of `n` of the list. */
const spread = <T>(list: T[], n: number): T[] => (list.length <= n ? list : Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)] as T));

interface Variant { name: string; file: string; text: string; damaged: string; expectRule: RegExp }

function variants(file: string, text: string): Variant[] {
  const root = parseYaml(text).root;
  if (!root) return [];
  const all = entries(root);
  const out: Variant[] = [];
  const splice = (span: readonly [number, number], by: string) => text.slice(0, span[0]) + by + text.slice(span[1]);
  for (const p of spread(all.filter((e) => REQUIRED_KEYS.has(String(e.path[e.path.length - 1])) && e.path.length > 1), PER_FILE)) {
    const key = String(p.path[p.path.length - 1]);
    out.push({ name: `${formatPath(p.path)} misspelt`, file, text: splice(p.keySpan, `${key}_x`), damaged: formatPath(p.path.slice(0, -1)), expectRule: /^schema\/(?:unknown-key|missing-key)$/ });
  }
  for (const p of spread(all.filter((e) => FIGURE_KEYS.has(String(e.path[e.path.length - 1])) && e.value.kind === 'scalar'), PER_FILE)) {
    // The damaged part is the figure's row or indicator: its figures are checked together (score against weight).
    out.push({ name: `${formatPath(p.path)} given a list`, file, text: splice(p.value.span, '[1, 2]'), damaged: formatPath(p.path.slice(0, -1)), expectRule: /^schema\// });
  }
  return out;
}

const within = (path: string | undefined, prefix: string) => path !== undefined && (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
/** Rules whose finding sits on the first of several parts it sums (a form's weight group: its first-level indicators). */
const GROUP_SUMS = new Set(['weights/form-guidance']);
const topList = (path: string) => /^[a-z_]+/.exec(path)?.[0] ?? '';
/** The finding involves the damaged part: it is in it, it is about a part that holds it (a sum over it), or points at it. */
const involves = (f: Finding, damaged: string) =>
  within(f.path, damaged) || within(damaged, f.path ?? '') || f.related.some((r) => within(r.path, damaged)) || (f.path ?? '') === ''
  || (GROUP_SUMS.has(f.ruleId) && topList(f.path ?? '') === topList(damaged));
const key = (f: Finding) => `${f.ruleId}@${f.path ?? ''}`;

describe('a damaged document is checked on all it holds', () => {
  let dir: string;
  const rules = loadPacks(findRulesDir());
  const cases: { variant: Variant; original: Finding[]; damaged: Finding[] }[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-partial-'));
    for (const file of FIXTURES) {
      const text = readFileSync(file, 'utf8');
      const [original] = await checkFiles([file], { rules });
      for (const [i, variant] of variants(file, text).entries()) {
        const copy = join(dir, `${file.replace(/[\\/]/g, '_')}.${i}.yaml`);
        writeFileSync(copy, variant.text);
        const [damaged] = await checkFiles([copy], { rules });
        cases.push({ variant, original: original!.findings, damaged: damaged!.findings });
      }
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('damages every fixture in several places', () => {
    expect(new Set(cases.map((c) => c.variant.file)).size).toBe(FIXTURES.length);
    expect(cases.length).toBeGreaterThan(FIXTURES.length * 6);
  });

  it('reports the damage at its place, never as an internal error', () => {
    for (const { variant, damaged } of cases) {
      expect(damaged.filter((f) => f.ruleId.startsWith('internal/')), variant.name).toEqual([]);
      expect(damaged.some((f) => variant.expectRule.test(f.ruleId) && (within(f.path, variant.damaged) || within(variant.damaged, f.path ?? ''))), `${variant.file}: ${variant.name}`).toBe(true);
    }
  });

  it('still gives every finding of the undamaged file that does not involve the damaged part', () => {
    for (const { variant, original, damaged } of cases) {
      const kept = new Set(damaged.map(key));
      const lost = original.filter((f) => !involves(f, variant.damaged) && !kept.has(key(f))).map(key);
      expect(lost, `${variant.file}: ${variant.name}`).toEqual([]);
    }
  });
});
