/** Progress on stderr (packages/cli/src/progress.ts): only on a terminal, only after a second, wiped at the end (a fake clock: no wall time). */
import { describe, expect, it } from 'vitest';
import { Progress } from '../packages/cli/dist/progress.js';

function fake(isTTY: boolean) {
  const written: string[] = [];
  let t = 0;
  return { stream: { isTTY, write: (s: string) => written.push(s) }, written, clock: { now: () => t, advance: (ms: number) => { t += ms; } } };
}

describe('progress', () => {
  it('says nothing in the first second, then the count on one line, and wipes it before the report', () => {
    const f = fake(true);
    const p = new Progress(100, 'zh', f.stream, f.clock.now);
    p.add(10);
    f.clock.advance(500);
    p.add(10);
    expect(f.written).toEqual([]);
    f.clock.advance(600);
    p.add(5);
    expect(f.written).toEqual(['\r检查中：25 / 100 个文件\u001b[K']);
    f.clock.advance(50);
    p.add(5);
    expect(f.written).toHaveLength(1);
    p.end();
    expect(f.written.at(-1)).toBe('\r\u001b[K');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const f = fake(false);
    const p = new Progress(100, 'en', f.stream, f.clock.now);
    f.clock.advance(5000);
    p.add(50);
    p.end();
    expect(f.written).toEqual([]);
  });
});
