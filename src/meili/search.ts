import type { Meilisearch, MultiSearchQuery, SearchForFacetValuesParams, SearchResponse } from 'meilisearch';
import { guarded, meiliCall } from './client.ts';

export type SearchQuery = MultiSearchQuery;
export type SearchResult<T> = SearchResponse<T>;

/** Several searches in one round trip (the main query and its disjunctive facet counts). */
export async function multiSearch<T extends Record<string, unknown>>(client: Meilisearch, queries: SearchQuery[]): Promise<SearchResult<T>[]> {
  const res = await guarded(client, (signal) => meiliCall(() => client.multiSearch<{ queries: SearchQuery[] }, T>({ queries }, { signal })));
  return res.results as SearchResult<T>[];
}

export interface FacetValueHit {
  value: string;
  count: number;
}

/** Facet values that start with what was typed (Meilisearch folds case and diacritics). */
export async function searchFacetValues(client: Meilisearch, uid: string, params: SearchForFacetValuesParams): Promise<FacetValueHit[]> {
  return guarded(client, (signal) => meiliCall(async () => (await client.index(uid).searchForFacetValues(params, { signal })).facetHits));
}
