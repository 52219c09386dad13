import { LRUCache } from 'lru-cache';
import type { FacetValueHit, PartialAnswer } from '../meili/search.ts';
import type { MeiliFilter } from './filters.ts';

/**
 * Term completions of a first word of one or two letters, kept for a while. Those facet searches
 * are the costliest /suggest makes, and their cost grows with the archive (Meilisearch counts
 * every `terms` value that starts with the letters: `c` took 16 ms of engine time at 40,000
 * documents, a 3-letter prefix under 1 ms); yet there are only some 700 of them, and a
 * search box asks for them on every first keystroke. Longer prefixes, and any prefix after
 * other words, are asked each time. An entry is fresh `ttlMs`: the indexer writes to
 * Meilisearch directly, so a new document's words reach these completions within that time
 * plus one request (past its age an entry is still answered, while one request behind it
 * asks Meilisearch again). `warm` asks them all once after start-up, so that no user waits
 * for a cold one.
 */
export interface CompletionCache {
  answer(filter: MeiliFilter, facetQuery: string, ask: () => Promise<TermHits>): Promise<TermHits>;
  warm(filter: MeiliFilter, ask: (facetQuery: string) => Promise<TermHits>, signal?: AbortSignal): Promise<number>;
}

export type TermHits = { facetHits: FacetValueHit[] } & PartialAnswer;

/** Letters of a word typed first whose completions are kept. */
export const CACHED_PREFIX_LETTERS = 2;

/** 2-letter prefixes of the Turkish and English alphabets, times a few language filters, fit. */
const MAX_ENTRIES = 4096;

/**
 * What `warm` asks: every letter and digit alone, then every two letters. Prefixes are folded
 * (`ş` is asked as `s`), so the ASCII letters cover Turkish ones too.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
export const WARM_PREFIXES: readonly string[] = [...`${LETTERS}0123456789`, ...[...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b))];

interface Asking {
  ask: () => Promise<TermHits>;
  /** The answer as Meilisearch gave it, kept or not. */
  found?: TermHits;
}

export function createCompletionCache(ttlMs: number): CompletionCache | undefined {
  if (ttlMs <= 0) return undefined;
  const lru = new LRUCache<string, FacetValueHit[], Asking>({
    max: MAX_ENTRIES,
    ttl: ttlMs,
    // Past its age an entry is answered while one fetch replaces it (lru-cache runs one per key).
    allowStale: true,
    // Meilisearch down meanwhile: the old completions rather than none.
    noDeleteOnFetchRejection: true,
    fetchMethod: async (_key, _stale, { context }) => {
      const found = await context.ask();
      context.found = found;
      // Not kept (undefined drops the entry): an answer missing a node's documents, and an empty
      // one (the index may be filling).
      return !found.partial && found.facetHits.length > 0 ? found.facetHits : undefined;
    },
  });
  // buildFilter writes the same languages the same way, so equal filters give equal keys.
  const key = (filter: MeiliFilter, facetQuery: string) => JSON.stringify([filter, facetQuery]);
  const answer = async (filter: MeiliFilter, facetQuery: string, ask: () => Promise<TermHits>): Promise<TermHits> => {
    const context: Asking = { ask };
    const kept = await lru.fetch(key(filter, facetQuery), { context });
    if (kept) return { facetHits: kept };
    // Not kept: the answer this call asked for, or (another call's fetch was under way) its own.
    return context.found ?? ask();
  };
  return {
    answer,
    async warm(filter, ask, signal) {
      let kept = 0;
      // One at a time, beside the searches: 1.6 s at 12,000 documents, ~2 s at 40,852.
      for (const prefix of WARM_PREFIXES) {
        if (signal?.aborted) break;
        if ((await answer(filter, prefix, () => ask(prefix))).facetHits.length > 0) kept++;
      }
      return kept;
    },
  };
}
