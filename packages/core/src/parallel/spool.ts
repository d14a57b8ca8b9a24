/**
 * Values kept aside by key until their turn (a file's phase-1 findings until its group's phase 2 is
 * done, a finished file's result until the files sorted before it are written), in constant memory:
 * each value is serialized (v8's structured clone, the same copy worker threads make) and held in
 * memory up to a byte budget, then appended to a temporary file and read back from its offset.
 * A run over tens of thousands of files with many findings each so holds a few offsets per file,
 * not its findings.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * Serialized bytes a spool keeps in memory before it writes to its temporary file
 * (`JIXIAO_SPOOL_BYTES` sets it: the tests send everything through the file with 0). 4 MB: with
 * 16 MB, the clean 10,000 files' results (~1.5 KB each) all stayed in memory, so peak RSS grew with
 * the number of files (3,000 → 10,000 files: +38 MB); the temporary file costs no measurable time.
 */
export const SPOOL_MEMORY_BYTES = spoolBudget(4 * 1024 * 1024);

export function spoolBudget(fallback: number): number {
  const set = process.env.JIXIAO_SPOOL_BYTES;
  return set !== undefined && /^\d+$/.test(set) ? Number(set) : fallback;
}

interface OnDisk {
  offset: number;
  length: number;
}

const open = new Set<Spool<unknown>>();
let exitHook = false;

export class Spool<T> {
  private readonly entries = new Map<string, Buffer | OnDisk>();
  private inMemory = 0;
  private dir: string | null = null;
  private fd: number | null = null;
  private end = 0;

  constructor(private readonly memoryBytes = SPOOL_MEMORY_BYTES) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  put(key: string, value: T): void {
    this.putSerialized(key, serialize(value));
  }

  /**
   * A value already serialized (v8.serialize of a T, made where the value was: a worker thread),
   * kept without being read: the main thread of a run never builds the objects it only hands on.
   */
  putSerialized(key: string, bytes: Buffer): void {
    // Put twice (a chunk checked again after its worker failed): the later value stands.
    if (this.entries.has(key)) this.take(key);
    if (this.inMemory + bytes.length <= this.memoryBytes) {
      this.entries.set(key, bytes);
      this.inMemory += bytes.length;
      return;
    }
    const fd = this.file();
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, this.end + at);
    this.entries.set(key, { offset: this.end, length: bytes.length });
    this.end += bytes.length;
  }

  /** The value put under `key`, forgotten here (undefined when none). */
  take(key: string): T | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    this.entries.delete(key);
    if (Buffer.isBuffer(e)) this.inMemory -= e.length;
    return this.valueOf(e);
  }

  /** The value put under `key`, kept here to be read again (undefined when none). */
  read(key: string): T | undefined {
    const e = this.entries.get(key);
    return e === undefined ? undefined : this.valueOf(e);
  }

  private valueOf(e: Buffer | OnDisk): T {
    if (Buffer.isBuffer(e)) return deserialize(e) as T;
    const bytes = Buffer.allocUnsafe(e.length);
    for (let at = 0; at < e.length;) {
      const n = readSync(this.fd as number, bytes, at, e.length - at, e.offset + at);
      if (n === 0) throw new Error('spool file ended early');
      at += n;
    }
    return deserialize(bytes) as T;
  }

  /** Removes the temporary file (the spool can be used again afterwards). */
  close(): void {
    this.entries.clear();
    this.inMemory = 0;
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
    this.end = 0;
    open.delete(this as Spool<unknown>);
  }

  private file(): number {
    if (this.fd !== null) return this.fd;
    this.dir = mkdtempSync(join(tmpdir(), 'jixiao-spool-'));
    this.fd = openSync(join(this.dir, 'values.bin'), 'wx+', 0o600);
    open.add(this as Spool<unknown>);
    if (!exitHook) {
      exitHook = true;
      // A run that ends early (an error, process.exit) leaves no temporary file behind.
      process.on('exit', () => {
        for (const s of [...open]) s.close();
      });
    }
    return this.fd;
  }
}
