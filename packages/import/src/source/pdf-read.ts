/**
 * The PDF reader itself, in whatever thread it is called: pdfjs-dist's legacy build (the one for
 * Node) turned into a SourceDocument. `readPdf` (pdf.ts) runs it in a worker thread; see there
 * why.
 *
 * Offline and quiet: the CMaps, standard fonts and wasm decoders come from the pdfjs-dist package
 * directory (file paths, read with fs); nothing is fetched; no eval; no font faces; pdfjs's own
 * messages are limited to errors (at that level it prints nothing). pdfjs runs in this thread
 * as its "fake worker" (Node has no web worker for it); its worker module is loaded once.
 *
 * No image is ever decoded: both documents opened here have `maxImageSize: 0`, so pdfjs drops
 * every image from the operator list instead of decoding it (decoding a 4.5-megapixel JPEG takes
 * pdfjs 0.2 s, so a scanned PDF would take minutes to say that it is scanned). A page without
 * text is then asked again of a second, strict document (`stopAtErrors: true`), where the same
 * image is an error ("Image exceeded maximum allowed size") that cuts the page's operator list
 * short: a shorter list there than in the lenient document is how a scanned page is recognised.
 * (Any other error on a page without text does the same; such a page has no text to import
 * either.)
 *
 * Bounded on untrusted input:
 * - at most `maxPages` pages (500): a longer PDF is refused rather than half read;
 * - at most `maxOperatorsPerPage` operators (500 000; a dense table page has a few thousand) and
 *   `maxSegmentsPerPage` raw line pieces (100 000) are examined per page for rules; the rest of
 *   the page's operators are skipped;
 * - no image decoding (above);
 * - `timeoutMs` (60 s): here the read is abandoned and the pdfjs document destroyed between two
 *   of pdfjs's asynchronous steps; readPdf's worker thread is terminated outright.
 * pdfjs itself stops at reference cycles in forms and patterns, rebuilds a broken xref by
 * scanning the file, and with `stopAtErrors: false` skips a broken content stream, font or
 * XObject rather than failing the page.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { SourceDocument, SourcePage, TextItem } from './page.js';
import { scanOperators, type Matrix } from './pdf-rules.js';
import { splitAtGaps, splitAtRules, toTextItem, type PdfjsTextItem, type PdfjsTextStyle } from './pdf-text.js';

export interface ReadPdfOptions {
  /** Refuse a PDF with more pages than this (default 500). */
  maxPages?: number;
  /** Operators examined per page for rules and images (default 500 000). */
  maxOperatorsPerPage?: number;
  /** Raw line pieces collected per page before merging (default 100 000). */
  maxSegmentsPerPage?: number;
  /** Give up after this many milliseconds (default 60 000). */
  timeoutMs?: number;
  /** A password, for a PDF encrypted with a user password. */
  password?: string;
  /**
   * Split items that pdfjs joined across cells: at runs of two or more spaces (splitAtGaps) and
   * at a space where a vertical rule crosses the item (splitAtRules). Off by default: the items
   * are then exactly pdfjs's.
   */
  splitJoinedCells?: boolean;
  /**
   * Run pdfjs-dist in a worker thread (the default; see pdf.ts). False runs it in the calling
   * thread, for a caller that is itself a worker or a short-lived process.
   */
  isolate?: boolean;
}

export const PDF_LIMITS = {
  maxPages: 500,
  maxOperatorsPerPage: 500_000,
  maxSegmentsPerPage: 100_000,
  timeoutMs: 60_000,
} as const;

/** Every failure of the reader: its message is Chinese first, then English. */
export class PdfReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfReadError';
  }
}

