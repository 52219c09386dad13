import { MAX_RECORD_BYTES } from '../../src/search/limits.ts';

/** What one record (an NDJSON line, a JSON array element, a whole text file) may be. */
export interface RecordLimits {
  /** Bytes of one record, as read (decompressed); past it the record is rejected and its bytes dropped. */
  maxRecordBytes: number;
  /** Nesting of arrays and objects in one JSON record; documents are flat, so a little is plenty. */
  maxDepth: number;
}

// Memory per record stays bounded whatever the input. The indexer takes larger documents than
// the document API (bodies of 100,000 characters in requests of MAX_BODY_BYTES, parsed on the
// gateway's event loop): that is where long documents go (src/search/limits.ts).
export const DEFAULT_LIMITS: RecordLimits = { maxRecordBytes: MAX_RECORD_BYTES, maxDepth: 64 };

/**
 * The indexer's V8 heap ceiling (`npm run index` runs node with it). Without one, V8 sizes
 * the heap from the machine's memory and collects lazily: 402 MiB peak RSS on a 10,000-article
 * slice, 572 MiB on the corpus, 1.1 GB on six 9.9 MB records; with it, 308 MiB on the slice (at
 * ~14% more CPU) and, with the analysis of a body bounded too (MAX_ANALYSED_CHARS), 404 MiB on
 * the six records. What a run holds live is bounded: one record and its analysis, the batch
 * being filled, the batches in flight (DEFAULT_IN_FLIGHT_BYTES); 192 MB was enough for both.
 */
export const INDEXER_HEAP_MB = 256;
/** Node's flags for the indexer CLI, for scripts that start it as `node … indexer/cli.ts`. */
export const INDEXER_NODE_ARGS = [`--max-old-space-size=${INDEXER_HEAP_MB}`];
