/**
 * A word → value function, memoised in a map cleared past `max` entries: documents and queries
 * ask for every word, and news text is Zipfian, so a bounded cache serves most of them.
 * `undefined` answers are remembered too.
 */
export function memoByWord<T>(f: (w: string) => T, max = 200_000): (w: string) => T {
  const cache = new Map<string, T>();
  return (w) => {
    // One probe for a hit: `has` only for the undefined answers.
    const known = cache.get(w);
    if (known !== undefined || cache.has(w)) return known as T;
    const v = f(w);
    if (cache.size > max) cache.clear();
    cache.set(w, v);
    return v;
  };
}
