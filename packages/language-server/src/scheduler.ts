/**
 * Debounced checking: a change that comes after a quiet moment is checked on the next turn of the
 * event loop (the transcriber sees the result at once); changes that follow in quick succession are
 * gathered and checked once, `debounceMs` after the last check.
 */
export class Scheduler {
  private readonly dirty = new Set<string>();
  private timer: { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timeout'; handle: NodeJS.Timeout } | null = null;
  private lastRun = 0;

  constructor(
    private readonly debounceMs: number,
    private readonly run: (uris: string[]) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  add(uri: string, immediate = false): void {
    this.dirty.add(uri);
    if (this.timer && !immediate) return;
    this.cancel();
    const quiet = Date.now() - this.lastRun >= this.debounceMs;
    this.timer = immediate || quiet
      ? { kind: 'immediate', handle: setImmediate(() => this.flush()) }
      : { kind: 'timeout', handle: setTimeout(() => this.flush(), this.debounceMs) };
  }

  /** Whether a check of `uri` is waiting. */
  has(uri: string): boolean {
    return this.dirty.has(uri);
  }

  /** Runs the waiting checks now (a request needs the document as it is). */
  flushNow(): void {
    if (this.dirty.size === 0) return;
    this.cancel();
    this.flush();
  }

  private cancel(): void {
    if (!this.timer) return;
    if (this.timer.kind === 'immediate') clearImmediate(this.timer.handle);
    else clearTimeout(this.timer.handle);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    const uris = [...this.dirty];
    this.dirty.clear();
    try {
      this.run(uris);
    } catch (err) {
      this.onError(err);
    }
    this.lastRun = Date.now();
  }
}
