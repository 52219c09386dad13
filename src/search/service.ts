import type { Meilisearch, SearchParams as MeiliParams } from 'meilisearch';
import { queryMatcher, rewriteQuery, type QueryRewrite } from '../analysis/index.ts';
import { meiliCall } from '../meili/client.ts';
import { buildFilter, type SearchFilters } from './filters.ts';
import { highlightAll, snippet } from './highlight.ts';

export type SortOrder = 'relevance' | 'date:desc' | 'date:asc';

export interface SearchRequest extends SearchFilters {
  q: string;
  /** The query's language when the caller knows it; else it is detected. */
  queryLang?: string;
  sort: SortOrder;
  page: number;
  perPage: number;
}

export interface SearchHit {
  id: string;
  lang: string;
  title: string;
  date: string | null;
  source: string | null;
  category: string | null;
  url: string | null;
  titleHighlighted: string;
  snippet: string;
  snippetText: string;
  /** Matched words: offsets in UTF-16 code units of `title` or of `snippetText`. */
  matches: { field: 'title' | 'snippet'; start: number; length: number }[];
}

export interface SearchResponse {
  query: string;
  queryLang: string;
  rewrite: Pick<QueryRewrite, 'lang' | 'terms' | 'dropped' | 'stems' | 'phrases' | 'excluded' | 'ignored'>;
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  processingTimeMs: number;
  hits: SearchHit[];
  facets: Record<string, Record<string, number>>;
}

export interface SearchContext {
  client: Meilisearch;
  indexUid: string;
}

const FACETS = ['lang', 'year'];
const SNIPPET_WORDS = 30;

interface StoredHit {
  id: string;
  lang: string;
  title?: string;
  body?: string;
  date?: string;
  source?: string;
  category?: string;
  url?: string;
}

function sortFor(req: SearchRequest, hasQuery: boolean): string[] | undefined {
  if (req.sort === 'date:desc' || (req.sort === 'relevance' && !hasQuery)) return ['date_ts:desc'];
  if (req.sort === 'date:asc') return ['date_ts:asc'];
  return undefined;
}

/** One search: analyse the query, ask Meilisearch, return HTML-safe hits and facet counts. */
export async function search(ctx: SearchContext, req: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  // A single-language filter is the best hint of how the query is written.
  const rewrite = rewriteQuery(req.q, req.queryLang ?? (req.lang?.length === 1 ? req.lang[0] : undefined));
  const params = {
    filter: buildFilter(req),
    sort: sortFor(req, rewrite.q !== ''),
    page: req.page,
    hitsPerPage: req.perPage,
    facets: FACETS,
    // The body comes whole: snippets are cut here, around matches Meilisearch cannot see (stems).
    attributesToRetrieve: ['id', 'lang', 'title', 'body', 'date', 'source', 'category', 'url'],
  } satisfies MeiliParams;
  const res = await meiliCall(() => ctx.client.index(ctx.indexUid).search<StoredHit, typeof params>(rewrite.q, params));
  const matcher = queryMatcher(rewrite);
  return {
    query: req.q,
    queryLang: rewrite.lang,
    rewrite: {
      lang: rewrite.lang,
      terms: rewrite.terms,
      dropped: rewrite.dropped,
      stems: rewrite.stems,
      phrases: rewrite.phrases,
      excluded: rewrite.excluded,
      ignored: rewrite.ignored,
    },
    total: res.totalHits,
    page: req.page,
    perPage: req.perPage,
    totalPages: res.totalPages,
    processingTimeMs: Math.round(performance.now() - started),
    hits: res.hits.map((h) => {
      const isMatch = (word: string) => matcher(word, h.lang);
      const title = highlightAll(h.title ?? '', isMatch);
      const snip = snippet(h.body ?? '', isMatch, SNIPPET_WORDS);
      return {
        id: h.id,
        lang: h.lang,
        title: title.text,
        date: h.date ?? null,
        source: h.source ?? null,
        category: h.category ?? null,
        url: h.url ?? null,
        titleHighlighted: title.html,
        snippet: snip.html,
        snippetText: snip.text,
        matches: [
          ...title.ranges.map((r) => ({ field: 'title' as const, ...r })),
          ...snip.ranges.map((r) => ({ field: 'snippet' as const, ...r })),
        ],
      };
    }),
    facets: Object.fromEntries(FACETS.map((f) => [f, res.facetDistribution?.[f] ?? {}])),
  };
}
