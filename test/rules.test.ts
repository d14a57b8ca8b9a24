import { describe, expect, it } from 'vitest';
import { Engine } from 'json-rules-engine';
import {
  applyEdits, applySettings, buildDocView, buildSubjects, customOperators, Decimal, defaultConfig, evaluate, compileCondition, exactQuantity, builtinOperators, factLookup, findRulesDir,
  LinePositions, LineSource, loadDocument, loadPack, loadPacks, plain, rangeOf, readFigure, ruleProblems, ruleSchema, runRules,
  type Condition, type FileResult, type Finding, type Rule,
} from '@jixiao/core';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, type Place } from '../packages/cli/dist/locate.js';
import { formatStylish } from '../packages/cli/dist/formats/stylish.js';

const config = defaultConfig();
const rules = loadPacks(findRulesDir());

/**
 * An example may hold several documents (cross-file rules), separated by a line `---`; document i is
 * the file example-i.yaml, and a finding's range is its line and column in that document.
 */
function documentsOf(doc: string): string[] {
  return doc.split(/^---\r?\n/m);
}

function subjectsOf(docs: readonly string[]) {
  const views = docs.map((part, i) => {
    const loaded = loadDocument(`example-${i}.yaml`, part);
    expect(loaded.findings).toEqual([]);
    return buildDocView(`example-${i}.yaml`, loaded.document!, loaded.root, part);
  });
  return buildSubjects(views, config);
}

function findingsOf(rule: Rule, doc: string): { docs: string[]; found: Finding[] } {
  const docs = documentsOf(doc);
  return { docs, found: runRules([rule], subjectsOf(docs), config) };
}

/** `line:col-line:col` of a finding in its own document. */
function rangeText(docs: readonly string[], f: Finding): string {
  const n = Number(/^example-(\d+)\.yaml$/.exec(f.file)?.[1] ?? NaN);
  const doc = docs[n];
  if (doc === undefined) return `(not in an example document: ${f.file})`;
  const r = rangeOf(new LinePositions(doc), f.span);
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** The replacement text a finding's fix offers, or null. */
function fixText(f: Finding): string | null {
  if (!f.fix) return null;
  return f.fix.edits.length === 1 ? f.fix.edits[0]!.text : JSON.stringify(f.fix.edits.map((e) => e.text));
}

/** As vitest reads it (std-env): on CI vitest writes no snapshot, and a missing one fails. */
const onCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__', 'rules');
const snapshotOf = (rule: Rule) => join(SNAPSHOTS, `${rule.id}.txt`);

/** The lines of `place` in `text`, its range marked ⟦…⟧. */
function marked(text: string, place: Place): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let n = place.startLine; n <= place.endLine; n++) {
    let line = (lines[n - 1] ?? '').replace(/\r$/, '');
    if (n === place.endLine) line = `${line.slice(0, place.endColumn - 1)}⟧${line.slice(place.endColumn - 1)}`;
    if (n === place.startLine) line = `${line.slice(0, place.startColumn - 1)}⟦${line.slice(place.startColumn - 1)}`;
    out.push(line.trimEnd());
  }
  return out;
}

/**
 * What `jixiao check` prints (the stylish format, zh and en) for each of a rule's examples run by that
 * rule alone, after each example's text with line numbers and each finding's figure marked in it.
 */
