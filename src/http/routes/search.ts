import { commonErrors, searchResponse, suggestResponse } from '../../api/index.ts';
import { search, type SearchContext } from '../../search/service.ts';
import { suggest } from '../../search/suggest.ts';
import { defineRoute } from '../route.ts';
import { requests } from '../requests.ts';

export const searchRoutes = (ctx: SearchContext) => [
  defineRoute(
    {
      method: 'get',
      path: '/search',
      tag: 'search',
      access: 'public',
      summary: 'Full-text search with language-aware query analysis, highlighting, filters and facets',
      query: requests.searchQuery,
      responses: { 200: { description: 'Hits, facet counts and how the query was read.', schema: searchResponse }, ...commonErrors },
    },
    ({ query }) => search(ctx, query),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/suggest',
      tag: 'search',
      access: 'public',
      summary: 'Completions for a search box (frequent terms completing the last word, then matching titles), or with mode=correct the index words one or two edits from it ("did you mean")',
      query: requests.suggestQuery,
      responses: { 200: { description: 'Up to `limit` suggestions.', schema: suggestResponse }, ...commonErrors },
    },
    ({ query }) => suggest(ctx, query),
  ),
];
