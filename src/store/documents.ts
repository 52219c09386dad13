import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import type { PutResult, StatsResponse, WriteResult } from '../api/index.ts';
import { buildDocument } from '../documents/build.ts';
import { primaryKeyFor } from '../documents/ids.ts';
import { DocumentError, STORED_FIELDS, type SearchDocument, type StoredDocument } from '../documents/types.ts';
import { assertSucceeded } from '../meili/client.ts';
import { enqueueDeletion, enqueueDocuments, fetchDocument, indexState, waitForTask } from '../meili/documents.ts';
import { MeiliTaskTimeoutError } from '../meili/errors.ts';
import { multiSearch } from '../meili/search.ts';
import { currentSettings, desiredSettings, settingsDiff } from '../meili/settings.ts';

// The document API for CMS integrations: the same document building (and so the same
// analysis) as the indexer, and every write answered only once Meilisearch has applied it.

export interface StoreContext {
  client: Meilisearch;
  indexUid: string;
  /** How long a write may take before the API answers 202 with the task to poll. */
  writeTimeoutMs: number;
}

/** Why documents of a request cannot be indexed, one entry per bad document. */
export class InvalidDocumentsError extends Error {
  override name = 'InvalidDocumentsError';
  constructor(readonly problems: { index: number; id?: string; reason: string }[]) {
    super(`${problems.length} document(s) cannot be indexed: ${problems.map((p) => `#${p.index}: ${p.reason}`).slice(0, 3).join('; ')}`);
  }
}

/** Whether the task finished in time (else the caller reports it as still processing). */
async function settle(ctx: StoreContext, taskUid: number): Promise<WriteResult> {
  try {
    assertSucceeded(await waitForTask(ctx.client, taskUid, ctx.writeTimeoutMs));
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
  let slice = performance.now();
  for (const [index, record] of records.entries()) {
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
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
  const task = await enqueueDocuments(ctx.client, ctx.indexUid, docs);
  return { ...(await settle(ctx, task.taskUid)), ids: docs.map((d) => d.id) };
}


export function getDocument(ctx: StoreContext, id: string): Promise<StoredDocument | undefined> {
  return fetchDocument<StoredDocument & Record<string, unknown>>(ctx.client, ctx.indexUid, primaryKeyFor(id), [...STORED_FIELDS]);
}

/** Deletes a document; undefined when there was none. */
export async function deleteDocument(ctx: StoreContext, id: string): Promise<WriteResult | undefined> {
  const pk = primaryKeyFor(id);
  if (!(await fetchDocument(ctx.client, ctx.indexUid, pk, ['pk']))) return undefined;
  return settle(ctx, (await enqueueDeletion(ctx.client, ctx.indexUid, pk)).taskUid);
}

/** settingsDigest: SHA-256 of the index's current settings; settingsUpToDate: whether they are the ones config/ asks for. */
export async function indexStats(ctx: StoreContext): Promise<StatsResponse> {
  const [state, [langs], settings] = await Promise.all([
    indexState(ctx.client, ctx.indexUid),
    multiSearch(ctx.client, [{ indexUid: ctx.indexUid, q: '', limit: 0, facets: ['lang'] }]),
    currentSettings(ctx.client, ctx.indexUid),
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
