// Recorded payloads (tests/fixtures/instantsearch/record.ts made them): what InstantSearch and
// instant-meilisearch sent, and what Meilisearch 1.21 answered.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchResult } from '../../../src/meili/search.ts';

export interface Recorded {
  instantsearchRequests: unknown[][];
  requestBodies: { path: string; body: { queries: Record<string, unknown>[] } }[];
  meiliQueries: Record<string, unknown>[];
  meiliResponses: SearchResult<Record<string, unknown>>[];
  nativeResponse: { results: (SearchResult<Record<string, unknown>> & { indexUid: string })[] };
}

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'instantsearch');

export const CASES = [
  'query-imamoglu-lang-tr-year-range',
  'placeholder-first-load',
  'xss-document-query-onerror',
  'finite-pagination-page-2',
  'sort-date-asc-lang-en-source',
  'matches-position-lang-tr',
  'placeholders-inside-document',
] as const;

export function recorded(name: (typeof CASES)[number]): Recorded {
  return JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Recorded;
}

/** The last multi-search body of a case: the one the UI's answer came from. */
export const lastBody = (r: Recorded) => r.requestBodies.at(-1)!.body;
