import type { Meilisearch } from 'meilisearch';
import { log } from '../src/log.ts';
import { isTransient } from '../src/meili/errors.ts';
import { retry } from '../src/util/retry.ts';

/** Where Meilisearch is now, when it may have moved (an embedded engine restarted on another port). */
export type Relocate = () => Promise<Meilisearch | undefined>;

/**
 * The indexer's way to Meilisearch: every call retried under the shared policy while the engine
 * is away, and before each retry the engine's address looked up again, so a run outlives an
 * engine restarted on a new port.
 */
export class Connection {
  constructor(
    private current: Meilisearch,
    private readonly retryForMs: number,
    private readonly relocate?: Relocate,
  ) {}

  get client(): Meilisearch {
    return this.current;
  }

  call<T>(what: string, fn: (client: Meilisearch) => Promise<T>): Promise<T> {
    return retry(() => fn(this.current), {
      forMs: this.retryForMs,
      retryable: isTransient,
      onRetry: async (err, attempt) => {
        const moved = await this.relocate?.().catch(() => undefined);
        if (moved && moved !== this.current) {
          this.current = moved;
          log.warn({ what }, 'Meilisearch moved to a new address: continuing there');
          return;
        }
        log.warn({ err: (err as Error).message, attempt }, `${what}: Meilisearch unavailable, retrying`);
      },
    });
  }
}
