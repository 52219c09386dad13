import { answerBytes, rawAnswerLimit } from '../../instantsearch/cost.ts';
import { MeiliAnswerTooLargeError } from '../../meili/errors.ts';
import { MAX_ANSWER_BYTES } from '../../search/limits.ts';
import type { Meilisearch } from 'meilisearch';
import { z } from 'zod';
import {
  adaptFacetSearchRequest,
  countedFacetHits,
  countQuery,
  keyedFacetHits,
  keySearchParams,
  labelQuery,
} from '../../instantsearch/facet-search.ts';
import { publicIndexInfo, publicIndexStats, publicSettings } from '../../instantsearch/public-info.ts';
import { adaptSearchRequest, type AdaptedSearch } from '../../instantsearch/request-adapter.ts';
import { adaptFederatedResponse, adaptSearchResponse, type MeiliCompatResponse } from '../../instantsearch/response-adapter.ts';
import { meiliCall } from '../../meili/client.ts';
import { federatedSearch, multiSearch, searchFacetValues, type SearchQuery } from '../../meili/search.ts';
import type { SearchContext } from '../../search/service.ts';
import { HttpError } from '../errors.ts';
import { MEILI_PREFIX } from '../meili-errors.ts';
import { defineRoute, type ResponseSpec, type RouteDef } from '../route.ts';
import {
  meiliErrorBody,
  meiliFacetSearchBody,
  meiliFacetSearchResponse,
  meiliFederatedResponse,
  meiliHealthResponse,
  meiliIndexParams,
  meiliIndexResponse,
  meiliIndexStatsResponse,
  meiliMultiSearchBody,
  meiliMultiSearchResponse,
  meiliSearchBody,
  meiliSearchQuery,
  meiliSearchResponse,
  meiliSettingsResponse,
  meiliStatsResponse,
  meiliVersionResponse,
} from '../schemas/instantsearch.ts';

// A read-only, Meilisearch-compatible surface for InstantSearch (@meilisearch/instant-meilisearch)
// and the official meilisearch client: host `<gateway>/meili`. It answers the calls those
// clients make to read — search (POST and GET), multi-search (federated too), facet search,
// health, version, index info, stats and settings — on the configured index only; everything
// else (documents, writes, keys, tasks, other indexes) answers 404. Searches go through the
// gateway's query analysis, filter validation and highlighting, never straight to Meilisearch,
// and Meilisearch's keys are never involved in what the client sends or receives.

export interface MeiliSurfaceContext extends SearchContext {
  /** A client allowed to read index info, stats, settings and the version (defaults to `client`). */
  readonly ops?: Meilisearch;
}

const err = (description: string): ResponseSpec => ({ description, schema: meiliErrorBody });
const errors = {
  400: err('Invalid parameter, named in error.param (Meilisearch fields message, code, type, link as well).'),
  404: err('Not the configured index (index_not_found), or no such route.'),
  503: err('Meilisearch is unreachable or too slow; Retry-After is set.'),
};
const readErrors = { 400: err('Not a valid index uid (invalid_index_uid).'), 404: errors[404], 503: errors[503] };

function requireIndex(ctx: SearchContext, uid: string, param: string): void {
  if (uid !== ctx.indexUid) throw new HttpError(404, 'index_not_found', `Index \`${uid}\` not found.`, param);
}

const since = (started: number) => Math.round(performance.now() - started);

const tooLarge = (estimate?: number) =>
  new HttpError(
    400,
    'answer_too_large',
    `The answer would hold ${estimate === undefined ? 'more than' : `about ${estimate} bytes, more than`} ${MAX_ANSWER_BYTES}${estimate === undefined ? ' bytes' : ''}: ask for fewer hits or fewer attributesToRetrieve.`,
    'attributesToRetrieve',
  );

const hitsOf = (s: AdaptedSearch) => (s.pagination.kind === 'page' ? s.pagination.hitsPerPage : s.pagination.limit);

/** Meilisearch's answer, read only up to `maxBytes` (see rawAnswerLimit): past it, a 400. */
async function capped<T>(call: (maxBytes: number) => Promise<T>, maxBytes: number): Promise<T> {
  try {
    return await call(maxBytes);
  } catch (err) {
    if (err instanceof MeiliAnswerTooLargeError) throw tooLarge();
    throw err;
  }
}

