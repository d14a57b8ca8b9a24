/** Checking a set of files on this thread: phase 1 file by file (only one document alive at once), then phase 2. */
import { checkFile, findRulesDir, type FileResult } from '../check.js';
import { defaultConfig, type CheckConfig } from '../config.js';
import { loadPacks, type Rule } from '../engine/rules.js';
import { fileSize } from '../io/read.js';
import { DEFAULT_FILE_BUDGET } from '../limits.js';
import { FileThread } from '../parallel/file-thread.js';
import { WORKER_MAX_FILE_BYTES } from '../parallel/pool.js';
import { fromWire, toWire } from '../parallel/wire.js';
import { byFilePath, checkLoaded, finishGroup, finishGroupEach, isForeign, packedPendingOf, type FileOutcome, type GroupOptions, type PendingFile, type ResultSink } from '../run.js';
import { Spool } from '../parallel/spool.js';
import type { WireRecord } from '../parallel/records.js';

/**
 * A copy of an outcome that shares no string with the file's text. Substrings in V8 may point into
 * the string they were cut from, so one figure kept for phase 2 would keep its whole file in memory;
 * a copy through plain data (the same one worker threads make) lets each file's text go.
 */
function detach(outcome: FileOutcome): FileOutcome {
  return fromWire(structuredClone(toWire(outcome)));
}

/** Phase 1 of a set of files on this thread, each outcome handed on as it is made. */
export async function phaseOne(files: readonly string[], options: GroupOptions, onOutcome: (outcome: FileOutcome) => void): Promise<void> {
  const config = options.config ?? defaultConfig();
  const knownIds = new Set(options.rules.map((r) => r.id));
  let thread: FileThread | undefined;
  try {
    // One file at a time (reading is synchronous and cheap): only one loaded document is alive at once.
    for (const file of files) {
      if (options.threadSetup && !options.keep && fileSize(file) > WORKER_MAX_FILE_BYTES) {
        thread ??= new FileThread(options.threadSetup, options.budget ?? DEFAULT_FILE_BUDGET);
        const outcome = await thread.check(file, { reportForeign: options.reportForeign ? options.reportForeign(file) : true });
        if (outcome) onOutcome(outcome);
        options.onChecked?.(1);
        continue;
      }
      const result = await checkFile(file, options.budget);
      if (options.reportForeign && isForeign(result) && !options.reportForeign(result.file)) continue;
      const outcome = checkLoaded(result, options.rules, config, knownIds, options.keep, options.budget);
      onOutcome(options.keep ? outcome : detach(outcome));
      options.onChecked?.(1);
    }
  } finally {
    await thread?.close();
  }
}

/**
 * Checks a set of files governed by the same settings, on this thread; cross-document checks stay
 * within the set. With `threadSetup` (and not `keep`), a file too large for a small heap is checked
 * on a thread of its own under the budget's hard limits; the others carry the budget's deadline.
 */
export async function checkGroup(files: readonly string[], options: GroupOptions): Promise<FileResult[]> {
  const outcomes: FileOutcome[] = [];
  await phaseOne(files, options, (o) => outcomes.push(o));
  return finishGroup(outcomes, options);
}

/**
 * As checkGroup, but each file's result goes to `emit` once its group's phase 2 is done, in order of
 * the files' paths, and none is held meanwhile: phase-1 findings wait in a spool (parallel/spool.ts),
 * so memory stays flat in files and findings. Not with `keep` (texts and documents do not spool).
 */
export async function checkGroupEach(files: readonly string[], options: GroupOptions, emit: ResultSink): Promise<void> {
  if (options.keep) {
    for (const r of (await checkGroup(files, options)).sort((a, b) => byFilePath(a.file, b.file))) await emit(r);
    return;
  }
  const spool = new Spool<FileResult>();
  const records = new Spool<WireRecord>();
  try {
    const pending: PendingFile[] = [];
    await phaseOne(files, options, (o) => {
      pending.push(packedPendingOf(o, records));
      spool.put(o.result.file, o.result);
    });
    await finishGroupEach(pending, (file) => spool.take(file) as FileResult, options, emit, { sorted: true });
  } finally {
    spool.close();
    records.close();
  }
}

/** Checks files together with one set of rules and settings (the bundled packs and defaults unless given). */
export async function checkFiles(files: readonly string[], options: { rules?: Rule[]; config?: CheckConfig; keep?: boolean } = {}): Promise<FileResult[]> {
  return checkGroup(files, { rules: options.rules ?? loadPacks(findRulesDir()), config: options.config ?? defaultConfig(), keep: options.keep });
}
