/**
 * Lets each worker thread's `resourceLimits.maxYoungGenerationSizeMb` take effect.
 *
 * bin/jixiao.js starts a run over a folder with `--max-semi-space-size=2`, so that the main thread,
 * which only deals files out and writes what comes back, keeps a small young generation. V8 flags are
 * process-wide, though: while that flag is set it also overrides every worker's young-generation
 * limit, and each worker then scavenged every ~1.5 MB, about every 10 ms (26–28 % of its CPU in
 * garbage collection; bench/README.md). A heap's size is fixed when its isolate starts, so clearing
 * the flag here, just before the first worker starts, leaves the main thread's young generation small
 * and gives the workers the one they ask for.
 *
 * Node documents changing V8 flags after start as unsupported in general; this one is only read when
 * a new isolate is set up, and a run without the flag (JIXIAO_NO_RESTART=1) is unaffected.
 */
import { setFlagsFromString } from 'node:v8';

let released = false;

/** Call before starting a worker: from then on new isolates size their young generation themselves. */
export function releaseSemiSpaceFlag(): void {
  if (released) return;
  released = true;
  if (process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size'))) setFlagsFromString('--max-semi-space-size=0');
}
