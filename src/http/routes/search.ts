import { search, type SearchContext } from '../../search/service.ts';
import { defineRoute } from '../route.ts';
import { searchQuery } from '../schemas/search.ts';

export const searchRoutes = (ctx: SearchContext) => [
  defineRoute(
    { method: 'get', path: '/search', summary: 'Full-text search with language-aware query analysis', query: searchQuery },
    ({ query }) => search(ctx, query),
  ),
];
