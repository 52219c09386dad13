/** Where a record came from: a file, and a line (NDJSON), element index (JSON array) or none. */
export interface Origin {
  file: string;
  line?: number;
}

export type ParsedItem =
  | { origin: Origin; record: unknown }
  | { origin: Origin; error: string; raw?: string; /** The file could not be read on: the rest of it is unread. */ fatal?: boolean };

export interface Failure extends Origin {
  id?: string;
  reason: string;
  /** The record as read, or the raw text when it did not parse: what the rejects file keeps. */
  record?: unknown;
  raw?: string;
}

export interface Summary {
  read: number;
  indexed: number;
  skipped: number;
  /** Documents read that could not be indexed: read = indexed + failed + skipped. */
  failed: number;
  /** Files (binary, missing, unsupported) or tails of files (a truncated gzip) not read: no document is counted for them. */
  unreadable: number;
  failures: Failure[];
  skips: Failure[];
  unreadableFiles: Failure[];
  /** Paths that led through links to a file or folder already found (read once). */
  sameFiles: number;
  files: number;
  durationMs: number;
  /**
   * Work an interrupted earlier run had finished: whole files, and lines of partly done files;
   * `failed` documents it could not index, written to `rejectsFiles`.
   */
  resumed?: { files: number; lines: number; failed: number; rejectsFiles: string[] };
  /** Where failed documents were written, when any failed. */
  rejectsFile?: string;
}
