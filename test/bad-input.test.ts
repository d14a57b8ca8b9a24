/**
 * Bad input never crashes a run and never yields a stack trace: each case below becomes one
 * positioned finding (rule id, severity, line:column, both languages), and the other files of the
 * same run are still checked. Big and broken files are generated in a temporary directory.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile, checkFiles, LineIndex, loadDocument, parseFast, parseTolerant, parseYaml, type FileResult, type Finding } from '@jixiao/core';
import { decodeBytes, MAX_FILE_BYTES } from '../packages/core/dist/io/decode.js';
import { unreadableFrom } from '../packages/core/dist/io/read.js';
import { canonicalSpans } from '../packages/core/dist/yaml/spans.js';
import { runProcess } from './run-process.js';

const GOOD_FIXTURE = 'fixtures/zhengzhou-12319-2022/evaluation.yaml';
const HEAD = 'format: jixiao/1\nkind: summary\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-bad-'));
});
afterAll(() => {
  // Leave the directory readable for the system's temp cleaner.
  try {
    chmodSync(join(dir, 'no-permission.yaml'), 0o644);
  } catch {
    // not created on this system
  }
});

let counter = 0;
async function check(content: string | Uint8Array, name = `case-${++counter}.yaml`): Promise<FileResult> {
  const file = join(dir, name);
  writeFileSync(file, content);
  return checkFile(file);
}

interface Placed {
  ruleId: string;
  severity: string;
  at: string;
  text: string;
  zh: string;
  en: string;
}

function placed(result: FileResult): Placed[] {
  const index = new LineIndex(result.text);
  return result.findings.map((f: Finding) => {
    const { line, column } = index.position(f.span[0]);
    return { ruleId: f.ruleId, severity: f.severity, at: `${line}:${column}`, text: result.text.slice(f.span[0], f.span[1]), zh: f.message.zh, en: f.message.en };
  });
}

const STACK = /\n\s+at |Error:|RangeError|Maximum call stack/;

/** Exactly one finding: this rule, an error, at this place, readable messages in both languages. */
function expectOne(result: FileResult, ruleId: string, at: string, zh: RegExp, en: RegExp): Placed {
  const found = placed(result);
  expect(found.map((f) => `${f.ruleId} ${f.at}`)).toEqual([`${ruleId} ${at}`]);
  const f = found[0] as Placed;
  expect(f.severity).toBe('error');
  expect(f.zh).toMatch(zh);
  expect(f.en).toMatch(en);
  expect(f.zh).toMatch(/\p{Script=Han}/u);
  expect(f.en).not.toMatch(/\p{Script=Han}/u);
  expect(`${f.zh}\n${f.en}`).not.toMatch(STACK);
  return f;
}

/** A GBK encoder for the test (Node decodes GB18030 but does not encode it): every two-byte code, decoded once. */
function gbkEncoder(): (text: string) => Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [hi, lo]);
    }
  }
  return (text) =>
    Buffer.from(
      [...text].flatMap((c) => {
        const code = c.charCodeAt(0);
        if (code < 0x80) return [code];
        const bytes = codes.get(c);
        if (!bytes) throw new Error(`no GBK code for ${c}`);
        return bytes;
      }),
    );
}

const MALFORMED: Record<string, string> = {
  'bad-indent.yaml': `${HEAD}entries:\n  - name: a\n     score: 1\n`,
  'unclosed-quote.yaml': 'format: jixiao/1\nkind: "summary\nentries: []\n',
  'unclosed-flow.yaml': `${HEAD}entries: [ { name: a, score: 1 }\n`,
  'tab-indent.yaml': `${HEAD}entries:\n\t- name: a\n`,
  'duplicate-key.yaml': `${HEAD}kind: evaluation\nentries: []\n`,
};

