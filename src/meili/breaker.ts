import { MeiliBusyError, MeiliUnavailableError } from './errors.ts';

export interface BreakerOptions {
  /** Consecutive unavailability errors that open the breaker. */
  threshold?: number;
  /** How often an open breaker checks whether Meilisearch is back. */
  probeEveryMs?: number;
}

/**
 * Fails fast while Meilisearch is down: after a few consecutive unavailability errors,
 * calls are refused at once (503 without waiting for a timeout) and a probe checks every
 * `probeEveryMs` whether the engine answers again; the first success closes the breaker,
 * so the service recovers by itself, without a restart.
 */
export class Breaker {
  private failures = 0;
  private probing: NodeJS.Timeout | undefined;
  private readonly threshold: number;
  private readonly probeEveryMs: number;

  constructor(
    private readonly probe: () => Promise<boolean>,
    opts: BreakerOptions = {},
  ) {
    this.threshold = opts.threshold ?? 3;
    this.probeEveryMs = opts.probeEveryMs ?? 500;
  }

  get open(): boolean {
    return this.probing !== undefined;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.open) throw new MeiliUnavailableError('Meilisearch is unavailable (waiting for it to come back)');
    try {
      const result = await fn();
      this.failures = 0;
      return result;
    } catch (err) {
      // Busy means our own queue was full, not that Meilisearch is gone.
      if (err instanceof MeiliUnavailableError && !(err instanceof MeiliBusyError) && ++this.failures >= this.threshold) this.trip();
      throw err;
    }
  }

  private trip(): void {
    if (this.probing) return;
    this.probing = setInterval(() => {
      void this.probe().then((up) => {
        if (up && this.probing) this.close();
      }, () => {});
    }, this.probeEveryMs);
    this.probing.unref();
  }

  close(): void {
    clearInterval(this.probing);
    this.probing = undefined;
    this.failures = 0;
  }
}
