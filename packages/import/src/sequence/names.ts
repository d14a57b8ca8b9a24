/**
 * Wrapped 科目名称 cells that the extraction interleaves: when a row is printed as its code alone, a
 * line of words, then its figures, that line may hold the previous row's unprinted tail and this
 * row's head, their characters shuffled together (险机缴关费事支业出单位职业年金缴 = 险缴费支出 ×
 * 机关事业单位职业年金缴). The names the same codes have in the document's other tables, printed
 * whole there, are the candidates: a line is decoded only when some candidate pair explains every
 * character in order (the tail completes the previous row's printed name, the rest is a prefix of
 * this row's name) and all such pairs agree. Otherwise the names stay as printed.
 */

/** `mixed` is an interleaving of `a` and `b`, each in order. */
export function interleaves(mixed: string, a: string, b: string): boolean {
  if (mixed.length !== a.length + b.length) return false;
  let row: boolean[] = Array.from({ length: b.length + 1 }, (_, j) => b.slice(0, j) === mixed.slice(0, j));
  for (let i = 1; i <= a.length; i++) {
    const next: boolean[] = [];
    for (let j = 0; j <= b.length; j++) {
      const k = i + j - 1;
      next[j] = (row[j] === true && a[i - 1] === mixed[k]) || (j > 0 && next[j - 1] === true && b[j - 1] === mixed[k]);
    }
    row = next;
  }
  return row[b.length] === true;
}

export interface NamePuzzle {
  /** The previous row's code and its name as printed so far. */
  previous: { code: string; printed: string };
  code: string;
  /** The line of words printed between this row's code and its figures. */
  mixed: string;
}

/** The previous row's whole name and this row's printed head, when the candidates decide them. */
export function decode(p: NamePuzzle, candidates: ReadonlyMap<string, ReadonlySet<string>>): { previous: string; head: string } | undefined {
  const before = [...(candidates.get(p.previous.code) ?? [])].filter((n) => n.startsWith(p.previous.printed));
  const own = [...(candidates.get(p.code) ?? [])];
  const found = new Set<string>();
  for (const whole of before) {
    const tail = whole.slice(p.previous.printed.length);
    for (const name of own) {
      const head = name.slice(0, p.mixed.length - tail.length);
      if (head.length === p.mixed.length - tail.length && head.length > 0 && interleaves(p.mixed, tail, head)) found.add(`${whole}\u0000${head}`);
    }
  }
  if (found.size !== 1) return undefined;
  const [previous, head] = ([...found][0] as string).split('\u0000') as [string, string];
  return { previous, head };
}
