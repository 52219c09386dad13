import { LRUCache } from 'lru-cache';
import type { FacetValueHit } from '../meili/search.ts';
import type { MeiliFilter } from './filters.ts';

/**
 * Term completions of a first word of one or two letters, kept for a while. Those facet searches
 * are the costliest /suggest makes, and their cost grows with the archive (Meilisearch counts
 * every `terms` value that starts with the letters: `c` took 16 ms of engine time at 40,000
 * documents, a 3-letter prefix under 1 ms); yet there are only some 700 of them, and a
 * search box asks for them on every first keystroke. Longer prefixes, and any prefix after
 * other words, are asked each time. Entries live `ttlMs`: the indexer writes to Meilisearch
 * directly, so a new document's words reach these completions within that time.
 */
export interface CompletionCache {
  get(filter: MeiliFilter, facetQuery: string): FacetValueHit[] | undefined;
  set(filter: MeiliFilter, facetQuery: string, hits: FacetValueHit[]): void;
}

/** Letters of a word typed first whose completions are kept. */
export const CACHED_PREFIX_LETTERS = 2;

/** 2-letter prefixes of the Turkish and English alphabets, times a few language filters, fit. */
const MAX_ENTRIES = 4096;

export function createCompletionCache(ttlMs: number): CompletionCache | undefined {
  if (ttlMs <= 0) return undefined;
  const lru = new LRUCache<string, FacetValueHit[]>({ max: MAX_ENTRIES, ttl: ttlMs });
  // buildFilter writes the same languages the same way, so equal filters give equal keys.
  const key = (filter: MeiliFilter, facetQuery: string) => JSON.stringify([filter, facetQuery]);
  return {
    get: (filter, facetQuery) => lru.get(key(filter, facetQuery)),
    set: (filter, facetQuery, hits) => void lru.set(key(filter, facetQuery), hits),
  };
}
