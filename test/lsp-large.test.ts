/**
 * A document too large to load on the thread that answers the editor (issue 11, item 4): the
 * language server checks it on a worker thread, answers every other request meanwhile, publishes
 * its diagnostics when that check ends, and draws a bounded outline of it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp/client.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-lsp-large-'));
const SMALL = join(dir, 'small.yaml');
const LARGE = join(dir, 'large.yaml');
writeFileSync(SMALL, readFileSync('fixtures/zhengzhou-12319-2022/evaluation.yaml', 'utf8'));

/** Over LARGE_TEXT (1 M characters): 40,000 indicators, and a card total that does not add up. */
function largeDocument(): string {
  const parts = ['format: jixiao/1\nkind: evaluation\nscorecards:\n  - id: s\n    total: { weight: 1, score: 1 }\n    indicators:\n'];
  for (let n = 0; n < 40_000; n++) parts.push(`      - {name: 指标${n}, weight: 1, score: 1}\n`);
  return parts.join('');
}

describe('a document over 1 MB in the language server', () => {
  const client = new TestClient({ root: dir });
  afterAll(() => client.stop());

  it('is checked off the thread: a request on another document is answered before its diagnostics, which then come for its version', async () => {
    await client.initialize();
    const small = await client.open(SMALL);
    await client.waitForVersion(small, 1);
    const text = largeDocument();
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const large = await client.open(LARGE, text);
    let largeDone = false;
    const diagnostics = client.waitForVersion(large, 1).then((d) => {
      largeDone = true;
      return d;
    });
    const lines = readFileSync(SMALL, 'utf8').split('\n');
    const scoreLine = lines.findIndex((l) => /^\s+score: \d/.test(l));
    const position = { line: scoreLine, character: (lines[scoreLine] ?? '').indexOf('score: ') + 8 };
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position });
    expect(hover).not.toBeNull();
    // Checking 40,000 indicators takes a second or more; the hover waited for none of it.
    expect(largeDone).toBe(false);
    const published = await diagnostics;
    // As `jixiao check` reports the same text: the card's total against Σ of its 40,000 indicators.
    expect(published.diagnostics.map((d) => [d.code, `${d.range.start.line}:${d.range.start.character}`, d.message])).toEqual([
      ['sums/children-weight', '4:21', '“s”分值 1 ≠ 下级指标分值之和 40000'],
      ['weights/total-100', '4:21', '“s”总分值为 1，应为 100'],
      ['sums/children-score', '4:31', '“s”得分 1 ≠ 下级指标得分之和 40000'],
    ]);
  }, 300_000);

  it('has an outline of at most 5,000 entries, and no hover (the features that need the loaded document are off for it)', async () => {
    const large = client.uri(LARGE);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: large } });
    expect(symbols.map((s) => [s.name, s.children?.length])).toEqual([['s', 5000]]);
    expect(symbols[0]?.children?.[4999]).toMatchObject({ name: '指标4999', detail: '分值 1 · 得分 1', range: { start: { line: 5005, character: 8 } } });
    expect(await client.request('textDocument/hover', { textDocument: { uri: large }, position: { line: 10, character: 15 } })).toBeNull();
  }, 300_000);
});
