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
// runs: on 10,000 small files it only adds ~85 MB of peak memory. A run over a folder starts with a
// small one (--max-semi-space-size=2): there the main thread only deals files out to the workers and
// writes what they found, and its default 16 MB semi-spaces were ~60 MB of the run's peak RSS
// (10,000 files: 343 → 252 MB in all, the same wall time; bench/README.md). The flag is process-wide
// and would cap the workers' young generation as well: the worker pool clears it before the first
// worker starts (core's parallel/young-generation.ts). Files named one by one
// are checked on the main thread itself, at the default size (a 1 MB report took ~10% longer with the
// small one). JIXIAO_NO_RESTART=1 turns all this off.
// Nor for `check --cache` when its cache file is there: a warm run checks few files, on no workers,
// and the second start (~0.25 s) was a quarter of re-checking 10,000 unchanged files.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cache file `check --cache` / `--cache-location` would read, when the arguments name one (as commands/check.ts resolves it). */
function cacheFileOf(args) {
  let location;
  let cache = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a === '--cache') cache = true;
    else if (a === '--cache-location') location = args[++i];
    else if (a.startsWith('--cache-location=')) location = a.slice('--cache-location='.length);
  }
  if (location === undefined) return cache ? '.jixiaocache' : undefined;
  if (location.endsWith('/') || location.endsWith('\\')) return join(location, '.jixiaocache');
  try {
    return statSync(location).isDirectory() ? join(location, '.jixiaocache') : location;
  } catch {
    return location;
  }
}

function warmCache(args) {
  const file = cacheFileOf(args);
  if (file === undefined) return false;
  try {
    const st = statSync(file);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

const FLAG = '--single-threaded-gc';
const command = process.argv[2];
const args = process.argv.slice(3);
if ((command === 'check' || command === 'review') && !process.execArgv.includes(FLAG) && process.env.JIXIAO_NO_RESTART !== '1' && !(command === 'check' && warmCache(args))) {
  // What the arguments name on disk (an option's value, such as `json`, names nothing).
  const named = args.filter((arg) => !arg.startsWith('-')).flatMap((arg) => {
    try {
      return [statSync(arg)];
    } catch {
      return [];
    }
  });
  const large = named.some((st) => st.isFile() && st.size > 2 * 1024 * 1024);
  // Only files named (no folder to walk): the main thread checks them itself, at its default size.
  const onlyFiles = named.length > 0 && named.every((st) => st.isFile());
  // `-j 1`: the main thread checks every file itself, so it keeps its default size too (2,000 files:
  // ~20 s with the small one, ~16 s without).
  const oneThread = args.some((arg, i) => arg === '--jobs=1' || arg === '-j1' || ((arg === '-j' || arg === '--jobs') && args[i + 1] === '1'));
  const flags = large ? [FLAG, '--max-semi-space-size=32'] : onlyFiles || oneThread ? [FLAG] : [FLAG, '--max-semi-space-size=2'];
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
