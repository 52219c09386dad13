import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import type { PutResult, StatsResponse, WriteResult } from '../api/index.ts';
import { buildDocument } from '../documents/build.ts';
import { primaryKeyFor } from '../documents/ids.ts';
import { DocumentError, STORED_FIELDS, type SearchDocument, type StoredDocument } from '../documents/types.ts';
import { assertSucceeded } from '../meili/client.ts';
import { NodeDownError } from '../cluster/cluster.ts';
import { enqueueDeletion, enqueueDocuments, fetchDocument, indexState, waitForTask, type IndexState } from '../meili/documents.ts';
import { MeiliTaskTimeoutError } from '../meili/errors.ts';
import { timeSlices } from '../util/slices.ts';
import { multiSearch } from '../meili/search.ts';
import { currentSettings, desiredSettings, settingsDiff } from '../meili/settings.ts';

// The document API for CMS integrations: the same document building (and so the same
// analysis) as the indexer, and every write answered only once Meilisearch has applied it.

export interface StoreContext {
  client: Meilisearch;
  indexUid: string;
  /** How long a write may take before the API answers 202 with the task to poll. */
  writeTimeoutMs: number;
  /**
   * Cluster mode: the node holding a primary key (placement.ts) and a client for it; throws
   * NodeDownError when that node failed its last health probe. Unset: one node, `client`.
   */
  shard?: {
    home(pk: string): { node: string; client: Meilisearch };
    /** Every node (stats add them up); throws NodeDownError naming those down. */
    all(): { node: string; client: Meilisearch }[];
  };
}

/** The client holding a primary key: the document's node on a cluster. */
const clientOf = (ctx: StoreContext, pk: string): Meilisearch => (ctx.shard ? ctx.shard.home(pk).client : ctx.client);

/** Why documents of a request cannot be indexed, one entry per bad document. */
export class InvalidDocumentsError extends Error {
  override name = 'InvalidDocumentsError';
  constructor(readonly problems: { index: number; id?: string; reason: string }[]) {
    super(`${problems.length} document(s) cannot be indexed: ${problems.map((p) => `#${p.index}: ${p.reason}`).slice(0, 3).join('; ')}`);
  }
}

/** Whether the task finished in time (else the caller reports it as still processing). */
async function settle(ctx: StoreContext, taskUid: number, client = ctx.client): Promise<WriteResult> {
  try {
    assertSucceeded(await waitForTask(client, taskUid, ctx.writeTimeoutMs));
    return { status: 'succeeded', taskUid };
  } catch (err) {
    if (err instanceof MeiliTaskTimeoutError) return { status: 'processing', taskUid };
    throw err;
  }
}

/** Longest the document API analyses before letting other requests run. */
const SLICE_MS = 20;

/** Builds every record first: one bad document rejects the request and nothing is written. */
export async function putDocuments(ctx: StoreContext, records: unknown[]): Promise<PutResult> {
  const docs: SearchDocument[] = [];
  const problems: InvalidDocumentsError['problems'] = [];
  const seen = new Set<string>();
  // Built in slices: a request of 1,000 documents must not hold the event loop for seconds.
  const pause = timeSlices(SLICE_MS);
  for (const [index, record] of records.entries()) {
    await pause();
    try {
      const doc = buildDocument(record);
      if (seen.has(doc.pk)) throw new DocumentError(`duplicate id "${doc.id}" in this request`);
      seen.add(doc.pk);
      docs.push(doc);
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      const id = (record as { id?: unknown } | null)?.id;
      problems.push({ index, ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}), reason: err.message });
    }
  }
  if (problems.length) throw new InvalidDocumentsError(problems);
  if (ctx.shard) return { ...(await putSharded(ctx, ctx.shard, docs)), ids: docs.map((d) => d.id) };
  const task = await enqueueDocuments(ctx.client, ctx.indexUid, docs);
  return { ...(await settle(ctx, task.taskUid)), ids: docs.map((d) => d.id) };
}

/**
 * Each document to its node. Every node needed must be up before anything is written: a
 * request naming a down node's document is refused whole (503 naming the node), not half done.
 */
async function putSharded(ctx: StoreContext, shard: NonNullable<StoreContext['shard']>, docs: SearchDocument[]): Promise<WriteResult> {
  const groups = new Map<string, { client: Meilisearch; docs: SearchDocument[] }>();
  const down = new Set<string>();
  for (const doc of docs) {
    try {
      const home = shard.home(doc.pk);
      const group = groups.get(home.node) ?? { client: home.client, docs: [] };
      group.docs.push(doc);
      groups.set(home.node, group);
    } catch (err) {
      if (!(err instanceof NodeDownError)) throw err;
      for (const n of err.nodes) down.add(n);
    }
  }
  if (down.size) throw new NodeDownError([...down].sort());
  const results = await Promise.all(
    [...groups].map(async ([node, g]) => ({ node, ...(await settle(ctx, (await enqueueDocuments(g.client, ctx.indexUid, g.docs)).taskUid, g.client)) })),
  );
  const tasks = results.map((r) => ({ node: r.node, taskUid: r.taskUid }));
  const status = results.every((r) => r.status === 'succeeded') ? 'succeeded' : 'processing';
  return { status, taskUid: tasks[0]!.taskUid, tasks };
}


export function getDocument(ctx: StoreContext, id: string): Promise<StoredDocument | undefined> {
  const pk = primaryKeyFor(id);
  return fetchDocument<StoredDocument & Record<string, unknown>>(clientOf(ctx, pk), ctx.indexUid, pk, [...STORED_FIELDS]);
}

/** Deletes a document; undefined when there was none. */
export async function deleteDocument(ctx: StoreContext, id: string): Promise<WriteResult | undefined> {
  const pk = primaryKeyFor(id);
  const client = clientOf(ctx, pk);
  if (!(await fetchDocument(client, ctx.indexUid, pk, ['pk']))) return undefined;
  return settle(ctx, (await enqueueDeletion(client, ctx.indexUid, pk)).taskUid, client);
}

/** A cluster's index as one: documents added up, the latest update, indexing if any node is. */
async function clusterState(ctx: StoreContext, shard: NonNullable<StoreContext['shard']>): Promise<IndexState> {
  const states = await Promise.all(shard.all().map((n) => indexState(n.client, ctx.indexUid)));
  return {
    documents: states.reduce((sum, s) => sum + s.documents, 0),
    isIndexing: states.some((s) => s.isIndexing),
    updatedAt: states.map((s) => s.updatedAt).sort().at(-1)!,
  };
}

/** settingsDigest: SHA-256 of the index's current settings; settingsUpToDate: whether they are the ones config/ asks for. */
export async function indexStats(ctx: StoreContext): Promise<StatsResponse> {
  // Read once, before any request starts: on a cluster with no node up the getter throws, and
  // a throw after clusterState began would leave its rejection unhandled (the process ends).
  const client = ctx.client;
  const [state, [langs], settings] = await Promise.all([
    ctx.shard ? clusterState(ctx, ctx.shard) : indexState(client, ctx.indexUid),
    multiSearch(client, [{ indexUid: ctx.indexUid, q: '', limit: 0, facets: ['lang'] }]),
    currentSettings(client, ctx.indexUid),
  ]);
  return {
    documents: state.documents,
    languages: langs!.facetDistribution?.lang ?? {},
    lastUpdate: state.updatedAt,
    isIndexing: state.isIndexing,
    settingsDigest: createHash('sha256').update(JSON.stringify(settings)).digest('hex'),
    settingsUpToDate: Object.keys(settingsDiff(settings, desiredSettings())).length === 0,
  };
}
