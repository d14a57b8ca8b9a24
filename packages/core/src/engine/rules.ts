/** Rule packs: one YAML/JSON file per rule, parsed with zod; run over subjects into findings. */
import { readdirSync } from 'node:fs';
import { readTextFileSync } from '../io/read.js';
import { join } from 'node:path';
import { z } from 'zod';
import yaml from 'js-yaml';
import type { CheckConfig } from '../config.js';
import type { Finding, Messages, RelatedLocation, Severity } from '../finding.js';
import { isComputed, isNumberFigure } from '../facts/computed.js';
import { SUBJECT_KINDS, type Subject } from '../facts/subjects.js';
import { figurePlaces } from '../facts/views.js';
import { compileCondition, factIndexOf, type CompiledCondition, type Condition } from './conditions.js';
import { ruleProblems } from './rule-check.js';
import { pushTo } from '../collections.js';
import { builtinOperators, customOperators, type Operator } from './operators.js';
import { checkDeadline } from '../limits.js';
import { keepFindings, reusedFindings, type SubjectReuse } from './subject-reuse.js';

const messages = z.strictObject({ zh: z.string(), en: z.string() });
/** A rule's docs text in both languages; a plain string (older custom packs) is read as the same text in both. */
const bilingual = z.union([messages, z.string().transform((s) => ({ zh: s, en: s }))]);
const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(condition) }),
    z.strictObject({ any: z.array(condition) }),
    z.strictObject({ not: condition }),
    z.strictObject({ fact: z.string(), operator: z.string(), value: z.unknown() }),
  ]),
) as z.ZodType<Condition>;
/** A finding an invalid example yields, as the rule tester (test/rules.test.ts) checks it. */
const exampleFinding = z.strictObject({
  path: z.string(),
  /** Which document of the example (documents are separated by a line `---`); default the first. */
  document: z.number().int().optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  /** The Chinese message exactly as rendered (required of the bundled packs' examples). */
  message: z.string().optional(),
  /** The English message exactly as rendered. */
  en: z.string().optional(),
  /** The finding's range in its document: `line:col-line:col`, 1-based, columns in UTF-16 code units. */
  range: z.string().regex(/^\d+:\d+-\d+:\d+$/, 'line:col-line:col').optional(),
  /** The replacement text the finding's fix offers, or null when it offers none. */
  fix: z.string().nullable().optional(),
});
const example = z.strictObject({ doc: z.string(), output: z.string().optional(), findings: z.array(exampleFinding).optional() });

const fallback = z.strictObject({ conditions: condition, message: messages, severity: z.enum(['error', 'warning', 'info']).default('info') });

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/),
  severity: z.enum(['error', 'warning', 'info']),
  subject: z.enum(SUBJECT_KINDS),
  summary: messages,
  message: messages,
  at: z.string(),
  conditions: condition,
  /** What the finding becomes when the main conditions fail but these hold (within rounding: info); a list is tried in order. */
  rounding: z.union([fallback, z.array(fallback).min(1)]).optional(),
  /** Facts whose figures (or places) the finding also points at, each with a message; `{{item}}` is that figure. */
  related: z.array(z.union([z.string(), z.strictObject({ fact: z.string(), message: messages })])).optional(),
  fix: z.strictObject({ value: z.string(), safe: z.boolean() }).optional(),
  docs: z.strictObject({ what: bilingual, why: bilingual, example: bilingual }),
  examples: z.strictObject({ valid: z.array(example).min(1), invalid: z.array(example).min(1) }),
});

export type Rule = z.infer<typeof ruleSchema> & { file: string };

