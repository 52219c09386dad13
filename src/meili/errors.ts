import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from 'meilisearch';

// One class per way talking to Meilisearch can fail; the HTTP layer maps each to a status.
// Messages never include keys: Meilisearch's own messages and URLs are safe, headers are not.
// Both transports (the official client, client.ts; the search path's node:http, http.ts)
// translate their failures here, so a failure reads the same whichever transport met it.

export class MeiliError extends Error {
  override name = 'MeiliError';
}

/** Meilisearch could not be reached, or did not answer in time. */
export class MeiliUnavailableError extends MeiliError {
  override name = 'MeiliUnavailableError';
}

/** Too many searches were waiting for Meilisearch: this one could not get a turn in time. */
export class MeiliBusyError extends MeiliUnavailableError {
  override name = 'MeiliBusyError';
}

/** A task was still enqueued or processing when we stopped waiting for it. */
export class MeiliTaskTimeoutError extends MeiliUnavailableError {
  override name = 'MeiliTaskTimeoutError';
  constructor(
    message: string,
    readonly taskUid: number,
  ) {
    super(message);
  }
}

/** Meilisearch answered with an API error (bad filter, missing index, invalid document…). */
export class MeiliRejectedError extends MeiliError {
  override name = 'MeiliRejectedError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Meilisearch's answer grew past what the caller allowed (its bytes are not read further, nor
 * parsed): the request asked for more than the gateway will handle. Not an outage.
 */
export class MeiliAnswerTooLargeError extends MeiliError {
  override name = 'MeiliAnswerTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`Meilisearch's answer is larger than ${maxBytes} bytes`);
  }
}

/** An asynchronous task ended in `failed` or `canceled`. */
export class MeiliTaskFailedError extends MeiliError {
  override name = 'MeiliTaskFailedError';
  constructor(
    message: string,
    readonly taskUid: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Worth retrying: Meilisearch unreachable, too slow, overloaded or failing internally. */
export function isTransient(err: unknown): boolean {
  return err instanceof MeiliUnavailableError || (err instanceof MeiliRejectedError && (err.status >= 500 || err.status === 429));
}

/** Each failure as our error, whatever transport met it. */
export const failure = {
  /** Meilisearch answered an error: its own message and code when its body has them. */
  rejected: (status: number, body: { message?: string; code?: string } | undefined, fallback: string) =>
    new MeiliRejectedError(body?.message ?? fallback, body?.code ?? 'unknown', status),
  /** No answer before the deadline (`ms` when the transport knows it). */
  timeout: (ms?: number) => new MeiliUnavailableError(ms === undefined ? 'Meilisearch did not answer in time' : `Meilisearch did not answer within ${ms} ms`),
  unreachable: (cause?: string) => new MeiliUnavailableError(`Meilisearch unreachable${cause ? `: ${cause}` : ''}`),
  /** The connection broke while the answer was arriving. */
  cut: (cause: string) => new MeiliUnavailableError(`Meilisearch answer cut: ${cause}`),
  notJson: (status: number) => new MeiliUnavailableError(`Meilisearch answered ${status} without JSON`),
  taskTimeout: (taskUid: number, ms: number) => new MeiliTaskTimeoutError(`Meilisearch task ${taskUid} not finished within ${ms} ms`, taskUid),
};

/** The official client's errors as ours, dropping anything that holds headers; anything else as it is. */
export function toMeiliError(err: unknown): unknown {
  if (err instanceof MeiliError) return err;
  if (err instanceof MeilisearchApiError) return failure.rejected(err.response.status, err.cause, err.message);
  if (err instanceof MeilisearchRequestTimeOutError) return failure.timeout(err.cause.timeout);
  if (err instanceof MeilisearchTaskTimeOutError) return failure.taskTimeout(err.cause.taskUid, err.cause.timeout);
  if (err instanceof MeilisearchRequestError) {
    const cause = err.cause instanceof Error ? (err.cause.cause as Error | undefined)?.message ?? err.cause.message : '';
    return failure.unreachable(cause);
  }
  return err;
}
