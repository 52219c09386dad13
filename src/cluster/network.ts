// Meilisearch's Community `network` feature on every node of a cluster: each node knows itself
// and the others (with a search-only key each), which is what a federated multi-search with
// `federationOptions.remote` needs. `network.sharding` (Enterprise, BUSL) is never touched:
// placement.ts decides where documents live.
import type { Meilisearch } from 'meilisearch';
import { createClient, meiliCall } from '../meili/client.ts';
import { ensureKey, stableKeyUid } from '../meili/keys.ts';
import type { ClusterNode } from './topology.ts';

const ADMIN_TIMEOUT_MS = 30_000;

/** The uid of this node's network search key (stable: a restart finds it again). */
export function networkKeyUid(nodeName: string): string {
  return stableKeyUid(`turkce-search network search\u0000${nodeName}`);
}

/**
 * The search-only key other nodes use to query this one, made once. Search-only: a remote key
 * leaks through GET /network on every node.
 */
export async function ensureNetworkSearchKey(client: Meilisearch, nodeName: string): Promise<string> {
  const { key } = await ensureKey(client, {
    uid: networkKeyUid(nodeName),
    name: `turkce-search network (${nodeName})`,
    description: 'Search-only key the other nodes of the cluster use for federated search.',
    actions: ['search'],
    indexes: ['*'],
  });
  return key;
}

/** The PATCH /network body for one node: itself, every node as a remote, stale remotes removed. */
export function networkUpdate(
  self: string,
  nodes: readonly ClusterNode[],
  searchKeys: ReadonlyMap<string, string>,
  currentRemotes: readonly string[] = [],
): { self: string; remotes: Record<string, { url: string; searchApiKey: string } | null> } {
  const remotes: Record<string, { url: string; searchApiKey: string } | null> = {};
  for (const name of currentRemotes) remotes[name] = null;
  for (const n of nodes) {
    const searchApiKey = searchKeys.get(n.name);
    if (!searchApiKey) throw new Error(`no network search key for node ${n.name}`);
    remotes[n.name] = { url: n.url, searchApiKey };
  }
  return { self, remotes };
}

/**
 * Turns the `network` experimental feature on for every node and tells each the whole
 * topology. Idempotent: re-running after a restart or a node count change converges.
 */
export async function configureNetwork(nodes: readonly ClusterNode[]): Promise<void> {
  const clients = nodes.map((n) => createClient(n, ADMIN_TIMEOUT_MS));
  await Promise.all(clients.map((c) => meiliCall(() => c.updateExperimentalFeatures({ network: true }))));
  const keys = new Map<string, string>();
  await Promise.all(nodes.map(async (n, i) => keys.set(n.name, await ensureNetworkSearchKey(clients[i]!, n.name))));
  await Promise.all(
    nodes.map(async (n, i) => {
      const client = clients[i]!;
      const current = await meiliCall(() => client.getNetwork());
      await meiliCall(() => client.updateNetwork(networkUpdate(n.name, nodes, keys, Object.keys(current.remotes ?? {}))));
    }),
  );
}
