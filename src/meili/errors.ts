// One class per way talking to Meilisearch can fail; the HTTP layer maps each to a status.
// Messages never include keys: Meilisearch's own messages and URLs are safe, headers are not.

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
