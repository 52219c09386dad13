import type { Meilisearch, Task } from 'meilisearch';
import { meiliCall } from './client.ts';
import { MeiliTaskTimeoutError } from './errors.ts';

/**
 * Polls a task until it is finished (success or failure), every `intervalMs`, each poll its own
 * request. The official client's waitForTask (and `.waitTask()`) hands one AbortSignal to every
 * poll of a task and each poll leaves listeners on it: a task polled for more than ~75 s (1,500
 * listeners, undici's limit) printed a MaxListenersExceededWarning (issue 10, item 9), as a
 * settings change or a deletion on a large index can take.
 */
export async function waitForTask(client: Meilisearch, taskUid: number, timeoutMs = 600_000, intervalMs = 50): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await meiliCall(() => client.tasks.getTask(taskUid));
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    if (Date.now() >= deadline) throw new MeiliTaskTimeoutError(`Meilisearch task ${taskUid} not finished within ${timeoutMs} ms`, taskUid);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
