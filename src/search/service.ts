import type { Meilisearch } from 'meilisearch';
import { STORED_FIELDS } from '../documents/types.ts';
import { queryMatcher, rewriteQuery } from '../analysis/index.ts';
import { multiSearch, partialOf, type SearchQuery } from '../meili/search.ts';
import { DEFAULT_CROP_WORDS, DEFAULT_FACETS, type Counts, type FacetName, type SearchQuery as SearchParams, type SearchResponse } from '../api/index.ts';
import { facetAttributes, groupOf, mergeCounts, mergeDistributions, readCounts, readLabels } from './facets.ts';
import type { CompletionCache } from './completions.ts';
import { activeGroups, buildFilter, type SearchFilters } from './filters.ts';
import { highlightAll, windowOf } from './highlight.ts';
import { FORMAT_WINDOW_CHARS } from './limits.ts';
import { HIT_FIELDS, hitSnippets } from './snippets.ts';

export type SortOrder = SearchParams['sort'];

export interface SearchRequest extends SearchFilters {
  q: string;
  /** The query's language when the caller knows it; else it is detected. */
  queryLang?: string;
  sort: SortOrder;
  page: number;
  perPage: number;
  facets?: FacetName[];
  /** Snippet length in words. */
  cropLength?: number;
  /** `none`: title and snippet as plain text, not HTML. */
  highlight?: 'html' | 'none';
}

export interface SearchContext {
  client: Meilisearch;
  indexUid: string;
  /**
   * A client that may read the stored document with this primary key, for snippets past the
   * body's head: the search key may only search (POST /documents/fetch needs documents.get),
   * and on a cluster the document is on its own node. Default: `client`.
   */
  documents?: (pk: string) => Meilisearch;
  /** Term completions of short first words, kept a while (SUGGEST_CACHE_SECONDS); none: asked each time. */
  completions?: CompletionCache;
}

interface StoredHit extends Record<string, unknown> {
  id: string;
  lang: string;
  title?: string;
  body_head?: string;
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

/**
 * The main query, then one count-only query per filtered facet group (disjunctive facets).
 * `unfilteredQ`: the query as read without the language filter's hint, for the counts of the
 * other languages (`studies` is stemmed `studi` as Turkish but `study` as English).
 */
export function planQueries(
  ctx: SearchContext,
  req: SearchRequest,
  q: string,
  unfilteredQ = q,
): { queries: SearchQuery[]; disjunctive: FacetName[][] } {
  const facets = req.facets ?? DEFAULT_FACETS;
  const queries: SearchQuery[] = [
    {
      indexUid: ctx.indexUid,
      q,
      filter: buildFilter(req),
      sort: sortFor(req, q !== ''),
      page: req.page,
      hitsPerPage: req.perPage,
      facets: facetAttributes(facets),
      // Snippets are cut here, around matches Meilisearch cannot see (stems), from the body's head.
      attributesToRetrieve: [...HIT_FIELDS],
    },
  ];
  const disjunctive: FacetName[][] = [];
  for (const group of activeGroups(req)) {
    const names = facets.filter((f) => groupOf(f) === group);
    if (names.length === 0) continue;
    disjunctive.push(names);
    queries.push({ indexUid: ctx.indexUid, q: group === 'lang' ? unfilteredQ : q, filter: buildFilter(req, group), limit: 0, facets: facetAttributes(names) });
  }
  return { queries, disjunctive };
}

/** One search: analyse the query, ask Meilisearch, return HTML-safe hits and facet counts. */
export async function search(ctx: SearchContext, req: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  // A single-language filter is the best hint of how the query is written.
  const hinted = req.queryLang ?? (req.lang?.length === 1 ? req.lang[0] : undefined);
  const rewrite = rewriteQuery(req.q, hinted);
  const unfiltered = req.queryLang || !req.lang?.length ? rewrite : rewriteQuery(req.q);
  const { queries, disjunctive } = planQueries(ctx, req, rewrite.q, unfiltered.q);
  const [main, ...counts] = await multiSearch<StoredHit>(ctx.client, queries);
  const facets = req.facets ?? DEFAULT_FACETS;
  const facetCounts = readCounts(facets, main!.facetDistribution);
  const disjunctiveFacets: Record<string, Counts> = {};
  disjunctive.forEach((names, i) => Object.assign(disjunctiveFacets, readCounts(names, counts[i]!.facetDistribution)));

  const matcher = queryMatcher(rewrite);
  const crop = req.cropLength ?? DEFAULT_CROP_WORDS;
  const plain = req.highlight === 'none';
  const isMatchOf = (i: number) => (word: string) => matcher(word, main!.hits[i]!.lang);
  const snips = await hitSnippets(ctx.documents ?? (() => ctx.client), ctx.indexUid, main!.hits, isMatchOf, { words: crop, marker: '…', terms: matcher.terms });
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
    total: main!.totalHits ?? 0,
    page: req.page,
    perPage: req.perPage,
    totalPages: main!.totalPages ?? 0,
    processingTimeMs: Math.round(performance.now() - started),
    hits: main!.hits.map((h, i) => {
      // Bounded reads (src/search/limits.ts): a huge stored document costs what an article does.
      const title = highlightAll(windowOf(h.title ?? '', FORMAT_WINDOW_CHARS).text, isMatchOf(i));
      const snip = snips[i]!;
      return {
        id: h.id,
        lang: h.lang,
        title: title.text,
        date: h.date ?? null,
        source: h.source ?? null,
        category: h.category ?? null,
        url: h.url ?? null,
        titleHighlighted: plain ? title.text : title.html,
        snippet: plain ? snip.text : snip.html,
        snippetText: snip.text,
        // Ranges come in both modes: with highlight=none a client builds its own markup from them.
        matches: [...title.ranges.map((r) => ({ field: 'title' as const, ...r })), ...snip.ranges.map((r) => ({ field: 'snippet' as const, ...r }))],
      };
    }),
    facets: facetCounts,
    disjunctiveFacets,
    // Labels for every key shown, including those only the disjunctive counts hold.
    facetLabels: readLabels(facets, mergeDistributions(main!.facetDistribution, ...counts.map((c) => c.facetDistribution)), mergeCounts(facetCounts, disjunctiveFacets)),
    // Only on a cluster with a node missing: the answer lacks that node's documents.
    ...partialOf([main!, ...counts]),
  };
}
