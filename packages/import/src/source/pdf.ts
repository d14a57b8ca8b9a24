/**
 * A PDF as a SourceDocument, with Mozilla's pdfjs-dist (its legacy build, the one for Node): per
 * page the text items with their boxes and the ruling lines, in PDF points with x to the right
 * and y downwards from the top of the (rotated, cropped) page.
 *
 * Offline and quiet: the CMaps, standard fonts and wasm decoders come from the pdfjs-dist package
 * directory (file paths, read with fs); nothing is fetched; no eval; no font faces; pdfjs's own
 * messages are limited to errors (it prints nothing at that level). pdfjs runs in this thread as
 * its "fake worker" (Node has no web worker for it); the worker module is loaded once.
 *
 * Bounded on untrusted input:
 * - at most `maxPages` pages (500): a longer PDF is refused rather than half read;
 * - at most `maxOperatorsPerPage` operators (500 000; a dense table page has a few thousand) and
 *   `maxSegmentsPerPage` raw line pieces (100 000) are examined per page for rules, the rest is
 *   skipped;
 * - images larger than 100 megapixels are dropped by pdfjs (`maxImageSize`) rather than decoded;
 * - the whole read is abandoned after `timeoutMs` (60 s), the pdfjs document destroyed.
 * pdfjs itself stops at reference cycles in forms and patterns, repairs a broken xref by scanning
 * the file, and with `stopAtErrors: false` skips a broken content stream or font rather than
 * failing the page. Because pdfjs runs in this thread, the timeout can only fire between its
 * asynchronous steps; none of them is unbounded on its own.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { SourceDocument, SourcePage, TextItem } from './page.js';
import { scanOperators, type Matrix } from './pdf-rules.js';
import { splitAtGaps, splitAtRules, toTextItem, type PdfjsTextItem, type PdfjsTextStyle } from './pdf-text.js';

export { splitAtGaps, splitAtRules } from './pdf-text.js';

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
}

export const PDF_LIMITS = {
  maxPages: 500,
  maxOperatorsPerPage: 500_000,
  maxSegmentsPerPage: 100_000,
  timeoutMs: 60_000,
  maxImagePixels: 100_000_000,
} as const;

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<{ pdfjs: Pdfjs; root: string }> | null = null;

/** Load pdfjs-dist once, with its worker module in this thread so no worker file is looked up. */
function loadPdfjs(): Promise<{ pdfjs: Pdfjs; root: string }> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json')).replaceAll('\\', '/');
    const pdfjs: Pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const holder = globalThis as { pdfjsWorker?: unknown };
    if (!holder.pdfjsWorker) {
      const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      holder.pdfjsWorker = await import(workerModule);
    }
    return { pdfjs, root };
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

/** The error every failure becomes: Chinese first, then English, with pdfjs's reason. */
export class PdfReadError extends Error {
  constructor(zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh} / ${en}`, options);
    this.name = 'PdfReadError';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function cannotRead(error: unknown): PdfReadError {
  if (error instanceof PdfReadError) return error;
  const name = (error as { name?: string } | null)?.name;
  const reason = reasonOf(error);
  if (name === 'PasswordException') {
    return new PdfReadError(
      `PDF 已加密，需要密码才能读取（${reason}）`,
      `the PDF is encrypted and needs a password (${reason})`,
      { cause: error },
    );
  }
  return new PdfReadError(`PDF 无法读取：${reason}`, `the PDF cannot be read: ${reason}`, { cause: error });
}

/**
 * Read a PDF's pages: text items (each pdfjs item's text as pdfjs gives it, empty and
 * whitespace-only items dropped) and ruling lines (stroked lines and rectangles, and thin filled
 * rectangles, as merged horizontal and vertical segments). A page with no text but with images
 * is `scanned`. Rejects with a PdfReadError (`PDF 无法读取：… / the PDF cannot be read: …`) on a
 * broken, encrypted, oversized or too slow PDF.
 */
export async function readPdf(file: string, bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<SourceDocument> {
  const maxPages = options.maxPages ?? PDF_LIMITS.maxPages;
  const limits = {
    maxOperators: options.maxOperatorsPerPage ?? PDF_LIMITS.maxOperatorsPerPage,
    maxSegments: options.maxSegmentsPerPage ?? PDF_LIMITS.maxSegmentsPerPage,
    split: options.splitJoinedCells === true,
  };
  const timeoutMs = options.timeoutMs ?? PDF_LIMITS.timeoutMs;
  const { pdfjs, root } = await loadPdfjs();

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
    stopAtErrors: false,
    maxImageSize: PDF_LIMITS.maxImagePixels,
    disableAutoFetch: true,
    disableStream: true,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  // One failure wins: a password prompt or the timeout rejects `guard`, which the race below sees.
  const state: { failure: PdfReadError | null } = { failure: null };
  let fail: (error: PdfReadError) => void = () => undefined;
  const guard = new Promise<never>((_, reject) => {
    fail = (error) => {
      state.failure ??= error;
      void task.destroy();
      reject(state.failure);
    };
  });
  guard.catch(() => undefined);
  // Without a handler pdfjs waits for a password forever.
  task.onPassword = (_update: unknown, reason: number) => {
    const wrong = reason === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
    fail(
      new PdfReadError(
        wrong ? 'PDF 已加密，密码不对' : 'PDF 已加密，需要密码才能读取',
        wrong ? 'the PDF is encrypted and the password is wrong' : 'the PDF is encrypted and needs a password',
      ),
    );
  };
  const seconds = timeoutMs / 1000;
  const timer = setTimeout(
    () => fail(new PdfReadError(`PDF 读取超时（${seconds} 秒）`, `reading the PDF timed out after ${seconds} s`)),
    timeoutMs,
  );

  const work = async (): Promise<SourceDocument> => {
    const doc = await task.promise;
    if (doc.numPages > maxPages) {
      throw new PdfReadError(
        `PDF 页数过多：共 ${doc.numPages} 页，上限 ${maxPages} 页`,
        `the PDF has too many pages: ${doc.numPages}, at most ${maxPages}`,
      );
    }
    const pages: SourcePage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      if (state.failure) throw state.failure;
      let page;
      try {
        page = await doc.getPage(number);
        pages.push(await readPage(pdfjs, page, number, limits));
      } catch (error) {
        if (state.failure) throw state.failure;
        const reason = reasonOf(error);
        throw new PdfReadError(
          `PDF 无法读取：第 ${number} 页：${reason}`,
          `the PDF cannot be read: page ${number}: ${reason}`,
          { cause: error },
        );
      } finally {
        page?.cleanup();
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
    await task.destroy().catch(() => undefined);
  }
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Pdfjs['getDocument']>['promise']>['getPage']>>;

async function readPage(
  pdfjs: Pdfjs,
  page: PdfPage,
  number: number,
  limits: { maxOperators: number; maxSegments: number; split: boolean },
): Promise<SourcePage> {
  const viewport = page.getViewport({ scale: 1 });
  const base = viewport.transform.slice(0, 6) as Matrix;
  const [content, operators] = await Promise.all([
    page.getTextContent({ includeMarkedContent: false }),
    page.getOperatorList({ intent: 'display', annotationMode: pdfjs.AnnotationMode.DISABLE }),
  ]);
  const styles = content.styles as Record<string, PdfjsTextStyle>;
  const items: TextItem[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = toTextItem(raw as PdfjsTextItem, styles[raw.fontName], base);
    if (item) items.push(item);
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
  if (items.length === 0 && scan.hasImages) result.scanned = true;
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
