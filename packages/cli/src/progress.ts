/**
 * Progress on stderr while a long run goes on: only on a terminal, only after the first second,
 * redrawn at most ten times a second on one line, and wiped before the report is printed.
 */
import type { Locale } from './locale.js';

export class Progress {
  private done = 0;
  private shown = false;
  private last = 0;
  private readonly started: number;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly locale: Locale,
    private readonly stream: { isTTY?: boolean; write: (s: string) => unknown } = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.enabled = stream.isTTY === true && total > 1;
    this.started = now();
  }

  /** `count` more files are done. */
  add = (count: number): void => {
    this.done += count;
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.started < 1000 || now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    const text = this.locale === 'zh' ? `检查中：${this.done} / ${this.total} 个文件` : `checking: ${this.done} / ${this.total} files`;
    this.stream.write(`\r${text}\u001b[K`);
  };

  /** Wipes the line, so the report starts clean. */
  end(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
