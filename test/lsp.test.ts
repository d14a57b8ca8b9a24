/**
 * The language server in real sessions over stdio (issue 4, item 10): the built server, started as
 * `node packages/language-server/bin/jixiao-language-server.js --stdio`, driven by the test client.
 * Diagnostics are compared with `jixiao check --format json` (the same engine: identical findings,
 * ranges and related places), then edits, hover, inlay hints, code actions, completion, symbols,
 * definition/references, cross-file updates, a storm of random edits, settings, and foreign YAML.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, MarkupContent, Position, Range, TextEdit,
} from 'vscode-languageserver-protocol';
import { lineOf, rangeOn } from './lsp/text.js';
import { TestClient } from './lsp/client.js';
import { runProcess } from './run-process.js';

const repo = process.cwd();
const CLI = join(repo, 'packages/cli/bin/jixiao.js');
const FIXTURES = join(repo, 'fixtures');
const ZHENGZHOU = join(FIXTURES, 'zhengzhou-12319-2022/evaluation.yaml');
const ZAOZHUANG = join(FIXTURES, 'zaozhuang-2023');
const SEED_FILES = [ZHENGZHOU, ...readdirSync(ZAOZHUANG).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(ZAOZHUANG, f))];
const ORIGINAL = readFileSync(ZHENGZHOU, 'utf8');
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

// ---------------------------------------------------------------------------------------------
// Helpers

interface JsonPlace { file: string; startLine: number; startColumn: number; endLine: number; endColumn: number; message?: string }
interface JsonFinding extends JsonPlace { ruleId: string; severity: string; message: string; related: JsonPlace[] }

/** `jixiao check --format json` run in `cwd`. */
async function cli(cwd: string, args: string[]): Promise<JsonFinding[]> {
  const r = await runProcess(process.execPath, [CLI, 'check', ...args, '--format', 'json'], { cwd });
  if (r.status !== 0 && r.status !== 1) throw new Error(`jixiao check failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonFinding[];
}

const rangeText = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const jsonRange = (p: JsonPlace) => `${p.startLine - 1}:${p.startColumn - 1}-${p.endLine - 1}:${p.endColumn - 1}`;

/** A diagnostic reduced to what the CLI also reports, as one comparable string each. */
function fromDiagnostic(d: Diagnostic): string {
  const related = (d.relatedInformation ?? []).map((r) => `    ${r.location.uri} ${rangeText(r.location.range)} ${r.message}`);
  return [`${d.code} ${d.severity} ${rangeText(d.range)} ${d.message}`, ...related].join('\n');
}

/** A CLI finding as the same string; `uriOf` maps its (cwd-relative) file to the editor's URI. */
function fromJson(f: JsonFinding, uriOf: (file: string) => string): string {
  const related = f.related.map((r) => `    ${uriOf(r.file)} ${jsonRange(r)} ${r.message}`);
  return [`${f.ruleId} ${SEVERITY[f.severity]} ${jsonRange(f)} ${f.message}`, ...related].join('\n');
}

const sorted = (list: string[]) => [...list].sort();

/** What the CLI reports for `file` (absolute), as diagnostic strings. */
function expectedFor(findings: JsonFinding[], cwd: string, file: string, uriOf = (f: string) => pathToFileURL(resolve(cwd, f)).href): string[] {
  return sorted(findings.filter((f) => resolve(cwd, f.file) === file).map((f) => fromJson(f, uriOf)));
}

const summaryOf = (ds: readonly Diagnostic[]) => sorted(ds.map(fromDiagnostic));

/** Offsets ↔ positions with LF line breaks (the fixtures and every edit here use \n only). */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let i = 0; i < p.line; i++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  return Math.min(offset + p.character, end < 0 ? text.length : end);
}

/** Applies LSP text edits (non-overlapping, any order) to a text. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const byOffset = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of byOffset) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}


const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');
const labels = (items: CompletionItem[] | CompletionList | null): string[] => (Array.isArray(items) ? items : items?.items ?? []).map((i) => i.label);
const wholeDocument = (text: string): Range => ({ start: { line: 0, character: 0 }, end: positionAt(text, text.length) });

/** Where the zhengzhou narrative card's figures are (0-based lines), checked against the fixture. */
const NARRATIVE = lineOf(ORIGINAL, /^ {2}- id: narrative$/);
const DECISION_NAME = lineOf(ORIGINAL, /^ {6}- name: 决策$/, NARRATIVE);
const DECISION_SCORE = lineOf(ORIGINAL, /^ {8}score: 16\.8$/, NARRATIVE);
const FUNDING_NAME = lineOf(ORIGINAL, /^ {10}- name: 资金投入 /, NARRATIVE);
const FUNDING_SCORE = lineOf(ORIGINAL, /^ {12}score: 6$/, FUNDING_NAME);
const PROJECT_SCORE = lineOf(ORIGINAL, /^ {12}score: 6$/, DECISION_SCORE);
const GOALS_SCORE = lineOf(ORIGINAL, /^ {12}score: 4\.8$/, DECISION_SCORE);
/** The text with 资金投入's score 6 → 5: 决策 16.8 ≠ 6 + 4.8 + 5, and 资金投入 5 ≠ 3 + 3. */
const BROKEN = applyEdits(ORIGINAL, [{ range: rangeOn(ORIGINAL, FUNDING_SCORE, '6'), newText: '5' }]);

/** Runs the CLI on `text` saved as a copy of zhengzhou's evaluation, its findings mapped to the fixture's URI. */
async function expectedForText(text: string, uri: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lsp-'));
  try {
    writeFileSync(join(dir, 'evaluation.yaml'), text);
    return expectedFor(await cli(dir, ['evaluation.yaml']), dir, join(dir, 'evaluation.yaml'), () => uri);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

describe('a session on fixtures/', () => {
  let client: TestClient;
  const uris = new Map<string, string>();
  const logs: string[] = [];
  let zz: string;

  beforeAll(async () => {
    client = new TestClient({ root: FIXTURES });
    client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
    await client.initialize();
    for (const file of SEED_FILES) uris.set(file, await client.open(file));
    zz = uris.get(ZHENGZHOU)!;
    await Promise.all([...uris.values()].map((uri) => client.waitForVersion(uri, 1)));
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('item 1: each seed fixture gets exactly the findings of jixiao check, cross-file ones and related places included', async () => {
    // Run in the workspace root: messages name other files relative to it, as the server does.
    const findings = await cli(FIXTURES, ['.']);
    // The golden test's findings: 18 on the evaluation fixtures, 19 on seed 004's final accounts, 23 on the real accounts and
    // budget, 25 on the four real budgets of 万里街道 2023, 2024, 2025 and 上海市财政局 2025.
    expect(findings.length).toBe(103);
    let total = 0;
    for (const file of SEED_FILES) {
      const diagnostics = client.latest(uris.get(file)!)!;
      expect(summaryOf(diagnostics), file).toEqual(expectedFor(findings, FIXTURES, file));
      total += diagnostics.length;
      for (const d of diagnostics) {
        expect(d.source).toBe('jixiao');
        // The rule's readable page beside its YAML.
        const rulePage = join(repo, 'rules', `${String(d.code)}.md`);
        expect(d.codeDescription?.href).toBe(pathToFileURL(rulePage).href);
        expect(existsSync(rulePage)).toBe(true);
      }
    }
    expect(total).toBe(37);
    // The same as `jixiao check fixtures` run in the repository, but for the folder in the paths messages name.
    const fromRepo = await cli(repo, ['fixtures']);
    for (const file of SEED_FILES) {
      expect(expectedFor(fromRepo, repo, file).map((d) => d.replaceAll('见 fixtures/', '见 ').replaceAll('（fixtures/', '（'))).toEqual(expectedFor(findings, FIXTURES, file));
    }
    // The cross-file findings are among them.
    const summary = client.latest(uris.get(join(ZAOZHUANG, 'summary.yaml'))!)!;
    const gap = summary.find((d) => d.code === 'gaps/score-gap')!;
    expect(gap.relatedInformation?.[0]?.location.uri).toBe(pathToFileURL(join(ZAOZHUANG, 'evaluation-12345-finance.yaml')).href);
  });

  it('item 2: an incremental edit that breaks a sum reports sums/children-score on the parent, then fixing it clears it', async () => {
    const version = await client.edit(zz, rangeOn(ORIGINAL, FUNDING_SCORE, '6'), '5');
    const broken = await client.waitForVersion(zz, version);
    const decision = broken.diagnostics.find((d) => d.code === 'sums/children-score' && d.range.start.line === DECISION_SCORE)!;
    expect(decision).toBeDefined();
    expect(decision.severity).toBe(1);
    expect(decision.range).toEqual(rangeOn(ORIGINAL, DECISION_SCORE, '16.8'));
    expect(decision.message).toBe('“决策”得分 16.8 ≠ 下级指标得分之和 15.8');
    expect(decision.relatedInformation).toEqual([
      { location: { uri: zz, range: rangeOn(ORIGINAL, PROJECT_SCORE, '6') }, message: '下级指标得分：6' },
      { location: { uri: zz, range: rangeOn(ORIGINAL, GOALS_SCORE, '4.8') }, message: '下级指标得分：4.8' },
      { location: { uri: zz, range: rangeOn(ORIGINAL, FUNDING_SCORE, '6') }, message: '下级指标得分：5' },
    ]);
    // The whole set is what jixiao check says of the edited text (资金投入 5 ≠ 3 + 3 too).
    expect(summaryOf(broken.diagnostics)).toEqual(await expectedForText(BROKEN, zz));
    expect(broken.diagnostics.filter((d) => d.code === 'sums/children-score').map((d) => d.range.start.line).sort((a, b) => a - b)).toEqual([DECISION_SCORE, FUNDING_SCORE]);

    const fixedVersion = await client.edit(zz, rangeOn(BROKEN, FUNDING_SCORE, '5'), '6');
    const fixed = await client.waitForVersion(zz, fixedVersion);
    expect(fixed.diagnostics.some((d) => d.code === 'sums/children-score')).toBe(false);
    expect(summaryOf(fixed.diagnostics)).toEqual(await expectedForText(ORIGINAL, zz));
  });

  /** Names of the other cards' 决策 (level 1) and 资金投入 (level 2), where they are. */
  const SYSTEM = lineOf(ORIGINAL, /^ {2}- id: system$/);
  const SUMMARY_CARD = lineOf(ORIGINAL, /^ {2}- id: summary$/);
  const SCORING = lineOf(ORIGINAL, /^ {2}- id: scoring$/);
  const decisionIn = (card: number) => rangeOn(ORIGINAL, lineOf(ORIGINAL, /name: 决策[,\s]|name: 决策$/, card), '决策');
  const fundingIn = (card: number) => rangeOn(ORIGINAL, lineOf(ORIGINAL, /- name: 资金投入(\s|$)/, card), '资金投入');

  /** Puts zhengzhou's evaluation in the broken state (资金投入 6 → 5) and waits for its diagnostics. */
  async function breakSum(): Promise<Diagnostic[]> {
    const v = await client.change(zz, BROKEN);
    return (await client.waitForVersion(zz, v)).diagnostics;
  }
  async function restore(): Promise<Diagnostic[]> {
    const v = await client.change(zz, ORIGINAL);
    return (await client.waitForVersion(zz, v)).diagnostics;
  }

  it('item 3: hover explains a parent score (Σ of the children ✓/✗), an indicator name (its twins), a finding (its rule)', async () => {
    const atScore = { textDocument: { uri: zz }, position: { line: DECISION_SCORE, character: 17 } };
    const ok = hoverText(await client.request<Hover | null>('textDocument/hover', atScore));
    expect(ok).toContain('**决策** · 得分 **16.8**');
    expect(ok).toContain('Σ 下级得分 = 16.8 ✓');
    // The same figure in the summary card (its twin).
    expect(ok).toContain(`“summary”表中（第 ${decisionIn(SUMMARY_CARD).start.line + 1} 行）：得分 16.8`);
    expect(ok).not.toContain('sums/children-score');

    const atName = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: zz }, position: { line: DECISION_NAME, character: 15 } }));
    expect(atName).toContain('**决策**：第 1 级指标，位于“narrative”表');
    for (const [card, line] of [['system', SYSTEM], ['summary', SUMMARY_CARD], ['scoring', SCORING]] as const) {
      expect(atName).toContain(`同一指标在“${card}”表：第 ${decisionIn(line).start.line + 1} 行`);
    }

    await breakSum();
    const broken = hoverText(await client.request<Hover | null>('textDocument/hover', atScore));
    expect(broken).toContain('Σ 下级得分 = 15.8 ✗');
    expect(broken).toContain('**sums/children-score** — 上级指标（或合计）的得分等于下级指标得分之和');
    expect(broken).toContain('`jixiao explain sums/children-score`');
    await restore();

    // A finding that is not on an indicator: the stated count of a claim.
    const count = client.latest(zz)!.find((d) => d.code === 'claims/count-items')!;
    const claim = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: zz }, position: count.range.start }));
    expect(claim).toContain('**claims/count-items** — ');
    expect(claim).toContain('`jixiao explain claims/count-items`');
  });

  it('item 4: inlay hints give Σ of the children after a parent figure, ✓ when it adds up and ✗ when not', async () => {
    const hintsOf = async (text: string) => client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: zz }, range: wholeDocument(text) });
    const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).trim();
    const at = (hints: InlayHint[], line: number) => hints.filter((h) => h.position.line === line).map((h) => ({ character: h.position.character, label: label(h) }));

    const ok = await hintsOf(ORIGINAL);
    expect(at(ok, DECISION_SCORE)).toEqual([{ character: rangeOn(ORIGINAL, DECISION_SCORE, '16.8').end.character, label: 'Σ 16.8 ✓' }]);
    expect(at(ok, DECISION_SCORE - 1)).toEqual([{ character: 18, label: 'Σ 18 ✓' }]);
    expect(ok.some((h) => label(h).includes('✗'))).toBe(false);

    await breakSum();
    const broken = await hintsOf(BROKEN);
    expect(at(broken, DECISION_SCORE)).toEqual([{ character: rangeOn(BROKEN, DECISION_SCORE, '16.8').end.character, label: 'Σ 15.8 ✗' }]);
    expect(at(broken, FUNDING_SCORE)).toEqual([{ character: rangeOn(BROKEN, FUNDING_SCORE, '5').end.character, label: 'Σ 6 ✗' }]);
    expect(broken.filter((h) => label(h).includes('✗'))).toHaveLength(2);
    await restore();
  });

  it('item 5: code actions fix a broken sum either way, or disable the rule for the line', async () => {
    const diagnostics = await breakSum();
    const d = diagnostics.find((x) => x.code === 'sums/children-score' && x.range.start.line === DECISION_SCORE)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: zz }, range: d.range, context: { diagnostics: [d] } });
    const apply = (a: CodeAction | undefined) => {
      expect(a?.edit?.changes, a?.title).toBeDefined();
      expect(Object.keys(a!.edit!.changes!)).toEqual([zz]);
      return applyEdits(BROKEN, a!.edit!.changes![zz]!);
    };
    const lines = (text: string) => text.split('\n');

    // The rule's fix: the parent's score becomes the sum; nothing else changes (comments kept).
    const fix = actions.find((a) => a.title === '改为 15.8');
    const fixed = lines(apply(fix));
    const expected = lines(BROKEN);
    expected[DECISION_SCORE] = '        score: 15.8';
    expect(fixed).toEqual(expected);
    expect(fixed[FUNDING_NAME]).toContain('# 3、资金投入方面');

    // The other direction: a child changes so that the children add up to 16.8 (项目立项 cannot: 7 > its weight 6).
    const children = actions.filter((a) => a.title.startsWith('把下级'));
    expect(children.map((a) => a.title)).toEqual([
      '把下级“绩效目标”的得分改为 5.8（使下级之和等于 16.8）',
      '把下级“资金投入”的得分改为 6（使下级之和等于 16.8）',
    ]);
    expect(apply(children[1])).toBe(ORIGINAL);

    // Disable for this line: a comment above, indented as the line.
    const disable = actions.find((a) => a.title.startsWith('在此行停用 sums/children-score'));
    const disabled = apply(disable);
    const expectedDisabled = lines(BROKEN);
    expectedDisabled.splice(DECISION_SCORE, 0, '        # jixiao-disable-next-line sums/children-score');
    expect(lines(disabled)).toEqual(expectedDisabled);
    expect(actions).toHaveLength(4);

    const v = await client.change(zz, disabled);
    const after = (await client.waitForVersion(zz, v)).diagnostics;
    // 决策's finding is gone; 资金投入's (one line lower now) stays.
    expect(after.filter((x) => x.code === 'sums/children-score').map((x) => x.range.start.line)).toEqual([FUNDING_SCORE + 1]);
    await restore();
  });

  it('item 6: completion offers keys, kinds, evaluator types and indicator names where they are typed', async () => {
    const complete = async (text: string, position: Position) => {
      await client.change(zz, text);
      return labels(await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri: zz }, position }));
    };
    const lines = ORIGINAL.split('\n');
    const withLines = (at: number, ...added: string[]) => [...lines.slice(0, at), ...added, ...lines.slice(at)].join('\n');

    // A new key line inside a new indicator of the narrative card (name given).
    const keys = await complete(withLines(DECISION_NAME, '      - name: 新指标', '        '), { line: DECISION_NAME + 1, character: 8 });
    expect(keys).toEqual(expect.arrayContaining(['weight', 'score', 'children', 'rate', 'evidence']));
    expect(keys).not.toContain('name');
    expect(keys).not.toContain('indicators');
    // …and inside 决策 itself, the keys it already has are not offered again.
    const inDecision = await complete(withLines(DECISION_SCORE + 1, '        '), { line: DECISION_SCORE + 1, character: 8 });
    expect(inDecision).toEqual(expect.arrayContaining(['rate', 'evidence']));
    expect(inDecision).not.toContain('weight');
    expect(inDecision).not.toContain('score');
    // …and in a new child of 决策: the parent's keys do not count as the child's.
    const inChild = await complete(withLines(FUNDING_NAME, '          - name: 新指标', '            '), { line: FUNDING_NAME + 1, character: 12 });
    expect(inChild).toEqual(expect.arrayContaining(['weight', 'score', 'children', 'rate', 'evidence']));
    expect(inChild).not.toContain('name');

    // After `kind: `: every document kind.
    const kindLine = lineOf(ORIGINAL, /^kind: evaluation$/);
    const kinds = await complete(ORIGINAL.replace(/^kind: evaluation$/m, 'kind: '), { line: kindLine, character: 6 });
    expect(kinds.sort()).toEqual(['budget', 'evaluation', 'final-accounts', 'self-evaluation', 'summary']);
    // In a document being typed from scratch too.
    expect((await complete('format: jixiao/1\nkind: \n', { line: 1, character: 6 })).sort()).toEqual(['budget', 'evaluation', 'final-accounts', 'self-evaluation', 'summary']);

    // After `type: ` inside `evaluator:`: the evaluator types.
    const evaluatorLine = lineOf(ORIGINAL, /^evaluator: /);
    const blockEvaluator = withLines(evaluatorLine + 1, 'evaluator:', '  type: ').replace(/^evaluator: \{.*\n/m, '');
    expect((await complete(blockEvaluator, { line: evaluatorLine + 1, character: 8 })).sort()).toEqual(['department', 'finance', 'self', 'third-party']);

    // After `- name: ` in a card's indicators: names of the other cards, then the framework's.
    const level1 = await complete(withLines(DECISION_NAME, '      - name: '), { line: DECISION_NAME, character: 14 });
    expect(level1.slice(0, 4)).toEqual(['决策', '过程', '产出', '效益']);
    expect(level1).toEqual(expect.arrayContaining(['产出指标', '效益指标', '满意度指标']));
    expect(level1).not.toContain('项目立项');
    // Under 决策: its children in the other cards (and the framework's).
    const level2 = await complete(withLines(FUNDING_NAME, '          - name: '), { line: FUNDING_NAME, character: 18 });
    expect(level2).toEqual(['项目立项', '绩效目标', '资金投入']);
    await restore();
  });

  it('item 7: document symbols are the scorecards with their indicator trees', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: zz } });
    type Tree = [string, Tree[]] | string;
    const tree = (s: DocumentSymbol): Tree => (s.children && s.children.length > 0 ? [s.name, s.children.map(tree)] : s.name);
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([
      ['绩效评价指标体系', 'system'], ['绩效评价分值表', 'summary'], ['绩效评价指标分析', 'narrative'], ['绩效评价打分表', 'scoring'],
    ]);
    expect(tree(symbols[0]!)).toEqual(['绩效评价指标体系', [
      ['决策', [['项目立项', ['立项依据充分性', '立项程序规范性']], ['绩效目标', ['绩效目标合理性', '绩效指标明确性']], ['资金投入', ['预算编制科学性', '资金分配合理性']]]],
      ['过程', [['资金管理', ['预算执行率', '资金使用合规性']], ['组织实施', ['管理制度健全性', '制度执行有效性']]]],
      ['产出', [['产出数量', ['实际完成率']], ['产出质量', ['质量达标率']], ['产出时效', ['完成及时性']], ['产出成本', ['成本节约率']]]],
      ['效益', ['社会效益', '经济效益', '生态效益', '满意度']],
    ]]);
    expect(tree(symbols[1]!)).toEqual(['绩效评价分值表', ['决策', '过程', '产出', '效益']]);
    // Trees of the narrative and scoring cards are the same shape (效益 → 项目效益 → four).
    expect(tree(symbols[2]!)).toEqual(['绩效评价指标分析', (tree(symbols[3]!) as [string, Tree[]])[1]]);
    const decision = symbols[2]!.children![0]!;
    expect(decision.selectionRange).toEqual(rangeOn(ORIGINAL, DECISION_NAME, '决策'));
    expect(decision.detail).toBe('分值 18 · 得分 16.8');
    expect(decision.range.start.line).toBe(DECISION_NAME);

    // Asked at once after an edit (before its debounced check): positions are those of the new text.
    const v = await client.edit(zz, { start: { line: DECISION_NAME, character: 0 }, end: { line: DECISION_NAME, character: 0 } }, '      # 新的一行\n');
    const moved = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: zz } });
    expect(moved[2]!.children![0]!.selectionRange).toEqual({ start: { line: DECISION_NAME + 1, character: 14 }, end: { line: DECISION_NAME + 1, character: 16 } });
    await client.waitForVersion(zz, v);
    await restore();
  });

  it('item 8: definition and references on an indicator name are its twins in the other scorecards', async () => {
    const at = { textDocument: { uri: zz }, position: { line: DECISION_NAME, character: 14 } };
    const definitions = await client.request<Location[]>('textDocument/definition', at);
    const twins = [SYSTEM, SUMMARY_CARD, SCORING].map((card) => ({ uri: zz, range: decisionIn(card) }));
    expect(definitions).toEqual(twins);
    const references = await client.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
    expect(references).toEqual([{ uri: zz, range: rangeOn(ORIGINAL, DECISION_NAME, '决策') }, ...twins]);
    const withoutSelf = await client.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: false } });
    expect(withoutSelf).toEqual(twins);
    // A level-2 indicator: 资金投入 of the narrative card ↔ those of the system and scoring cards.
    const funding = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: zz }, position: { line: FUNDING_NAME, character: 19 } });
    expect(funding).toEqual([SYSTEM, SCORING].map((card) => ({ uri: zz, range: fundingIn(card) })));
    // Not on a name: nothing.
    expect(await client.request<Location[]>('textDocument/definition', { textDocument: { uri: zz }, position: { line: DECISION_SCORE, character: 16 } })).toEqual([]);
  });

  it('item 12: a YAML file that is not a jixiao document gets no diagnostics', async () => {
    const workflow = join(FIXTURES, '.github/workflows/ci.yml');
    const uri = await client.open(workflow, 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx -y pnpm@10 test\n');
    // Checks run in order: once a later change of zhengzhou is published, the workflow was looked at.
    await restore();
    expect(client.latest(uri) ?? []).toEqual([]);
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } })).toBeNull();
    expect(await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } })).toEqual([]);
    expect(await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } })).toEqual([]);
    expect(labels(await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } }))).toEqual([]);
  });

  it('never logged an internal error', () => {
    expect(logs.filter((l) => /failed/.test(l))).toEqual([]);
    expect(client.process.exitCode).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('cross-file updates (a temp copy of fixtures/zaozhuang-2023)', () => {
  let dir: string;
  let client: TestClient;
  let summary: string;
  let finance: string;
  const FINANCE = 'evaluation-12345-finance.yaml';
  const DEPARTMENT = 'evaluation-12345-department.yaml';
  const financeText = readFileSync(join(ZAOZHUANG, FINANCE), 'utf8');
  const departmentText = readFileSync(join(ZAOZHUANG, DEPARTMENT), 'utf8');
  const summaryText = readFileSync(join(ZAOZHUANG, 'summary.yaml'), 'utf8');
  const RESULT = lineOf(financeText, /^result: \{ score: 92\.85,/);
  /** summary.yaml's entries[16] (the 12345 hotline's self score, 100). */
  const HOTLINE = lineOf(summaryText, /^ {2}- \{ no: 17, .* score: 100, project_id: zaozhuang-2023-12345-hotline \}$/);

  /** What jixiao check reports for summary.yaml when the copy's files are as given (others as on disk now). */
  async function expectedSummary(texts: Record<string, string> = {}): Promise<string[]> {
    const other = mkdtempSync(join(tmpdir(), 'jixiao-lsp-cli-'));
    try {
      cpSync(dir, other, { recursive: true });
      for (const [name, text] of Object.entries(texts)) writeFileSync(join(other, name), text);
      return expectedFor(await cli(other, ['.']), other, join(other, 'summary.yaml'), (f) => pathToFileURL(join(dir, f)).href);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }

  /** Waits until summary.yaml's diagnostics are `expected` (they change without summary.yaml being edited). */
  async function summaryBecomes(expected: string[]): Promise<Diagnostic[]> {
    const same = (ds: Diagnostic[]) => JSON.stringify(summaryOf(ds)) === JSON.stringify(expected);
    await client.waitFor(summary, (p) => same(p.diagnostics)).catch(() => undefined);
    const now = client.latest(summary) ?? [];
    expect(summaryOf(now)).toEqual(expected);
    return now;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-lsp-zaozhuang-'));
    cpSync(ZAOZHUANG, dir, { recursive: true });
    client = new TestClient({ root: dir });
    await client.initialize();
    summary = await client.open(join(dir, 'summary.yaml'));
    finance = await client.open(join(dir, FINANCE));
    await Promise.all([client.waitForVersion(summary, 1), client.waitForVersion(finance, 1)]);
  });
  afterAll(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('item 9: editing the finance evaluation (open, unsaved) updates summary.yaml; so does a file changed on disk', async () => {
    // At first: what jixiao check says, with the score gap on the hotline's self score.
    const before = await summaryBecomes(await expectedSummary());
    const gapAt = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code).map((d) => d.range.start.line);
    expect(gapAt(before, 'gaps/score-gap')).toEqual([HOTLINE]);

    // Finance says 99.99: no gap any more (the summary's statement of 92.85 now differs instead).
    const at = rangeOn(financeText, RESULT, '92.85');
    let v = await client.edit(finance, at, '99.99');
    await client.waitForVersion(finance, v);
    const close = await summaryBecomes(await expectedSummary({ [FINANCE]: applyEdits(financeText, [{ range: at, newText: '99.99' }]) }));
    expect(gapAt(close, 'gaps/score-gap')).toEqual([]);

    // Finance says 85: the gap is large (an error) on the same figure.
    v = await client.edit(finance, { start: at.start, end: { line: RESULT, character: at.start.character + 5 } }, '85');
    await client.waitForVersion(finance, v);
    const far = await summaryBecomes(await expectedSummary({ [FINANCE]: applyEdits(financeText, [{ range: at, newText: '85' }]) }));
    expect(gapAt(far, 'gaps/score-gap-large')).toEqual([HOTLINE]);
    expect(far.find((d) => d.code === 'gaps/score-gap-large')!.severity).toBe(1);
    expect(client.latest(summary)).toBe(far);

    // Closed without saving: back to the file on disk.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: finance } });
    await summaryBecomes(summaryOf(before));

    // Files that are not open, changed on disk: the finance score, and the department's budget the summary states.
    writeFileSync(join(dir, FINANCE), applyEdits(financeText, [{ range: at, newText: '99.99' }]));
    const budget = lineOf(departmentText, /^ {2}adjusted: 1059\.5 /);
    writeFileSync(join(dir, DEPARTMENT), applyEdits(departmentText, [{ range: rangeOn(departmentText, budget, '1059.5'), newText: "'1,057.54'" }]));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, FINANCE)).href, type: 2 }, { uri: pathToFileURL(join(dir, DEPARTMENT)).href, type: 2 }],
    });
    const disk = await summaryBecomes(await expectedSummary());
    expect(gapAt(disk, 'gaps/score-gap')).toEqual([]);
    expect(disk.some((d) => d.code === 'claims/statement-figure' && d.message.includes('1,057.54万元'))).toBe(false);
    expect(summaryOf(disk)).not.toEqual(summaryOf(before));

    // A file deleted on disk: its findings about the others go with it.
    rmSync(join(dir, DEPARTMENT));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, DEPARTMENT)).href, type: 3 }] });
    const deleted = await summaryBecomes(await expectedSummary());
    expect(summaryOf(deleted)).not.toEqual(summaryOf(disk));
  });
});

// ---------------------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so that the storm is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a storm of random edits', () => {
  let client: TestClient;
  const logs: string[] = [];
  beforeAll(async () => {
    client = new TestClient({ root: FIXTURES });
    client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
    await client.initialize();
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('item 10: 300 random partial edits with requests in between: every request answered, no crash, same diagnostics after restoring', async () => {
    const uri = await client.open(ZHENGZHOU);
    const original = summaryOf((await client.waitForVersion(uri, 1)).diagnostics);
    const rng = prng(20240401);
    const int = (n: number) => Math.floor(rng() * n);
    const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
    const PIECES = ['a', 'Z', '0', '7', '.', ',', ':', ': ', ' ', '  ', '\t', '-', '- ', '#', '"', "'", '[', ']', '{', '}', '%', '\n', '\n  - ',
      '决策', '得分', '分值：', '，', '≥', '—', '|', '>', '&', '*', '!', '?', '@', '`', '\\', 'score: ', 'children:', 'name: ', '16.8', '1,057.54', '９２．９'];
    const piece = (n: number) => Array.from({ length: n }, () => pick(PIECES)).join('');
    let text = ORIGINAL;
    const pending: { method: string; promise: Promise<unknown> }[] = [];
    /** Inverse edits of the current burst: undone (incrementally, newest first) now and then, so the text parses again. */
    const undo: { start: number; end: number; text: string }[] = [];
    const apply = async (start: number, end: number, newText: string) => {
      await client.edit(uri, { start: positionAt(text, start), end: positionAt(text, end) }, newText);
      text = text.slice(0, start) + newText + text.slice(end);
    };
    const send = async (start: number, end: number, newText: string) => {
      undo.push({ start, end: start + newText.length, text: text.slice(start, end) });
      await apply(start, end, newText);
    };
    const lineBounds = () => {
      const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
      const start = starts[int(starts.length)]!;
      const nl = text.indexOf('\n', start);
      return { start, end: nl < 0 ? text.length : nl };
    };
    const maybeRequest = () => {
      if (rng() >= 0.2) return;
      const position = positionAt(text, int(text.length + 1));
      const textDocument = { uri };
      const requests: [string, unknown][] = [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/inlayHint', { textDocument, range: wholeDocument(text) }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: client.latest(uri) ?? [] } }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
      ];
      const [method, params] = pick(requests);
      pending.push({ method, promise: client.request(method, params) });
    };

    for (let n = 0; n < 300; n++) {
      const r = rng();
      const at = int(text.length + 1);
      if (r < 0.25) await send(at, at, piece(1 + int(6)));
      else if (r < 0.4) await send(at, Math.min(text.length, at + 1 + int(20)), '');
      else if (r < 0.5) {
        // A line cut in half: its second half removed, or the line broken in two.
        const { start, end } = lineBounds();
        const middle = start + Math.floor((end - start) / 2);
        if (rng() < 0.5) await send(middle, end, '');
        else await send(middle, middle, '\n');
      } else if (r < 0.6) await send(at, Math.min(text.length, at + int(10)), piece(1 + int(4)));
      else if (r < 0.75) {
        // A figure retyped (the text still parses; sums, rates and counts change).
        const figures = [...text.matchAll(/\b\d+(?:\.\d+)?\b/g)];
        const f = figures.length > 0 ? pick(figures) : undefined;
        if (f) await send(f.index!, f.index! + f[0].length, pick(['0', '5', '6', '16.8', '99.99', '100', '3.5', '1e3', '-2', '']));
      } else if (r < 0.8) await send(at, at, pick(['“', '得分'.repeat(3000), 'x'.repeat(20000), '决策，'.repeat(2000) + '\n']));
      else if (r < 0.9) {
        const { start } = lineBounds();
        await send(start, start, pick(['\t', '\t\t', '    ', '# ', '- ']));
      } else {
        const { start, end } = lineBounds();
        await send(end, end, `\n${text.slice(start, end)}`);
      }
      maybeRequest();
      if (rng() < 0.25) {
        while (undo.length > 0) {
          const u = undo.pop()!;
          await apply(u.start, u.end, u.text);
          maybeRequest();
        }
        expect(text).toBe(ORIGINAL);
      }
      if (rng() < 0.03) await new Promise((r) => setTimeout(r, int(60)));
    }
    expect(pending.length).toBeGreaterThan(80);
    const answers = await Promise.allSettled(pending.map((p) => p.promise));
    const failures = answers.flatMap((a, i) => (a.status === 'rejected' && (a.reason as { code?: number }).code !== -32800 ? [`${pending[i]!.method}: ${String(a.reason)}`] : []));
    expect(failures).toEqual([]);
    // Many answers were about a document that parsed (the storm is not only about broken YAML).
    const outlines = answers.filter((a, i) => pending[i]!.method === 'textDocument/documentSymbol' && a.status === 'fulfilled' && (a.value as unknown[]).length > 0);
    expect(outlines.length).toBeGreaterThan(5);

    // Still alive, still answering; the original text gives the original diagnostics again.
    expect(client.process.exitCode).toBeNull();
    const v = await client.change(uri, ORIGINAL);
    const after = await client.waitForVersion(uri, v);
    expect(summaryOf(after.diagnostics)).toEqual(original);
    expect(hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: DECISION_SCORE, character: 17 } }))).toContain('Σ 下级得分 = 16.8 ✓');
    expect(logs.filter((l) => /failed/.test(l))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('settings', () => {
  let client: TestClient;
  beforeAll(async () => {
    client = new TestClient({ root: FIXTURES, settings: { locale: 'en' } });
    await client.initialize();
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('item 11: jixiao.locale en gives English messages; enable: false clears the diagnostics', async () => {
    const uri = await client.open(ZHENGZHOU);
    const english = await client.waitForVersion(uri, 1);
    expect(summaryOf(english.diagnostics)).toEqual(expectedFor(await cli(FIXTURES, ['.', '--locale', 'en']), FIXTURES, ZHENGZHOU));
    const items = english.diagnostics.find((d) => d.code === 'claims/count-items')!;
    expect(items.message).toMatch(/^“项目实施单位下设四个三级指标：.*” states 4 but lists 3$/);
    // The hover on a finding explains its rule in English too.
    const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: items.range.start }));
    expect(hover).toContain('**claims/count-items** — A stated count equals the number of items the sentence lists');
    expect(hover).toContain('the number of items listed must equal the stated count');
    expect(hover).toContain('Why: A count that does not match its list');
    expect(hover).not.toContain('为什么');

    // Disabled (pulled from the client on a configuration change without settings).
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await client.waitFor(uri, (p) => p.diagnostics.length === 0);
    expect(off.diagnostics).toEqual([]);
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: DECISION_SCORE, character: 17 } })).toBeNull();
    expect(await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: wholeDocument(ORIGINAL) })).toEqual([]);
    // An edit while disabled reports nothing either.
    const v = await client.edit(uri, rangeOn(ORIGINAL, FUNDING_SCORE, '6'), '5');
    expect((await client.waitForVersion(uri, v)).diagnostics).toEqual([]);

    // Enabled again (pushed with the notification), in Chinese: the findings of the edited text.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jixiao: { enable: true, locale: 'zh' } } });
    const on = await client.waitFor(uri, (p) => p.diagnostics.length > 0);
    expect(summaryOf(on.diagnostics)).toEqual(await expectedForText(BROKEN, uri));
  });
});

