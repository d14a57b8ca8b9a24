#!/usr/bin/env node
/**
 * The floor of a check on this machine, today: what only reading the files and a positional parse
 * with js-yaml cost, on as many threads as `jixiao check` uses (`node bench/floor.mjs <dir>
 * [--threads N] [--json]`). Issue 13 set its wall-time bar from this floor ("about 0.5 ms per file per
 * core": 10,000 files on 2 cores ≈ 2.5 s against the bar of 4 s, 1.6× the floor), so run.mjs prints
 * both and the check's ratio to the floor, which reads the same on a quiet machine and a busy one.
 *
 * Each thread (a worker thread, as the CLI's) takes every N-th file, reads it as UTF-8 and loads it
 * with js-yaml's core schema and a listener (the hook the located tree is built from; here it does
 * nothing, so the parse is js-yaml's own cost). A file js-yaml rejects counts as read. The wall time
 * runs from this process's start to the last thread's end (process.uptime(), so Node's own start is
 * in it, as it is in the CLI's wall time). Prints files, threads and wall seconds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import jsYaml from 'js-yaml';

/** The threads `jixiao check` starts for `count` files (none: it checks them on its main thread, one). Core is loaded by the main thread only, so the floor's threads start as light as they can. */
async function checkThreads(count) {
  const { defaultWorkerCount } = await import('../packages/core/dist/index.js');
  return Math.max(1, defaultWorkerCount(count));
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function parseAll(files) {
  const listener = () => {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    try {
      jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, listener });
    } catch {
      // A file with a syntax error costs its read and the parse up to the error.
    }
  }
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string' }, json: { type: 'boolean' } } });
  const dir = positionals[0];
  if (!dir) {
    console.error('usage: node bench/floor.mjs <dir> [--threads N] [--json]');
    return 2;
  }
  const files = walk(dir).sort();
  const threads = values.threads !== undefined ? Number(values.threads) : await checkThreads(files.length);
  if (!Number.isInteger(threads) || threads < 1) {
    console.error('--threads: a whole number, at least 1');
    return 2;
  }
  await Promise.all(Array.from({ length: threads }, (_, i) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: files.filter((_, k) => k % threads === i) });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`floor thread ${i} exited with ${code}`))));
  })));
  const wall = process.uptime();
  if (values.json) console.log(JSON.stringify({ files: files.length, threads, wall }));
  else console.log(`${files.length} files on ${threads} thread(s): read + js-yaml load ${wall.toFixed(2)} s wall (${((wall * 1000 * threads) / files.length).toFixed(3)} ms per file per thread)`);
  return 0;
}

if (isMainThread) {
  main().then((code) => { process.exitCode = code; }, (err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 2;
  });
} else {
  parseAll(workerData);
  parentPort?.close();
}