/** All searches of a request in one Meilisearch round trip, each answer shaped as Meilisearch's. */
async function run(ctx: SearchContext, searches: AdaptedSearch[]): Promise<MeiliCompatResponse[]> {
  const started = performance.now();
  const limit = rawAnswerLimit(searches.map((s) => ({ hits: hitsOf(s), attributesToRetrieve: s.query.attributesToRetrieve })));
  const results = await capped((max) => multiSearch<Record<string, unknown>>(ctx.client, searches.map((s) => s.query), max), limit);
  const ms = since(started);
  // Checked before formatting: a refused answer costs the gateway nothing more.
  const bytes = results.reduce((n, r, i) => n + answerBytes(r.hits, searches[i]!.format), 0);
  if (bytes > MAX_ANSWER_BYTES) throw tooLarge(bytes);
  return results.map((r, i) => adaptSearchResponse(r, searches[i]!, ms));
}

/** A federated query: the federation paginates, each query weighs in. */
function federatedQuery(s: AdaptedSearch, weight: number | undefined): SearchQuery {
  const { offset: _o, limit: _l, page: _p, hitsPerPage: _h, facets: _f, ...rest } = s.query;
  return { ...rest, ...(weight !== undefined ? { federationOptions: { weight } } : {}) };
}

const ops = (ctx: MeiliSurfaceContext) => ctx.ops ?? ctx.client;

