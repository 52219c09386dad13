// Search across the nodes of a cluster, answering in the single-node shape.
//
// Two ways to ask, both built here:
// - Fan-out (what `federatedMultiSearch` does): the gateway sends the batch of searches it
//   already builds to every node itself, in parallel, each call with the gateway's own
//   deadline, and merges: hits by Meilisearch's ranking score (by the ranking rules' details
//   when a sort is asked, since sort is not part of `_rankingScore`), facet counts summed,
//   totals summed. A node that is down or hung is left out when its call fails or its deadline
//   passes, and the answer says `partial: true` with the missing node names.
// - Meilisearch's network federation (`networkRequest` / `adaptNetworkResponse`): one
//   POST /multi-search on one node with `federation` and `federationOptions.remote` per
//   node. It reports a down remote at once in `remoteErrors`, but a hung remote holds the whole
//   answer until Meilisearch's own remote timeout (~5 s, measured): aborting at the gateway's
//   deadline then loses every node's hits, not just the hung one's. The issue asks for answers
//   from the others within the gateway's deadline, so fan-out is the search path; the network
//   request is kept for clients that want Meilisearch's own merge, and for comparison.
import type { MultiSearchQuery } from 'meilisearch';
import indexConfig from '../../config/index-settings.json' with { type: 'json' };
import { log } from '../log.ts';
import { MeiliRejectedError, MeiliUnavailableError } from '../meili/errors.ts';
import { postJson } from '../meili/http.ts';
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

export interface FederatedAnswer {
  results: MergedResult[];
  /** Set when some node did not answer in time; `results` then hold the others' hits. */
  partial: boolean;
  missingNodes: string[];
}

/** Each node's answers to the whole batch, or why there are none. */
export type NodeAnswer = { node: string; results: NodeResult[] } | { node: string; error: string };

const MAX_FACET_VALUES: number = indexConfig.settings.faceting.maxValuesPerFacet;

const isFinite = (q: MultiSearchQuery) => q.page !== undefined || q.hitsPerPage !== undefined;

/** The window a query asks for, in hits from the first. */
function window(q: MultiSearchQuery): { from: number; size: number } {
  if (isFinite(q)) {
    const size = q.hitsPerPage ?? 20;
    return { from: ((q.page ?? 1) - 1) * size, size };
  }
  return { from: q.offset ?? 0, size: q.limit ?? 20 };
}

/**
 * What each node is asked for one query: every hit up to the end of the asked window (a node
 * cannot know how many of its hits land before the window), with the scores the merge reads.
 * Finite pagination stays finite so each node counts its hits exhaustively (`totalHits`).
 */
export function nodeQuery(q: MultiSearchQuery): MultiSearchQuery {
  const { from, size } = window(q);
  const out: MultiSearchQuery = { ...q, showRankingScore: true };
  delete out.page;
  delete out.hitsPerPage;
  delete out.offset;
  delete out.limit;
  if (q.sort?.length) out.showRankingScoreDetails = true;
  if (isFinite(q)) Object.assign(out, { page: 1, hitsPerPage: from + size });
  else Object.assign(out, { offset: 0, limit: from + size });
  return out;
}

/** Compares two values of a sort rule; documents without the field go last, as Meilisearch puts them. */
function compareSortValues(a: unknown, b: unknown, desc: boolean): number {
  const missingA = a === undefined || a === null;
  const missingB = b === undefined || b === null;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return desc ? -c : c;
}

/**
 * Order of two hits from different nodes, best first. With details (asked when the query
 * sorts), rule by rule in ranking-rule order, as Meilisearch's bucket sort ranks within one
 * index: a rule's score, or for a sort rule (`date_ts:desc`) its value. Without, by
 * `_rankingScore`. Returns 0 for hits one index would rank as equals.
 */
export function compareHits(a: Hit, b: Hit): number {
  const da = a._rankingScoreDetails;
  const db = b._rankingScoreDetails;
  if (da && db) {
    const rules = Object.entries(da).sort(([, x], [, y]) => Number(x.order) - Number(y.order));
    for (const [rule, detail] of rules) {
      const other = db[rule];
      if (!other) continue;
      let c: number;
      if ('value' in detail || 'value' in other) c = compareSortValues(detail.value, other.value, rule.endsWith(':desc'));
      else c = Number(other.score ?? 0) - Number(detail.score ?? 0);
      if (c !== 0) return c;
    }
    return 0;
  }
  return (b._rankingScore ?? 0) - (a._rankingScore ?? 0);
}

function sumDistributions(parts: (Distribution | undefined)[]): Distribution | undefined {
  if (parts.every((p) => p === undefined)) return undefined;
  const out: Distribution = {};
  for (const part of parts) {
    for (const [facet, values] of Object.entries(part ?? {})) {
      const into = (out[facet] ??= {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] ?? 0) + count;
    }
  }
  // One node answers at most maxValuesPerFacet values, most frequent first: so does the merge.
  for (const facet of Object.keys(out)) {
    const sorted = Object.entries(out[facet]!).sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
    out[facet] = Object.fromEntries(sorted.slice(0, MAX_FACET_VALUES));
  }
  return out;
}

function mergeStats(parts: (Stats | undefined)[]): Stats | undefined {
  if (parts.every((p) => p === undefined)) return undefined;
  const out: Stats = {};
  for (const part of parts) {
    for (const [facet, s] of Object.entries(part ?? {})) {
      const have = out[facet];
      out[facet] = have ? { min: Math.min(have.min, s.min), max: Math.max(have.max, s.max) } : { ...s };
    }
  }
  return out;
}

