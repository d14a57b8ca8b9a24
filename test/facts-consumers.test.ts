/**
 * One source of truth for what a rule knows (issue 11, item 8): hover, inlay hints and the review
 * read the facts of the core's subjects — the ones the rules run over — instead of computing them
 * again, so they can never disagree with a rule.
 *
 * - Hover and inlay hints, in a real session: on every figure a comparing rule looks at (Σ of the
 *   children, score ÷ weight, weight − score, the grade band, a scoring rule, spent ÷ budget,
 *   weight × rate), in the rules' own examples and in real fixtures, the hover shows the value the
 *   rule's finding message shows (or, where the rule does not fire, the subject's fact), marked ✗
 *   where the rule reports an error, ≈ where it reports a rounding, ✓ where it says nothing.
 * - The review: every document's and project's grade is the `expectedGrade` the grades rules read,
 *   with the same bands (a document's own bands too, where the configured ones would say otherwise).
 * - A ~3,000-line report: its subjects are made once per view, and hovers after the first are cheap.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover, InlayHint, MarkupContent, Position } from 'vscode-languageserver-protocol';
import {
  buildDocView, checkFiles, defaultConfig, documentSubjects, factLookup, figurePlaces, findRulesDir, isComputed, isNumberFigure, loadDocument, loadPacks,
  type Rule, type Subject,
} from '@jixiao/core';
import { collectReview, type ReviewModel } from '../packages/review/dist/index.js';
import { comparisonsAt, comparisonsIn } from '../packages/language-server/dist/figures.js';
import { generateReport } from '../bench/corpus.mjs';
import { TestClient } from './lsp/client.js';

const config = defaultConfig();
const rules = loadPacks(findRulesDir());
const ruleById = new Map(rules.map((r) => [r.id, r]));

/** The rules that compare a stated figure (or grade) with a computed one. */
const COMPARING = [
  'sums/children-weight', 'sums/children-score', 'sums/deduction', 'grades/stated-rate', 'grades/grade-band',
  'grades/scoring-rule', 'grades/execution-rate', 'grades/execution-score',
];
/** The rules whose value an inlay hint also shows: Σ always, the others where they do not agree. */
const HINTED_ALWAYS = new Set(['sums/children-weight', 'sums/children-score']);
const HINTED_ON_MISMATCH = new Set(['grades/stated-rate', 'grades/grade-band', 'grades/execution-rate']);

interface Condition { all?: Condition[]; fact?: string; operator?: string; value?: unknown }

/** The two facts a rule compares, as its conditions name them: `{ fact: stated, operator: decimalMismatch | notEqual, value: { fact: computed } }`. */
function comparedFacts(rule: Rule): { stated: string; computed: string } {
  const all = (rule.conditions as Condition).all ?? [];
  const c = all.find((x) => (x.operator === 'decimalMismatch' || x.operator === 'notEqual') && typeof x.value === 'object' && x.value !== null && 'fact' in x.value);
  if (!c?.fact) throw new Error(`${rule.id}: no compared facts`);
  return { stated: c.fact, computed: (c.value as { fact: string }).fact };
}

