import type { IndexStats, Meilisearch } from 'meilisearch';
import type { FacetValueCount, MeiliFacetSearchParams, MeiliFederatedResponse, MeiliMultiSearchParams, MeiliSearchResponse } from '../api/index.ts';
import { meiliCall } from '../meili/client.ts';
import { federatedSearch, multiSearch, partialOf, searchFacetValues, type PartialAnswer, type SearchQuery } from '../meili/search.ts';
import { MAX_ANSWER_BYTES } from '../search/limits.ts';
import type { SearchContext } from '../search/service.ts';
import { answerBytes, rawAnswerLimit } from './cost.ts';
import { MeiliAnswerTooLargeError } from '../meili/errors.ts';
import { adaptFacetSearchRequest, countedFacetHits, countQuery, keyedFacetHits, keySearchParams, labelQuery } from './facet-search.ts';
import type { ParsedFilter } from './filter-parser.ts';
import { publicIndexInfo, publicIndexStats, publicSettings } from './public-info.ts';
import { adaptSearchRequest, type AdaptedSearch, type MeiliSearchParams } from './request-adapter.ts';
import { adaptFederatedResponse, adaptSearchResponse } from './response-adapter.ts';

// The Meilisearch-compatible surface's work: validated Meilisearch-style requests → the
// gateway's analysed queries → Meilisearch → answers shaped as Meilisearch's. Searches go
// through the gateway's query analysis, filter validation and highlighting, never straight to
// Meilisearch, and only the configured index is read (the routes check the uid first).

export interface MeiliSurfaceContext extends SearchContext {
  /** A client allowed to read index info, stats, settings and the version (defaults to `client`); on a cluster, a healthy node's. */
  readonly ops?: Meilisearch;
  /** Cluster mode: such a client for every node, for stats that add the nodes up (throws NodeDownError naming those down). */
  readonly allOps?: () => Meilisearch[];
}

/** A cluster's index stats as one index's: documents and field counts added up. */
function sumIndexStats(list: IndexStats[]): IndexStats {
  const fieldDistribution: Record<string, number> = {};
  for (const s of list) for (const [k, v] of Object.entries(s.fieldDistribution ?? {})) fieldDistribution[k] = (fieldDistribution[k] ?? 0) + v;
  const first = list[0]!;
  return { ...first, numberOfDocuments: list.reduce((n, s) => n + s.numberOfDocuments, 0), isIndexing: list.some((s) => s.isIndexing), fieldDistribution };
}

/** The answer to a search would be larger than MAX_ANSWER_BYTES (`bytes` when estimated). */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError';
  constructor(readonly bytes?: number) {
    super(`The answer would hold ${bytes === undefined ? 'more than' : `about ${bytes} bytes, more than`} ${MAX_ANSWER_BYTES}${bytes === undefined ? ' bytes' : ''}: ask for fewer hits or fewer attributesToRetrieve.`);
  }
}

const hitsOf = (s: AdaptedSearch) => (s.pagination.kind === 'page' ? s.pagination.hitsPerPage : s.pagination.limit);

/** Meilisearch's answer, read only up to `maxBytes` (see rawAnswerLimit): past it, refused unparsed. */
async function capped<T>(call: (maxBytes: number) => Promise<T>, maxBytes: number): Promise<T> {
  try {
    return await call(maxBytes);
  } catch (err) {
    if (err instanceof MeiliAnswerTooLargeError) throw new AnswerTooLargeError();
    throw err;
  }
}

const since = (started: number) => Math.round(performance.now() - started);
const ops = (ctx: MeiliSurfaceContext) => ctx.ops ?? ctx.client;

/** All searches of a request in one Meilisearch round trip, each answer shaped as Meilisearch's. */
async function run(ctx: SearchContext, searches: AdaptedSearch[]): Promise<MeiliSearchResponse[]> {
  const started = performance.now();
  const limit = rawAnswerLimit(searches.map((s) => ({ hits: hitsOf(s), attributesToRetrieve: s.query.attributesToRetrieve })));
  const results = await capped((max) => multiSearch<Record<string, unknown>>(ctx.client, searches.map((s) => s.query), max), limit);
  const ms = since(started);
  // Checked before formatting: a refused answer costs the gateway nothing more.
  const bytes = results.reduce((n, r, i) => n + answerBytes(r.hits, searches[i]!.format), 0);
  if (bytes > MAX_ANSWER_BYTES) throw new AnswerTooLargeError(bytes);
  return results.map((r, i) => ({ ...adaptSearchResponse(r, searches[i]!, ms), ...partialOf([r]) }));
}

/** A federated query: the federation paginates, each query weighs in. */
function federatedQuery(s: AdaptedSearch, weight: number | undefined): SearchQuery {
  const { offset: _o, limit: _l, page: _p, hitsPerPage: _h, facets: _f, ...rest } = s.query;
  return { ...rest, ...(weight !== undefined ? { federationOptions: { weight } } : {}) };
}

