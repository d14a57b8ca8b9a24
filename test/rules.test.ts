import { describe, expect, it } from 'vitest';
import { Engine } from 'json-rules-engine';
import {
  applyEdits, buildDocView, buildSubjects, customOperators, defaultConfig, evaluate, builtinOperators, factLookup, findRulesDir,
  loadDocument, loadPack, loadPacks, ruleProblems, ruleSchema, runRules, type Condition, type Rule,
} from '@jixiao/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const config = defaultConfig();
const rules = loadPacks(findRulesDir());

/** An example may hold several documents (cross-file rules), separated by a line `---`. */
function subjectsOf(text: string) {
  const views = text.split(/^---$/m).map((part, i) => {
    const loaded = loadDocument(`example-${i}.yaml`, part);
    expect(loaded.findings).toEqual([]);
    return buildDocView(`example-${i}.yaml`, loaded.document!, loaded.root);
  });
  return buildSubjects(views, config);
}

function factsIn(cond: Condition, out = new Set<string>()): Set<string> {
  if ('all' in cond) cond.all.forEach((c) => factsIn(c, out));
  else if ('any' in cond) cond.any.forEach((c) => factsIn(c, out));
  else if ('not' in cond) factsIn(cond.not, out);
  else {
    out.add(cond.fact);
    const v = cond.value as { fact?: string } | null;
    if (typeof v === 'object' && v !== null && typeof v.fact === 'string') out.add(v.fact);
  }
  return out;
}

async function referenceOutcome(cond: Condition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, op] of Object.entries(customOperators(config))) engine.addOperator(name, op);
  engine.addRule({ conditions: cond as never, event: { type: 'hit' } });
  const { events } = await engine.run(facts);
  return events.length > 0;
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
});

describe.each(rules.map((r) => [r.id, r] as [string, Rule]))('%s', (_id, rule) => {
  it.each(rule.examples.valid.map((e, i) => [i, e.doc]))('valid example %i yields no finding', (_i, doc) => {
    const found = runRules([rule], subjectsOf(doc), config).filter((f) => f.severity !== 'info');
    expect(found).toEqual([]);
  });
  it.each(rule.examples.invalid.map((e, i) => [i, e] as const))('invalid example %i yields exactly its findings', (_i, example) => {
    const found = runRules([rule], subjectsOf(example.doc), config);
    expect(found.map((f) => ({ file: f.file, path: f.path, severity: f.severity }))).toEqual(
      (example.findings ?? []).map((f) => ({ file: `example-${f.document ?? 0}.yaml`, path: f.path, severity: f.severity ?? rule.severity })),
    );
  });
  it.each(rule.examples.invalid.filter((e) => e.output !== undefined).map((e, i) => [i, e] as const))('fixed example %i reads as its output', (_i, example) => {
    const found = runRules([rule], subjectsOf(example.doc), config);
    const edits = found.flatMap((f) => (f.fix?.safe ? f.fix.edits : []));
    expect(edits.length).toBeGreaterThan(0);
    expect(applyEdits(example.doc, edits).text).toBe(example.output);
  });
  it('the fast evaluator agrees with json-rules-engine on every example subject', async () => {
    const operators = { ...builtinOperators, ...customOperators(config) };
    const alternatives = rule.rounding === undefined ? [] : Array.isArray(rule.rounding) ? rule.rounding : [rule.rounding];
    const conditions = [rule.conditions, ...alternatives.map((a) => a.conditions)];
    let compared = 0;
    for (const example of [...rule.examples.valid, ...rule.examples.invalid]) {
      for (const subject of subjectsOf(example.doc)) {
        const lookup = factLookup(subject);
        for (const cond of conditions) {
          const facts = Object.fromEntries([...factsIn(cond)].map((n) => [n, lookup(n)]));
          expect(await referenceOutcome(cond, facts)).toBe(evaluate(cond, lookup, operators));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
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
