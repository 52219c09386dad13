// The gateway's view of a cluster: which nodes answer now, and searches sent through
// Meilisearch's own network federation (POST /multi-search with `federation` and one query per
// node with `federationOptions.remote`) to ONE healthy node, which merges the nodes' hits.
//
// Meilisearch reports a down remote at once (`remoteErrors`) but waits ~5 s for a hung one
// (`remote_timeout`, measured: tests/fixtures/cluster/payloads.json). The gateway keeps its own
// deadline by being health-aware rather than by merging: it probes every node's /health each
// second with a short timeout and leaves out of the federation the nodes that are down (two
// failed probes in a row, or one taken because a search just failed on them); the answer then
// says `partial: true` and names them. A node that hangs between two probes makes the federated
// request pass its share of the deadline: the request is aborted, every node it involved is
// probed at once, and it is asked again once, without the nodes that failed that probe.
import type { MultiSearchQuery } from 'meilisearch';
import { log } from '../log.ts';
import { MeiliAnswerTooLargeError, MeiliError, MeiliRejectedError, MeiliUnavailableError } from '../meili/errors.ts';
import type { SearchFederation } from '../meili/client.ts';
import { postJson } from '../meili/http.ts';
import { adaptNetworkResponse, networkRequest, type MergedResult, type NodeResult } from './federated.ts';
import { placeKey } from './placement.ts';
import type { ClusterNode } from './topology.ts';

export interface ClusterOptions {
  /** How often each node's /health is probed. */
  probeEveryMs?: number;
  /** How long one probe may take before the node counts as down. */
  probeTimeoutMs?: number;
}

export interface NodeHealth {
  node: string;
  up: boolean;
  /** Why the last probe failed. */
  error?: string;
}

/** Raised when a document's node is down: the HTTP layer answers 503 naming it. */
export class NodeDownError extends MeiliUnavailableError {
  override name = 'NodeDownError';
  constructor(readonly nodes: string[]) {
    super(`node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')} ${nodes.length > 1 ? 'are' : 'is'} unavailable`);
  }
}

/**
 * Raised while the nodes' index settings differ: nothing is served (503 naming them). Not an
 * unavailability: the search breaker must not open on it and hide the reason.
 */
export class SettingsMismatchError extends MeiliError {
  override name = 'SettingsMismatchError';
}

/** A Meilisearch federated answer (one query across remotes). */
type NetworkAnswer = NodeResult & { remoteErrors?: Record<string, { message?: string; code?: string }> };

/** Share of the deadline the first federated attempt gets; the probe and the retry share the rest. */
const FIRST_ATTEMPT_SHARE = 0.6;

export class Cluster implements SearchFederation {
  readonly names: string[];
  private readonly health = new Map<string, NodeHealth>();
  /** Failed probes in a row, per node. */
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  /** Set when the nodes' settings differ: every search and write is refused with it. */
  refusal: string | undefined;
  /** Called when a node answers again after failing (the gateway re-checks its settings then). */
  onNodeBack: ((node: string) => void) | undefined;
  private readonly probeEveryMs: number;
  private readonly probeTimeoutMs: number;

  constructor(
    readonly nodes: readonly ClusterNode[],
    opts: ClusterOptions = {},
  ) {
    this.names = nodes.map((n) => n.name);
    this.probeEveryMs = opts.probeEveryMs ?? 1000;
    this.probeTimeoutMs = opts.probeTimeoutMs ?? 500;
    // Unknown until the first probe: tried rather than refused.
    for (const n of nodes) this.health.set(n.name, { node: n.name, up: true });
  }

