// The names and defaults of the HTTP contract, each written once: the schemas, the services
// that honour them, the OpenAPI document and the widget all read them here.

/** Facets a client may count and filter on; source and category are counted per bucket, under their usual label. */
export const FACET_NAMES = ['lang', 'year', 'month', 'source', 'category'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
/** What GET /search counts when `facets` is not given. */
export const DEFAULT_FACETS: FacetName[] = ['lang', 'year'];

/** Attributes a Meilisearch-style filter may name: the facets, and the date as a number. */
export const FILTER_ATTRIBUTES = [...FACET_NAMES, 'date_ts'] as const;
export type FilterAttribute = (typeof FILTER_ATTRIBUTES)[number];

/** GET /search snippet length in words when `cropLength` is not given. */
export const DEFAULT_CROP_WORDS = 30;

export const MAX_QUERY_LENGTH = 512;
export const MAX_QUERY_TERMS = 32;

/** Most documents one POST /documents may carry; larger loads go through the indexer. */
export const MAX_DOCUMENTS_PER_REQUEST = 1000;

// What the Meilisearch-compatible surface exposes of a stored document, and the values its
// parameters may take. The analysed fields (title_stem, body_exact…) and the internal primary
// key `pk` are never returned; `id` is the document's own id.

export const PUBLIC_FIELDS = ['id', 'lang', 'title', 'body', 'date', 'date_ts', 'year', 'month', 'source', 'category', 'url'] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];

/** Searchable text: the fields whose words the gateway's matcher can mark. */
export const TEXT_FIELDS: readonly PublicField[] = ['title', 'body', 'source', 'category'];

export const SORTS = ['date_ts:desc', 'date_ts:asc'] as const;

/**
 * Highlight tags a client may ask for, opening → closing. Only these: the gateway escapes
 * document text and must know which markup is its own. `<em>` is Meilisearch's default,
 * `<mark>` the gateway's, `__ais-highlight__` InstantSearch's placeholders (see
 * src/instantsearch/response-adapter.ts for what each implies about escaping).
 */
export const TAG_PAIRS = {
  '<em>': '</em>',
  '<mark>': '</mark>',
  '__ais-highlight__': '__/ais-highlight__',
} as const;
export type PreTag = keyof typeof TAG_PAIRS;
export const PRE_TAGS = Object.keys(TAG_PAIRS) as PreTag[];
export const POST_TAGS = Object.values(TAG_PAIRS);
/** InstantSearch's placeholders: plain text marked for InstantSearch, which escapes it itself. */
export const AIS_PRE_TAG: PreTag = '__ais-highlight__';

/** Meilisearch `locales` (ISO 639-3) of the languages the gateway analyses. */
export const LOCALES = { tur: 'tr', eng: 'en' } as const;

export const DEFAULT_CROP_LENGTH = 10;
export const DEFAULT_CROP_MARKER = '…';
export const DEFAULT_LIMIT = 20;
/** Attributes one may ask distinct results on, and the stored attribute that holds each (keys: one per value however spelt). */
export const DISTINCT_ATTRIBUTES = { lang: 'lang', source: 'source_key', category: 'category_key', year: 'year', month: 'month' } satisfies Record<FacetName, string>;
export type DistinctAttribute = keyof typeof DISTINCT_ATTRIBUTES;

/** The Meilisearch-compatible surface's path prefix. */
export const MEILI_PREFIX = '/meili';
/**
 * The text a hit's field is formatted from: the field, or for a body that is formatted but not
 * retrieved, the head Meilisearch returned instead (src/documents/build.ts bodyHead; it holds
 * more than the formatting window, so the window and whether it is cut come out the same).
 */
export function formatSource(hit: Record<string, unknown>, field: string): unknown {
  return field === 'body' && hit.body === undefined ? hit.body_head : hit[field];
}
