import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readEnv } from './env.ts';
import { createGateway, type GatewayTarget } from './gateway.ts';
import { dictionaryLoad, startDictionaryWorker } from './analysis/lang-dict.ts';
import { loadTurkishLexicon, queryMatcher, rewriteQuery } from './analysis/index.ts';
import { createHttpServer } from './http/listen.ts';
import { parseOrigins, parseTrustProxy } from './http/security.ts';
import { log } from './log.ts';
import { connectMeili, type MeiliConnection } from './engine/connect.ts';
import { loadTopology } from './cluster/topology.ts';

async function bootstrapWithRetry(run: () => Promise<void>, stopped: () => boolean): Promise<void> {
  for (let delay = 500; !stopped(); delay = Math.min(delay * 2, 10_000)) {
    try {
      await run();
      log.info('index ready');
      return;
    } catch (err) {
      log.warn({ err: (err as Error).message, retryInMs: delay }, 'index bootstrap failed; retrying');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function main(): Promise<void> {
  const env = readEnv();
  // Short queries are read with the hunspell dictionaries once loaded (seconds, in their own
  // thread, meanwhile the engine starts); /ready waits for them.
  const dictionaries = startDictionaryWorker({
    onLost: (err) => log.error({ err: err.message }, 'the query-language dictionaries stopped answering: short queries are read without them'),
  });
  dictionaries.then(
    () => log.info({ ms: Math.round(dictionaryLoad.ms) }, 'query-language dictionaries loaded'),
    (err: Error) => {
      log.fatal({ err: err.message }, 'cannot load the query-language dictionaries');
      process.exit(1);
    },
  );
  const topology = await loadTopology(env.MEILI_NODES);
  // Cluster mode: the nodes MEILI_NODES lists, reached with their own keys; no embedded engine.
  const conn: Pick<MeiliConnection, 'url' | 'key' | 'mode' | 'engine' | 'close'> =
    topology.mode === 'cluster' ? { url: topology.nodes[0]!.url, key: '', mode: 'external', close: async () => {} } : await connectMeili(env, 'service');
  // Scoped keys when given; else made from the master key at bootstrap; a keyless engine as it is.
  const target: GatewayTarget = topology.mode === 'cluster' ? { nodes: topology.nodes } :
    env.MEILI_SEARCH_KEY && env.MEILI_ADMIN_KEY
      ? { url: conn.url, searchKey: env.MEILI_SEARCH_KEY, adminKey: env.MEILI_ADMIN_KEY }
      : conn.key
        ? { url: conn.url, masterKey: conn.key }
        : { url: conn.url, key: '' };
  const gateway = createGateway(target, {
    indexUid: env.MEILI_INDEX,
    timeoutMs: env.MEILI_TIMEOUT_MS,
    meiliConcurrency: env.MEILI_CONCURRENCY,
    suggestCacheMs: env.SUGGEST_CACHE_SECONDS * 1000,
    loadSamples: env.LOAD_SAMPLES === 'true',
    adminKey: env.ADMIN_API_KEY,
    publicKey: env.PUBLIC_API_KEY,
    corsOrigins: parseOrigins(env.CORS_ORIGINS, env.production),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    writeTimeoutMs: env.WRITE_TIMEOUT_MS,
    bodyLimitBytes: env.MAX_BODY_BYTES,
    ...(conn.engine ? { engine: conn.engine.status } : {}),
    cluster: { probeEveryMs: env.MEILI_NODE_PROBE_MS, probeTimeoutMs: env.MEILI_NODE_PROBE_TIMEOUT_MS },
    warmUp: dictionaries,
  });
  conn.engine?.onUrlChange((url) => gateway.retarget(url));
  if (topology.mode === 'cluster') log.info({ nodes: topology.nodes.map((n) => n.name) }, 'cluster mode: searches use Meilisearch federation across the nodes');
  // The Turkish lexicon loads on first use (~0.3 s; a CPU profile showed it holding the loop in
  // the first search request): loaded before the port opens, no request waits on it.
  loadTurkishLexicon();
  // So is the rest of what a first query reads lazily (n-gram models, both chains' first calls).
  for (const q of ['belediye seçimleri', 'cumhurbaskani', 'elections results']) queryMatcher(rewriteQuery(q))('seçim', 'tr');
  let stopping = false;
  const server: Server = createHttpServer(gateway.app);
  server.listen(env.PORT, env.HOST, () => {
    const port = (server.address() as AddressInfo).port;
    log.info({ port, meilisearch: topology.mode === 'cluster' ? 'cluster' : conn.mode, index: env.MEILI_INDEX }, `listening on http://localhost:${port}`);
  });
  server.on('error', (err) => {
    log.fatal({ err: err.message }, 'cannot listen');
    void conn.close().finally(() => process.exit(1));
  });
  // Serve /health at once; /ready turns true when settings and samples are in place.
  void bootstrapWithRetry(() => gateway.bootstrap(), () => stopping);

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close();
    server.closeIdleConnections();
    gateway.close();
    void conn.close().finally(() => process.exit(0));
  };
  // npm and service managers send SIGTERM, a terminal SIGINT, a closed terminal SIGHUP.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
}

main().catch((err: Error) => {
  log.fatal({ err: err.message }, 'cannot start');
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