describe('malformed YAML', () => {
  it('bad indentation: parse/bad-indent at the badly indented line', async () => {
    const f = expectOne(await check(MALFORMED['bad-indent.yaml']!), 'parse/bad-indent', '5:6', /缩进不正确/, /bad indentation/);
    expect(f.text).toBe('score');
  });
  it('an unclosed quote: parse/unclosed at the opening quote', async () => {
    expectOne(await check(MALFORMED['unclosed-quote.yaml']!), 'parse/unclosed', '2:7', /引号 " 没有闭合/, /the quote " is never closed/);
  });
  it('an unclosed flow list: parse/unclosed at the opening bracket', async () => {
    const f = expectOne(await check(MALFORMED['unclosed-flow.yaml']!), 'parse/unclosed', '3:10', /“\[”没有对应的“\]”/, /“\[” is never closed/);
    expect(f.text).toBe('[');
  });
  it('an unclosed flow mapping: parse/unclosed at the opening brace', async () => {
    expectOne(await check(`${HEAD}entries:\n  - { name: a, score: 1\n`), 'parse/unclosed', '4:5', /“\{”没有对应的“\}”/, /“\{” is never closed/);
  });
  it('tab indentation: parse/tab-indent', async () => {
    expectOne(await check(MALFORMED['tab-indent.yaml']!), 'parse/tab-indent', '4:1', /制表符/, /tabs are not allowed as indentation/);
  });
  it('a duplicate key: parse/duplicate-key at the second one, and the first one counts', async () => {
    const f = expectOne(await check(MALFORMED['duplicate-key.yaml']!), 'parse/duplicate-key', '3:1', /重复的键“kind”/, /duplicate key “kind”/);
    expect(f.text).toBe('kind');
  });
  it('two YAML documents: parse/multiple-documents', async () => {
    expectOne(await check(`${HEAD}entries: []\n---\nfoo: 1\n`), 'parse/multiple-documents', '4:1', /多个 YAML 文档/, /several YAML documents/);
  });
});

describe('wrong types', () => {
  const EVAL = 'format: jixiao/1\nkind: evaluation\n';
  it('scorecards: 5', async () => {
    const f = expectOne(await check(`${EVAL}scorecards: 5\n`), 'schema/invalid', '3:13', /“scorecards”的类型不对：应为列表，实际是“5”/, /wrong type at scorecards: expected a list, found “5”/);
    expect(f.text).toBe('5');
  });
  it('an indicator that is a string', async () => {
    const text = `${EVAL}scorecards:\n  - id: s\n    indicators:\n      - just a string\n      - { name: b, weight: 10, score: 10 }\n`;
    expectOne(await check(text), 'schema/invalid', '6:9', /应为映射（键: 值），实际是“just a string”/, /scorecards\[0\]\.indicators\[0\]: expected a mapping \(key: value\), found “just a string”/);
  });
  it('weight: [1,2]', async () => {
    const text = `${EVAL}scorecards:\n  - id: s\n    indicators:\n      - { name: a, weight: [1, 2] }\n`;
    const f = expectOne(await check(text), 'schema/invalid', '6:28', /应为单个值，实际是列表/, /weight: expected a single value, found a list/);
    expect(f.text).toBe('[1, 2]');
  });
});

describe('empty files', () => {
  it('an empty file: schema/empty', async () => {
    expectOne(await check(''), 'schema/empty', '1:1', /^文件为空$/, /^the file is empty$/);
  });
  it('a file of blank lines and comments: schema/empty', async () => {
    expectOne(await check('\n   \n# 只有注释\n\n'), 'schema/empty', '1:1', /文件为空/, /the file is empty/);
  });
});

describe('byte-order mark and line ends', () => {
  const doc = `${HEAD}entries:\n  - { name: 项目, score: 九十 }\n  - { name: b, score: 1, scor: 2 }\n`;
  const summary = (r: FileResult) => placed(r).map((f) => `${f.ruleId} ${f.at} ${f.text}`);

  it('a UTF-8 BOM is accepted silently, stripped, recorded, and columns stay right', async () => {
    const plain = await check(doc);
    const bom = await check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc)]));
    expect(bom.bom).toBe(true);
    expect(plain.bom).toBe(false);
    expect(bom.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(summary(bom)).toEqual(summary(plain));
    expect(summary(bom)).toEqual(['value/unreadable 4:24 九十', 'schema/unknown-key 5:26 scor']);
  });
  it('a BOM left in the text does not shift the spans of either parser', () => {
    const text = `\uFEFF${doc}`;
    expect(loadDocument('x.yaml', text).findings.map((f) => text.slice(f.span[0], f.span[1]))).toEqual(['九十', 'scor']);
    expect(canonicalSpans(parseFast(text)!, text)).toEqual(canonicalSpans(parseTolerant(text).root!, text));
  });
  it('CRLF line ends: accepted silently, the same findings at the same text and the same line:column', async () => {
    const lf = await check(doc);
    const crlf = await check(doc.replace(/\n/g, '\r\n'));
    expect(summary(crlf)).toEqual(summary(lf));
  });
  it('CRLF on a whole fixture: every finding points at the same text as on the LF file', async () => {
    const text = readFileSync(GOOD_FIXTURE, 'utf8');
    const sub = join(dir, 'crlf-fixture');
    mkdirSync(sub);
    writeFileSync(join(sub, 'lf.yaml'), text);
    writeFileSync(join(sub, 'crlf.yaml'), text.replace(/\n/g, '\r\n'));
    const [crlf, lf] = await checkFiles([join(sub, 'crlf.yaml'), join(sub, 'lf.yaml')]);
    const view = (r: FileResult, source: string) => {
      const index = new LineIndex(source);
      return r.findings.map((f) => `${f.ruleId} ${f.path} ${JSON.stringify(index.position(f.span[0]))} ${source.slice(f.span[0], f.span[1])}`);
    };
    const lfView = view(lf!, text);
    expect(lfView.length).toBeGreaterThanOrEqual(3);
    expect(view(crlf!, text.replace(/\n/g, '\r\n'))).toEqual(lfView);
  });
});

