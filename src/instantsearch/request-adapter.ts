import { rewriteQuery, type QueryRewrite } from '../analysis/index.ts';
import {
  DEFAULT_CROP_LENGTH,
  DEFAULT_CROP_MARKER,
  DEFAULT_LIMIT,
  DISTINCT_ATTRIBUTES,
  FACET_NAMES,
  LOCALES,
  PUBLIC_FIELDS,
  TAG_PAIRS,
  TEXT_FIELDS,
  type FacetName,
  type MeiliSearchParams as Params,
  type PreTag,
  type PublicField,
} from '../api/index.ts';
import type { SearchQuery } from '../meili/search.ts';
import { facetAttributes } from '../search/facets.ts';
import type { ParsedFilter } from './filter-parser.ts';

/** The search parameters as validated, the filter read by filter-parser.ts. */
export type MeiliSearchParams = Params<ParsedFilter>;

// Meilisearch-style search parameters (validated by src/api/requests/meili.ts) → the
// query the gateway sends to Meilisearch, plus what the response adapter needs to shape the
// answer. Pure. The query goes through the gateway's analysis (rewriteQuery) and its filter
// builder; highlighting and cropping are not asked of Meilisearch but done on the original
// text by the response adapter.

export type Pagination = { kind: 'offset'; offset: number; limit: number } | { kind: 'page'; page: number; hitsPerPage: number };

export interface HitFormat {
  retrieve: PublicField[];
  highlight: PublicField[];
  /** Field → crop length in words. */
  crop: Partial<Record<PublicField, number>>;
  cropMarker: string;
  preTag: PreTag;
  postTag: string;
  showMatchesPosition: boolean;
  showRankingScore: boolean;
}

export interface AdaptedSearch {
  /** The query as the client sent it (echoed back, as Meilisearch does). */
  q: string;
  rewrite: QueryRewrite;
  /** What is sent to Meilisearch. */
  query: SearchQuery;
  pagination: Pagination;
  facets: FacetName[];
  format: HitFormat;
}

const expand = <T extends string>(list: readonly string[] | null | undefined, all: readonly T[], dflt: readonly T[]): T[] => {
  if (list === undefined || list === null) return [...dflt];
  return list.includes('*') ? [...all] : all.filter((f) => list.includes(f));
};

/** `body:20`, `title`, `*:5` → field → words; a named field's length beats the `*` one. */
function cropLengths(entries: readonly string[] | null | undefined, dflt: number): Partial<Record<PublicField, number>> {
  const out: Partial<Record<PublicField, number>> = {};
  const words = (e: string) => (e.includes(':') ? Number(e.split(':')[1]) : dflt);
  for (const e of entries ?? []) if (e.startsWith('*')) for (const f of PUBLIC_FIELDS) out[f] = words(e);
  for (const e of entries ?? []) if (!e.startsWith('*')) out[e.split(':')[0] as PublicField] = words(e);
  return out;
}

/**
 * The rewritten query without the exact spellings it adds for ranking. `matchingStrategy: last`
 * drops words from the end, exact spellings first; `all` and `frequency` would instead require
 * them (or drop a stem before them), so those strategies get stems, phrases and exclusions only.
 */
export function requiredQuery(rewrite: QueryRewrite): string {
  const stems = new Set(Object.values(rewrite.stems).flat());
  const parts = rewrite.q.match(/-?"[^"]*"?|\S+/g) ?? [];
  return parts.filter((p) => p.startsWith('"') || p.startsWith('-') || stems.has(p)).join(' ');
}


/**
 * What a hit asks Meilisearch for: the fields returned or formatted, `lang` (it picks the
 * matcher), and for a body formatted but not returned, its head: formatting reads a window of
 * FORMAT_WINDOW_CHARS, and the gateway must not receive and parse a 9.5 MB body to cut it.
 */
