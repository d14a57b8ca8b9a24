#!/usr/bin/env node
// Stable entry point committed to the repository, so that the bin link exists before the build.
//
// `check` and `review` run many files on one worker thread per core. V8 gives every heap's garbage
// collection helper threads as well, which then only compete with the workers for the same cores
// (10,000 files: 19–21 s with them, 17–18 s without; see README "Speed"). V8 flags can only be set
// when a process starts, so these two commands start once more with --single-threaded-gc (about
// 50 ms). When a file named on the command line is large (over 2 MB), also with a larger young
// generation for the main thread, which checks such files itself: their short-lived objects then die
// young instead of being promoted (a 13 MB report of 240,000 indicators 13 s → 9 s). Not for other
// runs: on 10,000 small files it only adds ~85 MB of peak memory. JIXIAO_NO_RESTART=1 turns this off.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FLAG = '--single-threaded-gc';
const command = process.argv[2];
if ((command === 'check' || command === 'review') && !process.execArgv.includes(FLAG) && process.env.JIXIAO_NO_RESTART !== '1') {
  const large = process.argv.slice(3).some((arg) => {
    if (arg.startsWith('-')) return false;
    try {
      const st = statSync(arg);
      return st.isFile() && st.size > 2 * 1024 * 1024;
    } catch {
      return false;
    }
  });
  const flags = large ? [FLAG, '--max-semi-space-size=32'] : [FLAG];
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (child.error) {
    // Could not start again: run here, without the flag.
    await import('../dist/cli.js');
  } else {
    process.exitCode = child.status ?? 2;
  }
} else {
  await import('../dist/cli.js');
}
