// Meilisearch's network federation for one gateway query, and its answer in the single-node
// shape. `networkRequest` builds the POST /multi-search body for any node of a configured
// network (`federation` + one query per node with `federationOptions.remote`); Meilisearch
// merges the nodes' hits by ranking score (sort values compared when the query sorts) and sums
// facet counts (`facetsByIndex` + `mergeFacets`). `adaptNetworkResponse` reads the answer back
// into what one node answers, `remoteErrors` as missing nodes. Which nodes go in, and what to do
// about a hung one, is src/cluster/cluster.ts's job.
import type { MultiSearchQuery } from 'meilisearch';
import indexConfig from '../../config/index-settings.json' with { type: 'json' };
import type { ClusterNode } from './topology.ts';

type Hit = Record<string, unknown> & {
  _rankingScore?: number;
  _rankingScoreDetails?: Record<string, Record<string, unknown>>;
  _federation?: unknown;
};
type Distribution = Record<string, Record<string, number>>;
type Stats = Record<string, { min: number; max: number }>;

/** One node's answer to one query, as Meilisearch's multi-search gives it. */
export interface NodeResult {
  indexUid?: string;
  hits: Hit[];
  query?: string;
  processingTimeMs?: number;
  limit?: number;
  offset?: number;
  estimatedTotalHits?: number;
  hitsPerPage?: number;
  page?: number;
  totalHits?: number;
  totalPages?: number;
  facetDistribution?: Distribution;
  facetStats?: Stats;
}

/** The single-node shape, plus which nodes did not answer. */
export type MergedResult = NodeResult & { partial?: true; missingNodes?: string[] };

const MAX_FACET_VALUES: number = indexConfig.settings.faceting.maxValuesPerFacet;
const MAX_TOTAL_HITS: number = indexConfig.settings.pagination.maxTotalHits;

const isFinite = (q: MultiSearchQuery) => q.page !== undefined || q.hitsPerPage !== undefined;

/** The window a query asks for, in hits from the first. */
function window(q: MultiSearchQuery): { from: number; size: number } {
  if (isFinite(q)) {
    const size = q.hitsPerPage ?? 20;
    return { from: ((q.page ?? 1) - 1) * size, size };
  }
  return { from: q.offset ?? 0, size: q.limit ?? 20 };
}

function stripScores(hit: Hit, q: MultiSearchQuery): Hit {
  if (q.showRankingScore && q.showRankingScoreDetails) return hit;
  const out = { ...hit };
  if (!q.showRankingScore) delete out._rankingScore;
  if (!q.showRankingScoreDetails) delete out._rankingScoreDetails;
  return out;
}

/**
 * Meilisearch's own federation for one query across the nodes: the body for POST /multi-search
 * on any node of a configured network. Pagination and facets move to `federation`, as it wants.
 */
export function networkRequest(q: MultiSearchQuery, nodes: readonly ClusterNode[]): { federation: Record<string, unknown>; queries: Record<string, unknown>[] } {
  const { from, size } = window(q);
  const perQuery: Record<string, unknown> = { ...q };
  for (const k of ['page', 'hitsPerPage', 'offset', 'limit', 'facets']) delete perQuery[k];
  const federation: Record<string, unknown> = { offset: from, limit: size };
  if (q.facets?.length) {
    federation.facetsByIndex = { [q.indexUid]: q.facets };
    federation.mergeFacets = { maxValuesPerFacet: MAX_FACET_VALUES };
  }
  return { federation, queries: nodes.map((n) => ({ ...perQuery, federationOptions: { remote: n.name } })) };
}

/** A federated answer of Meilisearch's network, in the single-node shape, `remoteErrors` as missing nodes. */
export function adaptNetworkResponse(
  q: MultiSearchQuery,
  res: NodeResult & { remoteErrors?: Record<string, unknown>; facetsByIndex?: unknown },
): MergedResult {
  const { from, size } = window(q);
  const hits = res.hits.map((h) => {
    const { _federation: _drop, ...rest } = h;
    return stripScores(rest, q);
  });
  const out: MergedResult = { indexUid: q.indexUid, hits, query: q.q ?? '', processingTimeMs: res.processingTimeMs ?? 0 };
  // Federation in 1.21 takes only offset/limit and counts `estimatedTotalHits`: finite pagination
  // (page/hitsPerPage) is given it as the total.
  // A node counts at most maxTotalHits; the federation adds the nodes' counts up (15,503 for
  // "haber haberler" on the corpus where one node says 10,000): capped, as one node would.
  const total = Math.min(res.totalHits ?? res.estimatedTotalHits ?? 0, MAX_TOTAL_HITS);
  if (isFinite(q)) Object.assign(out, { hitsPerPage: size, page: q.page ?? 1, totalHits: total, totalPages: size > 0 ? Math.ceil(total / size) : 0 });
  else Object.assign(out, { limit: size, offset: from, estimatedTotalHits: total });
  if (res.facetDistribution) out.facetDistribution = res.facetDistribution;
  if (res.facetStats && Object.keys(res.facetStats).length) out.facetStats = res.facetStats;
  const missing = Object.keys(res.remoteErrors ?? {});
  if (missing.length) Object.assign(out, { partial: true, missingNodes: missing });
  return out;
}
