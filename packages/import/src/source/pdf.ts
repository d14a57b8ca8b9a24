/**
 * A PDF as a SourceDocument, with Mozilla's pdfjs-dist: per page the text items with their boxes
 * and the ruling lines, in PDF points with x to the right and y downwards from the top of the
 * (rotated, cropped) page. The reading itself is pdf-read.ts; rules are pdf-rules.ts; text items
 * and the helpers that split joined cells are pdf-text.ts.
 *
 * pdfjs-dist runs in a worker thread, for two reasons:
 * - Its legacy build (the one for Node) installs core-js polyfills on the globals of the thread
 *   that loads it. On Node 20 these replace `JSON.stringify` and `JSON.parse` (about ten times
 *   slower afterwards) and `Array.prototype.push` (about twice), and add `DOMMatrix`, `Path2D`,
 *   `pdfjsLib` and others. The CLI, the language server or an editor's extension host should not
 *   inherit that.
 * - A timeout can then stop pdfjs even inside a long synchronous step: the thread is terminated.
 * The thread is kept for the next call while idle (unref'd, so it never holds the process
 * open). Whatever it prints goes to stderr, never to stdout (where a draft may be written). If the compiled worker script is missing (the sources run without a build), the
 * reader runs in this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceDocument } from './page.js';
import { cannotRead, pdfError, PdfReadError, PDF_LIMITS, readPdfHere, timedOut, type ReadPdfOptions } from './pdf-read.js';
import type { PdfRequest } from './pdf-worker.js';

export { PdfReadError, PDF_LIMITS, type ReadPdfOptions } from './pdf-read.js';
export { splitAtGaps, splitAtRules } from './pdf-text.js';

/** The worker's heap: a read that needs more fails with a PdfReadError rather than exhausting the process. */
const WORKER_HEAP_MB = 1024;

const WORKER_URL = new URL('./pdf-worker.js', import.meta.url);

let idle: Worker | null = null;

function spawn(): Worker {
  // The worker sends its own stdout to stderr (pdf-worker.ts); piping it here would keep this
  // process alive while the worker idles. No execArgv: this process's (`--input-type`, `-e`, a
  // loader) can stop the worker from starting, and the worker's plain JS needs none.
  const worker = new Worker(WORKER_URL, {
    execArgv: [],
    workerData: { jixiaoPdfReader: true },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // Always listened to, so that an idle worker's failure is no uncaught error.
  const forget = (): void => {
    if (idle === worker) idle = null;
  };
  worker.on('exit', forget);
  worker.on('error', forget);
  return worker;
}

function release(worker: Worker): void {
  if (idle) {
    void worker.terminate();
    return;
  }
  idle = worker;
  worker.unref();
}

/**
 * Read a PDF's pages: text items (each pdfjs item's text as pdfjs gives it, empty and
 * whitespace-only items dropped), ruling lines (stroked lines and rectangles, and thin filled
 * rectangles, as merged horizontal and vertical segments), and `scanned` for a page with images
 * but no text. Rejects with a PdfReadError (`PDF 无法读取：… / the PDF cannot be read: …`, or
 * about a password, the page limit or the timeout) on a PDF it cannot read. The caller's bytes
 * are left as they are.
 */
export async function readPdf(file: string, bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<SourceDocument> {
  if (options.isolate === false || !existsSync(fileURLToPath(WORKER_URL))) return readPdfHere(file, bytes, options);
  const timeoutMs = options.timeoutMs ?? PDF_LIMITS.timeoutMs;
  const worker = idle ?? spawn();
  idle = null;
  worker.ref();
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Promise<SourceDocument>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void, keep: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) release(worker);
      else void worker.terminate();
      outcome();
    };
    const onMessage = (message: { doc?: SourceDocument; error?: string }): void => {
      if (message.doc) settle(() => resolve(message.doc!), true);
      else settle(() => reject(new PdfReadError(message.error ?? 'PDF 无法读取 / the PDF cannot be read')), true);
    };
    const onError = (error: Error & { code?: string }): void => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(
        () =>
          reject(
            memory
              ? pdfError(`PDF 无法读取：内存超过 ${WORKER_HEAP_MB} MB`, `the PDF cannot be read: it needs more than ${WORKER_HEAP_MB} MB`, error)
              : cannotRead(error),
          ),
        false,
      );
    };
    const onExit = (code: number): void => {
      settle(() => reject(pdfError(`PDF 无法读取：读取线程退出（${code}）`, `the PDF cannot be read: the reader thread exited (${code})`)), false);
    };
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => settle(() => reject(timedOut(timeoutMs)), false), timeoutMs) : undefined;
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // The worker reads without a timeout of its own: this thread's timer terminates it.
    const request: PdfRequest = { file, bytes: copy, options: { ...options, timeoutMs: Infinity, isolate: false } };
    worker.postMessage(request, [copy.buffer]);
  });
}
