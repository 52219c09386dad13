// What the request schemas check that only the app knows how to check: how text is cleaned and
// split, what a facet key and a date are, how a filter is read, what a request may cost, and the
// limits the app is built around. The contract states where each check applies (and so which
// parameter an error names); the app hands the checks in (src/http/requests.ts), so this folder
// stays a leaf that imports nothing of the app.

/** A Meilisearch filter as sent: a string, or arrays (an inner array is an OR group). */
export type FilterInput = string | (string | string[])[];

export interface RequestLimits {
  /** Hits a query can page through (Meilisearch's pagination.maxTotalHits). */
  maxTotalHits: number;
  /** Hits one query may return (limit, hitsPerPage). */
  maxHitsPerQuery: number;
  /** Queries in one multi-search. */
  maxQueries: number;
  maxIdLength: number;
  maxTitleChars: number;
  maxBodyChars: number;
  /** The indexer's largest record, named where the document API sends larger documents. */
  maxRecordBytes: number;
}

export interface RequestRules<F = unknown> {
  /** Text as typed, cleaned (lone surrogates, control characters). */
  cleanText(s: string): string;
  /** The words of a text, as the analysis splits them. */
  tokenize(s: string): string[];
  /** The bucket key of a facet value (letters, digits and `-`; empty when it has none). */
  facetKey(s: string): string;
  /** The period a date covers, or why it is not a date. */
  readDate(s: string): { start: number; end: number } | { problem: string };
  /** A filter read and rebuilt (undefined: none given), or why it is refused. */
  readFilter(f: FilterInput | undefined): { filter: F } | { problem: string };
  /** The first cost limit the queries exceed, at the parameter to change. */
  costProblem(queries: Record<string, unknown>[], multi: boolean): { path: (string | number)[]; message: string } | undefined;
  limits: RequestLimits;
}