export function pdfError(zh: string, en: string, cause?: unknown): PdfReadError {
  return new PdfReadError(`${zh} / ${en}`, cause === undefined ? undefined : { cause });
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export function cannotRead(error: unknown): PdfReadError {
  if (error instanceof PdfReadError) return error;
  const reason = reasonOf(error);
  return pdfError(`PDF 无法读取：${reason}`, `the PDF cannot be read: ${reason}`, error);
}

export function timedOut(timeoutMs: number): PdfReadError {
  const seconds = timeoutMs / 1000;
  return pdfError(`PDF 读取超时（${seconds} 秒）`, `reading the PDF timed out after ${seconds} s`);
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type LoadingTask = ReturnType<Pdfjs['getDocument']>;
type PdfDocument = Awaited<LoadingTask['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let loaded: Promise<{ pdfjs: Pdfjs; root: string }> | null = null;

/** Load pdfjs-dist once, with its worker module in this thread so that no worker file is looked up. */
function loadPdfjs(): Promise<{ pdfjs: Pdfjs; root: string }> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json')).replaceAll('\\', '/');
    // The legacy build's core-js polyfills replace these on Node 20 (for edge cases pdfjs never
    // meets: JSON.rawJSON, pushing past 2^32 elements), making them ten and two times slower.
    // Put the natives back once pdfjs has loaded: pdfjs reads 20% faster, and a caller in this
    // thread keeps its own. (What the polyfills add, such as Set methods, `self` and `DOMMatrix`,
    // stays: hence readPdf's worker thread.)
    const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    const pdfjs: Pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const holder = globalThis as { pdfjsWorker?: unknown };
    if (!holder.pdfjsWorker) {
      const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      holder.pdfjsWorker = await import(workerModule);
    }
    if (Array.prototype.push !== natives.push) {
      Object.defineProperty(Array.prototype, 'push', { value: natives.push, writable: true, configurable: true, enumerable: false });
    }
    JSON.parse = natives.parse;
    JSON.stringify = natives.stringify;
    return { pdfjs, root };
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

/** Read a PDF in this thread. readPdf (pdf.ts) is the entry point; this is its body. */
export async function readPdfHere(file: string, bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<SourceDocument> {
  const maxPages = options.maxPages ?? PDF_LIMITS.maxPages;
  const limits: PageLimits = {
    maxOperators: options.maxOperatorsPerPage ?? PDF_LIMITS.maxOperatorsPerPage,
    maxSegments: options.maxSegmentsPerPage ?? PDF_LIMITS.maxSegmentsPerPage,
    split: options.splitJoinedCells === true,
  };
  const timeoutMs = options.timeoutMs ?? PDF_LIMITS.timeoutMs;
  const { pdfjs, root } = await loadPdfjs();

  // One failure wins: a password prompt or the timeout rejects `guard`, which the race below sees.
  const state: { failure: PdfReadError | null } = { failure: null };
  const tasks: LoadingTask[] = [];
  let fail: (error: PdfReadError) => void = () => undefined;
  const guard = new Promise<never>((_, reject) => {
    fail = (error) => {
      state.failure ??= error;
      for (const task of tasks) void task.destroy();
      reject(state.failure);
    };
  });
  guard.catch(() => undefined);

  const open = (strict: boolean): LoadingTask => {
    // pdfjs transfers the buffer it is given to its worker, which detaches it: give it a copy.
    const data = new Uint8Array(bytes.byteLength);
    data.set(bytes);
    const task = pdfjs.getDocument({
      data,
      password: options.password,
      cMapUrl: `${root}/cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${root}/standard_fonts/`,
      wasmUrl: `${root}/wasm/`,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      stopAtErrors: strict,
      maxImageSize: 0,
      disableAutoFetch: true,
      disableStream: true,
      enableXfa: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
    // Without a handler pdfjs waits for a password forever.
    task.onPassword = (_update: unknown, reason: number) => {
      const wrong = reason === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
      fail(
        wrong
          ? pdfError('PDF 已加密，密码不对', 'the PDF is encrypted and the password is wrong')
          : pdfError('PDF 已加密，需要密码才能读取', 'the PDF is encrypted and needs a password'),
      );
    };
    tasks.push(task);
    return task;
  };

  const timer = Number.isFinite(timeoutMs) ? setTimeout(() => fail(timedOut(timeoutMs)), timeoutMs) : undefined;

  const work = async (): Promise<SourceDocument> => {
    const doc = await open(false).promise;
    if (doc.numPages > maxPages) {
      throw pdfError(
        `PDF 页数过多：共 ${doc.numPages} 页，上限 ${maxPages} 页`,
        `the PDF has too many pages: ${doc.numPages}, at most ${maxPages}`,
      );
    }
    let strict: Promise<PdfDocument> | null = null;
    const strictPage = async (number: number): Promise<PdfPage> => {
      strict ??= open(true).promise;
      return (await strict).getPage(number);
    };
    const pages: SourcePage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      if (state.failure) throw state.failure;
      try {
        pages.push(await readPage(pdfjs, doc, number, limits, strictPage));
      } catch (error) {
        if (state.failure) throw state.failure;
        const reason = reasonOf(error);
        throw pdfError(`PDF 无法读取：第 ${number} 页：${reason}`, `the PDF cannot be read: page ${number}: ${reason}`, error);
      }
    }
    return { file, format: 'pdf', pages };
  };

  try {
    return await Promise.race([work(), guard]);
  } catch (error) {
    throw state.failure ?? cannotRead(error);
  } finally {
    clearTimeout(timer);
    await Promise.all(tasks.map((task) => task.destroy().catch(() => undefined)));
  }
}

interface PageLimits {
  maxOperators: number;
  maxSegments: number;
  split: boolean;
}

async function readPage(
  pdfjs: Pdfjs,
  doc: PdfDocument,
  number: number,
  limits: PageLimits,
  strictPage: (number: number) => Promise<PdfPage>,
): Promise<SourcePage> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const base = viewport.transform.slice(0, 6) as Matrix;
    const content = await page.getTextContent({ includeMarkedContent: false });
    const styles = content.styles as Record<string, PdfjsTextStyle>;
    const items: TextItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const item = toTextItem(raw as PdfjsTextItem, styles[raw.fontName], base);
      if (item) items.push(item);
    }
    const listOf = async (source: PdfPage) =>
      source.getOperatorList({ intent: 'display', annotationMode: pdfjs.AnnotationMode.DISABLE });
    const operators = await listOf(page);
    let scanned = false;
    if (items.length === 0) {
      // No text: was there an image? Ask the strict document, where an image is an error. pdfjs
      // does not reject the operator list on an error: it ends the list there, dropping what it
      // had not yet sent. A shorter list than the lenient one is the sign.
      // If the strict document cannot give the page at all, the page is not called scanned.
      const other = await strictPage(number).catch(() => null);
      if (other) {
        try {
          scanned = (await listOf(other)).fnArray.length < operators.fnArray.length;
        } catch {
          // Not an image: pdfjs reports errors in the list by ending it, not by rejecting.
        } finally {
          other.cleanup();
        }
      }
    }
    const scan = scanOperators(operators.fnArray, operators.argsArray, base, limits);
    const result: SourcePage = {
      number,
      width: round(viewport.width),
      height: round(viewport.height),
      items: limits.split ? items.flatMap((item) => splitAtGaps(item)).flatMap((item) => splitAtRules(item, scan.rules)) : items,
      rules: scan.rules,
      unit: 'pt',
    };
    // scan.hasImages: should a pdfjs version ever keep an image op despite maxImageSize 0.
    if (items.length === 0 && (scanned || scan.hasImages)) result.scanned = true;
    return result;
  } finally {
    page.cleanup();
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
