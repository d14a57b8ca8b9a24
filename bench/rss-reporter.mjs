// Preloaded into the benchmarked process with `node --import <file URL of this module>`: on exit,
// writes the process's peak resident set size (process.resourceUsage().maxRSS, in KB) to the file
// named by JIXIAO_BENCH_RSS_FILE. Nothing is written to stdout or stderr.
import { writeFileSync } from 'node:fs';

const target = process.env.JIXIAO_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the benchmark reports a missing measurement; never disturb the measured process
    }
  });
}