export const instantSearchRoutes = (ctx: MeiliSurfaceContext): RouteDef[] => [
  defineRoute(
    {
      method: 'post',
      path: `${MEILI_PREFIX}/multi-search`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible multi-search (what instant-meilisearch calls), federated or not, on the configured index only',
      description:
        'Takes the search parameters of Meilisearch 1.21 that instant-meilisearch sends. Queries are analysed like GET /search; filters are read, validated and rebuilt; `_formatted` is computed by the gateway on the original text (escaped HTML for <em>/<mark>, plain text for InstantSearch’s __ais-highlight__ placeholders, which InstantSearch escapes). With `federation`, the hits of every query come back merged in one list, as in Meilisearch.',
      body: meiliMultiSearchBody,
      responses: {
        200: {
          description: 'One Meilisearch-shaped result per query; with `federation`, one merged result (see MeiliFederatedResponse).',
          schema: z.union([meiliMultiSearchResponse, meiliFederatedResponse]),
        },
        ...errors,
      },
    },
    async ({ body }) => {
      const searches = body.queries.map((q, i) => {
        requireIndex(ctx, q.indexUid, `body.queries.${i}.indexUid`);
        return adaptSearchRequest(q, ctx.indexUid);
      });
      if (body.federation) {
        const started = performance.now();
        const queries = searches.map((s, i) => federatedQuery(s, body.queries[i]!.federationOptions?.weight));
        const federation = { offset: body.federation.offset ?? 0, limit: body.federation.limit ?? 20 };
        // The merged list holds federation.limit hits, each with the fields of the query that found it.
        const limit = rawAnswerLimit([{ hits: federation.limit, attributesToRetrieve: queries.flatMap((q) => q.attributesToRetrieve ?? []) }]);
        const result = await capped((max) => federatedSearch<Record<string, unknown>>(ctx.client, federation, queries, max), limit);
        return adaptFederatedResponse(result, searches, since(started));
      }
      const results = await run(ctx, searches);
      return { results: results.map((r) => ({ indexUid: ctx.indexUid, ...r })) };
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: `${MEILI_PREFIX}/indexes/:uid/search`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible search on the configured index (index.search of the meilisearch client)',
      params: meiliIndexParams,
      body: meiliSearchBody,
      responses: { 200: { description: 'A Meilisearch-shaped search result.', schema: meiliSearchResponse }, ...errors },
    },
    async ({ params, body }) => {
      requireIndex(ctx, params.uid, 'uid');
      const [result] = await run(ctx, [adaptSearchRequest(body, ctx.indexUid)]);
      return result;
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/indexes/:uid/search`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible search in the query string (index.searchGet of the meilisearch client)',
      description: 'The parameters of the POST, as query parameters: lists comma-separated (`facets=lang,year`), numbers and booleans as text, `filter` as a string.',
      params: meiliIndexParams,
      query: meiliSearchQuery,
      responses: { 200: { description: 'A Meilisearch-shaped search result.', schema: meiliSearchResponse }, ...errors },
    },
    async ({ params, query }) => {
      requireIndex(ctx, params.uid, 'uid');
      const [result] = await run(ctx, [adaptSearchRequest(query, ctx.indexUid)]);
      return result;
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: `${MEILI_PREFIX}/indexes/:uid/facet-search`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible facet search (searchable refinement lists; searchForFacetValues of the meilisearch client)',
      description:
        'Values of lang, year, month, source or category that start with facetQuery, counted on the documents that match q and filter. Case, dotted/dotless i and diacritics do not matter: `istanbul` finds `İstanbul`; source and category values come back under the spelling most documents use.',
      params: meiliIndexParams,
      body: meiliFacetSearchBody,
      responses: { 200: { description: 'Facet values and their counts, most frequent first.', schema: meiliFacetSearchResponse }, ...errors },
    },
    async ({ params, body }) => {
      requireIndex(ctx, params.uid, 'uid');
      const started = performance.now();
      const a = adaptFacetSearchRequest(body, ctx.indexUid);
      let facetHits;
      if (a.keyed) {
        const keyHits = await searchFacetValues(ctx.client, ctx.indexUid, keySearchParams(a));
        const [labels] = keyHits.length ? await multiSearch<Record<string, unknown>>(ctx.client, [labelQuery(a, keyHits.map((h) => h.value))]) : [];
        facetHits = keyedFacetHits(a, keyHits, labels);
      } else {
        const [counts] = await multiSearch<Record<string, unknown>>(ctx.client, [countQuery(a)]);
        facetHits = countedFacetHits(a, counts!);
      }
      return { facetHits, facetQuery: a.facetQuery, processingTimeMs: since(started) };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/health`,
      tag: 'instantsearch',
      access: 'open',
      summary: 'Meilisearch-compatible health (health and isHealthy of the meilisearch client); no key needed, as in Meilisearch',
      responses: { 200: { description: 'Meilisearch answers.', schema: meiliHealthResponse }, 503: errors[503] },
    },
    async () => {
      await meiliCall(() => ctx.client.health());
      return { status: 'available' as const };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/version`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'The version of the Meilisearch behind the gateway (getVersion of the meilisearch client)',
      responses: { 200: { description: 'Meilisearch’s own answer.', schema: meiliVersionResponse }, 503: errors[503] },
    },
    async () => {
      const v = await meiliCall(() => ops(ctx).getVersion());
      return { pkgVersion: v.pkgVersion, commitSha: v.commitSha, commitDate: v.commitDate };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/stats`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible stats, of the configured index only (getStats of the meilisearch client)',
      responses: { 200: { description: 'Stats, with the configured index alone under indexes.', schema: meiliStatsResponse }, 503: errors[503] },
    },
    async () => {
      const s = await meiliCall(() => ops(ctx).getStats());
      const index = s.indexes[ctx.indexUid];
      return {
        databaseSize: s.databaseSize,
        lastUpdate: s.lastUpdate ?? null,
        indexes: index ? { [ctx.indexUid]: publicIndexStats(index) } : {},
      };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/indexes/:uid`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible index info (index(uid).getRawInfo / fetchInfo / getIndex of the meilisearch client)',
      params: meiliIndexParams,
      responses: { 200: { description: 'The index: uid, primaryKey (id), createdAt, updatedAt.', schema: meiliIndexResponse }, ...readErrors },
    },
    async ({ params }) => {
      requireIndex(ctx, params.uid, 'uid');
      const info = await meiliCall(() => ops(ctx).index(ctx.indexUid).getRawInfo());
      return publicIndexInfo(info);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/indexes/:uid/stats`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible index stats (index(uid).getStats of the meilisearch client), public fields only',
      params: meiliIndexParams,
      responses: { 200: { description: 'Document count, indexing state, public field distribution.', schema: meiliIndexStatsResponse }, ...readErrors },
    },
    async ({ params }) => {
      requireIndex(ctx, params.uid, 'uid');
      return publicIndexStats(await meiliCall(() => ops(ctx).index(ctx.indexUid).getStats()));
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: `${MEILI_PREFIX}/indexes/:uid/settings`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'The settings a client can use (index(uid).getSettings of the meilisearch client), a public subset',
      params: meiliIndexParams,
      responses: { 200: { description: 'Displayed, searchable, filterable and sortable attributes, ranking rules, faceting and pagination, in public names.', schema: meiliSettingsResponse }, ...readErrors },
    },
    async ({ params }) => {
      requireIndex(ctx, params.uid, 'uid');
      return publicSettings(await meiliCall(() => ops(ctx).index(ctx.indexUid).getSettings()));
    },
  ),
];