describe('encodings', () => {
  it('GBK/GB18030: parse/encoding at the first invalid byte, with the text decoded as GB18030', async () => {
    const gbk = gbkEncoder()(`${HEAD}entries:\n  - { name: 项目, score: 1 }\n`);
    const result = await check(gbk);
    const f = expectOne(result, 'parse/encoding', '4:13', /^文件不是 UTF-8 编码（疑似 GBK\/GB18030）：请另存为 UTF-8$/, /^file is not UTF-8 \(looks like GBK\/GB18030\): save it as UTF-8$/);
    expect(f.text).toBe('项');
    expect(result.text).toContain('name: 项目');
  });
  it('GBK with Chinese in the first line', async () => {
    expectOne(await check(gbkEncoder()(`# 绩效评价报告\n${HEAD}entries: []\n`)), 'parse/encoding', '1:3', /疑似 GBK/, /looks like GBK/);
  });
  it('another encoding (Latin-1): parse/encoding naming the invalid byte', async () => {
    const latin1 = Buffer.from(`${HEAD}entries:\n  - { name: caf\u00e9, score: 1 }\n`, 'latin1');
    expectOne(await check(latin1), 'parse/encoding', '4:16', /文件不是 UTF-8 编码（无效字节 0xE9）/, /file is not UTF-8 \(invalid byte 0xE9\)/);
  });
  it('UTF-16 with a BOM: parse/encoding saying so', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEAD}entries: []\n`, 'utf16le')]);
    expectOne(await check(utf16), 'parse/encoding', '1:1', /文件是 UTF-16LE 编码（带 BOM）：请另存为 UTF-8/, /file is UTF-16LE encoded \(with a byte-order mark\): save it as UTF-8/);
    const be = Buffer.from(`${HEAD}entries: []\n`, 'utf16le').swap16();
    expectOne(await check(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), 'parse/encoding', '1:1', /UTF-16BE/, /UTF-16BE/);
  });
  it('UTF-16 without a BOM: parse/encoding saying so', async () => {
    expectOne(await check(Buffer.from(`${HEAD}entries:\n  - { name: 项目 }\n`, 'utf16le')), 'parse/encoding', '1:1', /疑似 UTF-16LE/, /looks like UTF-16LE/);
  });
  it('a NUL byte: parse/encoding at the NUL', async () => {
    expectOne(await check(Buffer.from('format: jixiao/1\nkind: sum\0mary\n')), 'parse/encoding', '2:10', /NUL 字节/, /NUL byte/);
  });
  it('decodeBytes reports the line end and the BOM', () => {
    expect(decodeBytes(Buffer.from('a: 1\r\nb: 2\r\n'))).toEqual({ ok: true, text: 'a: 1\r\nb: 2\r\n', bom: false, eol: '\r\n' });
    expect(decodeBytes(Buffer.from('\uFEFFa: 1\n'))).toEqual({ ok: true, text: 'a: 1\n', bom: true, eol: '\n' });
  });
});

/** 9 anchors of 9 aliases each: 9^9 (387 million) leaves if expanded. */
function aliasBomb(): string {
  let text = `${HEAD}entries: []\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i <= 8; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  }
  return text;
}

