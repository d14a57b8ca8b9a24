/**
 * Hover in a draft of `jixiao import`, in a real session over stdio (test/lsp/client.ts): the drafts
 * are made by the CLI from the fixtures (the PDF, its `pdftotext -layout` text and a legacy .xls)
 * into a temporary directory, each with its sidecar `*.jixiao.sources.json`; hovering a cell says
 * where it came from (page and box, line and columns, sheet and cell), hovering a table's title its
 * pages; a missing, malformed, oversized or non-regular sidecar, or a row edited to another number of
 * cells, changes nothing; a sidecar changed on disk is read again.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp/client.js';
import { lineOf, rangeOn } from './lsp/text.js';
import { runProcess } from './run-process.js';

const repo = process.cwd();
const CLI = join(repo, 'packages/cli/bin/jixiao.js');
const PDF = join(repo, 'fixtures/import/putuo-welfarehome-2024-unit-budget.pdf');
const LAYOUT = join(repo, 'fixtures/import/putuo-welfarehome-2024-unit-budget.layout.txt');
const XLS = join(repo, 'fixtures/import/sample.xls');

interface Box { page: number; x0: number; y0: number; x1: number; y1: number }
interface Sidecar { source: string; unit: string; tables: { path: string; pages: number[]; sheet?: string }[]; rows: Record<string, (Box | null)[]> }

const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

let dir: string;
let client: TestClient;

/** A draft imported by the CLI into dir/<name>/ from a copy of `source` named `copy`: its path, text and sidecar. */
async function importInto(name: string, source: string, copy: string) {
  const into = join(dir, name);
  mkdirSync(into);
  const file = join(into, copy);
  copyFileSync(source, file);
  const r = await runProcess(process.execPath, [CLI, 'import', file], { cwd: into });
  expect(r.status, r.stderr).not.toBe(2);
  const draft = file.replace(/\.[^.]+$/, '.jixiao.yaml');
  const sidecar = draft.replace(/\.yaml$/, '.sources.json');
  return { draft, sidecar, text: readFileSync(draft, 'utf8'), sources: JSON.parse(readFileSync(sidecar, 'utf8')) as Sidecar };
}

type Draft = Awaited<ReturnType<typeof importInto>> & { uri: string };
let pdf: Draft;
let layout: Draft;
let xls: Draft;

async function open(d: Awaited<ReturnType<typeof importInto>>): Promise<Draft> {
  const uri = await client.open(d.draft, d.text);
  await client.waitForVersion(uri, 1);
  return { ...d, uri };
}

const hoverAt = async (d: Draft, position: Position) => hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position }));

/** The 208 row of 收入预算总表 and its 合计 11,281,624 (the fifth cell), in a draft of the welfare-home budget. */
function incomeRow(text: string) {
  const title = lineOf(text, /^ {4}title: 2024年预算单位收入预算总表$/);
  const line = lineOf(text, /^ {6}- 208 \| \| \| 社会保障和就业支出 \| 11,281,624 \|/, title);
  const cell = rangeOn(text, line, '11,281,624');
  return { title, line, amount: { line, character: cell.start.character + 3 }, code: { line, character: rangeOn(text, line, '208').start.character + 1 } };
}

const setLocale = async (locale: 'zh' | 'en') => {
  client.settings = { ...client.settings, locale };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jixiao: { locale } } });
};

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'jixiao-import-hover-')));
  const [a, b, c] = await Promise.all([importInto('pdf', PDF, 'budget.pdf'), importInto('layout', LAYOUT, 'budget.txt'), importInto('xls', XLS, 'sample.xls')]);
  client = new TestClient({ root: dir, settings: { locale: 'zh' } });
  await client.initialize();
  pdf = await open(a);
  layout = await open(b);
  xls = await open(c);
});