export function fieldsToRetrieve(f: Pick<HitFormat, 'retrieve' | 'highlight' | 'crop' | 'showMatchesPosition'>): string[] {
  const formatted = new Set<string>([...f.highlight, ...(Object.keys(f.crop) as PublicField[]), ...(f.showMatchesPosition ? TEXT_FIELDS : [])]);
  const out = new Set<string>(['lang', ...f.retrieve]);
  for (const field of formatted) out.add(field === 'body' && !f.retrieve.includes('body') ? 'body_head' : field);
  const fields: string[] = PUBLIC_FIELDS.filter((p) => out.has(p));
  return out.has('body_head') ? [...fields, 'body_head'] : fields;
}

function paginationOf(p: MeiliSearchParams): Pagination {
  // As in Meilisearch: page or hitsPerPage switch to exhaustive page mode (offset/limit are then ignored).
  if (p.page !== undefined || p.hitsPerPage !== undefined) return { kind: 'page', page: p.page ?? 1, hitsPerPage: p.hitsPerPage ?? DEFAULT_LIMIT };
  return { kind: 'offset', offset: p.offset ?? 0, limit: p.limit ?? DEFAULT_LIMIT };
}

/** How to read the query: one locale, else the one language the filter allows, else detection. */
export function queryLanguage(p: { locales?: MeiliSearchParams['locales']; filter: ParsedFilter }): string | undefined {
  const locales = [...new Set(p.locales ?? [])];
  if (locales.length === 1) return LOCALES[locales[0]!];
  return p.filter.language;
}

export function adaptSearchRequest(p: MeiliSearchParams, indexUid: string): AdaptedSearch {
  const q = p.q ?? '';
  const rewrite = rewriteQuery(q, queryLanguage(p));
  const pagination = paginationOf(p);
  const facets = expand<FacetName>(p.facets, FACET_NAMES, []);
  const filter = p.filter.expression;
  // The gateway's order: relevance with a query; without one, newest first.
  const sort = p.sort?.length ? [...p.sort] : rewrite.q === '' ? ['date_ts:desc'] : undefined;
  const strategy = p.matchingStrategy ?? 'last';
  const query: SearchQuery = {
    indexUid,
    q: strategy === 'last' ? rewrite.q : requiredQuery(rewrite),
    ...(strategy !== 'last' ? { matchingStrategy: strategy } : {}),
    ...(filter ? { filter } : {}),
    ...(p.distinct ? { distinct: DISTINCT_ATTRIBUTES[p.distinct] } : {}),
    ...(sort ? { sort } : {}),
    ...(facets.length ? { facets: facetAttributes(facets) } : {}),
    ...(pagination.kind === 'page' ? { page: pagination.page, hitsPerPage: pagination.hitsPerPage } : { offset: pagination.offset, limit: pagination.limit }),
    ...(p.showRankingScore ? { showRankingScore: true } : {}),
    ...(p.rankingScoreThreshold !== undefined ? { rankingScoreThreshold: p.rankingScoreThreshold } : {}),
  };
  const preTag = p.highlightPreTag;
  const format: HitFormat = {
    retrieve: expand<PublicField>(p.attributesToRetrieve, PUBLIC_FIELDS, PUBLIC_FIELDS),
    highlight: expand<PublicField>(p.attributesToHighlight, PUBLIC_FIELDS, []),
    crop: cropLengths(p.attributesToCrop, p.cropLength ?? DEFAULT_CROP_LENGTH),
    cropMarker: p.cropMarker ?? DEFAULT_CROP_MARKER,
    preTag,
    postTag: TAG_PAIRS[preTag],
    showMatchesPosition: p.showMatchesPosition ?? false,
    showRankingScore: p.showRankingScore ?? false,
  };
  // Highlights and crops are made here, on the original text, from what this asks for.
  query.attributesToRetrieve = fieldsToRetrieve(format);
  return { q, rewrite, query, pagination, facets, format };
}