describe('aliases', () => {
  it('an alias bomb finishes at once: each alias is parse/alias, never expanded', async () => {
    const heap = process.memoryUsage().heapUsed;
    const result = await check(aliasBomb());
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100e6);
    const found = placed(result);
    const aliases = found.filter((f) => f.ruleId === 'parse/alias');
    expect(aliases).toHaveLength(8 * 9);
    expect(aliases[0]).toMatchObject({ severity: 'error', at: '5:8', text: '*a' });
    expect(aliases[0]!.zh).toBe('jixiao/1 文件不支持锚点与别名（&/*）：别名“*a”未展开，请直接写出该值');
    expect(aliases[0]!.en).toBe('jixiao/1 files do not support anchors and aliases (&/*): the alias “*a” is not expanded; write the value out');
    // The rest are the keys a … i, unknown to a summary.
    expect(found.filter((f) => f.ruleId !== 'parse/alias').map((f) => f.ruleId)).toEqual(Array(9).fill('schema/unknown-key'));
  });
  it('a single alias is reported at the alias and the value is left empty', async () => {
    const result = await check(`${HEAD}x: &e []\nentries: *e\n`);
    expect(placed(result).map((f) => `${f.ruleId} ${f.at} ${f.text}`)).toEqual(['parse/alias 4:10 *e', 'schema/unknown-key 3:1 x']);
  });
});

describe('deep nesting', () => {
  const tooDeep = (r: FileResult, at: string) => expectOne(r, 'parse/too-deep', at, /嵌套层级过深（超过 64 层）/, /nesting too deep \(more than 64 levels\)/);
  it('10,000 levels of [[[…', async () => {
    // entries (level 2) opens at column 10: the 64th bracket is level 65.
    tooDeep(await check(`${HEAD}entries: ${'['.repeat(10000)}${']'.repeat(10000)}\n`), '3:73');
    tooDeep(await check(`${HEAD}entries: ${'['.repeat(10000)}\n`), '3:73');
  });
  it('10,000 levels of - - - …', async () => {
    tooDeep(await check(`${HEAD}entries:\n  ${'- '.repeat(10000)}x\n`), '4:129');
  });
  it('10,000 levels of {a: {a: …', async () => {
    tooDeep(await check(`${HEAD}entries: []\ndeep: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`), '4:259');
  });
  it('1,000 levels of nested block mappings', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k:`);
    tooDeep(await check(`${HEAD}entries: []\ndeep:\n${lines.join('\n')} x\n`), '68:65');
  });
  it('both parsers place the limit alike (65 levels: js-yaml parses it, the tolerant path refuses to compose it)', () => {
    const text = `${HEAD}entries: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    expect(parseFast(text)).not.toBeNull();
    expect(parseYaml(text).problems).toEqual(parseTolerant(text).problems);
    expect(parseYaml(text).root).toBeNull();
  });
  it('64 levels are fine', () => {
    const text = `${HEAD}entries: []\ndeep: ${'['.repeat(63)}${']'.repeat(63)}\n`;
    const { problems, root } = parseYaml(text);
    expect(problems).toEqual([]);
    expect(root).not.toBeNull();
  });
});

