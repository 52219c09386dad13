import type { Meilisearch, MultiSearchQuery, SearchForFacetValuesParams, SearchResponse } from 'meilisearch';
import { clientInfo, guarded, meiliCall } from './client.ts';
import { MeiliAnswerTooLargeError } from './errors.ts';
import { postJson } from './http.ts';
import type { PartialAnswer } from '../api/index.ts';

export type SearchQuery = MultiSearchQuery;
export type SearchResult<T> = SearchResponse<T>;

export type { PartialAnswer };

/** `partial`/`missingNodes` for an answer built from several results: the union of their missing nodes. */
export function partialOf(results: readonly PartialAnswer[]): PartialAnswer {
  const missing = [...new Set(results.flatMap((r) => r.missingNodes ?? []))].sort();
  return missing.length ? { partial: true, missingNodes: missing } : {};
}

/**
 * Several searches in one round trip (the main query and its disjunctive facet counts). The
 * one place single-node and cluster mode part: on a cluster, each query is Meilisearch's own
 * federated search across the healthy nodes (src/cluster/cluster.ts), answered in the same
 * shape, plus `partial`/`missingNodes` when a node's documents are missing. `maxBytes`: the
 * largest answer the caller will read (MeiliAnswerTooLargeError past it; on a cluster, per query).
 */
export async function multiSearch<T extends Record<string, unknown>>(client: Meilisearch, queries: SearchQuery[], maxBytes?: number): Promise<(SearchResult<T> & PartialAnswer)[]> {
  const cluster = clientInfo(client)?.cluster;
  if (cluster) return guarded(client, (_signal, deadline) => cluster.multiSearch(queries, deadline!, maxBytes) as Promise<(SearchResult<T> & PartialAnswer)[]>);
  const res = await guarded(client, (signal) => post<{ results: SearchResult<T>[] }>(client, '/multi-search', { queries }, signal, () => client.multiSearch<{ queries: SearchQuery[] }, T>({ queries }, { signal }), maxBytes));
  return res.results;
}

/**
 * Some fields of the documents with these primary keys, or undefined when the answer would
 * be larger than `maxBytes` (nothing of it is parsed then).
 */
export async function fetchFields<T extends Record<string, unknown>>(client: Meilisearch, uid: string, pks: string[], fields: string[], maxBytes: number): Promise<T[] | undefined> {
  const body = { ids: pks, fields, limit: pks.length };
  try {
    const res = await guarded(client, (signal) =>
      post<{ results: T[] }>(client, `/indexes/${encodeURIComponent(uid)}/documents/fetch`, body, signal, () => client.index(uid).getDocuments<T>(body as never), maxBytes),
    );
    return res.results;
  } catch (err) {
    if (err instanceof MeiliAnswerTooLargeError) return undefined;
    throw err;
  }
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
  maxBytes?: number,
): Promise<FederatedResult<T> & PartialAnswer> {
  const cluster = clientInfo(client)?.cluster;
  if (cluster) return guarded(client, (_signal, deadline) => cluster.federatedSearch<FederatedResult<T>>(federation, queries, deadline!, maxBytes));
  const body = { federation, queries };
  return guarded(client, (signal) =>
    post<FederatedResult<T>>(client, '/multi-search', body, signal, () => client.multiSearch(body as never, { signal }), maxBytes),
  );
}

/** The hot path's POST (node:http); a client not made by createClient goes through its own methods (no byte cap). */
function post<R>(client: Meilisearch, path: string, body: unknown, signal: AbortSignal | undefined, viaClient: () => Promise<unknown>, maxBytes?: number): Promise<R> {
  const info = clientInfo(client);
  if (!info) return meiliCall(viaClient) as Promise<R>;
  return postJson<R>(info.target.url, info.target.key, path, body, signal ?? AbortSignal.timeout(info.timeoutMs), maxBytes);
}

export interface FacetValueHit {
  value: string;
  count: number;
}

/**
 * Facet values that start with what was typed (Meilisearch folds case and diacritics). On a
 * cluster, a fan-out (Meilisearch 1.21 does not federate facet search): counts summed over the
 * nodes that answered, `partial`/`missingNodes` naming those left out, as searches do.
 */
export async function searchFacetValues(client: Meilisearch, uid: string, params: SearchForFacetValuesParams): Promise<{ facetHits: FacetValueHit[] } & PartialAnswer> {
  const cluster = clientInfo(client)?.cluster;
  if (cluster) {
    const { facetHits, missingNodes } = await guarded(client, (_signal, deadline) => cluster.facetSearch(uid, params as unknown as Record<string, unknown>, deadline!));
    return { facetHits, ...partialOf([{ missingNodes }]) };
  }
  const res = await guarded(client, (signal) =>
    post<{ facetHits: FacetValueHit[] }>(client, `/indexes/${encodeURIComponent(uid)}/facet-search`, params, signal, () => client.index(uid).searchForFacetValues(params, { signal })),
  );
  return { facetHits: res.facetHits };
}
