import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { Meilisearch } from 'meilisearch';
import { createApp, type AppOptions } from './http/app.ts';
import type { RouteDef } from './http/route.ts';
import { documentRoutes } from './http/routes/documents.ts';
import type { EngineStatus } from './api/index.ts';
import { healthRoutes } from './http/routes/health.ts';
import { instantSearchRoutes } from './http/routes/instantsearch.ts';
import { openApiRoute } from './http/routes/openapi.ts';
import { searchRoutes } from './http/routes/search.ts';
import { createCompletionCache } from './search/completions.ts';
import type { SearchContext } from './search/service.ts';
import { warmCompletions } from './search/suggest.ts';
import { widgetRoutes } from './http/routes/widget.ts';
import { DEFAULT_MEILI_CONCURRENCY, DEFAULT_SUGGEST_CACHE_SECONDS } from './env.ts';
import { log } from './log.ts';
import { Breaker } from './meili/breaker.ts';
import { Limiter } from './meili/limiter.ts';
import { createClient, meiliCall } from './meili/client.ts';
import { Cluster, type ClusterOptions } from './cluster/cluster.ts';
import { placeKey } from './cluster/placement.ts';
import { checkSettings } from './cluster/settings.ts';
import type { ClusterNode } from './cluster/topology.ts';
import { countDocuments } from './meili/documents.ts';
import { MeiliRejectedError, MeiliUnavailableError } from './meili/errors.ts';
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
  | { url: string; key: string }
  | { nodes: readonly ClusterNode[] };

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
  /** How long /suggest keeps a one- or two-letter first word's term completions (src/search/completions.ts); 0: not kept. Default DEFAULT_SUGGEST_CACHE_SECONDS. */
  suggestCacheMs?: number;
  /** From how many documents bootstrap asks for those completions ahead (warmCompletions). Default WARM_COMPLETIONS_FROM. */
  warmCompletionsFrom?: number;
  /** The embedded engine's state for /health and /ready, when this process runs one. */
  engine?: () => EngineStatus;
  /** Cluster mode: how often and how patiently each node's /health is probed. */
  cluster?: ClusterOptions;
  /** Start-up work of the process that /ready waits for besides bootstrap (the server's query-language dictionaries). */
  warmUp?: PromiseLike<unknown>;
}


export interface Gateway {
  app: Express;
  /** Keys, settings, then sample data on an empty index; retried by the caller until it succeeds. */
  bootstrap(): Promise<void>;
  /** Meilisearch moved (an embedded engine restarted on another port): the same keys, a new URL. */
  retarget(url: string): void;
  /** Cluster mode: the nodes' health and the searches' federation. */
  cluster?: Cluster;
  /** Stops background work (the cluster's health probes, the completions asked ahead). */
  close(): void;
  /** The completions bootstrap asks for ahead, once asked: how many were kept (0 when none were asked). */
  completionsWarmed(): Promise<number>;
}

/** How often a gateway refusing a cluster (settings differ) reads the nodes' settings again. */
const SETTINGS_RECHECK_MS = 5000;
/**
 * Below this many documents a one-letter completion costs Meilisearch a few ms at most, and
 * asking all 712 ahead would only add start-up work (tests start dozens of small gateways).
 */
const WARM_COMPLETIONS_FROM = 10_000;

/** Creates the index (with the project's settings) on the nodes that do not have it yet. */
async function ensureIndexWhereMissing(nodes: readonly ClusterNode[], uid: string): Promise<void> {
  await Promise.all(
    nodes.map(async (n) => {
      const client = createClient(n, 10_000);
      try {
        await meiliCall(() => client.index(uid).getRawInfo());
      } catch (err) {
        if (err instanceof MeiliRejectedError && err.code === 'index_not_found') await ensureIndex(client, uid);
        else throw err;
      }
    }),
  );
}

async function clusterEmpty(nodes: readonly ClusterNode[], uid: string): Promise<boolean> {
  const counts = await Promise.all(nodes.map((n) => countDocuments(createClient(n, 10_000), uid)));
  return counts.every((c) => c === 0);
}

