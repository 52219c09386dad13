import type { Meilisearch, MultiSearchQuery, SearchForFacetValuesParams, SearchResponse } from 'meilisearch';
import { clientInfo, guarded, meiliCall } from './client.ts';
import { postJson } from './http.ts';

export type SearchQuery = MultiSearchQuery;
export type SearchResult<T> = SearchResponse<T>;

/** Several searches in one round trip (the main query and its disjunctive facet counts). */
export async function multiSearch<T extends Record<string, unknown>>(client: Meilisearch, queries: SearchQuery[]): Promise<SearchResult<T>[]> {
  const res = await guarded(client, (signal) => post<{ results: SearchResult<T>[] }>(client, '/multi-search', { queries }, signal, () => client.multiSearch<{ queries: SearchQuery[] }, T>({ queries }, { signal })));
  return res.results;
}

export interface FederatedResult<T> {
  hits: (T & { _federation?: { indexUid: string; queriesPosition: number; weightedRankingScore?: number } })[];
  processingTimeMs: number;
  limit: number;
  offset: number;
  estimatedTotalHits: number;
}

/** Meilisearch's federated multi-search: the hits of every query merged into one ranked list. */
export async function federatedSearch<T extends Record<string, unknown>>(
  client: Meilisearch,
  federation: { offset?: number; limit?: number },
  queries: SearchQuery[],
): Promise<FederatedResult<T>> {
  const body = { federation, queries };
  return guarded(client, (signal) =>
    post<FederatedResult<T>>(client, '/multi-search', body, signal, () => client.multiSearch(body as never, { signal })),
  );
}

/** The hot path's POST (node:http); a client not made by createClient goes through its own methods. */
function post<R>(client: Meilisearch, path: string, body: unknown, signal: AbortSignal | undefined, viaClient: () => Promise<unknown>): Promise<R> {
  const info = clientInfo(client);
  if (!info) return meiliCall(viaClient) as Promise<R>;
  return postJson<R>(info.target.url, info.target.key, path, body, signal ?? AbortSignal.timeout(info.timeoutMs));
}

export interface FacetValueHit {
  value: string;
  count: number;
}

/** Facet values that start with what was typed (Meilisearch folds case and diacritics). */
export async function searchFacetValues(client: Meilisearch, uid: string, params: SearchForFacetValuesParams): Promise<FacetValueHit[]> {
  const res = await guarded(client, (signal) =>
    post<{ facetHits: FacetValueHit[] }>(client, `/indexes/${encodeURIComponent(uid)}/facet-search`, params, signal, () => client.index(uid).searchForFacetValues(params, { signal })),
  );
  return res.facetHits;
}
