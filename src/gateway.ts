import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { runIndexer } from '../indexer/pipeline.ts';
import { createApp } from './http/app.ts';
import { healthRoutes } from './http/routes/health.ts';
import { searchRoutes } from './http/routes/search.ts';
import { log } from './log.ts';
import { createClient, type MeiliTarget } from './meili/client.ts';
import { countDocuments } from './meili/documents.ts';
import { ensureIndex } from './meili/settings.ts';

export const SAMPLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'config', 'samples');

export interface GatewayOptions {
  indexUid: string;
  /** Per-request timeout towards Meilisearch on the search path. */
  timeoutMs: number;
  /** Index the bundled sample documents when the index is empty. */
  loadSamples: boolean;
}

export interface Gateway {
  app: Express;
  /** Settings, then sample data on an empty index; retried by the caller until it succeeds. */
  bootstrap(): Promise<void>;
}

export function createGateway(target: MeiliTarget, opts: GatewayOptions): Gateway {
  // Built once: the hot path reuses these clients and their keep-alive connections.
  const searchClient = createClient(target, opts.timeoutMs);
  const adminClient = createClient(target, 60_000);
  let bootstrapped = false;
  const app = createApp([
    ...healthRoutes({ client: searchClient, indexUid: opts.indexUid, bootstrapped: () => bootstrapped }),
    ...searchRoutes({ client: searchClient, indexUid: opts.indexUid }),
  ]);
  return {
    app,
    async bootstrap() {
      await ensureIndex(adminClient, opts.indexUid);
      if (opts.loadSamples && (await countDocuments(adminClient, opts.indexUid)) === 0) {
        const summary = await runIndexer({ paths: [SAMPLES_DIR], client: adminClient, indexUid: opts.indexUid });
        log.info({ indexed: summary.indexed, failed: summary.failed }, 'empty index: loaded the sample documents');
      }
      bootstrapped = true;
    },
  };
}
