import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Task,
} from 'meilisearch';
import type { Breaker } from './breaker.ts';
import { MeiliError, MeiliRejectedError, MeiliTaskFailedError, MeiliTaskTimeoutError, MeiliUnavailableError } from './errors.ts';

export interface MeiliTarget {
  url: string;
  key: string;
}

const breakers = new WeakMap<Meilisearch, Breaker>();

/**
 * One client per target and timeout; fetch keeps its connections alive, so reuse it.
 * With a breaker, the search calls made through it fail fast while Meilisearch is down.
 */
export function createClient(target: MeiliTarget, timeoutMs: number, breaker?: Breaker): Meilisearch {
  const client = new Meilisearch({ host: target.url, apiKey: target.key, timeout: timeoutMs });
  if (breaker) breakers.set(client, breaker);
  return client;
}

/** Runs a call through the client's breaker, if it has one. */
export function guarded<T>(client: Meilisearch, fn: () => Promise<T>): Promise<T> {
  const breaker = breakers.get(client);
  return breaker ? breaker.run(fn) : fn();
}

/** Translates the official client's errors into ours, dropping anything that holds headers. */
export function toMeiliError(err: unknown): unknown {
  if (err instanceof MeiliError) return err;
  if (err instanceof MeilisearchApiError) {
    const body = err.cause;
    return new MeiliRejectedError(body?.message ?? err.message, body?.code ?? 'unknown', err.response.status);
  }
  if (err instanceof MeilisearchRequestTimeOutError) {
    return new MeiliUnavailableError(`Meilisearch did not answer within ${err.cause.timeout} ms`);
  }
  if (err instanceof MeilisearchTaskTimeOutError) {
    return new MeiliTaskTimeoutError(`Meilisearch task ${err.cause.taskUid} not finished within ${err.cause.timeout} ms`, err.cause.taskUid);
  }
  if (err instanceof MeilisearchRequestError) {
    const cause = err.cause instanceof Error ? (err.cause.cause as Error | undefined)?.message ?? err.cause.message : '';
    return new MeiliUnavailableError(`Meilisearch unreachable${cause ? `: ${cause}` : ''}`);
  }
  return err;
}

/** Runs a client call and rethrows its failure as one of our error classes. */
export async function meiliCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toMeiliError(err);
  }
}

/** A finished task, or the reason it did not succeed. */
export function assertSucceeded(task: Task): Task {
  if (task.status === 'succeeded') return task;
  const reason = task.error?.message ?? `task ${task.status}`;
  throw new MeiliTaskFailedError(reason, task.uid, task.error?.code);
}
