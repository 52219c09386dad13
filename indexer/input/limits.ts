/** What one record (an NDJSON line, a JSON array element, a whole text file) may be. */
export interface RecordLimits {
  /** Bytes of one record, as read (decompressed); past it the record is rejected and its bytes dropped. */
  maxRecordBytes: number;
  /** Nesting of arrays and objects in one JSON record; documents are flat, so a little is plenty. */
  maxDepth: number;
}

// The document API's body limit (src/env.ts DEFAULT_BODY_LIMIT): a record the API would
// refuse is refused here too, and memory per record stays bounded whatever the input.
export const DEFAULT_LIMITS: RecordLimits = { maxRecordBytes: 10 * 1024 * 1024, maxDepth: 64 };
