import type { Meilisearch, MultiSearchQuery, SearchForFacetValuesParams, SearchResponse } from 'meilisearch';
import { clientInfo, guarded, meiliCall } from './client.ts';
import { postJson } from './http.ts';

export type SearchQuery = MultiSearchQuery;
export type SearchResult<T> = SearchResponse<T>;

/** What a cluster adds to an answer when some node's documents are missing from it. */
export interface PartialAnswer {
  partial?: true;
  missingNodes?: string[];
}

/** `partial`/`missingNodes` for an answer built from several results: the union of their missing nodes. */
export function partialOf(results: readonly PartialAnswer[]): PartialAnswer {
  const missing = [...new Set(results.flatMap((r) => r.missingNodes ?? []))].sort();
  return missing.length ? { partial: true, missingNodes: missing } : {};
}

/**
 * Several searches in one round trip (the main query and its disjunctive facet counts). The
 * one place single-node and cluster mode part: on a cluster, each query is Meilisearch's own
 * federated search across the healthy nodes (src/cluster/cluster.ts), answered in the same
 * shape, plus `partial`/`missingNodes` when a node's documents are missing.
 */
export async function multiSearch<T extends Record<string, unknown>>(client: Meilisearch, queries: SearchQuery[]): Promise<(SearchResult<T> & PartialAnswer)[]> {
  const cluster = clientInfo(client)?.cluster;
  if (cluster) return guarded(client, (_signal, deadline) => cluster.multiSearch(queries, deadline!) as Promise<(SearchResult<T> & PartialAnswer)[]>);
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
): Promise<FederatedResult<T> & PartialAnswer> {
  const cluster = clientInfo(client)?.cluster;
  if (cluster) return guarded(client, (_signal, deadline) => cluster.federatedSearch<FederatedResult<T>>(federation, queries, deadline!));
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
  const cluster = clientInfo(client)?.cluster;
  if (cluster) return (await guarded(client, (_signal, deadline) => cluster.facetSearch(uid, params as unknown as Record<string, unknown>, deadline!))).facetHits;
  const res = await guarded(client, (signal) =>
    post<{ facetHits: FacetValueHit[] }>(client, `/indexes/${encodeURIComponent(uid)}/facet-search`, params, signal, () => client.index(uid).searchForFacetValues(params, { signal })),
  );
  return res.facetHits;
}
