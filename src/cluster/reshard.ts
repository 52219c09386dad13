// Moves documents to a new node list (3 → 2, 2 → 3, a renamed node…) without loss: every
// document ends on the node placement.ts names for the new list. Copy first, delete after:
// a document is added to its new node and only deleted from the old one once Meilisearch has
// accepted the copy, so an interrupted run leaves at worst a document on two nodes, which a
// re-run resolves. Documents are copied as stored (GET /documents returns every field, the
// analysed ones too), so nothing is re-analysed. Verified at the end by counts and ids.
import type { Meilisearch } from 'meilisearch';
import type { SearchDocument } from '../documents/types.ts';
import { log } from '../log.ts';
import { assertSucceeded, createClient, meiliCall } from '../meili/client.ts';
import { enqueueDocuments, waitForTask } from '../meili/documents.ts';
import { MeiliRejectedError } from '../meili/errors.ts';
import { PRIMARY_KEY } from '../meili/settings.ts';
import { configureNetwork } from './network.ts';
import { placeKey } from './placement.ts';
import { applySettingsEverywhere, describeSettingsProblem } from './settings.ts';
import type { ClusterNode } from './topology.ts';

const TIMEOUT_MS = 120_000;
const PAGE = 1000;

export interface ReshardOptions {
  batchSize?: number;
  /** Meilisearch task wait per batch. */
  taskTimeoutMs?: number;
  /** Also PATCH /network on the new nodes (so federation knows them). Default true. */
  network?: boolean;
  onProgress?: (event: { node: string; read: number; moved: number }) => void;
}

export interface ReshardReport {
  before: Record<string, number>;
  after: Record<string, number>;
  /** Distinct documents before and after (equal, or the run throws). */
  total: number;
  moved: number;
}

export class ReshardError extends Error {
  override name = 'ReshardError';
}

/** Every node of either list, once; a name must mean one URL in both. */
export function allNodes(from: readonly ClusterNode[], to: readonly ClusterNode[]): ClusterNode[] {
  const byName = new Map<string, ClusterNode>();
  for (const n of [...from, ...to]) {
    const seen = byName.get(n.name);
    if (seen && seen.url !== n.url) throw new ReshardError(`node ${n.name} is ${seen.url} in one list and ${n.url} in the other`);
    byName.set(n.name, seen ?? n);
  }
  return [...byName.values()];
}

async function hasIndex(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await meiliCall(() => client.index(uid).getRawInfo());
    return true;
  } catch (err) {
    if (err instanceof MeiliRejectedError && err.code === 'index_not_found') return false;
    throw err;
  }
}

/** Pages through every document of a node's index (all fields, analysed ones included). */
async function* readAll(client: Meilisearch, uid: string, fields?: string[]): AsyncGenerator<SearchDocument[]> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await meiliCall(() => client.index(uid).getDocuments<SearchDocument>({ offset, limit: PAGE, ...(fields ? { fields: fields as never } : {}) }));
    if (page.results.length) yield page.results;
    if (page.results.length < PAGE) return;
  }
}

/** Primary keys held by each node (nodes without the index hold none). */
export async function keysByNode(nodes: readonly ClusterNode[], uid: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await Promise.all(
    nodes.map(async (n) => {
      const client = createClient(n, TIMEOUT_MS);
      const keys: string[] = [];
      if (await hasIndex(client, uid)) for await (const page of readAll(client, uid, [PRIMARY_KEY])) keys.push(...page.map((d) => d.pk));
      out.set(n.name, keys);
    }),
  );
  return out;
}

/**
 * What must hold after a reshard: the same documents, each exactly once, each on the node
 * placement names for the new list. Returns the problems found (empty: verified).
 */
export function verifyPlacement(before: ReadonlyMap<string, string[]>, after: ReadonlyMap<string, string[]>, toNames: readonly string[]): string[] {
  const problems: string[] = [];
  const want = new Set([...before.values()].flat());
  const seen = new Map<string, string>();
  for (const [node, keys] of after) {
    for (const pk of keys) {
      const other = seen.get(pk);
      if (other) problems.push(`${pk} is on ${other} and ${node}`);
      seen.set(pk, node);
      const home = placeKey(pk, toNames);
      if (home !== node) problems.push(`${pk} is on ${node}, placement says ${home}`);
      if (!want.has(pk)) problems.push(`${pk} appeared on ${node}`);
    }
  }
  for (const pk of want) if (!seen.has(pk)) problems.push(`${pk} is lost`);
  return problems;
}

export async function reshard(from: readonly ClusterNode[], to: readonly ClusterNode[], uid: string, opts: ReshardOptions = {}): Promise<ReshardReport> {
  if (to.length === 0) throw new ReshardError('the new node list is empty');
  const batchSize = opts.batchSize ?? 1000;
  const taskTimeout = opts.taskTimeoutMs ?? 600_000;
  const nodes = allNodes(from, to);
  const toNames = to.map((n) => n.name);
  const clients = new Map(nodes.map((n) => [n.name, createClient(n, TIMEOUT_MS)]));

  const settings = await applySettingsEverywhere(to, uid, taskTimeout);
  if (!settings.consistent) throw new ReshardError(`refusing to reshard: ${describeSettingsProblem(settings)}`);
  const before = await keysByNode(nodes, uid);

  let moved = 0;
  for (const source of nodes) {
    const client = clients.get(source.name)!;
    if (!(before.get(source.name)?.length)) continue;
    const leaving: string[] = [];
    const pending = new Map<string, SearchDocument[]>();
    const flush = async (target: string) => {
      const docs = pending.get(target) ?? [];
      if (!docs.length) return;
      pending.set(target, []);
      const dest = clients.get(target)!;
      assertSucceeded(await waitForTask(dest, (await enqueueDocuments(dest, uid, docs)).taskUid, taskTimeout));
      leaving.push(...docs.map((d) => d.pk));
    };
    let read = 0;
    // Read the whole source before deleting from it: offsets stay valid while it is unchanged.
    for await (const page of readAll(client, uid)) {
      read += page.length;
      for (const doc of page) {
        const target = placeKey(doc.pk, toNames);
        if (target === source.name) continue;
        const list = pending.get(target) ?? [];
        list.push(doc);
        pending.set(target, list);
        if (list.length >= batchSize) await flush(target);
      }
      opts.onProgress?.({ node: source.name, read, moved: moved + leaving.length });
    }
    for (const target of pending.keys()) await flush(target);
    // Only what its new node has accepted is deleted here.
    for (let i = 0; i < leaving.length; i += batchSize) {
      const pks = leaving.slice(i, i + batchSize);
      assertSucceeded(await waitForTask(client, (await meiliCall(() => client.index(uid).deleteDocuments(pks))).taskUid, taskTimeout));
    }
    moved += leaving.length;
    log.info({ node: source.name, read, moved: leaving.length }, 'reshard: node done');
  }

  const after = await keysByNode(nodes, uid);
  const problems = verifyPlacement(before, after, toNames);
  if (problems.length) throw new ReshardError(`reshard verification failed (${problems.length}): ${problems.slice(0, 10).join('; ')}`);
  if (opts.network ?? true) await configureNetwork(to);
  const counts = (m: Map<string, string[]>) => Object.fromEntries([...m].map(([n, k]) => [n, k.length]));
  return { before: counts(before), after: counts(after), total: new Set([...before.values()].flat()).size, moved };
}
