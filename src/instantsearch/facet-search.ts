import { FACET_KEY, facetKey, foldCase, rewriteQuery } from '../analysis/index.ts';
import type { FacetName, FacetValueCount, MeiliFacetSearchParams } from '../api/index.ts';
import type { FacetValueHit, SearchQuery, SearchResult } from '../meili/search.ts';
import { readCounts, readLabels } from '../search/facets.ts';
import type { ParsedFilter } from './filter-parser.ts';
import { queryLanguage, requiredQuery } from './request-adapter.ts';

// Meilisearch's facet search (what a searchable refinementList calls) through the gateway.
// Pure: the route runs the queries these functions build.
//
// Meilisearch compares facet values with its own normalisation, in which `istanbul` is not a
// prefix of `İstanbul` (İ lower-cases to i + U+0307). So source and category are searched on
// their facet keys (`istanbul`, folded like every key) and the keys are then shown under the
// spelling most documents use; lang, year and month have few values, which are counted with
// a search and matched here.

/** Meilisearch answers at most this many facet values. */
export const MAX_FACET_HITS = 100;

export interface AdaptedFacetSearch {
  facet: FacetName;
  facetQuery: string | null;
  /** Source and category: Meilisearch searches their keys. */
  keyed: boolean;
  /** The documents whose values count: the analysed q and the rebuilt filter. */
  base: Pick<SearchQuery, 'indexUid' | 'q' | 'filter' | 'matchingStrategy'>;
}

export function adaptFacetSearchRequest(p: MeiliFacetSearchParams<ParsedFilter>, indexUid: string): AdaptedFacetSearch {
  const rewrite = rewriteQuery(p.q ?? '', queryLanguage(p));
  const strategy = p.matchingStrategy ?? 'last';
  return {
    facet: p.facetName,
    facetQuery: p.facetQuery ?? null,
    keyed: p.facetName === 'source' || p.facetName === 'category',
    base: {
      indexUid,
      q: strategy === 'last' ? rewrite.q : requiredQuery(rewrite),
      ...(strategy !== 'last' ? { matchingStrategy: strategy } : {}),
      ...(p.filter.expression ? { filter: p.filter.expression } : {}),
    },
  };
}

/** Source/category: Meilisearch's facet search on the keys, for the folded query. */
export function keySearchParams(a: AdaptedFacetSearch) {
  const key = facetKey(a.facetQuery ?? '');
  return {
    facetName: `${a.facet}_key`,
    ...(key ? { facetQuery: key } : {}),
    q: a.base.q,
    ...(a.base.filter ? { filter: a.base.filter } : {}),
    ...(a.base.matchingStrategy ? { matchingStrategy: a.base.matchingStrategy } : {}),
  };
}

/** Source/category: the spellings of the keys found, to show each under its usual label. */
export function labelQuery(a: AdaptedFacetSearch, keys: string[]): SearchQuery {
  // Keys come from the index, where only facetKey output is stored; anything else is left out.
  const safe = keys.filter((k) => FACET_KEY.test(k));
  const byKey = `${a.facet}_key IN [${safe.map((k) => `"${k}"`).join(', ')}]`;
  return { ...a.base, filter: a.base.filter ? `(${a.base.filter}) AND ${byKey}` : byKey, facets: [`${a.facet}_key`, a.facet], limit: 0 };
}

/** Lang, year, month: every value and its count, matched here. */
export function countQuery(a: AdaptedFacetSearch): SearchQuery {
  return { ...a.base, facets: [a.facet], limit: 0 };
}

const byCount = (x: FacetValueHit, y: FacetValueHit) => y.count - x.count || x.value.localeCompare(y.value);

export function keyedFacetHits(a: AdaptedFacetSearch, keyHits: FacetValueHit[], labels: SearchResult<Record<string, unknown>> | undefined): FacetValueCount[] {
  const counts = { [a.facet]: Object.fromEntries(keyHits.map((h) => [h.value, h.count])) };
  const names = readLabels([a.facet], labels?.facetDistribution, counts)[a.facet] ?? {};
  return keyHits.map((h) => ({ value: names[h.value] ?? h.value, count: h.count })).sort(byCount).slice(0, MAX_FACET_HITS);
}

export function countedFacetHits(a: AdaptedFacetSearch, result: SearchResult<Record<string, unknown>>): FacetValueCount[] {
  const counts = readCounts([a.facet], result.facetDistribution)[a.facet] ?? {};
  const want = foldCase(a.facetQuery ?? '').trim();
  return Object.entries(counts)
    .filter(([value]) => foldCase(value).startsWith(want))
    .map(([value, count]) => ({ value, count }))
    .sort(byCount)
    .slice(0, MAX_FACET_HITS);
}