describe('prototype keys', () => {
  it('__proto__, constructor and prototype keys anywhere are unknown keys and pollute nothing', async () => {
    const text = [
      'format: jixiao/1',
      'kind: evaluation',
      '__proto__: { polluted: true }',
      'constructor: { prototype: { polluted: true } }',
      'scorecards:',
      '  - id: s',
      '    indicators:',
      '      - name: __proto__',
      '        weight: 10',
      '        score: 10',
      '        __proto__: { polluted: true }',
      '        prototype: { polluted: true }',
      '      - { name: constructor, weight: 5, score: 5, constructor: { polluted: true } }',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'proto.yaml'), text);
    const [result] = await checkFiles([join(dir, 'proto.yaml')]);
    const index = new LineIndex(text);
    const found = result!.findings.map((f) => `${f.ruleId} ${index.position(f.span[0]).line}:${index.position(f.span[0]).column} ${f.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'schema/unknown-key 3:1 __proto__',
        'schema/unknown-key 4:1 constructor',
        'schema/unknown-key 11:9 scorecards[0].indicators[0].__proto__',
        'schema/unknown-key 12:9 scorecards[0].indicators[0].prototype',
        'schema/unknown-key 13:51 scorecards[0].indicators[1].constructor',
      ]),
    );
    expect(result!.findings.every((f) => !STACK.test(`${f.message.zh}${f.message.en}`))).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

/** A valid evaluation with a 10 MB `notes` string (the good fixture, so its usual findings must remain). */
function hugeNotes(): string {
  const text = readFileSync(GOOD_FIXTURE, 'utf8');
  return text.replace(/^notes: >-\n/m, `notes: >-\n  ${'很长的说明文字，'.repeat(450_000)}\n`);
}

/** 10 MB of indicators. */
function manyIndicators(): string {
  const parts = ['format: jixiao/1\nkind: evaluation\nscorecards:\n  - id: s\n    indicators:\n'];
  const evidence = `${'依据'.repeat(150)} ${'evidence '.repeat(50)}`;
  let size = 0;
  for (let n = 0; size < 10 * 1024 * 1024; n++) {
    const part = `      - name: 指标${n}\n        weight: 1\n        score: 1\n        evidence: ${evidence}\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('');
}

describe('big files', () => {
  it('a 10 MB notes string: checked in reasonable time, with the fixture’s usual findings', async () => {
    const text = hugeNotes();
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024 * 1024);
    writeFileSync(join(dir, 'huge-notes.yaml'), text);
    const [result] = await checkFiles([join(dir, 'huge-notes.yaml')]);
    expect(result!.findings.map((f) => f.ruleId).sort()).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
  });
  it('10 MB of indicators: checked without a crash in reasonable time', async () => {
    writeFileSync(join(dir, 'many-indicators.yaml'), manyIndicators());
    const [result] = await checkFiles([join(dir, 'many-indicators.yaml')]);
    expect(result!.findings.filter((f) => f.ruleId.startsWith('parse/') || f.ruleId.startsWith('schema/') || f.ruleId.startsWith('internal/'))).toEqual([]);
  });
  it(`a file over ${MAX_FILE_BYTES / 1024 / 1024} MB: parse/too-large, not read`, async () => {
    const file = join(dir, 'too-large.yaml');
    writeFileSync(file, '');
    truncateSync(file, MAX_FILE_BYTES + 1); // sparse: no disk space, and never read
    expectOne(await checkFile(file), 'parse/too-large', '1:1', /^文件过大（50 MB，上限 50 MB）：未检查$/, /^file too large \(50 MB, the limit is 50 MB\): not checked$/);
    expect(decodeBytes(new Uint8Array(0)).ok).toBe(true);
  });
});

describe('unreadable files', () => {
  it('a directory passed as a file: io/unreadable', async () => {
    const sub = join(dir, 'a-directory.yaml');
    mkdirSync(sub);
    expectOne(await checkFile(sub), 'io/unreadable', '1:1', /无法读取文件：这是一个目录/, /cannot read file: it is a directory/);
  });
  it('a missing file: io/unreadable', async () => {
    expectOne(await checkFile(join(dir, 'no-such-file.yaml')), 'io/unreadable', '1:1', /文件不存在/, /does not exist/);
  });
  it('permission denied: io/unreadable', async () => {
    // As root (CI containers) a mode-000 file is still readable, so the error mapping is checked directly too.
    const denied = unreadableFrom(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    expect(denied).toMatchObject({ ok: false, ruleId: 'io/unreadable', span: [0, 0] });
    expect(denied.message.zh).toMatch(/没有读取权限/);
    expect(denied.message.en).toMatch(/permission denied/);
    const file = join(dir, 'no-permission.yaml');
    writeFileSync(file, `${HEAD}entries: []\n`);
    chmodSync(file, 0o000);
    const result = await checkFile(file);
    if (process.getuid?.() !== 0) expectOne(result, 'io/unreadable', '1:1', /没有读取权限/, /permission denied/);
    else expect(result.findings).toEqual([]);
  });
});

/** Every bad file of this suite in one directory, with a copy of a good fixture. */
function badDirectory(): { dir: string; expected: Record<string, string> } {
  const bad = mkdtempSync(join(tmpdir(), 'jixiao-run-'));
  const files: Record<string, [string | Uint8Array, string]> = {
    'bad-indent.yaml': [MALFORMED['bad-indent.yaml']!, 'parse/bad-indent'],
    'unclosed-quote.yaml': [MALFORMED['unclosed-quote.yaml']!, 'parse/unclosed'],
    'unclosed-flow.yaml': [MALFORMED['unclosed-flow.yaml']!, 'parse/unclosed'],
    'tab-indent.yaml': [MALFORMED['tab-indent.yaml']!, 'parse/tab-indent'],
    'duplicate-key.yaml': [MALFORMED['duplicate-key.yaml']!, 'parse/duplicate-key'],
    'wrong-type.yaml': ['format: jixiao/1\nkind: evaluation\nscorecards: 5\n', 'schema/invalid'],
    'empty.yaml': ['', 'schema/empty'],
    'comments.yaml': ['# nothing\n', 'schema/empty'],
    'gbk.yaml': [gbkEncoder()(`${HEAD}entries:\n  - { name: 项目, score: 1 }\n`), 'parse/encoding'],
    'utf16.yaml': [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEAD}entries: []\n`, 'utf16le')]), 'parse/encoding'],
    'alias-bomb.yaml': [aliasBomb(), 'parse/alias'],
    'deep-flow.yaml': [`${HEAD}entries: ${'['.repeat(10000)}\n`, 'parse/too-deep'],
    'deep-seq.yaml': [`${HEAD}entries:\n  ${'- '.repeat(10000)}x\n`, 'parse/too-deep'],
    'proto.yaml': [`${HEAD}entries: []\n__proto__: { polluted: true }\n`, 'schema/unknown-key'],
    'huge-notes.yaml': [hugeNotes(), 'claims/count-items'],
    'bom.yaml': [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEAD}entries:\n  - { name: a, score: x }\n`)]), 'value/unreadable'],
  };
  const expected: Record<string, string> = {};
  for (const [name, [content, ruleId]] of Object.entries(files)) {
    writeFileSync(join(bad, name), content);
    expected[name] = ruleId;
  }
  writeFileSync(join(bad, 'too-large.yaml'), '');
  truncateSync(join(bad, 'too-large.yaml'), MAX_FILE_BYTES + 1);
  expected['too-large.yaml'] = 'parse/too-large';
  copyFileSync(GOOD_FIXTURE, join(bad, 'good.yaml'));
  return { dir: bad, expected };
}

