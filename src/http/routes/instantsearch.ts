import { z } from 'zod';
import {
  MEILI_PREFIX,
  meiliErrorBody,
  meiliFacetSearchResponse,
  meiliFederatedResponse,
  meiliHealthResponse,
  meiliIndexResponse,
  meiliIndexStatsResponse,
  meiliMultiSearchResponse,
  meiliSearchResponse,
  meiliSettingsResponse,
  meiliStatsResponse,
  meiliVersionResponse,
} from '../../api/index.ts';
import * as surface from '../../instantsearch/service.ts';
import type { MeiliSurfaceContext } from '../../instantsearch/service.ts';
import type { SearchContext } from '../../search/service.ts';
import { HttpError } from '../errors.ts';
import { requests } from '../requests.ts';
import { defineRoute, type ResponseSpec, type RouteDef } from '../route.ts';

const { meiliFacetSearchBody, meiliIndexParams, meiliMultiSearchBody, meiliSearchBody, meiliSearchQuery } = requests;

// A read-only, Meilisearch-compatible surface for InstantSearch (@meilisearch/instant-meilisearch)
// and the official meilisearch client: host `<gateway>/meili`. It answers the calls those
// clients make to read — search (POST and GET), multi-search (federated too), facet search,
// health, version, index info, stats and settings — on the configured index only; everything
// else (documents, writes, keys, tasks, other indexes) answers 404. Searches go through the
// gateway's query analysis, filter validation and highlighting, never straight to Meilisearch,
// and Meilisearch's keys are never involved in what the client sends or receives. The work is
// src/instantsearch/service.ts's; these routes validate, check the index uid and answer.

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
    ({ body }) => {
      body.queries.forEach((q, i) => requireIndex(ctx, q.indexUid, `body.queries.${i}.indexUid`));
      return surface.multiSearchAll(ctx, body);
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
    ({ params, body }) => {
      requireIndex(ctx, params.uid, 'uid');
      return surface.search(ctx, body);
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
    ({ params, query }) => {
      requireIndex(ctx, params.uid, 'uid');
      return surface.search(ctx, query);
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
    ({ params, body }) => {
      requireIndex(ctx, params.uid, 'uid');
      return surface.facetSearch(ctx, body);
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
    () => surface.health(ctx),
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
    () => surface.version(ctx),
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
    () => surface.stats(ctx),
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
    ({ params }) => {
      requireIndex(ctx, params.uid, 'uid');
      return surface.indexInfo(ctx);
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
    ({ params }) => {
      requireIndex(ctx, params.uid, 'uid');
      return surface.indexStats(ctx);
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
    ({ params }) => {
      requireIndex(ctx, params.uid, 'uid');
      return surface.settings(ctx);
    },
  ),
];
