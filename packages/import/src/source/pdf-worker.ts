/**
 * The worker thread readPdf (pdf.ts) runs pdfjs-dist in: one request at a time, `{ file, bytes,
 * options }` in, `{ doc }` or `{ error }` (the PdfReadError's message) out.
 */
// First, before pdf.js loads (imports run in order): the stand-ins for what it would take from @napi-rs/canvas.
import './dom-polyfill.js';
import { parentPort, workerData } from 'node:worker_threads';
import { readPdfHere, type ReadPdfOptions } from './pdf-read.js';

export interface PdfRequest {
  file: string;
  bytes: Uint8Array;
  options: ReadPdfOptions;
}

// Nothing printed here may reach stdout, where a draft may be written: send it to stderr. (This
// thread's globals are its own; pdfjs prints nothing at its error level anyway.)
// Imported anywhere but in the thread readPdf starts, this module does nothing.
const port = (workerData as { jixiaoPdfReader?: boolean } | null)?.jixiaoPdfReader === true ? parentPort : null;
if (port) {
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  port.on('message', (request: PdfRequest) => {
    readPdfHere(request.file, request.bytes, request.options).then(
      (doc) => port.postMessage({ doc }),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
