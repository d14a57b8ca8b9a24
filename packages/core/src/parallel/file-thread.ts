/**
 * One worker thread that checks files one at a time under a file budget's hard limits (limits.ts):
 * its heap is capped at the budget's megabytes and each file runs under a timer of the budget's
 * seconds. A file that runs out of either is stopped with the thread, gets `limits/time` or
 * `limits/memory`, and the next file gets a fresh thread. Nothing a file does can stall or crash the
 * run; the thread's start (loading the rule packs) is not counted against any file.
 *
 * Used for the files too large for the pool's small heaps, for each file of a pool chunk that went
 * wrong (so the culprit is found), and by the language server for files it must not check on the
 * thread that answers the editor.
 */
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../check.js';
import { overBudgetFinding, type FileBudget, type Limit } from '../limits.js';
import type { FileOutcome } from '../run.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { fromWire, isPackedOutcome } from './wire.js';
import { releaseSemiSpaceFlag } from './young-generation.js';

/** Young-generation cap of the thread (V8's default for a large heap; the old generation is the budget). */
const YOUNG_MB = 48;

/** The outcome of a file whose check was stopped: one finding at its first character. */
export function stoppedOutcome(file: string, finding: FileResult['findings'][number]): FileOutcome {
  finding.range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  return { result: { file, text: '', loaded: null, findings: [finding] }, record: null, deferred: false };
}

function internalStop(file: string, why: string): FileOutcome {
  return stoppedOutcome(file, { ruleId: 'internal/error', severity: 'error', message: { zh: `内部错误（请报告此问题）：检查线程${why}`, en: `internal error (please report it): the checking thread ${why}` }, file, span: [0, 0], related: [] });
}

interface Job {
  file: string;
  text?: string;
  reportForeign: boolean;
  forEditor: boolean;
}

export class FileThread {
  private worker: Worker | null = null;
  private starting: Promise<Worker | null> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;
  private closed = false;

  constructor(private readonly setup: WorkerSetup, readonly budget: FileBudget) {}

  /**
   * Checks one file under the budget (its `text` when given, instead of reading it). Null: not a
   * jixiao document and not to be reported. `forEditor`: the outcome also has the document's
   * outline and whether it is a jixiao document. Calls are served in order, one at a time.
   */
  check(file: string, options: { text?: string; reportForeign?: boolean; forEditor?: boolean } = {}): Promise<FileOutcome | null> {
    const job: Job = { file, text: options.text, reportForeign: options.reportForeign ?? true, forEditor: options.forEditor ?? false };
    const run = this.queue.then(() => this.run(job));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the thread (a check still running is left to finish as stopped). */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker ?? (this.starting ? await this.starting : null);
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Promise<Worker | null> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= new Promise<Worker | null>((resolve) => {
      releaseSemiSpaceFlag();
      const worker = new Worker(new URL('./check-worker.js', import.meta.url), {
        workerData: { ...this.setup, maxFileBytes: undefined } satisfies WorkerSetup,
        resourceLimits: { maxOldGenerationSizeMb: this.budget.megabytes, maxYoungGenerationSizeMb: YOUNG_MB },
      });
      worker.unref();
      // An idle thread that ends is started again for the next file; its errors are the jobs' to report.
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        if (this.worker === worker) this.worker = null;
      });
      const settle = (w: Worker | null) => {
        worker.off('message', onMessage);
        worker.off('error', onFail);
        worker.off('exit', onFail);
        this.starting = null;
        this.worker = w;
        resolve(w);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') settle(worker);
        else if (m.type === 'setup-failed') {
          void worker.terminate();
          settle(null);
        }
      };
      const onFail = () => settle(null);
      worker.on('message', onMessage);
      worker.once('error', onFail);
      worker.once('exit', onFail);
    });
    return this.starting;
  }

  private async run(job: Job): Promise<FileOutcome | null> {
    if (this.closed) return internalStop(job.file, '已关闭 / was closed');
    const worker = await this.start();
    if (!worker) return internalStop(job.file, '无法启动 / could not start');
    const id = this.nextId++;
    return new Promise<FileOutcome | null>((resolve) => {
      let done = false;
      const finish = (outcome: FileOutcome | null, kill: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          this.worker = null;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const over = (limit: Limit) => finish(stoppedOutcome(job.file, overBudgetFinding(job.file, limit, this.budget)), true);
      const onMessage = (m: FromWorker) => {
        if (m.type !== 'checked' || m.id !== id) return;
        const w = m.outcomes[0];
        finish(w && w !== 'main' && !isPackedOutcome(w) ? fromWire(w) : null, false);
      };
      const onError = (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') over('memory');
        else finish(internalStop(job.file, `出错 / failed: ${err.message}`), true);
      };
      const onExit = () => finish(internalStop(job.file, '意外退出 / exited'), true);
      const timer = setTimeout(() => over('time'), Math.max(1, this.budget.seconds * 1000));
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      const message: ToWorker = { type: 'check', id, files: [job.file], reportForeign: [job.reportForeign], ...(job.text !== undefined ? { texts: [job.text] } : {}), ...(job.forEditor ? { forEditor: true } : {}) };
      worker.postMessage(message);
    });
  }
}