afterAll(async () => {
  await client?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hover in an imported draft: where a figure came from', () => {
  it('the drafts and their sidecars are what the hover reads', () => {
    for (const d of [pdf, layout]) {
      const { line } = incomeRow(d.text);
      const rows = d.sources.rows['public_tables[1].rows[0]']!;
      // The 208 row is the table's first row: the sidecar's boxes are parallel to its cells.
      expect(lineOf(d.text, /^ {6}- /, incomeRow(d.text).title)).toBe(line);
      expect(rows).toHaveLength(d.text.split('\n')[line]!.replace(/^\s*- /, '').split('|').length);
      expect(d.sources.tables[1]).toMatchObject({ path: 'public_tables[1]', pages: [8] });
    }
    expect(pdf.sources.unit).toBe('pt');
    expect(pdf.sources.source).toBe('budget.pdf');
    expect(layout.sources.unit).toBe('char');
    // The box of 11,281,624 in the text: page 8 (after 7 form feeds), line 10, columns 37–46.
    const box = layout.sources.rows['public_tables[1].rows[0]']![4]!;
    expect(box).toEqual({ page: 8, x0: 36, y0: 9, x1: 46, y1: 10 });
    const page8 = readFileSync(LAYOUT, 'utf8').split('\f')[7]!.split('\n');
    expect(page8[9]!.slice(36, 46)).toBe('11,281,624');
    expect(pdf.sources.rows['public_tables[1].rows[0]']![4]).toEqual({ page: 8, x0: 393.6, y0: 206.8, x1: 445.2, y1: 217.1 });
  });

  it('on an amount cell: the page and box of the PDF, the line and columns of the text (zh and en)', async () => {
    const pdfText = await hoverAt(pdf, incomeRow(pdf.text).amount);
    expect(pdfText).toContain('**表2 2024年预算单位收入预算总表** · 208 社会保障和就业支出 · 合计 **11,281,624** 元');
    expect(pdfText.split('\n\n')).toContain('来源：budget.pdf 第 8 页（x 394–445 pt，y 207–217 pt）');
    const textText = await hoverAt(layout, incomeRow(layout.text).amount);
    expect(textText.split('\n\n')).toContain('来源：budget.txt 第 8 页第 10 行第 37–46 列');
    await setLocale('en');
    try {
      expect((await hoverAt(pdf, incomeRow(pdf.text).amount)).split('\n\n')).toContain('source: budget.pdf, page 8 (x 394–445 pt, y 207–217 pt)');
      expect((await hoverAt(layout, incomeRow(layout.text).amount)).split('\n\n')).toContain('source: budget.txt, page 8, line 10, columns 37–46');
      expect((await hoverAt(pdf, { line: incomeRow(pdf.text).title, character: 12 })).split('\n\n')).toContain('source: budget.pdf, page 8');
    } finally {
      await setLocale('zh');
    }
  });

  it('on a code: its own box; on the table title: its pages', async () => {
    const row = incomeRow(pdf.text);
    // 208's box: x 108.8–124.3, y 206.8–217.1.
    expect((await hoverAt(pdf, row.code)).split('\n\n')).toContain('来源：budget.pdf 第 8 页（x 109–124 pt，y 207–217 pt）');
    expect((await hoverAt(pdf, { line: row.title, character: 12 })).split('\n\n')).toContain('来源：budget.pdf 第 8 页');
    expect((await hoverAt(layout, { line: incomeRow(layout.text).title, character: 5 })).split('\n\n')).toContain('来源：budget.txt 第 8 页');
    // A blank cell (事业单位经营收入) has no box: no source line.
    const blank = { line: row.line, character: pdf.text.split('\n')[row.line]!.lastIndexOf('|') - 1 };
    expect(await hoverAt(pdf, blank)).not.toContain('来源');
  });

  it('in a spreadsheet: the sheet and the cell address', async () => {
    const line = lineOf(xls.text, /^ {8}- 一、财政拨款收入 \| 9,501,164$/);
    const at = { line, character: rangeOn(xls.text, line, '9,501,164').start.character + 2 };
    expect(xls.sources.rows['public_tables[0].income.rows[0]']![1]).toEqual({ page: 1, x0: 1, y0: 4, x1: 2, y1: 5 });
    expect(xls.sources.tables[0]!.sheet).toBe('财务收支预算总表');
    expect((await hoverAt(xls, at)).split('\n\n')).toContain('来源：sample.xls 工作表“财务收支预算总表” B5');
    await setLocale('en');
    try {
      expect((await hoverAt(xls, at)).split('\n\n')).toContain('source: sample.xls, sheet “财务收支预算总表”, cell B5');
    } finally {
      await setLocale('zh');
    }
  });

  it('a missing, malformed, oversized or non-regular sidecar changes nothing', async () => {
    const { amount } = incomeRow(pdf.text);
    const line = '来源：budget.pdf 第 8 页（x 394–445 pt，y 207–217 pt）';
    const withSidecar = await hoverAt(pdf, amount);
    expect(withSidecar.split('\n\n')).toContain(line);
    const without = withSidecar.split('\n\n').filter((p) => p !== line).join('\n\n');
    const saved = `${pdf.sidecar}.saved`;
    renameSync(pdf.sidecar, saved);
    try {
      expect(await hoverAt(pdf, amount)).toBe(without);
      const original = readFileSync(saved, 'utf8');
      const variants: [string, () => void][] = [
        ['truncated JSON', () => writeFileSync(pdf.sidecar, original.slice(0, original.length / 2))],
        ['another format', () => writeFileSync(pdf.sidecar, original.replace('jixiao-import-sources/1', 'jixiao-import-sources/9'))],
        ['a box of the wrong shape', () => writeFileSync(pdf.sidecar, original.replace('"x0": 393.6', '"x0": "393.6"'))],
        ['not JSON', () => writeFileSync(pdf.sidecar, Buffer.from([0xff, 0xfe, 0x00, 0x7b]))],
        ['JSON null', () => writeFileSync(pdf.sidecar, 'null')],
        ['over 20 MB', () => writeFileSync(pdf.sidecar, original.replace(/\}\s*$/, `${' '.repeat(21 * 1024 * 1024)}}`))],
        ['a directory', () => mkdirSync(pdf.sidecar)],
      ];
      if (process.platform !== 'win32') variants.push(['a FIFO', () => expect(spawnSync('mkfifo', [pdf.sidecar]).status).toBe(0)]);
      let seconds = 0;
      for (const [what, make] of variants) {
        make();
        // A new mtime each time, so that the cache cannot keep an earlier answer.
        seconds += 10;
        const when = new Date(Date.now() + seconds * 1000);
        utimesSync(pdf.sidecar, when, when);
        expect(await hoverAt(pdf, amount), what).toBe(without);
        rmSync(pdf.sidecar, { recursive: true, force: true });
      }
    } finally {
      rmSync(pdf.sidecar, { recursive: true, force: true });
      renameSync(saved, pdf.sidecar);
    }
    expect(await hoverAt(pdf, amount)).toBe(withSidecar);
  });

  it('a sidecar changed on disk is read again (by its mtime)', async () => {
    const { amount } = incomeRow(pdf.text);
    const original = readFileSync(pdf.sidecar, 'utf8');
    try {
      const moved = JSON.parse(original) as Sidecar;
      moved.rows['public_tables[1].rows[0]']![4] = { page: 9, x0: 10, y0: 20, x1: 30.4, y1: 40.6 };
      writeFileSync(pdf.sidecar, JSON.stringify(moved));
      const later = new Date(Date.now() + 60_000);
      utimesSync(pdf.sidecar, later, later);
      expect((await hoverAt(pdf, amount)).split('\n\n')).toContain('来源：budget.pdf 第 9 页（x 10–30 pt，y 20–41 pt）');
    } finally {
      writeFileSync(pdf.sidecar, original);
      const later = new Date(Date.now() + 120_000);
      utimesSync(pdf.sidecar, later, later);
    }
    expect((await hoverAt(pdf, amount)).split('\n\n')).toContain('来源：budget.pdf 第 8 页（x 394–445 pt，y 207–217 pt）');
  });

  it('a row edited to another number of cells has no source line (the sidecar speaks of another row)', async () => {
    const { line, amount } = incomeRow(layout.text);
    const lines = layout.text.split('\n');
    // One empty cell less at the end: the row no longer has the sidecar's nine cells.
    lines[line] = lines[line]!.replace(/ \| \|$/, ' |');
    const version = await client.change(layout.uri, lines.join('\n'));
    await client.waitForVersion(layout.uri, version);
    try {
      const text = await hoverAt(layout, amount);
      expect(text).toContain('合计 **11,281,624** 元');
      expect(text).not.toContain('来源');
    } finally {
      const back = await client.change(layout.uri, layout.text);
      await client.waitForVersion(layout.uri, back);
    }
    expect((await hoverAt(layout, amount)).split('\n\n')).toContain('来源：budget.txt 第 8 页第 10 行第 37–46 列');
  });
});
