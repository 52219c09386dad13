import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { runIndexer } from '../indexer/pipeline.ts';
import { createApp } from './http/app.ts';
import type { RouteDef } from './http/route.ts';
import { documentRoutes } from './http/routes/documents.ts';
import { healthRoutes } from './http/routes/health.ts';
import { openApiRoute } from './http/routes/openapi.ts';
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
  /** Enables the document API; without it those routes answer 403. */
  adminKey?: string;
  /** How long a document write may take before the API answers 202. */
  writeTimeoutMs?: number;
  bodyLimitBytes?: number;
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
  const routes: RouteDef[] = [
    ...healthRoutes({ client: searchClient, indexUid: opts.indexUid, bootstrapped: () => bootstrapped }),
    ...searchRoutes({ client: searchClient, indexUid: opts.indexUid }),
    ...documentRoutes({ client: adminClient, indexUid: opts.indexUid, writeTimeoutMs: opts.writeTimeoutMs ?? 30_000 }),
  ];
  routes.push(openApiRoute(() => routes));
  const app = createApp(routes, { adminKey: opts.adminKey, bodyLimitBytes: opts.bodyLimitBytes });
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
