import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { RuleLine, SourceDocument, SourcePage, TextItem } from '../packages/import/dist/source/page.js';
import { readPdf, splitAtGaps, splitAtRules } from '../packages/import/dist/source/pdf.js';

/** Real published PDFs (copies of ../shared/real/<slug>/original.pdf; see fixtures/import/pdf-sources.md). */
const WELFARE = 'putuo-welfarehome-2024-unit-budget';
const FINANCE = 'shanghai-finance-2025-unit-budget';
const WANLI = 'putuo-wanli-2023-budget';

function fixture(slug: string): Uint8Array {
  return new Uint8Array(readFileSync(`fixtures/import/${slug}.pdf`));
}

const cache = new Map<string, Promise<SourceDocument>>();
function real(slug: string): Promise<SourceDocument> {
  let doc = cache.get(slug);
  if (!doc) cache.set(slug, (doc = readPdf(`${slug}.pdf`, fixture(slug))));
  return doc;
}

function page(doc: SourceDocument, number: number): SourcePage {
  const found = doc.pages.find((p) => p.number === number);
  if (!found) throw new Error(`no page ${number}`);
  return found;
}

const horizontals = (p: SourcePage): RuleLine[] => p.rules.filter((r) => r.y0 === r.y1);
const verticals = (p: SourcePage): RuleLine[] => p.rules.filter((r) => r.x0 === r.x1);
const AMOUNT = /^-?\d{1,3}(,\d{3})*(\.\d+)?$/;

/** Lines of a page: items whose vertical middles lie within 2 pt, left to right, joined by a space. */
function lines(items: TextItem[]): string[] {
  const sorted = [...items].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const out: Array<{ middle: number; items: TextItem[] }> = [];
  for (const item of sorted) {
    const middle = (item.y0 + item.y1) / 2;
    const last = out[out.length - 1];
    if (last && Math.abs(middle - last.middle) < 2) last.items.push(item);
    else out.push({ middle, items: [item] });
  }
  return out.map((line) => line.items.sort((a, b) => a.x0 - b.x0).map((i) => i.text).join(' '));
}

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const numbersPerLine = (text: string[]): string[] => text.map((l) => (l.match(NUMBER) ?? []).join(' ')).filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Minimal hand-written PDFs, for what the corpus does not have (rotation, images, encryption).