describe('configuration', () => {
  it('item 8: the server reads jixiao.config.yaml like jixiao check, and again when it changes on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-lsp-config-'));
    const file = join(dir, 'r.yaml');
    writeFileSync(file, ORIGINAL);
    const configFile = join(dir, 'jixiao.config.yaml');
    writeFileSync(configFile, 'rules: { claims/count-items: off }\n');
    const client = new TestClient({ root: dir });
    try {
      await client.initialize();
      const uri = await client.open(file);
      const first = await client.waitForVersion(uri, 1);
      expect(first.diagnostics.map((d) => d.code).sort()).toEqual(['claims/count-indicators', 'claims/count-indicators']);
      const changed = async (text: string) => {
        writeFileSync(configFile, text);
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configFile).href, type: 2 }] });
      };
      await changed('rules: { claims/*: warning }\n');
      const warned = await client.waitFor(uri, (p) => p.diagnostics.length === 3 && p.diagnostics.every((d) => d.severity === 2));
      expect(warned.diagnostics.map((d) => d.code).sort()).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
      // A broken config: one error at the top of the file, pointing at the config's problem.
      await changed('rulez: {}\n');
      const broken = await client.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'config/invalid'));
      expect(broken.diagnostics).toHaveLength(1);
      expect(broken.diagnostics[0]!.range.start).toEqual({ line: 0, character: 0 });
      expect(broken.diagnostics[0]!.relatedInformation?.[0]?.location.uri).toBe(pathToFileURL(configFile).href);
      expect(broken.diagnostics[0]!.relatedInformation?.[0]?.message).toMatch(/rulez/);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('completion in flow mappings', () => {
  it('offers keys, values and indicator names inside { … } on one line', async () => {
    const client = new TestClient({ root: FIXTURES });
    try {
      await client.initialize();
      const uri = await client.open(ZHENGZHOU);
      await client.waitForVersion(uri, 1);
      const lines = ORIGINAL.split('\n');
      const labels = async (line: number, character: number) =>
        (await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } })).map((i) => i.label);
      const summaryLine = lines.findIndex((x) => x.includes('{ name: 决策, weight: 18, score: 16.8'));
      const keys = await labels(summaryLine, lines[summaryLine]!.indexOf('决策, ') + 4);
      expect(keys).toEqual(expect.arrayContaining(['weight', 'score', 'rate', 'children']));
      expect(keys).not.toContain('name');
      const evaluatorLine = lines.findIndex((x) => x.startsWith('evaluator: {'));
      expect(await labels(evaluatorLine, lines[evaluatorLine]!.indexOf('type: ') + 6)).toEqual(['self', 'department', 'finance', 'third-party']);
      const names = await labels(summaryLine, lines[summaryLine]!.indexOf('name: ') + 6);
      expect(names.slice(0, 4)).toEqual(['决策', '过程', '产出', '效益']);
    } finally {
      await client.stop();
    }
  });
});

