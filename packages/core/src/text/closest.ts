/** "Did you mean": the candidate nearest to a mistyped word, when it is near enough to be a typo. */
import { distance } from 'fastest-levenshtein';

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // A swap of two neighbouring letters (chekc) is one slip, not two.
    const d = Math.min(distance(word, c), transposed(word, c) ? 1 : Infinity);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // A typo changes a few characters: at most a third of the word, and at least one.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** `a` is `b` with two neighbouring characters swapped. */
function transposed(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === (diff[0] as number) + 1 && a[diff[0] as number] === b[diff[1] as number] && a[diff[1] as number] === b[diff[0] as number];
}
