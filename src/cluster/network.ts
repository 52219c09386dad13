// Meilisearch's Community `network` feature on every node of a cluster: each node knows itself
// and the others (with a search-only key each), which is what a federated multi-search with
// `federationOptions.remote` needs. `network.sharding` (Enterprise, BUSL) is never touched:
// placement.ts decides where documents live.
import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import { createClient, meiliCall } from '../meili/client.ts';
import { MeiliRejectedError } from '../meili/errors.ts';
import type { ClusterNode } from './topology.ts';

const ADMIN_TIMEOUT_MS = 30_000;

/** A stable UUID (version-4 shaped, which Meilisearch wants) for this node's network search key. */
export function networkKeyUid(nodeName: string): string {
  const h = createHash('sha256').update(`turkce-search network search\u0000${nodeName}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The search-only key other nodes use to query this one, made once (stable uid: a restart
 * finds it again). Search-only: a remote key leaks through GET /network on every node.
 */
export async function ensureNetworkSearchKey(client: Meilisearch, nodeName: string): Promise<string> {
  const uid = networkKeyUid(nodeName);
  try {
    return (await meiliCall(() => client.getKey(uid))).key;
  } catch (err) {
    if (!(err instanceof MeiliRejectedError && err.code === 'api_key_not_found')) throw err;
  }
  const key = await meiliCall(() =>
    client.createKey({
      uid,
      name: `turkce-search network (${nodeName})`,
      description: 'Search-only key the other nodes of the cluster use for federated search.',
      actions: ['search'],
      indexes: ['*'],
      expiresAt: null,
    }),
  );
  return key.key;
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
