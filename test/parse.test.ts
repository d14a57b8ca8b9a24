import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { checkFiles, LinePositions, loadDocument, parseFast, parseTolerant } from '@jixiao/core';
import { canonicalSpans } from '../packages/core/dist/yaml/spans.js';

const fixtures = fg.sync('fixtures/**/*.yaml');

describe('one parse behaviour', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });
  it.each(fixtures)('fast and tolerant parsers build the same tree for %s', (file) => {
    const text = readFileSync(file, 'utf8');
    const fast = canonicalSpans(parseFast(text)!, text);
    const tolerant = canonicalSpans(parseTolerant(text).root!, text);
    expect(fast).toEqual(tolerant);
  });
  it.each(fixtures)('%s is a valid jixiao/1 document', (file) => {
    const loaded = loadDocument(file, readFileSync(file, 'utf8'));
    expect(loaded.findings).toEqual([]);
    expect(loaded.document?.format).toBe('jixiao/1');
  });
});

describe('bad input becomes positioned findings', () => {
  it('reports an unknown key at the key', () => {
    const text = 'format: jixiao/1\nkind: summary\nentries: []\nentires: 1\n';
    const { findings, document } = loadDocument('x.yaml', text);
    expect(findings.map((f) => f.ruleId)).toEqual(['schema/unknown-key']);
    expect(text.slice(findings[0]!.span[0], findings[0]!.span[1])).toBe('entires');
    expect(document).not.toBeNull();
  });
  it('reports an unreadable figure and keeps the rest of the document', () => {
    const text = 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 九十 }\n  - { name: b, score: 99.5 }\n';
    const { findings, document } = loadDocument('x.yaml', text);
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([['value/unreadable', 'entries[0].score']]);
    expect(document?.entries?.[1]?.score?.kind).toBe('number');
  });
  it('reports YAML syntax errors at their place', () => {
    const { findings, document } = loadDocument('x.yaml', 'format: jixiao/1\nkind: [summary\n');
    expect(document).toBeNull();
    expect(findings[0]!.ruleId).toMatch(/^parse\//);
  });
  it('treats a __proto__ key as an unknown key, never as a prototype', () => {
    const text = 'format: jixiao/1\nkind: summary\nentries: []\n__proto__: { polluted: true }\n';
    const { findings } = loadDocument('x.yaml', text);
    expect(findings.map((f) => f.ruleId)).toEqual(['schema/unknown-key']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
  it('reads a YAML number by its source text (26.0 keeps one decimal)', () => {
    const { document } = loadDocument('x.yaml', 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 26.0 }\n');
    const score = document?.entries?.[0]?.score;
    expect(score?.kind === 'number' && score.decimals).toBe(1);
  });
});

describe('line ends', () => {
  it('a file with lone CR line ends (old Mac) has its findings on the right lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cr-'));
    const file = join(dir, 'cr.yaml');
    writeFileSync(file, readFileSync('fixtures/zhengzhou-12319-2022/evaluation.yaml', 'utf8').replace(/\n/g, '\r'));
    const [result] = await checkFiles([file]);
    const items = result!.findings.find((f) => f.ruleId === 'claims/count-items');
    expect(items?.range?.start).toEqual({ line: 460, column: 12 });
    expect(new LinePositions('a\rb\r\nc\nd').position(7)).toEqual({ line: 4, column: 1 });
  });
});