  /** Starts the probes (the first one at once); they never keep the process alive. */
  start(): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.probe(), this.probeEveryMs);
      this.timer.unref();
    }
    return this.probe();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  node(name: string): ClusterNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  status(): NodeHealth[] {
    return this.names.map((n) => ({ ...this.health.get(n)! }));
  }

  up(): ClusterNode[] {
    return this.nodes.filter((n) => this.health.get(n.name)!.up);
  }

  down(): string[] {
    return this.names.filter((n) => !this.health.get(n)!.up);
  }

  /**
   * Probes nodes (default: all). A scheduled probe calls a node down only at its second failure
   * in a row: a gateway whose event loop stalled (a long synchronous task) sees every probe
   * time out at once, and must not drop every node for it. `suspect` probes (a search just
   * failed, hung or got a remote error from these nodes) call it down at the first failure.
   * `timeoutMs` bounds a probe made inside a search's deadline.
   */
  async probe(names: readonly string[] = this.names, opts: { suspect?: boolean; timeoutMs?: number } = {}): Promise<void> {
    // AbortSignal.timeout wants a whole number of ms (it threw on 698.5: every probe failed).
    const timeoutMs = Math.max(1, Math.floor(Math.min(opts.timeoutMs ?? this.probeTimeoutMs, this.probeTimeoutMs)));
    await Promise.all(
      names.map(async (name) => {
        const node = this.node(name);
        let error: string | undefined;
        try {
          const res = await fetch(`${node.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
          await res.body?.cancel();
          if (!res.ok) error = `health answered ${res.status}`;
        } catch (err) {
          error = (err as Error).name === 'TimeoutError' ? `no health answer within ${timeoutMs} ms` : (err as Error).message;
        }
        this.mark(name, error, opts.suspect ?? false);
      }),
    );
  }

  private mark(name: string, error: string | undefined, suspect: boolean): void {
    const was = this.health.get(name)!;
    const failures = error ? (this.failures.get(name) ?? 0) + 1 : 0;
    this.failures.set(name, failures);
    const up = !error || (was.up && !suspect && failures < 2);
    if (was.up && !up) log.warn({ node: name, reason: error }, 'cluster node down: left out of searches');
    this.health.set(name, { node: name, up, ...(error ? { error } : {}) });
    if (!was.up && up) {
      log.info({ node: name }, 'cluster node back: searched again');
      this.onNodeBack?.(name);
    }
  }

  /** The node holding a primary key; throws NodeDownError when its last probe failed. */
  homeOf(pk: string): ClusterNode {
    this.assertServing();
    const node = this.node(placeKey(pk, this.names));
    if (!this.health.get(node.name)!.up) throw new NodeDownError([node.name]);
    return node;
  }

  /** Every node, for calls that need them all; throws NodeDownError naming those down. */
  all(): readonly ClusterNode[] {
    this.assertServing();
    const down = this.down();
    if (down.length) throw new NodeDownError(down);
    return this.nodes;
  }

  assertServing(): void {
    if (this.refusal) throw new SettingsMismatchError(`refusing to serve: ${this.refusal}`);
  }

  /** Round-robin over the healthy nodes: each takes its turn merging. */
  private coordinator(live: readonly ClusterNode[]): ClusterNode {
    return live[this.next++ % live.length]!;
  }

  /**
   * Runs `send` against one healthy node (the coordinator) with the healthy nodes as the
   * federation, within `deadline` (epoch ms). If it fails or passes its share of the deadline,
   * the nodes it involved are probed now and it is sent once more without those that failed.
   */
  async federate<T>(deadline: number, send: (coordinator: ClusterNode, live: readonly ClusterNode[], left: string[], signal: AbortSignal) => Promise<T>): Promise<T> {
    this.assertServing();
    const attempt = (live: readonly ClusterNode[], until: number) => {
      if (live.length === 0) throw new MeiliUnavailableError(`no cluster node answers (${this.down().join(', ')})`);
      const left = this.names.filter((n) => !live.some((l) => l.name === n));
      return send(this.coordinator(live), live, left, AbortSignal.timeout(Math.max(1, until - Date.now())));
    };
    const live = this.up();
    const first = Math.max(1, Math.floor((deadline - Date.now()) * FIRST_ATTEMPT_SHARE));
    try {
      return await attempt(live, Math.min(deadline, Date.now() + first));
    } catch (err) {
      // The client's fault, not a node's: no probe, no second ask.
      if ((err instanceof MeiliRejectedError && err.status === 400) || err instanceof MeiliAnswerTooLargeError) throw err;
      // Something hung or refused: find out what now, then ask once without it.
      log.warn({ reason: (err as Error).message, nodes: live.map((n) => n.name) }, 'federated search failed: probing its nodes and asking again');
      // Half of what is left for the probes, half for the re-ask.
      await this.probe(live.map((n) => n.name), { suspect: true, timeoutMs: (deadline - Date.now()) / 2 });
      return attempt(this.up(), deadline);
    }
  }

  /** Nodes Meilisearch could not reach are probed now rather than at the next tick; returns them with those left out. */
  private missing(left: readonly string[], remoteErrors: Record<string, unknown> | undefined): string[] {
    const errors = Object.keys(remoteErrors ?? {});
    if (errors.length) void this.probe(errors.filter((n) => this.names.includes(n)), { suspect: true });
    return [...new Set([...left, ...errors])].sort();
  }

  /**
   * Each query of the batch as one federated search over the healthy nodes (Meilisearch 1.21
   * takes one federation per request: the queries go in parallel to the same node). Answers in
   * the single-node shape, with `partial`/`missingNodes` when a node was left out or Meilisearch
   * reported it in `remoteErrors`.
   */
  multiSearch(queries: readonly MultiSearchQuery[], deadline: number, maxBytes?: number): Promise<MergedResult[]> {
    return this.federate(deadline, (coordinator, live, left, signal) =>
      Promise.all(
        queries.map(async (q) => {
          const res = await postJson<NetworkAnswer>(coordinator.url, coordinator.key, '/multi-search', networkRequest(q, live), signal, maxBytes);
          const out = adaptNetworkResponse(q, { ...res, remoteErrors: undefined });
          const missing = this.missing(left, res.remoteErrors);
          if (missing.length) Object.assign(out, { partial: true, missingNodes: missing });
          return out;
        }),
      ),
    );
  }

  /**
   * A client's own federated search (several queries merged into one list) across the nodes:
   * each query asked of every healthy node, `_federation.queriesPosition` mapped back to the
   * client's query.
   */
  federatedSearch<R extends { hits: { _federation?: { queriesPosition: number } }[] }>(
    federation: Record<string, unknown>,
    queries: readonly (MultiSearchQuery & { federationOptions?: Record<string, unknown> })[],
    deadline: number,
    maxBytes?: number,
  ): Promise<R & { partial?: true; missingNodes?: string[] }> {
    return this.federate(deadline, async (coordinator, live, left, signal) => {
      const body = {
        federation,
        queries: queries.flatMap((q) => live.map((n) => ({ ...q, federationOptions: { ...q.federationOptions, remote: n.name } }))),
      };
      const res = await postJson<R & { remoteErrors?: Record<string, unknown> }>(coordinator.url, coordinator.key, '/multi-search', body, signal, maxBytes);
      for (const h of res.hits) if (h._federation) h._federation.queriesPosition = Math.floor(h._federation.queriesPosition / live.length);
      const missing = this.missing(left, res.remoteErrors);
      delete res.remoteErrors;
      return missing.length ? { ...res, partial: true as const, missingNodes: missing } : res;
    });
  }

  /**
   * Facet search across the nodes. Meilisearch 1.21's network does not federate facet search
   * (remote facet search came in 1.44), so this one call is a fan-out: each healthy node's
   * values, counts summed per value, most frequent first; a node that fails or passes the
   * deadline is left out.
   */
  async facetSearch(uid: string, params: Record<string, unknown>, deadline: number): Promise<{ facetHits: { value: string; count: number }[]; missingNodes: string[] }> {
    this.assertServing();
    const live = this.up();
    if (live.length === 0) throw new MeiliUnavailableError(`no cluster node answers (${this.down().join(', ')})`);
    const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    const answers = await Promise.allSettled(
      live.map((n) => postJson<{ facetHits: { value: string; count: number }[] }>(n.url, n.key, `/indexes/${encodeURIComponent(uid)}/facet-search`, params, signal)),
    );
    const rejected = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected' && a.reason instanceof MeiliRejectedError && a.reason.status === 400);
    if (rejected) throw rejected.reason;
    const failed = live.filter((_, i) => answers[i]!.status === 'rejected').map((n) => n.name);
    if (failed.length === live.length) throw new MeiliUnavailableError(`no cluster node answered the facet search (${failed.join(', ')})`);
    if (failed.length) void this.probe(failed, { suspect: true });
    const counts = new Map<string, number>();
    for (const a of answers) if (a.status === 'fulfilled') for (const h of a.value.facetHits) counts.set(h.value, (counts.get(h.value) ?? 0) + h.count);
    const facetHits = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return { facetHits, missingNodes: [...this.down(), ...failed].filter((n, i, all) => all.indexOf(n) === i).sort() };
  }
}
