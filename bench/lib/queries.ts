import type { CorpusDoc } from './corpus.ts';
import { sample } from './rng.ts';

/**
 * Queries as people type them: one to `maxWords` words of a sampled title (both languages), and
 * for each its first word cut to 2–5 letters, as a search box sees it mid-word. The same seed
 * gives the same lists (the generator's calls are in a fixed order).
 */
export function typedQueries(rand: () => number, corpus: readonly CorpusDoc[], count: number, maxWords: number): { queries: string[]; prefixes: string[] } {
  const queries = sample(rand, corpus, count).map((d) => {
    const words = d.title.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w));
    const k = 1 + Math.floor(rand() * maxWords);
    const start = Math.floor(rand() * Math.max(1, words.length - k));
    return words.slice(start, start + k).join(' ') || d.title.slice(0, 20);
  });
  const prefixes = queries.map((q) => q.split(/\s+/)[0]!.slice(0, 2 + Math.floor(rand() * 4)));
  return { queries, prefixes };
}
