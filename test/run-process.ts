/**
 * An asynchronous stand-in for `spawnSync` in the tests: runs a process with `spawn`, collects its
 * stdout and stderr as UTF-8 and resolves with the fields the tests read from a `spawnSync` result
 * ({ status, signal, stdout, stderr, error }). Unlike `spawnSync` it does not block the event loop
 * of the test worker, so other work in the same worker (an LSP client, a browser) keeps running
 * while the process does.
 *
 * Like `spawnSync`, the child gets a pipe for stdin that is closed at once (after `input`, if given),
 * the promise settles when the process has exited and its output streams are closed, and it never
 * rejects: a process that cannot be started resolves with `error` set and `status` null.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. */
  input?: string | Buffer;
  /** Bytes kept per stream; past it the child is killed and `error` says so (default 512 MiB). */
  maxBuffer?: number;
  /** Milliseconds after which the child is killed with `killSignal` (default: none). */
  timeout?: number;
  killSignal?: NodeJS.Signals;
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

const DEFAULT_MAX_BUFFER = 512 * 1024 * 1024;

export function runProcess(command: string, args: readonly string[] = [], options: RunOptions = {}): Promise<RunResult> {
  const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise<RunResult>((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    let error: Error | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;

    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });

    const finish = (status: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      const result: RunResult = { status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (error) result.error = error;
      resolve(result);
    };
    const fail = (e: Error) => {
      error ??= e;
      child.kill(options.killSignal ?? 'SIGTERM');
    };
    const collect = (chunks: Buffer[], which: 'out' | 'err') => (chunk: Buffer) => {
      if (sizes[which] >= maxBuffer) return;
      const room = maxBuffer - sizes[which];
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      sizes[which] += Math.min(chunk.length, room);
      if (chunk.length > room) fail(Object.assign(new Error(`${command}: std${which} maxBuffer (${maxBuffer} bytes) exceeded`), { code: 'ENOBUFS' }));
    };

    child.stdout.on('data', collect(out, 'out'));
    child.stderr.on('data', collect(err, 'err'));
    child.stdin.on('error', () => undefined); // EPIPE when the child does not read its input
    child.on('error', (e) => {
      error ??= e;
      // Not started (ENOENT, EACCES …): no 'close' may follow.
      if (child.pid === undefined) finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));

    if (options.timeout !== undefined && options.timeout > 0) {
      timer = setTimeout(() => fail(Object.assign(new Error(`${command}: timed out after ${options.timeout} ms`), { code: 'ETIMEDOUT' })), options.timeout);
    }
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** The built `jixiao` binary run in `cwd` without colour, as a user's shell would (status, stdout, stderr). */
export function runJixiao(args: readonly string[], cwd: string): Promise<RunResult> {
  const bin = join(process.cwd(), 'packages/cli/bin/jixiao.js');
  return runProcess(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
}