function stripScores(hit: Hit, q: MultiSearchQuery): Hit {
  if (q.showRankingScore && q.showRankingScoreDetails) return hit;
  const out = { ...hit };
  if (!q.showRankingScore) delete out._rankingScore;
  if (!q.showRankingScoreDetails) delete out._rankingScoreDetails;
  return out;
}

/**
 * One query's answers from several nodes (in node order) as one node would give them: the
 * asked window of the merged hits, counts summed. Ties keep node order, then each node's own.
 */
export function mergeQuery(q: MultiSearchQuery, parts: NodeResult[]): NodeResult {
  const { from, size } = window(q);
  const all = parts.flatMap((p) => p.hits);
  // Array.prototype.sort is stable: equal hits stay in node order, then in each node's order.
  all.sort(compareHits);
  const hits = all.slice(from, from + size).map((h) => stripScores(h, q));
  const out: NodeResult = {
    indexUid: q.indexUid,
    hits,
    query: q.q ?? '',
    processingTimeMs: Math.max(0, ...parts.map((p) => p.processingTimeMs ?? 0)),
  };
  const facetDistribution = sumDistributions(parts.map((p) => p.facetDistribution));
  const facetStats = mergeStats(parts.map((p) => p.facetStats));
  if (isFinite(q)) {
    const totalHits = parts.reduce((s, p) => s + (p.totalHits ?? 0), 0);
    Object.assign(out, { hitsPerPage: size, page: q.page ?? 1, totalHits, totalPages: size > 0 ? Math.ceil(totalHits / size) : 0 });
  } else {
    Object.assign(out, { limit: size, offset: from, estimatedTotalHits: parts.reduce((s, p) => s + (p.estimatedTotalHits ?? 0), 0) });
  }
  if (facetDistribution) out.facetDistribution = facetDistribution;
  if (facetStats) out.facetStats = facetStats;
  return out;
}

/** Every query of the batch merged over the nodes that answered; names the ones that did not. */
export function mergeAnswers(queries: readonly MultiSearchQuery[], answers: readonly NodeAnswer[]): FederatedAnswer {
  const ok = answers.filter((a): a is Extract<NodeAnswer, { results: NodeResult[] }> => 'results' in a);
  const missingNodes = answers.filter((a) => 'error' in a).map((a) => a.node);
  if (ok.length === 0) {
    throw new MeiliUnavailableError(`no node answered (${answers.map((a) => ('error' in a ? `${a.node}: ${a.error}` : a.node)).join('; ')})`);
  }
  const partial = missingNodes.length > 0;
  const results = queries.map((q, i) => {
    const merged: MergedResult = mergeQuery(q, ok.map((a) => a.results[i]!));
    if (partial) Object.assign(merged, { partial: true, missingNodes });
    return merged;
  });
  return { results, partial, missingNodes };
}

export interface FederatedOptions {
  /** The gateway's deadline for the whole answer, in ms; a node past it is left out. */
  deadlineMs: number;
  /** Called for each node left out (log it; the answer only names the node). */
  onMissing?: (node: string, reason: string) => void;
}

/**
 * The gateway's batch of searches (what `multiSearch` sends to one node) across every node:
 * in parallel, each call aborted at the deadline, merged into the single-node shape. Fails
 * only when no node answers; a query Meilisearch rejects (400) is rethrown as on one node.
 */
export async function federatedMultiSearch(
  nodes: readonly ClusterNode[],
  queries: readonly MultiSearchQuery[],
  opts: FederatedOptions,
): Promise<FederatedAnswer> {
  const body = { queries: queries.map(nodeQuery) };
  const signal = AbortSignal.timeout(opts.deadlineMs);
  const answers = await Promise.all(
    nodes.map(async (n): Promise<NodeAnswer> => {
      try {
        const res = await postJson<{ results: NodeResult[] }>(n.url, n.key, '/multi-search', body, signal);
        return { node: n.name, results: res.results };
      } catch (err) {
        // A 400 is the query's fault and every node would say the same; anything else (a
        // refused key, a missing index, a timeout) is this node's problem: leave it out.
        if (err instanceof MeiliRejectedError && err.status === 400) throw err;
        const reason = (err as Error).message;
        opts.onMissing?.(n.name, reason);
        log.warn({ node: n.name, reason }, 'node left out of a federated answer');
        return { node: n.name, error: reason };
      }
    }),
  );
  return mergeAnswers(queries, answers);
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
  // Federation counts estimate; finite pagination is given the estimate as the total.
  const total = res.totalHits ?? res.estimatedTotalHits ?? 0;
  if (isFinite(q)) Object.assign(out, { hitsPerPage: size, page: q.page ?? 1, totalHits: total, totalPages: size > 0 ? Math.ceil(total / size) : 0 });
  else Object.assign(out, { limit: size, offset: from, estimatedTotalHits: total });
  if (res.facetDistribution) out.facetDistribution = res.facetDistribution;
  if (res.facetStats && Object.keys(res.facetStats).length) out.facetStats = res.facetStats;
  const missing = Object.keys(res.remoteErrors ?? {});
  if (missing.length) Object.assign(out, { partial: true, missingNodes: missing });
  return out;
}
