/**
 * Phase 1 on worker threads: the main thread deals files out in small chunks to whichever worker
 * is free, collects the plain-data outcomes, then runs phase 2 itself.
 *
 * Memory: each worker has a small, fixed heap (WORKER_HEAP). A worker checks one file at a time and
 * keeps nothing, so its live data is one document; files too large for that heap
 * (WORKER_MAX_FILE_BYTES) are handed back and checked one by one on a FileThread (file-thread.ts),
 * whose heap is capped at the file budget's megabytes rather than at WORKER_HEAP.
 * Capped heaps keep V8 from letting garbage pile up to hundreds of megabytes per thread.
 *
 * Failure and budget: a worker that dies (out of memory, a bug) or takes longer than the chunk's
 * time budget (the file budget's seconds for each of its files) is stopped; its chunk's files are
 * then checked one by one on a FileThread under the budget's hard limits, so the file to blame gets
 * limits/time or limits/memory and the others their findings. The worker is replaced, a few times
 * at most; so neither a crash nor a hang loses a file.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_FILE_BUDGET } from '../limits.js';
import { finishGroup, finishGroupEach, packedPendingOf, spooledPending, type FileOutcome, type GroupOptions, type PendingFile, type ResultSink } from '../run.js';
import { Spool } from './spool.js';
import type { FileResult } from '../check.js';
import { FileThread } from './file-thread.js';
import { releaseSemiSpaceFlag } from './young-generation.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { bufferOf, fromWire, isPackedOutcome, type PackedOutcome } from './wire.js';
import type { WireRecord } from './records.js';

/**
 * Old and young generation limits of a worker's heap, in MB (measured on the benchmark corpus: bench/README.md).
 * The young generation only takes effect since young-generation.ts clears the main thread's
 * `--max-semi-space-size=2` (before, every worker ran with 2 MB semi-spaces whatever was asked here).
 * A worker checks one document at a time and most of what it allocates dies with that document, so a
 * young generation that holds several documents' garbage lets it die there instead of being copied
 * and promoted. 24 MB since the main thread no longer rebuilds each outcome (wire.ts PackedOutcome),
 * which left room under the 300 MB bar: on the 10,000-file corpora (2026-12-07, `pnpm bench`) 8 MB
 * took 22.0 s (clean) and 23.6 s (dense) at 232 and 245 MB peak; 24 MB 16.6–18.8 s and 19.7–20.8 s
 * at 258–261 and 273–275 MB; 32 MB 16.9 s and 19.7 s but 289 and 310 MB. A smaller old generation
 * (48 MB) only made the workers collect it over and over (25 s).
 */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 24 } as const;
/** Larger files are handed back to be checked on a FileThread of their own (a 250 KB document needs about 60 MB while it is checked). */
export const WORKER_MAX_FILE_BYTES = 256 * 1024;
const MAX_RESPAWNS = 4;

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

interface Chunk {
  id: number;
  start: number;
  files: string[];
}

/**
 * Phase 1 on worker threads: each file's outcome (null: not reported) handed on by its index as it
 * arrives. With `onPacked`, the workers pack what they found for a spool (wire.ts PackedOutcome) and
 * it goes there instead; a file checked here after all (too large, its worker failed) still comes
 * to `onOutcome`.
 */
