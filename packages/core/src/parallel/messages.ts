/** What the main thread and the check workers say to each other. */
import type { PackedOutcome, WireOutcome } from './wire.js';

export type { WorkerSetup } from './setup.js';

export type ToWorker =
  /** `texts`: each file's text in hand (an editor's buffer), instead of reading the file. */
  | {
      type: 'check';
      id: number;
      files: string[];
      reportForeign: boolean[];
      texts?: (string | undefined)[];
      /** Also each document's outline and whether it is a jixiao document (for an editor that does not load it). */
      forEditor?: boolean;
      /** Each outcome packed for a spool (wire.ts PackedOutcome) instead of as plain data. */
      packed?: boolean;
    }
  | { type: 'stop' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'setup-failed'; message: string }
  /** Per file: its outcome, null (not a jixiao document, skipped) or 'main' (left to the main thread). */
  | { type: 'checked'; id: number; outcomes: (WireOutcome | PackedOutcome | null | 'main')[] };
