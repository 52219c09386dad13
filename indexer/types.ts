/** Where a record came from: a file, and a line (NDJSON), element index (JSON array) or none. */
export interface Origin {
  file: string;
  line?: number;
}

export type ParsedItem =
  | { origin: Origin; record: unknown }
  | { origin: Origin; error: string; raw?: string };

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
  failed: number;
  failures: Failure[];
  skips: Failure[];
  files: number;
  durationMs: number;
  /** Work an interrupted earlier run had finished: whole files, and records of partly done files. */
  resumed?: { files: number; lines: number };
  /** Where failed documents were written, when any failed. */
  rejectsFile?: string;
}
