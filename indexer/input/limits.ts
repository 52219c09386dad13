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
