import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { Meilisearch } from 'meilisearch';
import { runIndexer } from '../indexer/pipeline.ts';
import { createApp, type AppOptions } from './http/app.ts';
import type { RouteDef } from './http/route.ts';
import { documentRoutes } from './http/routes/documents.ts';
import type { EngineStatus } from './api/index.ts';
import { healthRoutes } from './http/routes/health.ts';
import { instantSearchRoutes } from './http/routes/instantsearch.ts';
import { openApiRoute } from './http/routes/openapi.ts';
import { searchRoutes } from './http/routes/search.ts';
import { widgetRoutes } from './http/routes/widget.ts';
import { DEFAULT_MEILI_CONCURRENCY } from './env.ts';
import { log } from './log.ts';
import { Breaker } from './meili/breaker.ts';
import { Limiter } from './meili/limiter.ts';
import { createClient } from './meili/client.ts';
import { countDocuments } from './meili/documents.ts';
import { MeiliUnavailableError } from './meili/errors.ts';
import { ensureScopedKeys } from './meili/keys.ts';
import { multiSearch } from './meili/search.ts';
import { ensureIndex } from './meili/settings.ts';

export const SAMPLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'config', 'samples');

/**
 * How the gateway reaches Meilisearch: with its two scoped keys, with the master key (it
 * then makes scoped keys at bootstrap and keeps only those), or with one key for every
 * call (a Meilisearch without keys, or tests).
 */
export type GatewayTarget =
  | { url: string; searchKey: string; adminKey: string }
  | { url: string; masterKey: string }
  | { url: string; key: string };

export interface GatewayOptions extends Omit<AppOptions, 'adminKey'> {
  indexUid: string;
  /** Per-request timeout towards Meilisearch on the search path. */
  timeoutMs: number;
  /** Index the bundled sample documents when the index is empty. */
  loadSamples: boolean;
  /** ADMIN_API_KEY: enables the document API; without it those routes answer 403. */
  adminKey?: string;
  /** How long a document write may take before the API answers 202. */
  writeTimeoutMs?: number;
  /** Searches sent to Meilisearch at once; more wait their turn (within timeoutMs). */
  meiliConcurrency?: number;
  /** The embedded engine's state for /health and /ready, when this process runs one. */
  engine?: () => EngineStatus;
}


export interface Gateway {
  app: Express;
  /** Keys, settings, then sample data on an empty index; retried by the caller until it succeeds. */
  bootstrap(): Promise<void>;
  /** Meilisearch moved (an embedded engine restarted on another port): the same keys, a new URL. */
  retarget(url: string): void;
}

export function createGateway(target: GatewayTarget, opts: GatewayOptions): Gateway {
  // Built once: the hot path reuses these clients and their keep-alive connections.
  const clients: { search?: Meilisearch; admin?: Meilisearch; ops?: Meilisearch; probe?: Meilisearch } = {};
  const limiter = new Limiter(opts.meiliConcurrency ?? DEFAULT_MEILI_CONCURRENCY);
  // Open while Meilisearch is down; its probe is a real (empty) search on a client without the breaker.
  const breaker = new Breaker(async () => {
    await multiSearch(clients.probe!, [{ indexUid: opts.indexUid, q: '', limit: 0 }]);
    return true;
  });
  let url = target.url;
  let keys: { search: string; admin: string } | undefined;
  const connect = (searchKey: string, adminKey: string) => {
    keys = { search: searchKey, admin: adminKey };
    clients.search = createClient({ url, key: searchKey }, opts.timeoutMs, { breaker, limiter });
    clients.probe = createClient({ url, key: searchKey }, opts.timeoutMs);
    // Writes wait for their task by polling, so no single request needs long; /ready must be quick.
    clients.admin = createClient({ url, key: adminKey }, 10_000);
    clients.ops = createClient({ url, key: adminKey }, opts.timeoutMs);
  };
  if ('key' in target) connect(target.key, target.key);
  if ('searchKey' in target) connect(target.searchKey, target.adminKey);
  // Until bootstrap has made the scoped keys, Meilisearch calls answer 503.
  const need = (which: 'search' | 'admin' | 'ops') => (): Meilisearch => {
    const client = clients[which];
    if (!client) throw new MeiliUnavailableError('the gateway is still starting');
    return client;
  };
  const searchClient = need('search');
  const adminClient = need('admin');
  const opsClient = need('ops');

  let bootstrapped = false;
  const routes: RouteDef[] = [
    ...healthRoutes({ get client() { return opsClient(); }, indexUid: opts.indexUid, bootstrapped: () => bootstrapped, engine: opts.engine }),
    ...searchRoutes({ get client() { return searchClient(); }, indexUid: opts.indexUid }),
    ...instantSearchRoutes({ get client() { return searchClient(); }, get ops() { return opsClient(); }, indexUid: opts.indexUid }),
    ...documentRoutes({ get client() { return adminClient(); }, indexUid: opts.indexUid, writeTimeoutMs: opts.writeTimeoutMs ?? 30_000 }),
    ...widgetRoutes({ publicKey: opts.publicKey }),
  ];
  routes.push(openApiRoute(() => routes));
  const app = createApp(routes, opts);
  return {
    app,
    async bootstrap() {
      if ('masterKey' in target && !clients.admin) {
        const master = createClient({ url, key: target.masterKey }, 10_000);
        const keys = await ensureScopedKeys(master, opts.indexUid);
        connect(keys.search, keys.admin);
      }
      await ensureIndex(clients.admin!, opts.indexUid);
      if (opts.loadSamples && (await countDocuments(clients.admin!, opts.indexUid)) === 0) {
        const summary = await runIndexer({ paths: [SAMPLES_DIR], client: clients.admin!, indexUid: opts.indexUid });
        log.info({ indexed: summary.indexed, failed: summary.failed }, 'empty index: loaded the sample documents');
      }
      bootstrapped = true;
    },
    retarget(next) {
      url = next;
      if (keys) connect(keys.search, keys.admin);
    },
  };
}