function stylishSnapshot(rule: Rule): string {
  const out = [
    `${rule.id}: what the stylish format (jixiao check) prints for each example, in zh and en.`,
    'Written by test/rules.test.ts; review every change before committing it.',
  ];
  const examples = [
    ...rule.examples.valid.map((e, i) => [`valid ${i}`, e] as const),
    ...rule.examples.invalid.map((e, i) => [`invalid ${i}`, e] as const),
  ];
  for (const [title, example] of examples) {
    const { docs, found } = findingsOf(rule, example.doc);
    const files = docs.map((_, n) => `example-${n}.yaml`);
    new LineSource(files.map((file, n) => [file, new LinePositions(docs[n]!)] as [string, LinePositions])).complete(found.filter((f) => files.includes(f.file)));
    const results: FileResult[] = files.map((file, n) => ({
      file, text: docs[n]!, loaded: null, lines: new LinePositions(docs[n]!), findings: applySettings(found.filter((f) => f.file === file), undefined),
    }));
    const report = buildReport(results);
    out.push('', `==== ${title} ====`);
    docs.forEach((text, n) => {
      out.push(`---- ${files[n]}`);
      const lines = text.replace(/\n$/, '').split('\n');
      lines.forEach((line, i) => out.push(`${String(i + 1).padStart(3)} | ${line}`.trimEnd()));
    });
    out.push('---- stylish (zh)', formatStylish(report, 'zh', { color: false }));
    out.push('---- stylish (en)', formatStylish(report, 'en', { color: false }));
    if (report.located.length > 0) out.push('---- marked');
    for (const l of report.located) {
      const p = l.place;
      const docOf = (file: string) => docs[files.indexOf(file)] ?? '';
      out.push(`${p.file} ${p.startLine}:${p.startColumn}-${p.endLine}:${p.endColumn}`, ...marked(docOf(p.file), p).map((t) => `    ${t}`));
      for (const r of l.related) out.push(`  ↳ ${r.file} ${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`, ...marked(docOf(r.file), r).map((t) => `      ${t}`));
    }
  }
  return `${out.join('\n')}\n`;
}

describe('rule packs', () => {
  it('load, every rule with docs and examples', () => {
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const r of rules) expect(r.examples.valid.length + r.examples.invalid.length).toBeGreaterThan(1);
  });
  it('every rule explains itself in Chinese and in English', () => {
    for (const r of rules) {
      for (const part of ['what', 'why', 'example'] as const) {
        const { zh, en } = r.docs[part];
        expect(zh.trim(), `${r.id} docs.${part}.zh`).not.toBe('');
        expect(en.trim(), `${r.id} docs.${part}.en`).not.toBe('');
        expect(en, `${r.id} docs.${part}: en is zh`).not.toBe(zh);
        expect(/[A-Za-z0-9]/.test(en), `${r.id} docs.${part}.en`).toBe(true);
      }
    }
  });
  it('a custom rule\'s docs may be plain strings: read as the same text in both languages', () => {
    const { file: _file, ...rule } = rules[0]!;
    const parsed = ruleSchema.parse({ ...rule, docs: { what: '检查什么', why: { zh: '为什么', en: 'why' }, example: 'e.g.' } });
    expect(parsed.docs).toEqual({ what: { zh: '检查什么', en: '检查什么' }, why: { zh: '为什么', en: 'why' }, example: { zh: 'e.g.', en: 'e.g.' } });
    expect(ruleSchema.safeParse({ ...rule, docs: { ...rule.docs, what: { zh: '只有中文' } } }).success).toBe(false);
  });
  it('an invalid example\'s finding may state its message (zh, en), range (line:col-line:col) and fix (text or null)', () => {
    const { file: _file, ...rule } = rules[0]!;
    const withFinding = (finding: Record<string, unknown>) => ruleSchema.safeParse({ ...rule, examples: { ...rule.examples, invalid: [{ doc: 'x', findings: [{ path: 'a', ...finding }] }] } }).success;
    expect(withFinding({ message: '消息', en: 'message', range: '9:21-9:25', fix: '16.8' })).toBe(true);
    expect(withFinding({ fix: null })).toBe(true);
    expect(withFinding({ range: '9:21' })).toBe(false);
    expect(withFinding({ fix: 16.8 })).toBe(false);
    expect(withFinding({ messages: '消息' })).toBe(false);
  });
});

/** Every node of a condition tree: the tree, then its parts, depth first. */
function nodesOf(cond: Condition, out: Condition[] = []): Condition[] {
  out.push(cond);
  if ('all' in cond) cond.all.forEach((c) => nodesOf(c, out));
  else if ('any' in cond) cond.any.forEach((c) => nodesOf(c, out));
  else if ('not' in cond) nodesOf(cond.not, out);
  return out;
}

