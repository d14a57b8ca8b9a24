/**
 * The worker thread of `readSheetIsolated`: reads one workbook per message with `readSheet` and
 * answers with the document, or with the reason it could not be read.
 */
import { parentPort } from 'node:worker_threads';
import { readSheet, SheetReadError, type SheetWorkerAnswer } from './sheet.js';

parentPort?.on('message', ({ file, bytes }: { file: string; bytes: Uint8Array }) => {
  let answer: SheetWorkerAnswer;
  try {
    answer = { doc: readSheet(file, bytes) };
  } catch (e) {
    answer = e instanceof SheetReadError ? { zh: e.zh, en: e.en } : { error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});
