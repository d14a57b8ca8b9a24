/**
 * Where a report is written as it is made: stdout, or an output file written through a temporary
 * file beside it and renamed over it at the end (so a reader never sees half a report, and a run
 * that fails leaves the old one), both buffered in chunks. And a text spool: lines kept aside in
 * constant memory (a temporary file past a budget) and read back in order, for a format whose head
 * depends on everything after it (SARIF's rules).
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { checkOutputFile, spoolBudget } from '@jixiao/core';

export interface Out {
  write(text: string): void;
  /** Resolves when the destination can take more (a pipe that is full). */
  drain(): Promise<void> | void;
  /** Everything written: the file is put in place. */
  close(): void;
  /** The run failed: nothing is put in place. */
  abort(): void;
}

const CHUNK = 64 * 1024;

function writeAllSync(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Text collected into chunks of about CHUNK characters before it goes out. */
abstract class Buffered implements Out {
  private parts: string[] = [];
  private length = 0;

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= CHUNK) this.flush();
  }

  protected flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.put(text);
  }

  protected abstract put(text: string): void;
  drain(): Promise<void> | void {}
  abstract close(): void;
  abstract abort(): void;
}

/** stdout; `before` runs before each chunk (a progress line on the same terminal is wiped). */
export class StdoutOut extends Buffered {
  constructor(private readonly before: () => void = () => undefined) {
    super();
  }

  protected put(text: string): void {
    this.before();
    process.stdout.write(text);
  }

  override drain(): Promise<void> | void {
    if (!process.stdout.writableNeedDrain) return;
    return new Promise((done) => process.stdout.once('drain', () => done()));
  }

  close(): void {
    this.flush();
  }

  abort(): void {
    this.flush();
  }
}

/** An output file (-o): a temporary file beside it while the report is written, renamed over it at the end. */
export class FileOut extends Buffered {
  private fd: number | null;
  private readonly temp: string;

  constructor(private readonly file: string) {
    super();
    checkOutputFile(file);
    const target = resolve(file);
    this.temp = join(dirname(target), `.${basename(target)}.jixiao-${process.pid}-${Date.now().toString(36)}.tmp`);
    // `wx`: the temporary name is new, so nothing (no planted link) is followed.
    this.fd = openSync(this.temp, 'wx', 0o644);
  }

  protected put(text: string): void {
    if (this.fd !== null) writeAllSync(this.fd, Buffer.from(text, 'utf8'));
  }

  close(): void {
    this.flush();
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
      closeSync(fd);
      checkOutputFile(this.file);
      renameSync(this.temp, resolve(this.file));
    } catch (err) {
      this.removeTemp();
      throw err;
    }
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.removeTemp();
  }

  private removeTemp(): void {
    try {
      unlinkSync(this.temp);
    } catch {
      // nothing left behind
    }
  }
}

/** Output collected into one string (the report functions that return text). */
export class StringOut implements Out {
  private parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  drain(): void {}
  close(): void {}
  abort(): void {}
  text(): string {
    return this.parts.join('');
  }
}

/** Serialized bytes a text spool keeps in memory before it writes to its temporary file. */
const SPOOL_MEMORY = spoolBudget(8 * 1024 * 1024);

/** Lines kept aside in order, in memory up to a budget, then in a temporary file; read back once, in order. */
export class LineSpool {
  private memory: string[] = [];
  private inMemory = 0;
  private dir: string | null = null;
  private fd: number | null = null;
  private pending: string[] = [];
  private pendingLength = 0;

  /** One line (no line break inside). */
  push(line: string): void {
    if (this.fd === null && this.inMemory + line.length <= SPOOL_MEMORY) {
      this.memory.push(line);
      this.inMemory += line.length;
      return;
    }
    if (this.fd === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
      this.fd = openSync(join(this.dir, 'lines.txt'), 'wx+', 0o600);
    }
    this.pending.push(line, '\n');
    this.pendingLength += line.length + 1;
    if (this.pendingLength >= CHUNK) this.flushPending();
  }

  private flushPending(): void {
    if (this.fd === null || this.pending.length === 0) return;
    writeAllSync(this.fd, Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Every line, in the order pushed; the spool is emptied as it goes. */
  *lines(): Generator<string> {
    const memory = this.memory;
    this.memory = [];
    this.inMemory = 0;
    yield* memory;
    if (this.fd === null) return;
    this.flushPending();
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    let rest: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(this.fd, buffer, 0, CHUNK, position);
      if (n === 0) break;
      position += n;
      // A chunk may end inside a character: decode whole lines' bytes only.
      const chunk = buffer.subarray(0, n);
      const last = chunk.lastIndexOf(10);
      if (last < 0) {
        rest = Buffer.concat([rest, chunk]);
        continue;
      }
      const text = Buffer.concat([rest, chunk.subarray(0, last)]).toString('utf8');
      rest = Buffer.from(chunk.subarray(last + 1));
      yield* text.split('\n');
    }
    if (rest.length > 0) yield rest.toString('utf8');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
    this.memory = [];
  }
}