export function loadPack(dir: string): Rule[] {
  const rules: Rule[] = [];
  for (const name of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'pack.yaml').sort()) {
    const file = join(dir, name);
    // Read as documents are (io/read.ts): only a regular file, its size checked on the open descriptor
    // (a pack file linked to /dev/zero or a FIFO is refused, not read forever).
    const read = readTextFileSync(file);
    if (!read.ok) throw new Error(`${file}: ${read.message.en}`);
    let data: unknown;
    try {
      data = yaml.load(read.text);
    } catch (err) {
      // Only the place and the reason: js-yaml's message quotes the file's lines, and a pack may lie outside the repository.
      const e = err as { reason?: string; mark?: { line?: number; column?: number } };
      throw new Error(`${file}:${(e.mark?.line ?? 0) + 1}:${(e.mark?.column ?? 0) + 1}: YAML: ${e.reason ?? 'cannot be read'}`);
    }
    const parsed = ruleSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const problems = ruleProblems(parsed.data);
    if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => p.en).join('; ')}`);
    rules.push({ ...parsed.data, file });
  }
  return rules;
}

export function loadPacks(rulesDir: string): Rule[] {
  return readdirSync(rulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => loadPack(join(rulesDir, d.name)));
}

function show(v: unknown): string {
  if (isNumberFigure(v) || isComputed(v)) return v.text;
  return v === undefined || v === null ? '—' : String(v);
}

function render(template: string, lookup: (name: string) => unknown): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => show(lookup(name)));
}

/** A subject's facts by name, each computed at most once (for the editor, the review and the tests). */
export function factLookup(subject: Subject): (name: string) => unknown {
  const facts = new SubjectFacts();
  facts.pointAt(subject);
  return facts.lookup;
}

/** A subject's fact, computed. */
function computeFact(subject: Subject, name: string): unknown {
  // A subject's facts are its own functions or the methods of its facts object (kinds/evaluation/subjects.ts);
  // never what an object inherits from Object.prototype (a rule may name any string).
  const facts = subject.facts as Record<string, unknown>;
  const fn = name in facts && !(name in Object.prototype) ? facts[name] : undefined;
  return typeof fn === 'function' ? (fn as () => unknown).call(facts) : undefined;
}

/**
 * One lookup for a whole run of subjects, pointed at each in turn: runRules asks about one subject
 * at a time, and a lookup and cache per subject were a large share of the rules phase's allocation.
 * An answer is kept by fact index with the generation of the subject it was computed for, so moving
 * to the next subject allocates nothing.
 */
class SubjectFacts {
  private subject: Subject | undefined;
  private generation = 0;
  private readonly values: unknown[] = [];
  private readonly stamps: number[] = [];
  readonly lookup = (name: string, index?: number): unknown => {
    const subject = this.subject;
    if (!subject) return undefined;
    const i = index ?? factIndexOf(name);
    if (this.stamps[i] === this.generation) return this.values[i];
    const v = computeFact(subject, name);
    this.values[i] = v;
    this.stamps[i] = this.generation;
    return v;
  };

  pointAt(subject: Subject): void {
    this.subject = subject;
    this.generation++;
  }
}

/** Rules by the kind of subject they run over (each subject meets only its own rules). */
const rulesByKind = new WeakMap<readonly Rule[], Map<string, Rule[]>>();
function rulesFor(rules: readonly Rule[], kind: string): readonly Rule[] {
  let index = rulesByKind.get(rules);
  if (!index) {
    index = new Map();
    for (const r of rules) pushTo(index, r.subject, r);
    rulesByKind.set(rules, index);
  }
  return index.get(kind) ?? [];
}

/** A rule's conditions compiled against one config's operators: its main condition and its rounding alternatives. */
interface CompiledRule {
  main: CompiledCondition;
  alternatives: { when: CompiledCondition; severity: Severity; message: Messages }[];
}

/**
 * Per config: its operators (built once, not per file) and each rule compiled once against them.
 * Keyed weakly by the config and the rule objects, so an editor's changed settings start afresh.
 */
const compiledByConfig = new WeakMap<CheckConfig, { operators: Record<string, Operator>; rules: WeakMap<Rule, CompiledRule> }>();
function compiledRule(rule: Rule, config: CheckConfig): CompiledRule {
  let entry = compiledByConfig.get(config);
  if (!entry) {
    entry = { operators: { ...builtinOperators, ...customOperators(config) }, rules: new WeakMap() };
    compiledByConfig.set(config, entry);
  }
  let compiled = entry.rules.get(rule);
  if (!compiled) {
    const operators = entry.operators;
    const alternatives = rule.rounding === undefined ? [] : Array.isArray(rule.rounding) ? rule.rounding : [rule.rounding];
    compiled = {
      main: compileCondition(rule.conditions, operators),
      alternatives: alternatives.map((alt) => ({ when: compileCondition(alt.conditions, operators), severity: alt.severity, message: alt.message })),
    };
    entry.rules.set(rule, compiled);
  }
  return compiled;
}

/**
 * Runs the rules over subjects as they come (an iterable: a large document's subjects need not all be
 * alive at once). With `reuse` (an open document, check after check), a subject the edit since the
 * check before left alone takes its findings from that check (engine/subject-reuse.ts).
 */
export function runRules(rules: readonly Rule[], subjects: Iterable<Subject>, config: CheckConfig, reuse?: SubjectReuse): Finding[] {
  const findings: Finding[] = [];
  const current = new SubjectFacts();
  const facts = current.lookup;
  for (const subject of subjects) {
    checkDeadline();
    const mine = rulesFor(rules, subject.kind);
    if (mine.length === 0) continue;
    const reusable = reuse ? subject.reuse : undefined;
    if (reuse && reusable) {
      const kept = reusedFindings(reuse, reusable, rules, config);
      if (kept) {
        for (const f of kept) findings.push(f);
        reuse.after.byKey.set(reusable.key, kept);
        continue;
      }
    }
    const from = findings.length;
    current.pointAt(subject);
    for (const rule of mine) {
      let severity: Severity = rule.severity;
      let message: Messages = rule.message;
      const compiled = compiledRule(rule, config);
      if (!compiled.main(facts)) {
        const hit = compiled.alternatives.find((alt) => alt.when(facts));
        if (!hit) continue;
        severity = hit.severity;
        message = hit.message;
      }
      const at = facts(rule.at);
      // `at` is a figure (its place is known) or an explicit place (a grade, a name: text, not figures).
      const explicit = typeof at === 'object' && at !== null ? (at as { place?: { file: string; path: string; span: readonly [number, number] } }).place : undefined;
      const place = explicit ?? (typeof at === 'object' && at !== null ? figurePlaces.get(at) : undefined);
      const span = isNumberFigure(at) ? at.span : explicit ? explicit.span : subject.span;
      const fixValue = rule.fix ? facts(rule.fix.value) : undefined;
      findings.push({
        ruleId: rule.id,
        severity,
        message: { zh: render(message.zh, facts), en: render(message.en, facts) },
        file: place?.file ?? subject.file,
        span,
        path: place?.path ?? subject.path,
        related: relatedOf(rule, facts),
        fix: fixOf(rule, fixValue, at, place?.file ?? subject.file, span),
      });
    }
    if (reuse && reusable) keepFindings(reuse, reusable.key, findings, from);
  }
  return findings;
}

/** The replacement a rule offers for its figure: a computed value, or a text fact (such as a normalised spelling). */
function fixOf(rule: Rule, value: unknown, at: unknown, file: string, span: readonly [number, number]): Finding['fix'] {
  if (!rule.fix || !isNumberFigure(at)) return undefined;
  const text = isComputed(value) ? value.text : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  return { message: { zh: `改为 ${text}`, en: `replace with ${text}` }, edits: [{ file, span: [span[0], span[1]], text }], safe: rule.fix.safe };
}

/** A fact named in `related` yields figures (or places) that the finding points at besides its own. */
function relatedOf(rule: Rule, facts: (name: string) => unknown): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const entry of rule.related ?? []) {
    const name = typeof entry === 'string' ? entry : entry.fact;
    const v = facts(name);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item !== 'object' || item === null) continue;
      const explicit = (item as { place?: { file: string; path: string; span: readonly [number, number] } }).place;
      const place = figurePlaces.get(item) ?? explicit;
      const span = (item as { span?: readonly [number, number] }).span ?? explicit?.span;
      if (!place || !span) continue;
      const text = isNumberFigure(item) ? item.text : '';
      const lookup = (n: string) => (n === 'item' ? text : facts(n));
      const message = typeof entry === 'string'
        ? { zh: `${name} ${text}`.trim(), en: `${name} ${text}`.trim() }
        : { zh: render(entry.message.zh, lookup), en: render(entry.message.en, lookup) };
      out.push({ file: place.file, span: [span[0], span[1]], path: place.path, message });
    }
  }
  return out;
}