export function createGateway(target: GatewayTarget, opts: GatewayOptions): Gateway {
  // Built once: the hot path reuses these clients and their keep-alive connections.
  const clients: { search?: Meilisearch; admin?: Meilisearch; ops?: Meilisearch; probe?: Meilisearch; documents?: Meilisearch } = {};
  const limiter = new Limiter(opts.meiliConcurrency ?? DEFAULT_MEILI_CONCURRENCY);
  // Open while Meilisearch is down; its probe is a real (empty) search on a client without the breaker.
  const breaker = new Breaker(async () => {
    await multiSearch(clients.probe!, [{ indexUid: opts.indexUid, q: '', limit: 0 }]);
    return true;
  });
  let url = 'url' in target ? target.url : target.nodes[0]!.url;
  let keys: { search: string; admin: string } | undefined;
  const cluster = 'nodes' in target ? new Cluster(target.nodes, opts.cluster) : undefined;
  // Per node, for the document API: each document is written, read and deleted on its own node.
  // With the cluster attached: a search made through one (the /stats language counts) is federated.
  const nodeClients = new Map(cluster?.nodes.map((n) => [n.name, createClient(n, 10_000, undefined, cluster)]));
  const connect = (searchKey: string, adminKey: string) => {
    keys = { search: searchKey, admin: adminKey };
    // On a cluster these clients talk to the first node; their searches go to the federation.
    clients.search = createClient({ url, key: searchKey }, opts.timeoutMs, { breaker, limiter }, cluster);
    clients.probe = createClient({ url, key: searchKey }, opts.timeoutMs, undefined, cluster);
    // Searches read a body past its stored head with this one: the search key may not read
    // documents. A cluster reads it on the document's own node instead (bodyClients, below).
    if (!cluster) clients.documents = createClient({ url, key: adminKey }, opts.timeoutMs, { breaker, limiter });
    // Writes wait for their task by polling, so no single request needs long; /ready must be quick.
    clients.admin = createClient({ url, key: adminKey }, 10_000);
    clients.ops = createClient({ url, key: adminKey }, opts.timeoutMs);
  };
  if ('key' in target) connect(target.key, target.key);
  if ('searchKey' in target) connect(target.searchKey, target.adminKey);
  // Cluster nodes are reached with the keys MEILI_NODES gives (never shown, never proxied).
  if ('nodes' in target) connect(target.nodes[0]!.key, target.nodes[0]!.key);
  const shard = cluster && {
    home: (pk: string) => {
      const node = cluster.homeOf(pk);
      return { node: node.name, client: nodeClients.get(node.name)! };
    },
    all: () => cluster.all().map((n) => ({ node: n.name, client: nodeClients.get(n.name)! })),
  };
  const healthyOps = (): Meilisearch => {
    const node = cluster!.up()[0];
    if (!node) throw new MeiliUnavailableError(`no cluster node answers (${cluster!.down().join(', ')})`);
    return nodeClients.get(node.name)!;
  };
  /** Re-reads every healthy node's settings: differing ones make the gateway refuse to serve. */
  const checkClusterSettings = async () => {
    if (!cluster) return;
    const report = await checkSettings(cluster.up(), opts.indexUid);
    const before = cluster.refusal;
    cluster.refusal = report.differing.length ? `index settings differ on ${report.differing.join(', ')}` : undefined;
    if (cluster.refusal && cluster.refusal !== before) log.error({ differing: report.differing }, 'cluster nodes have different index settings: refusing to serve');
    if (!cluster.refusal && before) log.info('cluster nodes have the same index settings again: serving');
  };
  const recheck = () => void checkClusterSettings().catch((err: Error) => log.warn({ err: err.message }, 'cluster settings check failed'));
  let refusalRecheck: NodeJS.Timeout | undefined;
  if (cluster) {
    // A node back from an outage may come back with other settings (restored from elsewhere).
    cluster.onNodeBack = recheck;
    // While refusing, look again now and then: the refusal lifts once someone fixes the settings.
    refusalRecheck = setInterval(() => cluster.refusal && recheck(), SETTINGS_RECHECK_MS);
    refusalRecheck.unref();
  }
  // Until bootstrap has made the scoped keys, Meilisearch calls answer 503.
  const need = (which: 'search' | 'admin' | 'ops' | 'documents') => (): Meilisearch => {
    const client = clients[which];
    if (!client) throw new MeiliUnavailableError('the gateway is still starting');
    return client;
  };
  const searchClient = need('search');
  const adminClient = need('admin');
  const opsClient = need('ops');

  // A snippet whose match lies past the body's head reads the body: with the admin key (the
  // search key may only search; POST /documents/fetch needs documents.get), on a cluster from the
  // document's own node, within the search deadline.
  // Guarded as the single node's is: the same limiter (calls to Meilisearch at once) and a
  // breaker per node (one node's outage must not fail fast the others' reads), closed again
  // when that node's /health answers.
  const bodyClients = new Map(
    cluster?.nodes.map((n) => {
      const health = createClient(n, opts.timeoutMs);
      const nodeBreaker = new Breaker(async () => {
        await meiliCall(() => health.health());
        return true;
      });
      return [n.name, createClient(n, opts.timeoutMs, { breaker: nodeBreaker, limiter })];
    }),
  );
  const documentsClient = (pk: string): Meilisearch => (cluster ? bodyClients.get(placeKey(pk, cluster.names))! : need('documents')());

  let bootstrapped = false;
  const closed = new AbortController();
  const searchCtx: SearchContext = { get client() { return searchClient(); }, indexUid: opts.indexUid, documents: documentsClient, completions: createCompletionCache(opts.suggestCacheMs ?? DEFAULT_SUGGEST_CACHE_SECONDS * 1000) };
  /**
   * After bootstrap, not awaited (/ready does not wait for it; a failure only logs), on an index
   * of `documents` (counted by bootstrap, so that a small one makes no request after it).
   */
  const warm = async (documents: number) => {
    if (!searchCtx.completions) return 0;
    const from = opts.warmCompletionsFrom ?? WARM_COMPLETIONS_FROM;
    if (documents < from) {
      log.info({ documents, from }, 'short-prefix completions not asked ahead');
      return 0;
    }
    const started = performance.now();
    const kept = await warmCompletions(searchCtx, closed.signal);
    log.info({ kept, ms: Math.round(performance.now() - started) }, 'short-prefix completions asked ahead');
    return kept;
  };
  let warmed: Promise<number> = Promise.resolve(0);
  const routes: RouteDef[] = [
    ...healthRoutes({ get client() { return opsClient(); }, indexUid: opts.indexUid, bootstrapped: () => bootstrapped, engine: opts.engine, cluster }),
    ...searchRoutes(searchCtx),
    ...instantSearchRoutes({
      get client() {
        return searchClient();
      },
      // On a cluster, read-only calls go to a node that answered its last probe.
      get ops() {
        return cluster ? healthyOps() : opsClient();
      },
      ...(cluster ? { allOps: () => cluster.all().map((n) => nodeClients.get(n.name)!) } : {}),
      indexUid: opts.indexUid,
    }),
    ...documentRoutes({ get client() { return cluster ? healthyOps() : adminClient(); }, indexUid: opts.indexUid, writeTimeoutMs: opts.writeTimeoutMs ?? 30_000, ...(shard ? { shard } : {}) }),
    ...widgetRoutes({ publicKey: opts.publicKey }),
  ];
  routes.push(openApiRoute(() => routes));
  const app = createApp(routes, opts);
  return {
    app,
    cluster,
    close: () => {
      cluster?.stop();
      clearInterval(refusalRecheck);
      closed.abort();
    },
    completionsWarmed: () => warmed,
    async bootstrap() {
      if (cluster) {
        await cluster.start();
        // A fresh node gets the index with the project's settings; an existing one is only checked.
        await ensureIndexWhereMissing(cluster.up(), opts.indexUid);
        await checkClusterSettings();
        // Samples only into a whole, empty cluster: with a node down its share would be lost.
        if (opts.loadSamples && !cluster.refusal && cluster.down().length === 0 && (await clusterEmpty(cluster.nodes, opts.indexUid))) {
          const { runIndexer } = await import('../indexer/pipeline.ts');
          const summary = await runIndexer({ paths: [SAMPLES_DIR], client: clients.admin!, indexUid: opts.indexUid, nodes: cluster.nodes });
          log.info({ indexed: summary.indexed, failed: summary.failed }, 'empty cluster: loaded the sample documents, each on its node');
        }
        await opts.warmUp;
        bootstrapped = true;
        return;
      }
      if ('masterKey' in target && !clients.admin) {
        const master = createClient({ url, key: target.masterKey }, 10_000);
        const keys = await ensureScopedKeys(master, opts.indexUid);
        connect(keys.search, keys.admin);
      }
      await ensureIndex(clients.admin!, opts.indexUid);
      const documents = opts.loadSamples || searchCtx.completions ? await countDocuments(clients.admin!, opts.indexUid) : 0;
      if (opts.loadSamples && documents === 0) {
        // Loaded only here: the readers of Markdown, HTML and front matter cost ~0.3 s of CPU at
        // every start, and only a gateway on an empty index needs them.
        const { runIndexer } = await import('../indexer/pipeline.ts');
        const summary = await runIndexer({ paths: [SAMPLES_DIR], client: clients.admin!, indexUid: opts.indexUid });
        log.info({ indexed: summary.indexed, failed: summary.failed }, 'empty index: loaded the sample documents');
      }
      await opts.warmUp;
      bootstrapped = true;
      warmed = warm(documents).catch((err: Error) => {
        log.warn({ err: err.message }, 'short-prefix completions not asked ahead');
        return 0;
      });
    },
    retarget(next) {
      url = next;
      if (keys) connect(keys.search, keys.admin);
    },
  };
}