export async function phaseOneParallel(
  files: readonly string[],
  options: ParallelOptions,
  onOutcome: (index: number, outcome: FileOutcome | null) => void,
  onPacked?: (index: number, outcome: PackedOutcome) => void,
): Promise<void> {
  const size = Math.max(1, options.chunk ?? 24);
  const report = (file: string) => (options.reportForeign ? options.reportForeign(file) : true);
  const chunks: Chunk[] = [];
  for (let start = 0, id = 0; start < files.length; start += size, id++) chunks.push({ id, start, files: files.slice(start, start + size) });
  const budget = options.budget ?? DEFAULT_FILE_BUDGET;
  /** Indexes of files left to the file thread: too large, or in the chunk of a worker that died or overran. */
  const onMain: number[] = [];
  let nextChunk = 0;
  let respawns = 0;

  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      releaseSemiSpaceFlag();
      const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: { ...options.setup, maxFileBytes: WORKER_MAX_FILE_BYTES } satisfies WorkerSetup, resourceLimits: WORKER_HEAP });
      let current: Chunk | undefined;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const end = (failed: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (current) for (let i = 0; i < current.files.length; i++) onMain.push(current.start + i);
        current = undefined;
        void worker.terminate();
        // A failed worker is replaced while there is work left (a bounded number of times).
        if (failed && nextChunk < chunks.length && respawns < MAX_RESPAWNS) {
          respawns++;
          void runWorker().then(resolve);
        } else resolve();
      };
      const dealNext = () => {
        clearTimeout(timer);
        current = chunks[nextChunk++];
        if (!current) {
          settled = true;
          worker.postMessage({ type: 'stop' } satisfies ToWorker);
          resolve();
          return;
        }
        worker.postMessage({ type: 'check', id: current.id, files: current.files, reportForeign: current.files.map(report), ...(onPacked ? { packed: true } : {}) } satisfies ToWorker);
        timer = setTimeout(() => end(true), Math.max(1, budget.seconds * 1000 * current.files.length));
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') dealNext();
        else if (m.type === 'setup-failed') end(false);
        else if (m.type === 'checked' && current && m.id === current.id) {
          const c = current;
          m.outcomes.forEach((w, i) => {
            if (w === 'main') onMain.push(c.start + i);
            else if (w && isPackedOutcome(w) && onPacked) onPacked(c.start + i, w);
            else onOutcome(c.start + i, w && !isPackedOutcome(w) ? sharingPath(fromWire(w), c.files[i]) : null);
          });
          options.onChecked?.(m.outcomes.filter((w) => w !== 'main').length);
          dealNext();
        }
      });
      worker.on('error', () => end(true));
      worker.on('exit', () => end(true));
    });

  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, runWorker));
  // Files no worker checked (too large, a worker failed or overran, none could start): one by one, under the budget.
  for (const c of chunks.slice(nextChunk)) for (let i = 0; i < c.files.length; i++) onMain.push(c.start + i);
  if (onMain.length > 0) {
    const thread = new FileThread(options.setup, budget);
    try {
      for (const index of onMain.sort((a, b) => a - b)) {
        const file = files[index] as string;
        onOutcome(index, await thread.check(file, { reportForeign: report(file) }));
        options.onChecked?.(1);
      }
    } finally {
      await thread.close();
    }
  }
}

/**
 * The outcome with the main thread's own string for its path when the worker's copy is equal: every
 * file's path is kept until phase 2 (its pending entry, its spool keys), and one copy of each of
 * 100,000 paths is ~8 MB.
 */
function sharingPath(o: FileOutcome, file: string | undefined): FileOutcome {
  if (file !== undefined && o.result.file === file) o.result.file = file;
  return o;
}

export async function checkGroupParallel(files: readonly string[], options: ParallelOptions): Promise<FileResult[]> {
  const slots: (FileOutcome | null | undefined)[] = new Array(files.length);
  await phaseOneParallel(files, options, (i, o) => {
    slots[i] = o;
  });
  return finishGroup(slots.filter((o): o is FileOutcome => o !== null && o !== undefined), options);
}

/**
 * As checkGroupParallel, but each file's result goes to `emit` once the group's phase 2 is done, in
 * order of the files' paths; phase-1 findings wait in a spool meanwhile (memory flat in findings).
 */
export async function checkGroupParallelEach(files: readonly string[], options: ParallelOptions, emit: ResultSink): Promise<void> {
  const slots: (PendingFile | null | undefined)[] = new Array(files.length);
  const spool = new Spool<FileResult>();
  const records = new Spool<WireRecord>();
  try {
    await phaseOneParallel(
      files,
      options,
      (i, o) => {
        if (!o) {
          slots[i] = null;
          return;
        }
        slots[i] = packedPendingOf(o, records);
        spool.put(o.result.file, o.result);
      },
      (i, p) => {
        // The main thread's own string for the path (see sharingPath), as the spools' key.
        const file = files[i] === p.file ? (files[i] as string) : p.file;
        spool.putSerialized(file, bufferOf(p.result));
        if (!p.record) slots[i] = { file, deferred: p.deferred, record: null };
        else {
          records.putSerialized(file, bufferOf(p.record));
          slots[i] = spooledPending(file, p.deferred, records, p.projects, p.projectId);
        }
      },
    );
    const pending = slots.filter((p): p is PendingFile => p !== null && p !== undefined);
    await finishGroupEach(pending, (file) => spool.take(file) as FileResult, options, emit, { sorted: true });
  } finally {
    spool.close();
    records.close();
  }
}