interface PdfObject {
  dict: string;
  stream?: string | Uint8Array;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Buffer => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (password: string): Buffer => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/**
 * A PDF of the given objects (object 1 is the catalog), with a correct xref table; with
 * `encrypt`, its streams are encrypted with the standard security handler, revision 2 (RC4, 40
 * bits), under the given user password.
 */
function buildPdf(objects: PdfObject[], encrypt?: { user: string; owner: string }): Uint8Array {
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  let fileKey: Buffer | null = null;
  const extra: PdfObject[] = [];
  let trailerExtra = '';
  if (encrypt) {
    const o = rc4(md5(padded(encrypt.owner)).subarray(0, 5), padded(encrypt.user));
    const p = Buffer.alloc(4);
    p.writeInt32LE(-4);
    fileKey = md5(padded(encrypt.user), o, p, id).subarray(0, 5);
    const u = rc4(fileKey, PAD);
    extra.push({ dict: `<< /Filter /Standard /V 1 /R 2 /O <${Buffer.from(o).toString('hex')}> /U <${Buffer.from(u).toString('hex')}> /P -4 >>` });
    trailerExtra = ` /Encrypt ${objects.length + 1} 0 R`;
  }
  const all = [...objects, ...extra];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  all.forEach((object, index) => {
    const number = index + 1;
    offsets.push(length);
    let body: Buffer;
    if (object.stream !== undefined) {
      let data: Uint8Array = typeof object.stream === 'string' ? Buffer.from(object.stream, 'latin1') : object.stream;
      if (fileKey && index < objects.length) {
        const key = md5(fileKey, Buffer.from([number & 255, (number >> 8) & 255, (number >> 16) & 255, 0, 0])).subarray(0, 10);
        data = rc4(key, data);
      }
      const dict = object.dict.replace(/>>\s*$/, ` /Length ${data.length} >>`);
      body = Buffer.concat([Buffer.from(`${number} 0 obj\n${dict}\nstream\n`, 'latin1'), Buffer.from(data), Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    } else {
      body = Buffer.from(`${number} 0 obj\n${object.dict}\nendobj\n`, 'latin1');
    }
    chunks.push(body);
    length += body.length;
  });
  const xref = [`xref\n0 ${all.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const idHex = id.toString('hex');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${all.length + 1} /Root 1 0 R /ID [<${idHex}> <${idHex}>]${trailerExtra} >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

/** A one-font document: catalog, pages, then each page with its content stream. */
function pagesPdf(pages: Array<{ content: string; mediaBox?: string; rotate?: number; resources?: string }>, more: PdfObject[] = []): PdfObject[] {
  const objects: PdfObject[] = [
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: `<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>` },
    { dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
  ];
  pages.forEach((p, i) => {
    const rotate = p.rotate ? ` /Rotate ${p.rotate}` : '';
    const resources = p.resources ?? '<< /Font << /F1 3 0 R >> >>';
    objects.push({ dict: `<< /Type /Page /Parent 2 0 R /MediaBox ${p.mediaBox ?? '[0 0 612 792]'}${rotate} /Resources ${resources} /Contents ${5 + 2 * i} 0 R >>` });
    objects.push({ dict: '<< >>', stream: p.content });
  });
  return [...objects, ...more];
}

const near = (actual: number, expected: number, within = 0.05): void => {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(within);
};

// ---------------------------------------------------------------------------------------------

describe('readPdf on a real WPS 表格 export (社会福利院 2024 unit budget)', () => {
  it('reads every page in points, none scanned', async () => {
    const doc = await real(WELFARE);
    expect(doc.format).toBe('pdf');
    expect(doc.file).toBe(`${WELFARE}.pdf`);
    expect(doc.pages.map((p) => p.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const p of doc.pages) {
      expect(p.unit).toBe('pt');
      expect(p.scanned).toBeUndefined();
      near(p.width, 841.85, 0.01);
      near(p.height, 595.25, 0.01);
      expect(p.items.length).toBeGreaterThan(0);
      for (const item of p.items) {
        expect(item.text.trim()).not.toBe('');
        expect(item.x0).toBeLessThan(item.x1);
        expect(item.y0).toBeLessThan(item.y1);
        expect(item.x0).toBeGreaterThanOrEqual(0);
        expect(item.x1).toBeLessThanOrEqual(p.width);
        expect(item.y0).toBeGreaterThanOrEqual(0);
        expect(item.y1).toBeLessThanOrEqual(p.height);
      }
    }
  });

  it('page 8 (收入预算总表) has its title, its figures and one right edge per amount column', async () => {
    const p = page(await real(WELFARE), 8);
    const texts = p.items.map((i) => i.text);
    expect(texts).toContain('2024年预算单位收入预算总表');
    expect(texts).toContain('12,121,164');
    expect(texts).toContain('社会保障和就业支出');
    expect(texts).toContain('机关事业单位基本养老保险缴费支出');
    // The title is at the top and centred, above the table.
    const title = p.items.find((i) => i.text === '2024年预算单位收入预算总表')!;
    expect(title.y1).toBeLessThan(110);
    near((title.x0 + title.x1) / 2, p.width / 2, 2);
    // 合计 (12,121,164 in the 合计 row) and 财政拨款收入 columns: right-aligned amounts.
    const total = p.items.find((i) => i.text === '12,121,164')!;
    const column = p.items.filter((i) => AMOUNT.test(i.text) && Math.abs(i.x1 - total.x1) < 5);
    expect(column.map((i) => i.text)).toEqual([
      '11,281,624', '1,696,828', '538,440', '767,579', '383,789', '7,020', '9,584,796', '9,584,796',
      '503,724', '503,724', '503,724', '335,816', '335,816', '335,816', '12,121,164',
    ]);
    const edges = column.map((i) => i.x1);
    expect(Math.max(...edges) - Math.min(...edges)).toBeLessThanOrEqual(1);
    const grant = p.items.filter((i) => AMOUNT.test(i.text) && Math.abs(i.x1 - 517.2) < 5);
    expect(grant.length).toBe(15);
    expect(Math.max(...grant.map((i) => i.x1)) - Math.min(...grant.map((i) => i.x1))).toBeLessThanOrEqual(1);
    // A row's items share their top and bottom.
    const row = p.items.filter((i) => Math.abs(i.y0 - total.y0) < 0.5).map((i) => i.text);
    expect(row).toEqual(['合计', '12,121,164', '9,501,164', '2,620,000']);
  });

  it('page 8 has the table’s rulings: the outer box, 19 horizontal and 10 vertical lines, no cell crossed', async () => {
    const p = page(await real(WELFARE), 8);
    const h = horizontals(p);
    const v = verticals(p);
    expect(h.length).toBe(19);
    expect(v.length).toBe(10);
    // The outer box: 100.8–739.9 across, 136.1–521.4 down (borders 0.84 pt thick, as the middle line).
    const top = h.reduce((a, b) => (a.y0 < b.y0 ? a : b));
    const bottom = h.reduce((a, b) => (a.y0 > b.y0 ? a : b));
    const left = v.reduce((a, b) => (a.x0 < b.x0 ? a : b));
    const right = v.reduce((a, b) => (a.x0 > b.x0 ? a : b));
    near(top.y0, 136.5, 0.1);
    near(bottom.y0, 521.0, 0.1);
    near(left.x0, 101.2, 0.1);
    near(right.x0, 739.5, 0.1);
    for (const edge of [top, bottom]) {
      near(edge.x0, 100.8, 0.1);
      near(edge.x1, 739.92, 0.1);
    }
    for (const edge of [left, right]) {
      near(edge.y0, 136.1, 0.1);
      near(edge.y1, 521.4, 0.1);
    }
    // Every figure of the table lies inside the box, and no ruling runs through a text item.
    for (const item of p.items.filter((i) => AMOUNT.test(i.text))) {
      expect(item.x0).toBeGreaterThan(left.x0);
      expect(item.x1).toBeLessThan(right.x0);
      expect(item.y0).toBeGreaterThan(top.y0);
      expect(item.y1).toBeLessThan(bottom.y0);
    }
    for (const item of p.items) {
      for (const r of h) {
        const through = r.y0 > item.y0 + 1 && r.y0 < item.y1 - 1 && r.x0 < item.x1 && r.x1 > item.x0;
        expect(through, `${item.text} crossed by y=${r.y0}`).toBe(false);
      }
      for (const r of v) {
        const through = r.x0 > item.x0 + 1 && r.x0 < item.x1 - 1 && r.y0 < item.y1 && r.y1 > item.y0;
        expect(through, `${item.text} crossed by x=${r.x0}`).toBe(false);
      }
    }
  });

  it('text pages have no rules; table pages have', async () => {
    const doc = await real(WELFARE);
    const ruled = doc.pages.filter((p) => p.rules.length > 0).map((p) => p.number);
    expect(ruled).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(page(doc, 1).items.length).toBe(2); // the cover
  });
});

describe('the figures come in the order pdftotext -layout prints them', () => {
  for (const slug of [WELFARE, FINANCE, WANLI]) {
    it(`${slug}: on every page, the same numbers per line`, async () => {
      const doc = await real(slug);
      const text = readFileSync(`fixtures/import/${slug}.layout.txt`, 'utf8').split('\f');
      let compared = 0;
      for (const p of doc.pages) {
        const ours = numbersPerLine(lines(p.items));
        const theirs = numbersPerLine((text[p.number - 1] ?? '').split('\n'));
        expect(ours, `page ${p.number}`).toEqual(theirs);
        compared += ours.length;
      }
      expect(compared).toBeGreaterThan(100);
    });
  }
});

describe('readPdf on a real Excel export (上海市财政局 2025 unit budget)', () => {
  it('merges each border drawn twice (a hairline stroke and a thin filled rectangle) into one rule', async () => {
    const doc = await real(FINANCE);
    const p = page(doc, 8);
    expect(p.items.map((i) => i.text)).toContain('2025年预算单位收入预算总表');
    expect(p.items.map((i) => i.text)).toContain('127,886,849');
    expect(horizontals(p).length).toBe(18);
    expect(verticals(p).length).toBe(10);
    const xs = verticals(p).map((r) => r.x0).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(20);
    for (const rules of doc.pages.map((q) => horizontals(q))) {
      const sorted = [...rules].sort((a, b) => a.y0 - b.y0);
      for (let i = 1; i < sorted.length; i++) {
        const [a, b] = [sorted[i - 1]!, sorted[i]!];
        const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        if (overlap > 0) expect(b.y0 - a.y0).toBeGreaterThan(1);
      }
    }
  });

  it('right-aligns the 合计 column of 收入预算总表 within 1 pt', async () => {
    const p = page(await real(FINANCE), 8);
    const column = p.items.filter((i) => AMOUNT.test(i.text) && Math.abs(i.x1 - 440.1) < 5);
    expect(column.length).toBeGreaterThan(10);
    expect(Math.max(...column.map((i) => i.x1)) - Math.min(...column.map((i) => i.x1))).toBeLessThanOrEqual(1);
  });
});

describe('cells printed against each other (万里街道 2023, 绩效目标填报表)', () => {
  it('pdfjs joins two touching cells with one space; splitAtRules cuts them at the border', async () => {
    const doc = await real(WANLI);
    const p = page(doc, 31);
    const joined = p.items.find((i) => i.text === '阶段性项目 项目类别')!;
    expect(joined).toBeDefined();
    const border = verticals(p).find((r) => r.x0 > joined.x0 + 1 && r.x0 < joined.x1 - 1 && r.y0 < joined.y0 && r.y1 > joined.y1)!;
    expect(border).toBeDefined();
    const pieces = splitAtRules(joined, p.rules);
    expect(pieces.map((i) => i.text)).toEqual(['阶段性项目', '项目类别']);
    expect(pieces[0]!.x1).toBeLessThanOrEqual(border.x0);
    expect(pieces[1]!.x0).toBeGreaterThanOrEqual(border.x0);
    near(pieces[0]!.x0, joined.x0, 0);
    near(pieces[1]!.x1, joined.x1, 0);
    // Every such item of the document, split by readPdf when asked.
    const split = await readPdf(`${WANLI}.pdf`, fixture(WANLI), { splitJoinedCells: true });
    const before = doc.pages.flatMap((q) => q.items).length;
    const after = split.pages.flatMap((q) => q.items).length;
    expect(after - before).toBe(15); // three per form, five forms (pages 31–35)
    const texts = page(split, 31).items.map((i) => i.text);
    expect(texts).toEqual(expect.arrayContaining(['阶段性项目', '项目类别', '4,100,000.00', '年度资金申请总额', '0.00', '其他资金']));
    expect(texts).not.toContain('阶段性项目 项目类别');
  });

  it('reads a portrait page among landscape ones', async () => {
    const p = page(await real(WANLI), 34);
    near(p.width, 595.25, 0.01);
    near(p.height, 841.85, 0.01);
    expect(horizontals(p).length).toBeGreaterThan(50);
    // White cell backgrounds (filled rectangles painted white) are not rulings.
    for (const r of p.rules) expect(Math.min(Math.abs(r.x1 - r.x0), Math.abs(r.y1 - r.y0))).toBe(0);
  });
});

describe('splitAtGaps', () => {
  it('splits at runs of two or more spaces, interpolating by character width', () => {
    const item: TextItem = { text: '合计  1,234   56', x0: 100, x1: 100 + 17 * 5, y0: 10, y1: 20 };
    // Weights: 合计 = 2 + 2, two spaces, 1,234 = 5, three spaces, 56 = 2: 16 narrow widths of 85/16.
    const pieces = splitAtGaps(item);
    expect(pieces.map((i) => i.text)).toEqual(['合计', '1,234', '56']);
    const unit = 85 / 16;
    near(pieces[0]!.x0, 100, 0.001);
    near(pieces[0]!.x1, 100 + 4 * unit, 0.001);
    near(pieces[1]!.x0, 100 + 6 * unit, 0.001);
    near(pieces[1]!.x1, 100 + 11 * unit, 0.001);
    near(pieces[2]!.x1, 185, 0.001);
    for (const piece of pieces) expect([piece.y0, piece.y1]).toEqual([10, 20]);
    expect(splitAtGaps({ ...item, text: '合计 1,234' })).toEqual([{ ...item, text: '合计 1,234' }]);
    expect(splitAtGaps(item, 3).map((i) => i.text)).toEqual(['合计  1,234', '56']);
  });
});

describe('readPdf geometry on hand-written PDFs', () => {
  it('maps user space to top-down page coordinates, with a non-zero media box origin', async () => {
    const content = [
      'BT /F1 12 Tf 150 700 Td (Hello) Tj ET',
      '0 0 0 RG 1 w 150 600 m 350 600 l S', // a horizontal line
      '200 400 100 50 re S', // a stroked rectangle: four rules
      '150 300 m 300 350 l S', // a diagonal: no rule
      '150 250 200 0.5 re f', // a thin filled rectangle: a horizontal rule
      '400 200 0.8 100 re f', // a thin filled rectangle: a vertical rule
      '150 230 100 20 re f', // a thick filled rectangle: no rule
      '1 1 1 rg 150 220 200 0.5 re f 0 0 0 rg', // white: no rule
      '150 210 m 250 210 l S 250.5 210 m 330 210 l S', // two collinear pieces: one rule
      'q 2 0 0 2 110 110 cm 20 20 m 70 20 l S Q', // through a cm: (150, 150)–(250, 150)
      '150 140 m 250 140 l 250 140 300 120 350 140 c S', // a line then a curve: one rule
    ].join('\n');
    const bytes = buildPdf(pagesPdf([{ content, mediaBox: '[100 100 712 892]' }]));
    const doc = await readPdf('geometry.pdf', bytes);
    const p = doc.pages[0]!;
    expect([p.width, p.height]).toEqual([612, 792]);
    // y' = 892 − y, x' = x − 100.
    const hello = p.items.find((i) => i.text === 'Hello')!;
    near(hello.x0, 50);
    expect(hello.x1 - hello.x0).toBeGreaterThan(25); // Helvetica "Hello" at 12 pt: 27.3 pt
    expect(hello.x1 - hello.x0).toBeLessThan(30);
    expect(hello.y0).toBeLessThan(892 - 700 - 7); // the ascent is above the baseline at 192
    expect(hello.y1).toBeGreaterThan(192); // the descent below it
    expect(hello.y1).toBeLessThan(196);
    const rules = [...p.rules].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
    const expected: RuleLine[] = [
      { x0: 50, y0: 292, x1: 250, y1: 292 }, // 150 600 → 350 600
      { x0: 100, y0: 442, x1: 200, y1: 442 }, // the rectangle's top, y = 450
      { x0: 100, y0: 442, x1: 100, y1: 492 }, // its left
      { x0: 200, y0: 442, x1: 200, y1: 492 }, // its right
      { x0: 100, y0: 492, x1: 200, y1: 492 }, // its bottom, y = 400
      { x0: 50, y0: 641.75, x1: 250, y1: 641.75 }, // the thin fill 250–250.5
      { x0: 50, y0: 682, x1: 230, y1: 682 }, // 150–350 at 210, merged across the 0.5 gap
      { x0: 300.4, y0: 592, x1: 300.4, y1: 692 }, // the vertical thin fill 400–400.8, 200–300
      { x0: 50, y0: 742, x1: 150, y1: 742 }, // through the cm
      { x0: 50, y0: 752, x1: 150, y1: 752 }, // the straight part of line-and-curve
    ];
    const key = (r: RuleLine): string => [r.y0, r.x0, r.y1, r.x1].map((v) => v.toFixed(2)).join(' ');
    expect(rules.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('turns a rotated page, and follows form XObjects with their matrix', async () => {
    // /Rotate 90 with the media box at (100, 200): x' = y − 200, y' = x − 100 on a 792 × 612 page.
    const content = 'BT /F1 12 Tf 150 400 Td (Turned) Tj ET\n1 w 150 300 m 350 300 l S\nq 1 0 0 1 50 0 cm /Fm1 Do Q';
    const form: PdfObject = { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 100 100] >>', stream: '200 300 m 200 400 l S' };
    const objects = pagesPdf([{ content, mediaBox: '[100 200 712 992]', rotate: 90, resources: '<< /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >>' }], [form]);
    const p = (await readPdf('rotated.pdf', buildPdf(objects))).pages[0]!;
    expect([p.width, p.height]).toEqual([792, 612]);
    const turned = p.items.find((i) => i.text === 'Turned')!;
    // Text along user x runs down the turned page, its baseline at x' = 400 − 200.
    near(turned.y0, 50);
    expect(turned.y1 - turned.y0).toBeGreaterThan(30);
    expect(turned.x0).toBeGreaterThan(195);
    expect(turned.x0).toBeLessThan(200);
    expect(turned.x1).toBeGreaterThan(200);
    const key = (r: RuleLine): string => [r.x0, r.y0, r.x1, r.y1].map((v) => v.toFixed(2)).join(' ');
    expect(p.rules.map(key).sort()).toEqual(
      [
        { x0: 100, y0: 50, x1: 100, y1: 250 }, // user (150, 300)–(350, 300)
        { x0: 200, y0: 250, x1: 300, y1: 250 }, // the form's (200, 300)–(200, 400) + (150, 100): user x 350, y 400–500
      ]
        .map(key)
        .sort(),
    );
  });

  it('reads text in a predefined CMap (UniGB-UCS2-H, a non-embedded STSong-Light) from the package’s CMaps', async () => {
    const objects: PdfObject[] = [
      { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
      { dict: '<< /Type /Pages /Kids [4 0 R] /Count 1 >>' },
      {
        dict: '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>',
      },
      { dict: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>' },
      // 2024年预算 as UCS-2
      { dict: '<< >>', stream: 'BT /F1 10 Tf 72 700 Td <00320030003200345E7498847B97> Tj ET' },
    ];
    const p = (await readPdf('cmap.pdf', buildPdf(objects))).pages[0]!;
    expect(p.items.map((i) => i.text)).toEqual(['2024年预算']);
  });
});

describe('scanned pages', () => {
  it('a page with an image and no text is scanned; a page with text is not', async () => {
    const image: PdfObject = { dict: '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 >>', stream: new Uint8Array([0, 255, 255, 0]) };
    const objects = pagesPdf(
      [
        { content: 'q 612 0 0 792 0 0 cm /Im1 Do Q', resources: '<< /XObject << /Im1 10 0 R >> >>' },
        { content: 'BT /F1 12 Tf 72 720 Td (Not scanned) Tj ET q 100 0 0 100 72 500 cm /Im1 Do Q', resources: '<< /Font << /F1 3 0 R >> /XObject << /Im1 10 0 R >> >>' },
        { content: 'q 0 0 0 rg 72 72 200 200 re f Q' }, // no text, no image: empty, not scanned
      ],
      [image],
    );
    const doc = await readPdf('scan.pdf', buildPdf(objects));
    expect(doc.pages.map((p) => p.scanned)).toEqual([true, undefined, undefined]);
    expect(doc.pages[0]!.items).toEqual([]);
    expect(doc.pages[1]!.items.map((i) => i.text)).toEqual(['Not scanned']);
  });

  it('a scanned document of 100 pages says so quickly: no image is decoded', async () => {
    // 100 pages, each its own 2000 × 2000 image (uncompressed gray would be 4 MB each: a tiny
    // Flate stream of zeros instead, which pdfjs would still have to inflate and convert).
    const pixels = deflateSync(new Uint8Array(2000 * 2000));
    const count = 100;
    const pages = Array.from({ length: count }, (_, i) => ({ content: 'q 612 0 0 792 0 0 cm /Im1 Do Q', resources: `<< /XObject << /Im1 ${4 + 2 * count + i} 0 R >> >>` }));
    const images: PdfObject[] = Array.from({ length: count }, () => ({ dict: '<< /Type /XObject /Subtype /Image /Width 2000 /Height 2000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>', stream: pixels }));
    // Images are dropped, never decoded (speed is measured by `pnpm bench:import`, not asserted here).
    const doc = await readPdf('scan100.pdf', buildPdf(pagesPdf(pages, images)));
    expect(doc.pages.length).toBe(count);
    expect(doc.pages.every((p) => p.scanned === true && p.items.length === 0)).toBe(true);
  });

  it('an inline image counts too', async () => {
    const content = 'q 300 0 0 400 100 100 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q';
    const doc = await readPdf('inline.pdf', buildPdf(pagesPdf([{ content }])));
    expect(doc.pages[0]!.scanned).toBe(true);
  });
});

describe('untrusted input', () => {
  const message = /^PDF 无法读取：.+ \/ the PDF cannot be read: .+/;

  it('a truncated PDF rejects with a clear message in Chinese and English', async () => {
    const bytes = fixture(WELFARE);
    for (const length of [0, 8, 1024, Math.floor(bytes.length / 2), bytes.length - 2000]) {
      await expect(readPdf('truncated.pdf', bytes.slice(0, length))).rejects.toThrow(message);
    }
  });

  it('a file that is no PDF rejects', async () => {
    await expect(readPdf('x.pdf', new TextEncoder().encode('类 款 项\n208 05 01\n'))).rejects.toThrow(message);
    await expect(readPdf('x.pdf', new Uint8Array(5000).fill(0x25))).rejects.toThrow(message);
  });

  it('an encrypted PDF rejects without its password, and reads with it', async () => {
    const bytes = buildPdf(pagesPdf([{ content: 'BT /F1 12 Tf 72 720 Td (Secret) Tj ET' }]), { user: 'secret', owner: 'owner' });
    await expect(readPdf('locked.pdf', bytes)).rejects.toThrow(/^PDF 已加密，需要密码才能读取 \/ the PDF is encrypted and needs a password$/);
    await expect(readPdf('locked.pdf', bytes, { password: 'wrong' })).rejects.toThrow(/密码不对 \/ the PDF is encrypted and the password is wrong/);
    const doc = await readPdf('locked.pdf', bytes, { password: 'secret' });
    expect(doc.pages[0]!.items.map((i) => i.text)).toEqual(['Secret']);
  });

  it('an owner-password-only PDF (restrictions, empty user password) reads', async () => {
    const bytes = buildPdf(pagesPdf([{ content: 'BT /F1 12 Tf 72 720 Td (Restricted) Tj ET' }]), { user: '', owner: 'owner' });
    const doc = await readPdf('restricted.pdf', bytes);
    expect(doc.pages[0]!.items.map((i) => i.text)).toEqual(['Restricted']);
  });

  it('bounds the pages and the time', async () => {
    await expect(readPdf('long.pdf', fixture(WELFARE), { maxPages: 10 })).rejects.toThrow(
      /^PDF 页数过多：共 16 页，上限 10 页 \/ the PDF has too many pages: 16, at most 10$/,
    );
    const late = /^PDF 读取超时（0.005 秒） \/ reading the PDF timed out after 0.005 s$/;
    await expect(readPdf('slow.pdf', fixture(WANLI), { timeoutMs: 5 })).rejects.toThrow(late);
    await expect(readPdf('slow.pdf', fixture(WANLI), { timeoutMs: 5, isolate: false })).rejects.toThrow(late);
    // The next read after a timeout (which terminated the worker) works.
    expect((await readPdf('again.pdf', fixture(WELFARE))).pages.length).toBe(16);
    // Capping the operators per page drops the rules past the cap, nothing else.
    const capped = await readPdf('capped.pdf', fixture(WELFARE), { maxOperatorsPerPage: 100 });
    const full = await real(WELFARE);
    expect(page(capped, 8).rules.length).toBeLessThan(page(full, 8).rules.length);
    expect(page(capped, 8).items).toEqual(page(full, 8).items);
  });

  const BROKEN = 'BT /F1 12 Tf 72 720 Td (Before) Tj ET 1 w 72 700 m 300 700 l S /Nope Do /F9 12 Tf q 1 0 0 cm Q [( broken ] TJ xyz 72 650 m 300 650 l S';

  it('skips a broken content stream quietly, in this thread: nothing on the console, the rest of the page read', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) => vi.spyOn(console, name));
    const write = vi.spyOn(process.stdout, 'write');
    try {
      const doc = await readPdf('broken.pdf', buildPdf(pagesPdf([{ content: BROKEN }])), { isolate: false });
      expect(doc.pages[0]!.items.map((i) => i.text)).toEqual(['Before']);
      expect(doc.pages[0]!.rules).toEqual([{ x0: 72, y0: 92, x1: 300, y1: 92 }]);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      expect(write).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
      write.mockRestore();
    }
  });

  it('in its worker thread, prints nothing, leaves this thread’s globals alone, and lets the process exit', () => {
    // pdfjs-dist's legacy build replaces JSON.stringify, JSON.parse and Array.prototype.push
    // with core-js polyfills on Node 20 in the thread that loads it. A fresh process shows it.
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    writeFileSync(join(dir, 'broken.pdf'), buildPdf(pagesPdf([{ content: BROKEN }])));
    const script = `
      import { readFileSync } from 'node:fs';
      const before = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push, keys: Object.keys(globalThis).length };
      const { readPdf } = await import(${JSON.stringify(pathToFileURL(resolve('packages/import/dist/source/pdf.js')).href)});
      const doc = await readPdf('broken.pdf', new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'broken.pdf'))})));
      const again = await readPdf('welfare.pdf', new Uint8Array(readFileSync(${JSON.stringify(resolve(`fixtures/import/${WELFARE}.pdf`))})));
      const same = JSON.stringify === before.stringify && JSON.parse === before.parse && Array.prototype.push === before.push && Object.keys(globalThis).length === before.keys;
      process.stderr.write(JSON.stringify({ same, texts: doc.pages[0].items.map((i) => i.text), pages: again.pages.length }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toBe('');
    expect(JSON.parse(child.stderr)).toEqual({ same: true, texts: ['Before'], pages: 16 });
  });

  it('leaves the caller’s bytes intact (pdfjs transfers the buffer it is given)', async () => {
    const bytes = fixture(WELFARE);
    const digest = createHash('sha256').update(bytes).digest('hex');
    await readPdf('x.pdf', bytes);
    expect(bytes.byteLength).toBe(151588);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(digest);
  });
});

