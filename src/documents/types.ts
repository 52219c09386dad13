/** The fields of a document as it was given (no analysed forms): what search hits and GET /documents show. */
export const STORED_FIELDS = ['id', 'lang', 'title', 'body', 'date', 'source', 'category', 'url'] as const;

/** A document as stored in Meilisearch. */
export interface SearchDocument {
  pk: string;
  id: string;
  lang: string;
  title: string;
  body: string;
  /** The body's first BODY_HEAD_CHARS characters (all of it when shorter): what search hits read, never shown as such. */
  body_head: string;
  date?: string;
  date_ts?: number;
  date_end_ts?: number;
  year?: number;
  month?: string;
  source?: string;
  category?: string;
  /** Facet keys of source and category (see analysis/facet-key.ts): filters and counts use these. */
  source_key?: string;
  category_key?: string;
  url?: string;
  /** Words offered to search-box suggestions (see analysis/terms.ts); a facet, never displayed. */
  terms: string[];
  /** Analysed forms (same chain as queries, see src/analysis/analyze.ts): searchable, never displayed. */
  title_stem: string;
  body_stem: string;
  /** Stems past the first chunk of a very long body (see STEMS_PER_FIELD). */
  body_stem_2?: string;
  body_stem_3?: string;
  body_stem_4?: string;
  title_exact: string;
  body_exact: string;
}

/** A stored document's original fields. */
export type StoredDocument = Pick<SearchDocument, (typeof STORED_FIELDS)[number]>;

/** Why one input document cannot be indexed. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}
