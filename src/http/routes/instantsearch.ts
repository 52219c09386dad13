import { answerBytes } from '../../instantsearch/cost.ts';
import { adaptSearchRequest, type AdaptedSearch } from '../../instantsearch/request-adapter.ts';
import { adaptSearchResponse, type MeiliCompatResponse } from '../../instantsearch/response-adapter.ts';
import { multiSearch } from '../../meili/search.ts';
import { MAX_ANSWER_BYTES } from '../../search/limits.ts';
import type { SearchContext } from '../../search/service.ts';
import { HttpError } from '../errors.ts';
import { MEILI_PREFIX } from '../meili-errors.ts';
import { defineRoute, type RouteDef } from '../route.ts';
import {
  meiliErrorBody,
  meiliIndexParams,
  meiliMultiSearchBody,
  meiliMultiSearchResponse,
  meiliSearchBody,
  meiliSearchResponse,
} from '../schemas/instantsearch.ts';

// A read-only, Meilisearch-compatible search surface for InstantSearch
// (@meilisearch/instant-meilisearch) and the meilisearch client: host `<gateway>/meili`.
// Only these two routes exist under /meili, only on the configured index; everything else
// (documents, settings, keys, tasks, other indexes) answers 404. Searches go through the
// gateway's query analysis, filter validation and highlighting, never straight to Meilisearch,
// and Meilisearch's key is never involved in what the client sends or receives.

const errors = {
  400: { description: 'Invalid parameter, named in error.param (Meilisearch fields message, code, type, link as well).', schema: meiliErrorBody },
  404: { description: 'Not the configured index (index_not_found), or no such route.', schema: meiliErrorBody },
  503: { description: 'Meilisearch is unreachable or too slow; Retry-After is set.', schema: meiliErrorBody },
};

function requireIndex(ctx: SearchContext, uid: string, param: string): void {
  if (uid !== ctx.indexUid) throw new HttpError(404, 'index_not_found', `Index \`${uid}\` not found.`, param);
}

/** All searches of a request in one Meilisearch round trip, each answer shaped as Meilisearch's. */
async function run(ctx: SearchContext, searches: AdaptedSearch[]): Promise<MeiliCompatResponse[]> {
  const started = performance.now();
  const results = await multiSearch<Record<string, unknown>>(ctx.client, searches.map((s) => s.query));
  const ms = Math.round(performance.now() - started);
  // Checked before formatting: a refused answer costs the gateway nothing more.
  const bytes = results.reduce((n, r, i) => n + answerBytes(r.hits, searches[i]!.format), 0);
  if (bytes > MAX_ANSWER_BYTES) {
    throw new HttpError(
      400,
      'answer_too_large',
      `The answer would hold about ${bytes} bytes, more than ${MAX_ANSWER_BYTES}: ask for fewer hits or fewer attributesToRetrieve.`,
      'attributesToRetrieve',
    );
  }
  return results.map((r, i) => adaptSearchResponse(r, searches[i]!, ms));
}

export const instantSearchRoutes = (ctx: SearchContext): RouteDef[] => [
  defineRoute(
    {
      method: 'post',
      path: `${MEILI_PREFIX}/multi-search`,
      tag: 'instantsearch',
      access: 'public',
      summary: 'Meilisearch-compatible multi-search (what instant-meilisearch calls), on the configured index only',
      description:
        'Takes the search parameters of Meilisearch 1.21 that instant-meilisearch sends. Queries are analysed like GET /search; filters are read, validated and rebuilt; `_formatted` is computed by the gateway on the original text (escaped HTML for <em>/<mark>, plain text for InstantSearch’s __ais-highlight__ placeholders, which InstantSearch escapes).',
      body: meiliMultiSearchBody,
      responses: { 200: { description: 'One Meilisearch-shaped result per query.', schema: meiliMultiSearchResponse }, ...errors },
    },
    async ({ body }) => {
      const searches = body.queries.map((q, i) => {
        requireIndex(ctx, q.indexUid, `body.queries.${i}.indexUid`);
        return adaptSearchRequest(q, ctx.indexUid);
      });
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
];
