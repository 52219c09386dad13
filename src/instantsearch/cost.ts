import { BODY_HEAD_CHARS, FORMAT_WINDOW_CHARS, MAX_ANSWER_BYTES, MAX_FORMATTED_FIELDS, MAX_HITS_PER_REQUEST } from '../search/limits.ts';
import { DEFAULT_LIMIT, formatSource, TEXT_FIELDS } from '../api/index.ts';

// The cost of a /meili search request before it runs, from its parameters alone (they may be
// unvalidated here: the schema's refinements call this), so that a client learns the limit
// from a 400 naming it, never from a slow answer.

interface RawQuery {
  limit?: unknown;
  hitsPerPage?: unknown;
  page?: unknown;
  attributesToHighlight?: unknown;
  attributesToCrop?: unknown;
  showMatchesPosition?: unknown;
}

/** Hits a query asks for, as Meilisearch counts them (page mode wins). */
export function requestedHits(q: RawQuery): number {
  if (typeof q.hitsPerPage === 'number') return q.hitsPerPage;
  if (q.page !== undefined || typeof q.limit !== 'number') return DEFAULT_LIMIT;
  return q.limit;
}

const names = (list: unknown): string[] => (Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string').map((e) => e.split(':')[0]!) : []);

/**
 * Windows of one hit that the gateway reads word by word: each cropped text field, and each
 * text field highlighted whole or reported in _matchesPosition (one read serves both).
 */
export function formattedFields(q: RawQuery): number {
  const fields = (list: unknown) => {
    const asked = names(list);
    return asked.includes('*') ? [...TEXT_FIELDS] : TEXT_FIELDS.filter((f) => asked.includes(f));
  };
  const cropped = fields(q.attributesToCrop);
  const whole = new Set(fields(q.attributesToHighlight).filter((f) => !cropped.includes(f)));
  if (q.showMatchesPosition === true) for (const f of TEXT_FIELDS) whole.add(f);
  return cropped.length + whole.size;
}

export interface CostProblem {
  /** Where the problem is, relative to the request body. */
  path: (string | number)[];
  message: string;
}

/** The request-wide limits (hits, formatted fields) over one or more queries; undefined when within them. */
export function costProblem(queries: RawQuery[], multi: boolean): CostProblem | undefined {
  const valid = queries.filter((q) => q !== null && typeof q === 'object');
  const hits = valid.reduce((n, q) => n + requestedHits(q), 0);
  const where = multi ? ['queries'] : ['limit'];
  if (hits > MAX_HITS_PER_REQUEST) {
    return { path: where, message: `at most ${MAX_HITS_PER_REQUEST} hits in all the queries of one request (asked: ${hits})` };
  }
  const fields = valid.reduce((n, q) => n + requestedHits(q) * formattedFields(q), 0);
  if (fields > MAX_FORMATTED_FIELDS) {
    return {
      path: multi ? ['queries'] : ['attributesToHighlight'],
      message:
        `at most ${MAX_FORMATTED_FIELDS} highlighted, cropped or position-reported text fields per request, counted as hits × fields (asked: ${fields}); ` +
        'ask for fewer hits, or fewer attributesToHighlight/attributesToCrop, or no showMatchesPosition',
    };
  }
  return undefined;
}

/**
 * Bytes the answer to one query would hold, measured on the hits Meilisearch returned before
 * any formatting: the retrieved fields whole, the formatted ones up to their window.
 */
export function answerBytes(hits: Record<string, unknown>[], format: { retrieve: readonly string[]; highlight: readonly string[]; crop: Partial<Record<string, number>> }): number {
  let bytes = 0;
  for (const hit of hits) {
    for (const field of format.retrieve) {
      const v = hit[field];
      bytes += typeof v === 'string' ? Buffer.byteLength(v) : 24;
    }
    for (const field of new Set([...format.highlight, ...Object.keys(format.crop)])) {
      const v = formatSource(hit, field);
      if (typeof v === 'string') bytes += Math.min(Buffer.byteLength(v), 3 * FORMAT_WINDOW_CHARS);
    }
  }
  return bytes;
}

/** Room in Meilisearch's answer for what is not hits: facet distributions and stats, totals. */
const ANSWER_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The most of Meilisearch's answer the gateway reads for these queries: the largest answer it
 * may give (MAX_ANSWER_BYTES) plus the body heads it retrieves only to format them (up to 3
 * bytes a character). Past it the answer is dropped unparsed: a client asking for a 9.5 MB body
 * learns `answer_too_large` without the gateway parsing it.
 */
export function rawAnswerLimit(queries: { hits: number; attributesToRetrieve?: readonly string[] | null }[]): number {
  const heads = queries.reduce((n, q) => n + (q.attributesToRetrieve?.includes('body_head') ? q.hits * 3 * BODY_HEAD_CHARS : 0), 0);
  return MAX_ANSWER_BYTES + heads + ANSWER_OVERHEAD_BYTES;
}
