/** One-dimensional clustering of positions: values closer than a tolerance are one column. */

export interface Cluster {
  /** Mean of the members' key positions. */
  at: number;
  lo: number;
  hi: number;
  count: number;
}

/** Groups `values` (in any order) into clusters: a new cluster starts where the gap exceeds `tolerance`. */
export function clusters(values: readonly number[], tolerance: number): Cluster[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: Cluster[] = [];
  let members: number[] = [];
  const flush = () => {
    if (members.length === 0) return;
    out.push({ at: members.reduce((s, v) => s + v, 0) / members.length, lo: members[0] as number, hi: members[members.length - 1] as number, count: members.length });
    members = [];
  };
  for (const v of sorted) {
    const last = members[members.length - 1];
    if (last !== undefined && v - last > tolerance) flush();
    members.push(v);
  }
  flush();
  return out;
}

/** The index of the cluster `v` belongs to (within tolerance of its range), or -1. */
export function clusterOf(list: readonly Cluster[], v: number, tolerance: number): number {
  let best = -1;
  let bestDistance = Infinity;
  list.forEach((c, i) => {
    const d = v < c.lo ? c.lo - v : v > c.hi ? v - c.hi : 0;
    if (d <= tolerance && d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}