/** How a message shows the computed value: its fact, or for a scoring rule the scores it allows. */
const shownAs = (rule: Rule, computed: string) => (rule.id === 'grades/scoring-rule' ? 'ruleExpected' : computed);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The computed value in a finding's message: the text its template puts where the computed fact
 * stands (`{{childScoreSum}}`; a scoring rule's message shows `{{ruleExpected}}`, or `{{ruleScore}}`).
 */
function valueInMessage(rule: Rule, message: string): { fact: string; value: string } | undefined {
  const { computed } = comparedFacts(rule);
  const alternatives = rule.rounding === undefined ? [] : Array.isArray(rule.rounding) ? rule.rounding : [rule.rounding];
  for (const template of [rule.message.zh, ...alternatives.map((a) => a.message.zh)]) {
    const fact = [shownAs(rule, computed), computed].find((f) => template.includes(`{{${f}}}`));
    if (!fact) continue;
    const pattern = template.split(/(\{\{\s*\w+\s*\}\})/).map((part) => {
      const m = /^\{\{\s*(\w+)\s*\}\}$/.exec(part);
      return m ? (m[1] === fact ? '(?<value>.+?)' : '.*?') : escape(part);
    }).join('');
    const hit = new RegExp(`^${pattern}$`, 'su').exec(message);
    if (hit?.groups?.value !== undefined) return { fact, value: hit.groups.value };
  }
  return undefined;
}

function shown(v: unknown): string {
  if (isNumberFigure(v) || isComputed(v)) return v.text;
  return v === undefined || v === null ? '—' : String(v);
}

/** Offsets ↔ positions with LF line breaks. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');
const hintLabel = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).trim();
const markOf = (d: Diagnostic | undefined) => (d === undefined ? '✓' : d.severity === 3 ? '≈' : '✗');
const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/** One figure a comparing rule looks at, as the core's subjects of the file give it. */
interface Compared {
  rule: Rule;
  subject: Subject;
  /** Where the stated figure (or grade) is, and where it ends. */
  start: Position;
  end: Position;
  /** The computed value as the rule's message would show it. */
  value: string;
  facts: (name: string) => unknown;
}

/** Every stated figure a comparing rule compares with a computed one (both known). */
function comparedIn(file: string, text: string): Compared[] {
  const loaded = loadDocument(file, text);
  if (!loaded.document) return [];
  const view = buildDocView(file, loaded.document, loaded.root, text);
  const out: Compared[] = [];
  for (const subject of documentSubjects(view, [view], config)) {
    const facts = factLookup(subject);
    for (const id of COMPARING) {
      const rule = ruleById.get(id)!;
      if (rule.subject !== subject.kind) continue;
      const { stated, computed } = comparedFacts(rule);
      const s = facts(stated);
      if (s === undefined || s === null || facts(computed) === undefined || facts(computed) === null) continue;
      // A line scored on its stated rate alone compares the rate with itself: nothing to show.
      if (id === 'grades/execution-rate' && (facts('numerator') === undefined || facts('denominator') === undefined)) continue;
      const at = facts(rule.at);
      const span = isNumberFigure(at) ? at.span : (at as { place?: { span: readonly [number, number] } } | undefined)?.place?.span;
      if (!span) continue;
      out.push({ rule, subject, start: positionAt(text, span[0]), end: positionAt(text, span[1]), value: shown(facts(shownAs(rule, computed))), facts });
    }
  }
  return out;
}

describe('hover and inlay hints show what the rules compute', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-facts-'));
  const files: { file: string; text: string }[] = [];
  let client: TestClient;

  beforeAll(async () => {
    // Every example of the comparing rules, valid and invalid, and real fixtures.
    for (const id of COMPARING) {
      const rule = ruleById.get(id)!;
      for (const [kind, list] of [['valid', rule.examples.valid], ['invalid', rule.examples.invalid]] as const) {
        list.forEach((example, i) => {
          const file = join(dir, `${id.replace('/', '-')}-${kind}-${i}.yaml`);
          writeFileSync(file, example.doc);
          files.push({ file, text: example.doc });
        });
      }
    }
    for (const fixture of ['zhengzhou-12319-2022/evaluation.yaml', 'zaozhuang-2023/evaluation-12345-finance.yaml', 'zaozhuang-2023/self-evaluation-bigdata-operating.yaml', 'zaozhuang-2023/summary.yaml']) {
      const file = join(dir, 'fixtures', basename(fixture));
      mkdirSync(join(dir, 'fixtures'), { recursive: true });
      copyFileSync(join(process.cwd(), 'fixtures', fixture), file);
      files.push({ file, text: readFileSync(file, 'utf8') });
    }
    client = new TestClient({ root: dir });
    await client.initialize();
    for (const { file, text } of files) await client.open(file, text);
    await Promise.all(files.map(({ file }) => client.waitForVersion(client.uri(file), 1)));
  }, 120_000);
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on each compared figure: the rule’s value and verdict (✗ where it fires, ≈ for a rounding, ✓ where it does not)', async () => {
    let fired = 0;
    let quiet = 0;
    for (const { file, text } of files) {
      const uri = client.uri(file);
      const diagnostics = client.latest(uri) ?? [];
      const compared = comparedIn(file, text);
      for (const c of compared) {
        const finding = diagnostics.find((d) => d.code === c.rule.id && samePosition(d.range.start, c.start));
        // Where the rule fires, its message shows the very value the subject's fact gives, and so does the hover.
        const shownInMessage = finding ? valueInMessage(c.rule, finding.message) : undefined;
        if (finding) expect(shownInMessage?.value, `${basename(file)} ${c.rule.id}: ${finding.message}`).toBe(shown(c.facts(shownInMessage!.fact)));
        const value = shownInMessage?.value ?? c.value;
        const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: c.start }));
        const mark = markOf(finding);
        const line = hover.split('\n').find((l) => l.includes(value) && l.includes(c.value) && l.trim().endsWith(mark));
        expect(line, `${basename(file)} ${c.rule.id} at ${c.start.line + 1}:${c.start.character + 1}: want ${value} ${mark} in\n${hover}`).toBeDefined();
        if (finding) fired++;
        else quiet++;
      }
      // Every finding of a comparing rule is on a figure compared here.
      for (const d of diagnostics.filter((x) => COMPARING.includes(String(x.code)))) {
        expect(compared.some((c) => c.rule.id === d.code && samePosition(d.range.start, c.start)), `${basename(file)} ${d.code} ${d.message}`).toBe(true);
      }
    }
    // Both sides are exercised: the examples' findings and many figures that add up.
    expect(fired).toBeGreaterThanOrEqual(15);
    expect(quiet).toBeGreaterThanOrEqual(100);
  });

  it('the inlay hint after a figure shows the same value: Σ always, a rate, grade or execution rate where the rule fires', async () => {
    let checked = 0;
    for (const { file, text } of files) {
      const uri = client.uri(file);
      const diagnostics = client.latest(uri) ?? [];
      const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) } });
      for (const c of comparedIn(file, text)) {
        const finding = diagnostics.find((d) => d.code === c.rule.id && samePosition(d.range.start, c.start));
        const here = hints.filter((h) => samePosition(h.position, c.end)).map(hintLabel);
        if (HINTED_ALWAYS.has(c.rule.id) || (HINTED_ON_MISMATCH.has(c.rule.id) && finding && finding.severity !== 3)) {
          const mark = markOf(finding);
          expect(here.some((l) => l.includes(c.value) && l.endsWith(mark)), `${basename(file)} ${c.rule.id} at ${c.end.line + 1}: want ${c.value} ${mark} in ${JSON.stringify(here)}`).toBe(true);
          checked++;
        } else if (HINTED_ON_MISMATCH.has(c.rule.id)) {
          expect(here.filter((l) => l.includes('✗') && l.includes(c.value)), `${basename(file)} ${c.rule.id}`).toEqual([]);
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('a broken sum: the hover’s Σ is the one in the finding’s message, and changes with the text', async () => {
    const { file, text } = files.find((f) => f.file.endsWith('evaluation.yaml') && f.file.includes('fixtures'))!;
    const uri = client.uri(file);
    // 资金投入's score 6 → 5 (zhengzhou's narrative card): 决策 16.8 ≠ 6 + 4.8 + 5.
    const lines = text.split('\n');
    const decision = lines.findIndex((l) => /^ {8}score: 16\.8$/.test(l), lines.findIndex((l) => /^ {2}- id: narrative$/.test(l)));
    const fundingRow = lines.findIndex((l, i) => i > decision && /^ {10}- name: 资金投入 /.test(l));
    const score = lines.findIndex((l, i) => i > fundingRow && /^ {12}score: 6$/.test(l));
    expect(score).toBeGreaterThan(decision);
    const broken = lines.map((l, i) => (i === score ? l.replace('6', '5') : l)).join('\n');
    const version = await client.change(uri, broken);
    const { diagnostics } = await client.waitForVersion(uri, version);
    const finding = diagnostics.find((d) => d.code === 'sums/children-score' && d.range.start.line === decision)!;
    expect(finding.message).toBe('“决策”得分 16.8 ≠ 下级指标得分之和 15.8');
    const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: finding.range.start }));
    expect(hover).toContain(`Σ 下级得分 = ${valueInMessage(ruleById.get('sums/children-score')!, finding.message)?.value} ✗`);
    const restored = await client.change(uri, text);
    await client.waitForVersion(uri, restored);
    expect(hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: finding.range.start }))).toContain('Σ 下级得分 = 16.8 ✓');
  });
});

