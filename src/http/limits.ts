/**
 * Largest JSON body the admin routes take (MAX_BODY_BYTES). The body is parsed on the event
 * loop (~10 ms a MiB; a 9.5 MB one held it for 1.7 s on a loaded machine), and what the
 * document API accepts fits well within it: bodies of at most 100,000 characters
 * (src/search/limits.ts MAX_BODY_CHARS, at most ~400 kB as JSON). Larger documents go
 * through the indexer (records up to 10 MiB, --max-record-bytes). A body announced larger is
 * refused with a 413 before a byte of it is read.
 */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
/** Bodies anyone may send (the /meili search surface): a search request is a few kB. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;