describe('one run over all the bad files', () => {
  let run: { dir: string; expected: Record<string, string> };
  beforeAll(() => {
    run = badDirectory();
  });

  it('checkFiles: each bad file gets its finding and the good file its usual findings', async () => {
    const names = [...Object.keys(run.expected), 'good.yaml'].sort();
    const results = await checkFiles(names.map((n) => join(run.dir, n)));
    expect(results.map((r) => r.file.slice(run.dir.length + 1))).toEqual(names);
    for (const r of results) {
      const name = r.file.slice(run.dir.length + 1);
      const ids = r.findings.map((f) => f.ruleId);
      expect(ids.some((id) => id.startsWith('internal/')), name).toBe(false);
      for (const f of r.findings) expect(`${f.message.zh}\n${f.message.en}`, name).not.toMatch(STACK);
      if (name === 'good.yaml') {
        expect(r.findings.map((f) => `${f.ruleId} ${f.path}`).sort()).toEqual(['claims/count-indicators claims[1].count', 'claims/count-indicators claims[2].count', 'claims/count-items claims[6].count']);
      } else {
        expect(ids, name).toContain(run.expected[name]);
        expect(r.findings.find((f) => f.ruleId === run.expected[name])?.severity, name).toBe('error');
      }
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('the CLI: exit code 1, JSON findings for every file, no stack trace', async () => {
    const bin = join(process.cwd(), 'packages/cli/bin/jixiao.js');
    const r = await runProcess(process.execPath, [bin, 'check', run.dir, '--format', 'json', '--locale', 'en'], { maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as { ruleId: string; file: string; severity: string }[];
    for (const [name, ruleId] of Object.entries(run.expected)) {
      expect(findings.some((f) => f.file.endsWith(name) && f.ruleId === ruleId), `${name}: ${ruleId}`).toBe(true);
    }
    expect(findings.filter((f) => f.file.endsWith('good.yaml')).map((f) => f.ruleId).sort()).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
    expect(findings.some((f) => f.ruleId.startsWith('internal/'))).toBe(false);
  });
});
