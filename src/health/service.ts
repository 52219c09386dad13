import type { Meilisearch } from 'meilisearch';
import { engineStatus, type EngineStatus, type HealthResponse, type ReadyResponse } from '../api/index.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { indexState } from '../meili/documents.ts';
import { MeiliRejectedError } from '../meili/errors.ts';

// Liveness and readiness: whether the process is up, and whether a search can be answered now
// (Meilisearch reachable, the index there, start-up work done, the embedded engine running).

export interface ReadinessContext {
  client: Meilisearch;
  indexUid: string;
  /** False until start-up work (settings, sample data) is done. */
  bootstrapped: () => boolean;
  /** The embedded engine's state, when the gateway runs one. */
  engine?: () => EngineStatus;
  /** Cluster mode: readiness comes from the nodes' health probes (taken every second anyway). */
  cluster?: Cluster;
}

/**
 * A cluster is ready while one node answers and the settings agree; `degraded` (still 200)
 * while some nodes are down, since searches then answer partial rather than fail.
 */
function clusterReadiness(cluster: Cluster, bootstrapped: boolean): ReadyResponse {
  const nodes = cluster.status();
  const missingNodes = nodes.filter((n) => !n.up).map((n) => n.node);
  const anyUp = missingNodes.length < nodes.length;
  const problem = cluster.refusal ?? (anyUp ? undefined : `no node answers (${missingNodes.join(', ')})`);
  const ready = bootstrapped && !problem;
  const status = !ready ? ('unavailable' as const) : missingNodes.length ? ('degraded' as const) : ('ready' as const);
  return { ready, status, meilisearch: anyUp, index: anyUp && !cluster.refusal, bootstrapped, nodes, ...(missingNodes.length ? { missingNodes } : {}), ...(problem ? { problem } : {}) };
}

/**
 * How long one readiness answer is reused. Orchestrators poll /ready unauthenticated, so a
 * flood of probes must not become a flood of Meilisearch calls: at most one per second.
 */
export const READY_CACHE_MS = 1000;

type Probe = { meilisearch: boolean; index: boolean; documents?: number };

async function probe(ctx: ReadinessContext): Promise<Probe> {
  try {
    const state = await indexState(ctx.client, ctx.indexUid);
    return { meilisearch: true, index: true, documents: state.documents };
  } catch (err) {
    return { meilisearch: err instanceof MeiliRejectedError && err.code === 'index_not_found', index: false };
  }
}

/**
 * One probe in flight at a time, its answer kept READY_CACHE_MS — but never across the end of
 * start-up: a probe taken before the samples were loaded would report an empty index as ready.
 */
function cachedProbe(ctx: ReadinessContext, now = () => Date.now()): () => Promise<Probe> {
  let last: { at: number; bootstrapped: boolean; value: Promise<Probe> } | undefined;
  return () => {
    const t = now();
    const bootstrapped = ctx.bootstrapped();
    if (!last || t - last.at >= READY_CACHE_MS || last.bootstrapped !== bootstrapped) last = { at: t, bootstrapped, value: probe(ctx) };
    return last.value;
  };
}

export interface HealthService {
  liveness(): HealthResponse;
  readiness(): Promise<ReadyResponse>;
}

export function healthService(ctx: ReadinessContext): HealthService {
  const readiness = cachedProbe(ctx);
  // Only the documented fields: the engine's loopback URL is nobody's business.
  const engineState = () => (ctx.engine ? engineStatus.parse(ctx.engine()) : undefined);
  return {
    liveness() {
      const engine = engineState();
      return { status: 'ok', ...(engine ? { engine } : {}) };
    },
    async readiness() {
      if (ctx.cluster) return clusterReadiness(ctx.cluster, ctx.bootstrapped());
      const engine = engineState();
      // An engine being restarted is not ready: no need to ask it.
      const state = engine && engine.state !== 'running' ? { meilisearch: false, index: false } : await readiness();
      const ready = state.meilisearch && state.index && ctx.bootstrapped();
      return { ready, ...(engine ? { engine } : {}), ...state, bootstrapped: ctx.bootstrapped() };
    },
  };
}
