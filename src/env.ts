import path from 'node:path';
import { z } from 'zod';

// Every environment variable the service and the indexer read, in one place (the README's table
// mirrors it): no other module of src/ reads process.env (tests/unit/env.test.ts checks). This
// module imports nothing of the app, so any module may read its settings here.

/**
 * Largest JSON body the admin routes take (MAX_BODY_BYTES). The body is parsed on the event
 * loop (~10 ms a MiB; a 9.5 MB one held it for 1.7 s on a loaded machine), and what the
 * document API accepts fits well within it: bodies of at most 100,000 characters
 * (src/search/limits.ts MAX_BODY_CHARS, at most ~400 kB as JSON). Larger documents go
 * through the indexer (records up to 10 MiB, --max-record-bytes). A body announced larger is
 * refused with a 413 before a byte of it is read.
 */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
/** Searches in flight towards Meilisearch (MEILI_CONCURRENCY): a few per core keeps it busy. */
export const DEFAULT_MEILI_CONCURRENCY = 8;

/** How long /suggest keeps short-prefix completions (SUGGEST_CACHE_SECONDS; src/search/completions.ts). */
export const DEFAULT_SUGGEST_CACHE_SECONDS = 60;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * LOG_LEVEL for the logger, which exists while modules load, before readEnv validates the
 * environment: an unknown level is info here, and readEnv then names LOG_LEVEL as invalid.
 */
export function logLevel(source: NodeJS.ProcessEnv = process.env): LogLevel {
  const level = source.LOG_LEVEL ?? '';
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info';
}

/**
 * ANALYSIS_CONFIG: the file of analysis chains, read while the analysis modules load (their
 * filters are built at import), so before readEnv runs. Unset or empty: config/languages.json.
 */
export function analysisConfigFile(source: NodeJS.ProcessEnv = process.env): string | undefined {
  return source.ANALYSIS_CONFIG || undefined;
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // Read by src/cluster/topology.ts (inline JSON or a file path); unset: one node. Set: cluster mode.
  MEILI_NODES: z.string().optional(),
  // Cluster mode: how often each node's /health is probed, and how long one probe may take.
  MEILI_NODE_PROBE_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  MEILI_NODE_PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(500),
  MEILI_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'letters, digits, - and _ only').default('documents'),
  MEILI_DATA_DIR: z.string().default('data/meili'),
  MEILISEARCH_BIN: z.string().optional(),
  MEILI_MAX_INDEXING_MEMORY: z.coerce.number().int().min(64 * 1024 * 1024).optional(),
  MEILI_MAX_INDEXING_THREADS: z.coerce.number().int().min(1).max(1024).optional(),
  MEILI_SEARCH_KEY: z.string().optional(),
  MEILI_ADMIN_KEY: z.string().optional(),
  MEILI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1500),
  MEILI_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(DEFAULT_MEILI_CONCURRENCY),
  SUGGEST_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_SUGGEST_CACHE_SECONDS),
  ADMIN_API_KEY: z.string().min(16, 'at least 16 characters').optional(),
  PUBLIC_API_KEY: z.string().min(8, 'at least 8 characters').optional(),
  CORS_ORIGINS: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  TRUST_PROXY: z.string().regex(/^(true|false|\d+|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)$/, 'true, false, a hop count, or addresses/subnets').optional(),
  NODE_ENV: z.string().optional(),
  WRITE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(DEFAULT_BODY_LIMIT),
  LOAD_SAMPLES: z.enum(['true', 'false']).default('true'),
  ANALYSIS_CONFIG: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Env = z.infer<typeof schema> & { dataDir: string; production: boolean };

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  if (!!data.MEILI_SEARCH_KEY !== !!data.MEILI_ADMIN_KEY) throw new Error('Invalid environment:\n  MEILI_SEARCH_KEY and MEILI_ADMIN_KEY go together');
  // Two ways to name Meilisearch would leave one silently unused.
  if (data.MEILI_NODES?.trim() && data.MEILI_URL) throw new Error('Invalid environment:\n  MEILI_NODES and MEILI_URL: set one (MEILI_NODES lists every node, with its URL)');
  return { ...data, dataDir: path.resolve(data.MEILI_DATA_DIR), production: data.NODE_ENV === 'production' };
}
