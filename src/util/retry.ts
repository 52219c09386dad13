import pRetry, { AbortError } from 'p-retry';

export interface RetryPolicy {
  /** Give up once this long has passed since the first attempt. */
  forMs: number;
  /** Errors worth another attempt; any other error ends the retries at once. */
  retryable: (err: unknown) => boolean;
  /** First delay, doubled each time up to `maxDelayMs` (with jitter, so clients do not retry in step). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each new attempt: log it, or look for a new address of the service. */
  onRetry?: (err: unknown, attempt: number) => void | Promise<void>;
  signal?: AbortSignal;
}

/**
 * The one retry policy of the project (exponential backoff with a time budget), over p-retry:
 * backoff, jitter, budget and abort are its job; callers only say what is worth retrying.
 */
export function retry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  return pRetry(
    async (attempt) => {
      try {
        return await fn(attempt);
      } catch (err) {
        // p-retry only retries Errors; anything else thrown ends the retries unchanged.
        if (!(err instanceof Error)) throw new AbortError(String(err));
        throw err;
      }
    },
    {
      retries: Number.POSITIVE_INFINITY,
      maxRetryTime: policy.forMs,
      minTimeout: policy.minDelayMs ?? 250,
      maxTimeout: policy.maxDelayMs ?? 10_000,
      factor: 2,
      randomize: true,
      signal: policy.signal,
      shouldRetry: ({ error }) => policy.retryable(error),
      onFailedAttempt: async ({ error, attemptNumber }) => {
        if (policy.retryable(error)) await policy.onRetry?.(error, attemptNumber);
      },
    },
  );
}