describe('diagnostics for the whole workspace', () => {
  it('with jixiao.diagnostics: workspace, closed files get their findings too; back to open, they are cleared', async () => {
    const client = new TestClient({ root: FIXTURES, settings: { diagnostics: 'workspace' } });
    try {
      await client.initialize();
      const closed = client.uri(ZHENGZHOU);
      const got = await client.waitFor(closed, (p) => p.diagnostics.length > 0);
      expect(got.diagnostics.map((d) => d.code).sort()).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
      const summary = client.uri(join(ZAOZHUANG, 'summary.yaml'));
      expect((await client.waitFor(summary, (p) => p.diagnostics.length > 0)).diagnostics.map((d) => d.code)).toContain('gaps/score-gap');
      client.settings = { diagnostics: 'open' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      expect((await client.waitFor(closed, (p) => p.diagnostics.length === 0)).diagnostics).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});

describe('one pipeline: jixiao check and the language server on the same tree', () => {
  let dir: string;
  let client: TestClient;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-pipeline-'));
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'ignore: ["drafts/**"]\n');
    copyFileSync(ZHENGZHOU, join(dir, 'evaluation.yaml'));
    copyFileSync(join(ZAOZHUANG, 'final-accounts.yaml'), join(dir, 'final-accounts.yaml'));
    copyFileSync(join(ZAOZHUANG, 'summary.yaml'), join(dir, 'summary.yaml'));
    // A draft with errors in an ignored folder: neither reports it.
    copyFileSync(ZHENGZHOU, join(dir, 'drafts', 'evaluation.yaml'));
    client = new TestClient({ root: dir });
    await client.initialize();
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives identical findings, and none on the file the config ignores', async () => {
    const findings = await cli(dir, ['.']);
    const files = ['evaluation.yaml', 'final-accounts.yaml', 'summary.yaml', join('drafts', 'evaluation.yaml')].map((f) => join(dir, f));
    for (const file of files) await client.open(file);
    for (const file of files) {
      const published = await client.waitForVersion(client.uri(file), 1);
      expect(summaryOf(published.diagnostics), file).toEqual(expectedFor(findings, dir, file));
    }
    expect(expectedFor(findings, dir, join(dir, 'evaluation.yaml')).length).toBeGreaterThan(0);
    expect(expectedFor(findings, dir, join(dir, 'final-accounts.yaml')).length).toBe(19);
    expect(findings.filter((f) => f.file.startsWith('drafts'))).toEqual([]);
    expect(client.latest(client.uri(join(dir, 'drafts', 'evaluation.yaml')))).toEqual([]);
  });
});
