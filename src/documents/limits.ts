// What of a document is stored twice or analysed: bounds that keep indexing and search hits
// cheap whatever the document's size.

/**
 * Characters of a body stored again as `body_head` (src/documents/build.ts): search hits
 * retrieve it instead of the body, so what the gateway receives, parses and reads per hit is
 * bounded by this, not by the document (a 9.5 MB body cost ~160 ms of gateway CPU per search).
 * One more than the characters GET /search reads for a snippet (src/search/limits.ts SNIPPET_SCAN_CHARS): a head longer than that says the body goes on.
 */
export const BODY_HEAD_CHARS = 10_001;

/**
 * Characters of a body analysed at index time (stems, exact spellings, suggestion terms, its
 * language): ~250,000 words, about what the four stem fields hold (src/documents/build.ts), and
 * far past the 65,535 positions Meilisearch indexes of the body itself. The rest is stored and
 * shown, not analysed: the analysis of a 9.9 MB record took more than 192 MB of heap at once, and
 * the indexer's heap is 256 MB (indexer/input/limits.ts).
 */
export const MAX_ANALYSED_CHARS = 2_000_000;
