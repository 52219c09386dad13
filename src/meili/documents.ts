import type { EnqueuedTask, Meilisearch, Task } from 'meilisearch';
import type { SearchDocument } from '../documents/types.ts';
import { assertSucceeded, meiliCall } from './client.ts';
import { MeiliRejectedError } from './errors.ts';
import { PRIMARY_KEY } from './settings.ts';
import { waitForTask } from './tasks.ts';

/** Enqueues an add-or-replace of documents; the caller waits on the returned task. */
export function enqueueDocuments(client: Meilisearch, uid: string, docs: SearchDocument[]): Promise<EnqueuedTask> {
  return meiliCall(() => client.index(uid).addDocuments(docs, { primaryKey: PRIMARY_KEY }));
}

/** Enqueues the deletion of one document by primary key. */
export function enqueueDeletion(client: Meilisearch, uid: string, pk: string): Promise<EnqueuedTask> {
  return meiliCall(() => client.index(uid).deleteDocument(pk));
}

export { waitForTask } from './tasks.ts';

/** One stored document with the given fields, or undefined when there is none. */
export async function fetchDocument<T extends Record<string, unknown>>(client: Meilisearch, uid: string, pk: string, fields: string[]): Promise<T | undefined> {
  try {
    return await meiliCall(() => client.index(uid).getDocument<T>(pk, { fields: fields as never }));
  } catch (err) {
    if (err instanceof MeiliRejectedError && err.code === 'document_not_found') return undefined;
    throw err;
  }
}

export interface IndexState {
  documents: number;
  isIndexing: boolean;
  updatedAt: string;
}

export async function indexState(client: Meilisearch, uid: string): Promise<IndexState> {
  return meiliCall(async () => {
    const [stats, info] = await Promise.all([client.index(uid).getStats(), client.index(uid).getRawInfo()]);
    return { documents: stats.numberOfDocuments, isIndexing: stats.isIndexing, updatedAt: info.updatedAt };
  });
}

export async function countDocuments(client: Meilisearch, uid: string): Promise<number> {
  return meiliCall(async () => (await client.index(uid).getStats()).numberOfDocuments);
}

/** Drops the index (for --reset); a missing index is fine. */
export async function dropIndex(client: Meilisearch, uid: string): Promise<void> {
  const task = await waitForTask(client, (await meiliCall(() => client.deleteIndex(uid))).taskUid, 600_000);
  if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') assertSucceeded(task);
}
