import path from 'node:path';
import { z } from 'zod';

// Every environment variable the service and the indexer read, in one place (the README's table mirrors it).
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'letters, digits, - and _ only').default('documents'),
  MEILI_DATA_DIR: z.string().default('data/meili'),
  MEILISEARCH_BIN: z.string().optional(),
  MEILI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  ADMIN_API_KEY: z.string().min(16, 'at least 16 characters').optional(),
  WRITE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  LOAD_SAMPLES: z.enum(['true', 'false']).default('true'),
  ANALYSIS_CONFIG: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.MEILI_DATA_DIR) };
}
