/**
 * Phase 1 on worker threads: the main thread deals files out in small chunks to whichever worker
 * is free, collects the plain-data outcomes, then runs phase 2 itself. A worker that fails leaves
 * its chunk to be checked on the main thread, so a crash never loses a file.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkFile } from '../check.js';
import { defaultConfig } from '../config.js';
import { checkLoaded, finishGroup, isForeign, type FileOutcome, type GroupOptions } from '../run.js';
import type { FileResult } from '../check.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { fromWire } from './wire.js';

export interface ParallelOptions extends GroupOptions {
  /** Worker threads to use (at least 1). */
  workers: number;
  /** How the workers find the same rules and settings: the config file and the bundled packs. */
  setup: WorkerSetup;
  /** Files per message. */
  chunk?: number;
}

/** Workers worth starting for `count` files: none for a few files (a worker's start costs ~50 files' work). */
export function defaultWorkerCount(count: number): number {
  const cores = availableParallelism();
  if (cores < 2 || count < 200) return 0;
  return Math.min(cores, Math.ceil(count / 200));
}

export async function checkGroupParallel(files: readonly string[], options: ParallelOptions): Promise<FileResult[]> {
  const chunk = Math.max(1, options.chunk ?? 24);
  const report = (file: string) => (options.reportForeign ? options.reportForeign(file) : true);
  const slots: (FileOutcome | null | undefined)[] = new Array(files.length);
  const chunks: { id: number; start: number; files: string[] }[] = [];
  for (let start = 0, id = 0; start < files.length; start += chunk, id++) chunks.push({ id, start, files: files.slice(start, start + chunk) });
  const leftover: typeof chunks = [];
  let nextChunk = 0;

  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: options.setup });
      let current: (typeof chunks)[number] | undefined;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (current) leftover.push(current);
        current = undefined;
        void worker.terminate();
        resolve();
      };
      const dealNext = () => {
        current = chunks[nextChunk++];
        if (!current) {
          worker.postMessage({ type: 'stop' } satisfies ToWorker);
          done = true;
          resolve();
          return;
        }
        worker.postMessage({ type: 'check', id: current.id, files: current.files, reportForeign: current.files.map(report) } satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') dealNext();
        else if (m.type === 'setup-failed') finish();
        else if (m.type === 'checked' && current && m.id === current.id) {
          const c = current;
          m.outcomes.forEach((w, i) => {
            slots[c.start + i] = w ? fromWire(w) : null;
          });
          dealNext();
        }
      });
      worker.on('error', finish);
      worker.on('exit', finish);
    });

  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, runWorker));
  // Chunks no worker finished (a worker failed, or none could start): checked here.
  const config = options.config ?? defaultConfig();
  const knownIds = new Set(options.rules.map((r) => r.id));
  for (const c of [...leftover, ...chunks.slice(nextChunk)]) {
    for (let i = 0; i < c.files.length; i++) {
      const result = await checkFile(c.files[i] as string);
      slots[c.start + i] = !report(result.file) && isForeign(result) ? null : checkLoaded(result, options.rules, config, knownIds, options.keep);
    }
  }
  return finishGroup(slots.filter((o): o is FileOutcome => o !== null && o !== undefined), options);
}
