/** "Did you mean": the candidate nearest to a mistyped word, when it is near enough to be a typo. */
import { distance } from 'fastest-levenshtein';

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // A typo changes a few characters: at most a third of the word, and at least one.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