/** One search (index.search, searchGet). */
export async function search(ctx: MeiliSurfaceContext, params: MeiliSearchParams): Promise<MeiliSearchResponse> {
  const [result] = await run(ctx, [adaptSearchRequest(params, ctx.indexUid)]);
  return result!;
}

/** A multi-search: one answer per query, or with `federation` one merged list. */
export async function multiSearchAll(
  ctx: MeiliSurfaceContext,
  body: MeiliMultiSearchParams<ParsedFilter>,
): Promise<{ results: (MeiliSearchResponse & { indexUid: string })[] } | MeiliFederatedResponse> {
  const searches = body.queries.map((q) => adaptSearchRequest(q, ctx.indexUid));
  if (body.federation) {
    const started = performance.now();
    const queries = searches.map((s, i) => federatedQuery(s, body.queries[i]!.federationOptions?.weight));
    const federation = { offset: body.federation.offset ?? 0, limit: body.federation.limit ?? 20 };
    // The merged list holds federation.limit hits, each with the fields of the query that found it.
    const limit = rawAnswerLimit([{ hits: federation.limit, attributesToRetrieve: queries.flatMap((q) => q.attributesToRetrieve ?? []) }]);
    const result = await capped((max) => federatedSearch<Record<string, unknown>>(ctx.client, federation, queries, max), limit);
    return { ...adaptFederatedResponse(result, searches, since(started)), ...partialOf([result]) };
  }
  const results = await run(ctx, searches);
  return { results: results.map((r) => ({ indexUid: ctx.indexUid, ...r })) };
}

/**
 * Facet values starting with facetQuery, counted on the documents that match q and filter; on a
 * cluster, `partial`/`missingNodes` when a node's documents are missing from the counts.
 */
export async function facetSearch(ctx: MeiliSurfaceContext, body: MeiliFacetSearchParams<ParsedFilter>) {
  const started = performance.now();
  const a = adaptFacetSearchRequest(body, ctx.indexUid);
  let facetHits: FacetValueCount[];
  let partial: PartialAnswer;
  if (a.keyed) {
    const keyed = await searchFacetValues(ctx.client, ctx.indexUid, keySearchParams(a));
    const [labels] = keyed.facetHits.length ? await multiSearch<Record<string, unknown>>(ctx.client, [labelQuery(a, keyed.facetHits.map((h) => h.value))]) : [];
    facetHits = keyedFacetHits(a, keyed.facetHits, labels);
    partial = partialOf(labels ? [keyed, labels] : [keyed]);
  } else {
    const [counts] = await multiSearch<Record<string, unknown>>(ctx.client, [countQuery(a)]);
    facetHits = countedFacetHits(a, counts!);
    partial = partialOf([counts!]);
  }
  return { facetHits, facetQuery: a.facetQuery, processingTimeMs: since(started), ...partial };
}

/** Throws when Meilisearch does not answer. */
export async function health(ctx: MeiliSurfaceContext): Promise<{ status: 'available' }> {
  // A cluster's federating client has no /health of its own: a healthy node's answers.
  await meiliCall(() => (ctx.allOps ? ops(ctx) : ctx.client).health());
  return { status: 'available' };
}

export async function version(ctx: MeiliSurfaceContext) {
  const v = await meiliCall(() => ops(ctx).getVersion());
  return { pkgVersion: v.pkgVersion, commitSha: v.commitSha, commitDate: v.commitDate };
}

/** Stats, with the configured index alone under `indexes`. */
export async function stats(ctx: MeiliSurfaceContext) {
  if (!ctx.allOps) {
    const s = await meiliCall(() => ops(ctx).getStats());
    const index = s.indexes[ctx.indexUid];
    return {
      databaseSize: s.databaseSize,
      lastUpdate: s.lastUpdate ?? null,
      indexes: index ? { [ctx.indexUid]: publicIndexStats(index) } : {},
    };
  }
  // Cluster mode: every node's share, added up.
  const all = await Promise.all(ctx.allOps().map((c) => meiliCall(() => c.getStats())));
  const indexes = all.map((s) => s.indexes[ctx.indexUid]).filter((i): i is IndexStats => !!i);
  return {
    databaseSize: all.reduce((n, s) => n + s.databaseSize, 0),
    lastUpdate: all.map((s) => s.lastUpdate ?? '').sort().at(-1) || null,
    indexes: indexes.length ? { [ctx.indexUid]: publicIndexStats(sumIndexStats(indexes)) } : {},
  };
}

export async function indexInfo(ctx: MeiliSurfaceContext) {
  return publicIndexInfo(await meiliCall(() => ops(ctx).index(ctx.indexUid).getRawInfo()));
}

export async function indexStats(ctx: MeiliSurfaceContext) {
  if (!ctx.allOps) return publicIndexStats(await meiliCall(() => ops(ctx).index(ctx.indexUid).getStats()));
  const all = await Promise.all(ctx.allOps().map((c) => meiliCall(() => c.index(ctx.indexUid).getStats())));
  return publicIndexStats(sumIndexStats(all));
}

export async function settings(ctx: MeiliSurfaceContext) {
  return publicSettings(await meiliCall(() => ops(ctx).index(ctx.indexUid).getSettings()));
}
