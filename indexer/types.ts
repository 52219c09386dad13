/** Where a record came from: a file, and a line (NDJSON), element index (JSON array) or none. */
export interface Origin {
  file: string;
  line?: number;
}

export type ParsedItem =
  | { origin: Origin; record: unknown }
  | { origin: Origin; error: string };

export interface Failure extends Origin {
  id?: string;
  reason: string;
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
}