describe('the review’s grades are the grades rules’', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-grades-'));
  let model: ReviewModel;
  const fixtureFiles = [
    'fixtures/zaozhuang-2023/evaluation-12345-department.yaml',
    'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml',
    'fixtures/zaozhuang-2023/self-evaluation-bigdata-operating.yaml',
    'fixtures/zaozhuang-2023/self-evaluation-office-operating.yaml',
    'fixtures/zaozhuang-2023/self-evaluation-research-operating.yaml',
    'fixtures/zaozhuang-2023/summary.yaml',
    'fixtures/zhengzhou-12319-2022/evaluation.yaml',
  ];
  // A project whose self-evaluation states its own bands (优 from 95): 92 is 良 by them, 优 by the configured ones.
  const own = join(dir, 'own-bands.yaml');
  const external = join(dir, 'external.yaml');
  const summary = join(dir, 'summary.yaml');

  beforeAll(async () => {
    writeFileSync(own, [
      'format: jixiao/1', 'kind: evaluation', 'evaluator: { type: self }', 'project: { id: p-own, name: 自带分数段的项目 }', 'scorecards: []',
      'grading:', '  bands: [ { grade: 优, min: 95 }, { grade: 良, min: 85 }, { grade: 中, min: 60 }, { grade: 差, min: 0 } ]',
      'result: { score: 92, grade: 优 }', '',
    ].join('\n'));
    writeFileSync(external, ['format: jixiao/1', 'kind: evaluation', 'evaluator: { type: finance }', 'project: { id: p-own, name: 自带分数段的项目 }', 'scorecards: []', 'result: { score: 90, grade: 优 }', ''].join('\n'));
    // A summary with its own bands: its line for a project is graded by them.
    writeFileSync(summary, [
      'format: jixiao/1', 'kind: summary', 'evaluator: { type: self }',
      'grading:', '  bands: [ { grade: 优, min: 95 }, { grade: 良, min: 85 }, { grade: 中, min: 60 }, { grade: 差, min: 0 } ]',
      'entries:', '  - { no: 1, name: 汇总表中的项目, score: 93, project_id: p-line }', '',
    ].join('\n'));
    const files = [...fixtureFiles, own, external, summary];
    model = collectReview([{ config, rules, results: await checkFiles(files, { rules, config }) }], { title: 'grades' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The expectedGrade of the file's scored subjects, by path (result, total, entries[i]). */
  function expectedGrades(file: string): Map<string, string | undefined> {
    const text = readFileSync(file, 'utf8');
    const loaded = loadDocument(file, text);
    const view = buildDocView(file, loaded.document!, loaded.root, text);
    const out = new Map<string, string | undefined>();
    for (const s of documentSubjects(view, [view], config)) {
      if (s.kind === 'scored' && (s.path === 'result' || s.path === 'total' || s.path.startsWith('entries['))) out.set(s.path, factLookup(s)('expectedGrade') as string | undefined);
    }
    return out;
  }

  it('each document’s grade by band is its subject’s expectedGrade, and the grade-band finding’s', () => {
    let graded = 0;
    for (const s of model.submissions) {
      const grades = expectedGrades(s.file);
      const subjectGrade = grades.get('result') ?? grades.get('total') ?? null;
      expect(s.computedGrade, s.file).toBe(s.score ? subjectGrade : null);
      for (const f of s.findings.filter((x) => x.ruleId === 'grades/grade-band' && x.path === 'result.grade')) {
        expect(/应为“(.+?)”/.exec(f.message.zh)?.[1], s.file).toBe(s.computedGrade);
      }
      if (s.computedGrade) graded++;
    }
    expect(graded).toBeGreaterThanOrEqual(6);
    const mine = model.submissions.find((s) => s.file === own)!;
    // By the document's own bands, as grades/grade-band says — not the configured 优.
    expect(mine.computedGrade).toBe('良');
    expect(mine.findings.find((f) => f.ruleId === 'grades/grade-band')?.message.zh).toBe('“综合评价”得分 92 应为“良”，但写作“优”');
  });

  it('each project’s self and external grades are those of the documents (or summary lines) its scores come from', () => {
    for (const p of model.projects) {
      for (const [score, submission, grade] of [[p.selfScore, p.selfSubmission, p.selfGrade], [p.externalScore, p.externalSubmission, p.externalGrade]] as const) {
        if (!score || submission === null) {
          expect(grade).toBeNull();
          continue;
        }
        const s = model.submissions[submission]!;
        const grades = expectedGrades(s.file);
        // The document's own score, else its line for the project in a summary table.
        const own = s.score && s.projectKey === p.key ? grades.get('result') ?? grades.get('total') : undefined;
        const line = [...grades].find(([path]) => path.startsWith('entries[') && s.kind === 'summary')?.[0];
        const expected = own ?? (line ? lineGrade(s.file, p.key) : undefined) ?? null;
        expect(grade, `${p.key} ${s.file}`).toBe(expected);
      }
    }
    const mine = model.projects.find((p) => p.key === 'p-own')!;
    expect([mine.selfGrade, mine.externalGrade]).toEqual(['良', '优']);
    expect(model.projects.find((p) => p.key === 'p-line')?.selfGrade).toBe('良');
  });

  /** The expectedGrade of a summary's line for a project. */
  function lineGrade(file: string, key: string): string | undefined {
    const text = readFileSync(file, 'utf8');
    const loaded = loadDocument(file, text);
    const i = (loaded.document!.entries ?? []).findIndex((e) => e.project_id === key);
    return i < 0 ? undefined : expectedGrades(file).get(`entries[${i}]`);
  }
});

describe('a ~3,000-line report', () => {
  it('answers every parent’s Σ on a ~3,000-line report, the same each time it is asked', () => {
    const { text } = generateReport({ index: 1, subprojects: 11 }) as { text: string };
    expect(text.split('\n').length).toBeGreaterThan(2500);
    const loaded = loadDocument('report.yaml', text);
    const view = buildDocView('report.yaml', loaded.document!, loaded.root, text);
    const all = comparisonsIn(view, 0, text.length, config, 'zh');
    expect(all.length).toBeGreaterThan(500);
    // Every parent's Σ agrees on the generated (clean) report, as its check says.
    expect(all.filter((c) => c.verdict === 'mismatch')).toEqual([]);
    const paths = all.filter((c) => c.kind === 'sum').slice(0, 200).map((c) => figurePathOf(view, c));
    expect(paths.length).toBe(200);
    for (const p of paths) expect(comparisonsAt(view, p, config, 'zh').length, p.join('.')).toBeGreaterThan(0);
    // The same view again: the same answers (its index is made once; speed is `pnpm bench:lsp`'s to measure).
    for (const p of paths) expect(comparisonsAt(view, p, config, 'zh')).toEqual(comparisonsAt(view, p, config, 'zh'));
  });
});

/** The document path of a comparison's stated figure (from the figure at its end). */
function figurePathOf(view: ReturnType<typeof buildDocView>, c: { end: number | undefined }): (string | number)[] {
  const figure = view.figures.find((f) => f.span[1] === c.end);
  const path = figure ? figurePlaces.get(figure)?.path ?? '' : '';
  return path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
