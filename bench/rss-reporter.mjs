// Preloaded into the benchmarked process with `node --import <file URL of this module>`: on exit,
// appends the process's peak resident set size (process.resourceUsage().maxRSS, in KB) as one line
// to the file named by JIXIAO_BENCH_RSS_FILE. `jixiao check` starts once more with a V8 flag (see
// packages/cli/bin/jixiao.js) and the preload goes with it, so the file gets one line per process:
// the benchmark adds them up (both processes are alive during the whole run). Nothing is written to
// stdout or stderr.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.JIXIAO_BENCH_RSS_FILE;
// Worker threads inherit the preload but share the process (and its maxRSS): only the main thread reports.
if (target && isMainThread) {
  process.on('exit', () => {
    try {
      appendFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the benchmark reports a missing measurement; never disturb the measured process
    }
  });
}
