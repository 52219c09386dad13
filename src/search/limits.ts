// What one request may cost the gateway, in one place. Highlighting runs the query matcher on
// every word it reads (about 1 million characters a second on one core, measured), so the
// limits bound the characters a request can make the gateway read and the bytes it can make
// it write, whatever the documents hold. Each limit a client can exceed is refused with a 400
// naming the parameter; the windows below bound work silently, as Meilisearch's own crops do.
import { BODY_HEAD_CHARS, MAX_ANALYSED_CHARS } from '../documents/limits.ts';

// What is stored and analysed of a document is the documents' business; requests read it from here too.
export { BODY_HEAD_CHARS, MAX_ANALYSED_CHARS };

/** Queries in one /meili/multi-search. */
export const MAX_QUERIES = 10;
/** Hits one query may return (limit, hitsPerPage). */
export const MAX_HITS_PER_QUERY = 100;
/** Hits one multi-search may return over all its queries. */
export const MAX_HITS_PER_REQUEST = 200;
/**
 * Hits × text-field windows the gateway reads word by word (a crop, or a whole-field highlight
 * that also serves _matchesPosition), over all queries of a request: InstantSearch's 21 hits
 * with every field highlighted, the body cropped and match positions is 105.
 */
export const MAX_FORMATTED_FIELDS = 120;
/**
 * Characters of one field that are read for a highlight, a crop or match positions. A
 * highlighted field longer than this comes back cut after this many characters (at a word
 * boundary, with the crop marker); a crop is the best window within them.
 */
export const FORMAT_WINDOW_CHARS = 2_000;
/** Characters of a body that GET /search reads for its snippet (its best window lies within them). */
export const SNIPPET_SCAN_CHARS = BODY_HEAD_CHARS - 1;
/**
 * Characters of bodies GET /search reads past their first SNIPPET_SCAN_CHARS, over all hits of
 * a request, to find a query word when those hold none: Meilisearch indexes the whole body, so
 * a hit may match only further on, and its snippet must show where. A document-API body (up to
 * 100,000 characters) is read whole while nothing else spent the budget.
 */
export const SNIPPET_SEEK_CHARS = 200_000;
/** Largest answer one search request may produce; past it, a 400 asks for fewer hits or attributes. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;


/**
 * Largest record the indexer reads by default (an NDJSON line, a JSON array element, a text
 * file; --max-record-bytes): documents larger than the document API takes go through it.
 */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/** Longest title and body the document API accepts (the analysis of 100,000 characters takes ~50 ms). */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_BODY_CHARS = 100_000;