const isFactRef = (v: unknown): v is { fact: string } => typeof v === 'object' && v !== null && typeof (v as { fact?: unknown }).fact === 'string';

function alternativesOf(rule: Rule) {
  return rule.rounding === undefined ? [] : Array.isArray(rule.rounding) ? rule.rounding : [rule.rounding];
}

/**
 * json-rules-engine's verdict on each condition for the same facts, in one run: condition i is rule i
 * (a lone fact condition is wrapped in `all`, as json-rules-engine wants a boolean root).
 */
async function referenceOutcomes(conds: readonly Condition[], facts: Record<string, unknown>): Promise<boolean[]> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, op] of Object.entries(customOperators(config))) engine.addOperator(name, op);
  conds.forEach((cond, i) => engine.addRule({ conditions: ('fact' in cond ? { all: [cond] } : cond) as never, event: { type: String(i) } }));
  const { events } = await engine.run(facts);
  const hit = new Set(events.map((e) => e.type));
  return conds.map((_, i) => hit.has(String(i)));
}

describe.each(rules.map((r) => [r.id, r] as [string, Rule]))('%s', (_id, rule) => {
  it.each(rule.examples.valid.map((e, i) => [i, e.doc]))('valid example %i yields no finding, not even an info', (_i, doc) => {
    const { docs, found } = findingsOf(rule, doc);
    expect(found.map((f) => `${f.severity} ${f.file} ${rangeText(docs, f)} ${f.message.zh}`)).toEqual([]);
  });
  it.each(rule.examples.invalid.map((e, i) => [i, e] as const))('invalid example %i yields exactly its findings: message, range and fix', (_i, example) => {
    const want = example.findings ?? [];
    expect(want.length, 'an invalid example names its findings').toBeGreaterThan(0);
    const { docs, found } = findingsOf(rule, example.doc);
    // Each finding is compared on what its example states (the bundled packs state message, range and fix).
    expect(found.map((f, i) => {
      const w = want[i];
      return {
        file: f.file, path: f.path, severity: f.severity,
        ...(w?.message !== undefined ? { message: f.message.zh } : {}),
        ...(w?.en !== undefined ? { en: f.message.en } : {}),
        ...(w?.range !== undefined ? { range: rangeText(docs, f) } : {}),
        ...(w?.fix !== undefined ? { fix: fixText(f) } : {}),
      };
    })).toEqual(want.map((w) => ({
      file: `example-${w.document ?? 0}.yaml`, path: w.path, severity: w.severity ?? rule.severity,
      ...(w.message !== undefined ? { message: w.message } : {}),
      ...(w.en !== undefined ? { en: w.en } : {}),
      ...(w.range !== undefined ? { range: w.range } : {}),
      ...(w.fix !== undefined ? { fix: w.fix } : {}),
    })));
  });
  it('every finding of its invalid examples states its message, range and fix', () => {
    for (const [i, example] of rule.examples.invalid.entries()) {
      for (const [k, w] of (example.findings ?? []).entries()) {
        const where = `examples.invalid[${i}].findings[${k}]`;
        expect(typeof w.message, `${where}.message`).toBe('string');
        expect(typeof w.range, `${where}.range`).toBe('string');
        expect(w.fix, `${where}.fix (the replacement text, or null)`).not.toBeUndefined();
      }
    }
  });
  it.each(rule.examples.invalid.filter((e) => e.output !== undefined).map((e, i) => [i, e] as const))('fixed example %i reads as its output', (_i, example) => {
    const { found } = findingsOf(rule, example.doc);
    const edits = found.flatMap((f) => (f.fix?.safe ? f.fix.edits : []));
    expect(edits.length).toBeGreaterThan(0);
    expect(applyEdits(example.doc, edits).text).toBe(example.output);
  });
  it('its examples print as its reviewed stylish snapshot', async () => {
    const file = snapshotOf(rule);
    // On CI a missing snapshot is a failure, never written silently (vitest itself writes no new snapshot there either).
    if (onCI) expect(existsSync(file), `${relative(process.cwd(), file)} is missing: run the tests locally, review the file and commit it`).toBe(true);
    await expect(stylishSnapshot(rule)).toMatchFileSnapshot(file);
  });
  it('the fast evaluator agrees with json-rules-engine on every part of every condition, every example subject', async () => {
    const operators = { ...builtinOperators, ...customOperators(config) };
    const alternatives = alternativesOf(rule);
    // The main conditions and each rounding alternative (a list is tried in order), every node of each.
    const nodes = [rule.conditions, ...alternatives.map((a) => a.conditions)].flatMap((c) => nodesOf(c));
    const names = new Set(nodes.flatMap((c) => ('fact' in c ? [c.fact, ...(isFactRef(c.value) ? [c.value.fact] : [])] : [])));
    let compared = 0;
    for (const example of [...rule.examples.valid, ...rule.examples.invalid]) {
      for (const subject of subjectsOf(documentsOf(example.doc))) {
        if (subject.kind !== rule.subject) continue;
        const lookup = factLookup(subject);
        const facts = Object.fromEntries([...names].map((n) => [n, lookup(n)]));
        const reference = await referenceOutcomes(nodes, facts);
        expect(nodes.map((c) => evaluate(c, lookup, operators))).toEqual(reference);
        // And the compiled form runRules uses (engine/conditions.ts compileCondition).
        expect(nodes.map((c) => compileCondition(c, operators)(lookup))).toEqual(reference);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
  it.each(alternativesOf(rule).map((a, i) => [i, a] as const))('rounding alternative %i is reached by an example (the finding it makes is pinned)', (i) => {
    const operators = { ...builtinOperators, ...customOperators(config) };
    const alternatives = alternativesOf(rule);
    const reached = [...rule.examples.valid, ...rule.examples.invalid].some((example) =>
      subjectsOf(documentsOf(example.doc)).some((subject) => {
        if (subject.kind !== rule.subject) return false;
        const lookup = factLookup(subject);
        return !evaluate(rule.conditions, lookup, operators) && alternatives.findIndex((a) => evaluate(a.conditions, lookup, operators)) === i;
      }));
    expect(reached).toBe(true);
  });
});

describe('the json-rules-engine cross-check', () => {
  const operators = { ...builtinOperators, ...customOperators(config) };
  /** Every fact condition of the bundled rules (main and rounding alternatives) whose value is a literal constant. */
  const literals = new Map<string, Condition & { fact: string }>();
  for (const r of rules) {
    for (const cond of [r.conditions, ...alternativesOf(r).map((a) => a.conditions)].flatMap((c) => nodesOf(c))) {
      if ('fact' in cond && !isFactRef(cond.value)) literals.set(`${cond.operator} ${JSON.stringify(cond.value)}`, { fact: 'x', operator: cond.operator, value: cond.value });
    }
  }
  it('covers rules whose rounding is a list, each alternative in order', () => {
    const lists = rules.filter((r) => Array.isArray(r.rounding) && r.rounding.length > 1);
    expect(lists.length).toBeGreaterThan(0);
  });
  it('covers literal constants: numbers (0, 100), strings and booleans', () => {
    const values = [...literals.values()].map((c) => c.value);
    expect(values).toContain(0);
    expect(values).toContain(100);
    expect(values.some((v) => typeof v === 'string')).toBe(true);
    expect(values).toContain(true);
    expect(values).toContain(false);
  });
  it('agrees on each literal-constant condition for figures, computed values and other facts around the constant', async () => {
    const figure = (t: string) => readFigure(t, [0, t.length]);
    const outcomes = new Map<string, Set<boolean>>();
    for (const [key, cond] of literals) {
      const c = cond.value;
      const samples: unknown[] = [undefined, null, true, false, c, String(c), 'other', 0, 1, -1];
      if (typeof c === 'number') {
        for (const d of [-1, -0.5, -0.01, -0.004, 0, 0.004, 0.01, 0.5, 1]) {
          const v = new Decimal(c).plus(d);
          samples.push(figure(v.toString()), figure(v.toFixed(1)), figure(v.toFixed(2)), figure(`${v.toFixed(2)}%`), figure(`${v.toString()}万元`), plain(exactQuantity(v)));
        }
      }
      const seen = new Set<boolean>();
      for (const x of samples) {
        const [reference] = await referenceOutcomes([cond], { x });
        const fast = evaluate(cond, (n) => (n === 'x' ? x : undefined), operators);
        expect(fast, `${key} on ${JSON.stringify(x)}`).toBe(reference);
        seen.add(fast);
      }
      outcomes.set(key, seen);
    }
    // Not vacuous: each numeric constant is met (true) and missed (false) by some sample.
    for (const [key, seen] of outcomes) if (/^decimal/.test(key)) expect([...seen].sort(), key).toEqual([false, true]);
  });
});

describe('snapshots of the rules’ stylish output', () => {
  it('are one file per bundled rule, none left over from a rule that is gone', () => {
    const files = existsSync(SNAPSHOTS) ? readdirSync(SNAPSHOTS, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(SNAPSHOTS, join(d.parentPath, d.name))) : [];
    const known = new Set(rules.map((r) => relative(SNAPSHOTS, snapshotOf(r))));
    expect(files.filter((f) => !known.has(f))).toEqual([]);
  });
});

describe('rules are checked against the fact catalogue when they load', () => {
  const base = rules.find((r) => r.id === 'sums/children-score')!;
  const { file: _file, ...shape } = base;
  const problemsOf = (rule: unknown) => ruleProblems(ruleSchema.parse(rule)).map((p) => p.en);
  it('a bundled rule has no problem', () => {
    for (const r of rules) expect(ruleProblems(r), r.id).toEqual([]);
  });
  it('a misspelt fact in a condition, at, related, fix or placeholder is named, with what was meant', () => {
    expect(problemsOf({ ...shape, conditions: { all: [{ fact: 'scores', operator: 'isKnown', value: true }] } })).toEqual(['conditions: subject scored has no fact “scores”; did you mean “score”?']);
    expect(problemsOf({ ...shape, at: 'weigth' })).toEqual(['at: subject scored has no fact “weigth”; did you mean “weight”?']);
    expect(problemsOf({ ...shape, fix: { value: 'childScoreSun', safe: false } })).toEqual(['fix.value: subject scored has no fact “childScoreSun”; did you mean “childScoreSum”?']);
    expect(problemsOf({ ...shape, message: { zh: '{{nam}}', en: '{{name}} {{childScoreSum}}' } })).toEqual(['message {{nam}}: subject scored has no fact “nam”; did you mean “name”?']);
    expect(problemsOf({ ...shape, related: [{ fact: 'childScore', message: { zh: '{{item}}', en: '{{iten}}' } }] })).toEqual([
      'related[0].fact: subject scored has no fact “childScore”; did you mean “childScores”?',
      'related[0].message {{iten}}: subject scored has no fact “iten”; did you mean “item”?',
    ]);
  });
  it('an unknown operator is named, and constants are literals', () => {
    expect(problemsOf({ ...shape, conditions: { fact: 'score', operator: 'decimalMissmatch', value: 0 } })).toEqual(['conditions: unknown operator “decimalMissmatch”; did you mean “decimalMismatch”?']);
    expect(problemsOf({ ...shape, conditions: { fact: 'score', operator: 'decimalBelow', value: { fact: 'zero' } } })).toEqual(['conditions: subject scored has no fact “zero”']);
  });
  it('a pack with such a rule does not load: the error names the file and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pack-'));
    writeFileSync(join(dir, 'bad.yaml'), readFileSync(base.file, 'utf8').replace('at: score', 'at: scor'));
    expect(() => loadPack(dir)).toThrow(/bad\.yaml: at: subject scored has no fact “scor”; did you mean “score”\?/);
  });
});
