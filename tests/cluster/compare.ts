// How test:cluster compares a cluster's answer with one node's: pure, unit-tested
// (tests/unit/cluster/compare.test.ts) so that the whole-corpus check can fail.

export interface Ranked {
  id: string;
  key: string;
}

/**
 * Same list up to order among equal keys: the key sequences must be identical, and each run of
 * equal keys must hold the same ids — except a run cut by `cut` (the list stops inside it), whose
 * members beyond the cut are Meilisearch's arbitrary pick among equals.
 */
export function rankedDifference(got: Ranked[], want: Ranked[], cut: boolean): string | undefined {
  if (new Set(got.map((h) => h.id)).size !== got.length) return 'a hit appears twice';
  if (got.length !== want.length) return `${got.length} hits vs ${want.length}`;
  for (let i = 0; i < want.length; i++) if (got[i]!.key !== want[i]!.key) return `rank ${i + 1}: key ${got[i]!.key} vs ${want[i]!.key}`;
  for (let s = 0; s < want.length; ) {
    let e = s;
    while (e < want.length && want[e]!.key === want[s]!.key) e++;
    const a = new Set(got.slice(s, e).map((h) => h.id));
    const b = want.slice(s, e).map((h) => h.id);
    if (!(cut && e === want.length) && b.some((id) => !a.has(id))) return `ranks ${s + 1}-${e} (key ${want[s]!.key}): ids differ`;
    s = e;
  }
  return undefined;
}

/** JSON with object keys sorted: facet counts compared whatever order they came in. */
export const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
