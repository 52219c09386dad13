import type { EnqueuedTask, Meilisearch, Task } from 'meilisearch';
import type { SearchDocument } from '../documents/types.ts';
import { assertSucceeded, meiliCall } from './client.ts';
import { PRIMARY_KEY } from './settings.ts';

/** Enqueues an add-or-replace of documents; the caller waits on the returned task. */
export function enqueueDocuments(client: Meilisearch, uid: string, docs: SearchDocument[]): Promise<EnqueuedTask> {
  return meiliCall(() => client.index(uid).addDocuments(docs, { primaryKey: PRIMARY_KEY }));
}

/** Polls a task until it is finished (success or failure); never sleeps blindly. */
export function waitForTask(client: Meilisearch, taskUid: number, timeoutMs = 600_000): Promise<Task> {
  return meiliCall(() => client.tasks.waitForTask(taskUid, { timeout: timeoutMs, interval: 50 }));
}

export async function countDocuments(client: Meilisearch, uid: string): Promise<number> {
  return meiliCall(async () => (await client.index(uid).getStats()).numberOfDocuments);
}

/** Drops the index (for --reset); a missing index is fine. */
export async function dropIndex(client: Meilisearch, uid: string): Promise<void> {
  await meiliCall(async () => {
    const task = await client.deleteIndex(uid).waitTask({ timeout: 600_000 });
    if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') assertSucceeded(task);
  });
}
