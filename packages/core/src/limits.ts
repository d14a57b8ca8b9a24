/**
 * A file's budget: the time and memory checking one file may take. Going over it is a finding for
 * that file (`limits/time`, `limits/memory`), never a stalled or crashed run.
 *
 * Two guards, because a thread cannot stop its own synchronous work:
 * - **Hard** (parallel/file-thread.ts): a file checked on a worker thread runs under a timer and a
 *   capped heap; the thread is stopped when either runs out. Every file of a large run, and every
 *   file over WORKER_MAX_FILE_BYTES in any run, is checked this way.
 * - **Cooperative** (this module): a small file checked on the calling thread carries a deadline
 *   that the repair loop and the rules loop look at between steps. It catches a check that does too
 *   much work (quadratic loops over a large document), not one runaway step.
 *
 * The budget is the runner's, set on the command line, never by a config found in a repository:
 * it protects the machine from the documents.
 */
import type { Finding } from './finding.js';

export interface FileBudget {
  /** Wall-clock seconds for one file. */
  seconds: number;
  /** Heap megabytes for one file checked on a thread. */
  megabytes: number;
}

/**
 * Generous by design: the largest real documents check in well under a second; a 10 MB document
 * of 200,000 indicators takes about ten seconds and 1 GB on a busy 2-core machine.
 */
export const DEFAULT_FILE_BUDGET: FileBudget = { seconds: 120, megabytes: 4096 };

export type Limit = 'time' | 'memory';

/** Thrown by a cooperative deadline check; caught where the file's check started. */
export class OverBudget extends Error {
  constructor(readonly limit: Limit, readonly budget: FileBudget) {
    super(`over the file's ${limit} budget`);
  }
}

function amount(limit: Limit, budget: FileBudget): { zh: string; en: string } {
  return limit === 'time'
    ? { zh: `${budget.seconds} 秒`, en: `${budget.seconds} s` }
    : { zh: `${budget.megabytes} MB`, en: `${budget.megabytes} MB` };
}

/** The finding for a file whose check went over its budget. */
export function overBudgetFinding(file: string, limit: Limit, budget: FileBudget): Finding {
  const a = amount(limit, budget);
  const message = limit === 'time'
    ? { zh: `检查此文件超出时间预算（${a.zh}），检查未完成；可用 --max-file-seconds 放宽`, en: `checking this file took longer than its budget (${a.en}) and was not finished; --max-file-seconds raises it` }
    : { zh: `检查此文件超出内存预算（${a.zh}），检查未完成；可用 --max-file-memory 放宽`, en: `checking this file needed more memory than its budget (${a.en}) and was not finished; --max-file-memory raises it` };
  return { ruleId: `limits/${limit}`, severity: 'error', message, file, span: [0, 0], related: [] };
}

/** The deadline of the file being checked on this thread (checks are synchronous: one at a time). */
let active: { until: number; budget: FileBudget } | null = null;
let ticks = 0;

/**
 * Runs `work` with a deadline `budget.seconds` after `start` (a Date.now() reading: the file's check
 * began then); a deadline already running stays.
 */
export function withDeadline<T>(budget: FileBudget | undefined, start: number, work: () => T): T {
  if (!budget || active) return work();
  active = { until: start + budget.seconds * 1000, budget };
  try {
    return work();
  } finally {
    active = null;
  }
}

/**
 * Throws OverBudget when the current file's deadline has passed. Cheap enough for inner loops: the
 * clock is read once every 64 calls (`now`: at this call).
 */
export function checkDeadline(now = false): void {
  if (!active || (!now && (++ticks & 63) !== 0)) return;
  if (Date.now() >= active.until) throw new OverBudget('time', active.budget);
}
