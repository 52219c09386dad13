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

/**
 * Order of two keys as Meilisearch ranks them: a score (`0.812345678901`), or for date sorts
 * `date_ts|score` (newest first, undated last, then score). Negative: `a` ranks first.
 */
export function compareKeys(a: string, b: string): number {
  const [da, sa] = a.includes('|') ? a.split('|') : [undefined, a];
  const [db, sb] = b.includes('|') ? b.split('|') : [undefined, b];
  const date = (d: string | undefined) => (d === undefined || d === 'none' ? -Infinity : Number(d));
  return date(db) - date(da) || Number(sb) - Number(sa);
}

/** The nodes' own lists merged as a federation should: by key, best first (stable among equals). */
export function mergeRanked(lists: readonly Ranked[][]): Ranked[] {
  return lists.flat().sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * For a whole result (nothing cut by the depth) that rankedDifference refused: is it the
 * single node's hit set, ordered exactly as the nodes rank their own documents? Meilisearch
 * scores a typo-derived match by the words of the index it is in (tests/integration/
 * cluster-scoring.test.ts), so a document can score otherwise on its shard than in one index of
 * the whole corpus. What the gateway answers for is the rest: the same documents, none twice,
 * merged by the scores the nodes give them (`nodes`: each node's own list for the same request,
 * asked of that node alone). Returns why not, or the documents whose score differs from the
 * single node's (the re-scored ones, to report).
 */
export function rescoredDifference(got: Ranked[], want: Ranked[], nodes: readonly Ranked[][]): { why: string } | { rescored: Ranked[] } {
  if (new Set(got.map((h) => h.id)).size !== got.length) return { why: 'a hit appears twice' };
  const wantKey = new Map(want.map((h) => [h.id, h.key]));
  if (got.length !== want.length || got.some((h) => !wantKey.has(h.id))) return { why: `hit sets differ (${got.length} hits vs ${want.length})` };
  const merged = mergeRanked(nodes);
  const why = rankedDifference(got, merged, false);
  if (why) return { why: `not the merge of the nodes' own rankings: ${why}` };
  return { rescored: got.filter((h) => h.key !== wantKey.get(h.id)) };
}

/** JSON with object keys sorted: facet counts compared whatever order they came in. */
export const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
