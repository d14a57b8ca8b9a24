/** Text edits of suggested fixes: applied from the end so earlier offsets stay valid; overlaps are skipped. */
export interface TextEdit {
  span: readonly [number, number];
  text: string;
}

/** Applies non-overlapping edits (later ones first); an edit overlapping one already taken waits for the next run. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => b.span[0] - a.span[0] || b.span[1] - a.span[1]);
  let out = text;
  let applied = 0;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.span[1] > floor || e.span[0] > e.span[1] || e.span[1] > text.length) continue;
    out = out.slice(0, e.span[0]) + e.text + out.slice(e.span[1]);
    floor = e.span[0];
    applied++;
  }
  return { text: out, applied };
}
