import { MeiliBusyError } from './errors.ts';

/**
 * At most `max` calls to Meilisearch at once; the rest wait their turn, each until its own
 * deadline. Meilisearch answers searches on one thread per core: a hundred concurrent
 * requests do not finish sooner, they only make every one of them slow, then time out.
 * Waiting here keeps the engine busy without drowning it, and a request that cannot get a
 * turn in time is answered 503 (busy) instead of hanging.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: { resolve: () => void; reject: (err: Error) => void; timer: NodeJS.Timeout }[] = [];

  constructor(readonly max: number) {}

  /** Runs `fn` once a slot is free; its signal aborts at the deadline (epoch ms). */
  async run<T>(deadline: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    await this.acquire(deadline);
    try {
      return await fn(AbortSignal.timeout(Math.max(1, deadline - Date.now())));
    } finally {
      this.release();
    }
  }

  get queued(): number {
    return this.waiting.length;
  }

  private acquire(deadline: number): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(new MeiliBusyError(`Meilisearch is busy: no turn within the deadline (${this.max} searches running)`));
        }, Math.max(0, deadline - Date.now())),
      };
      this.waiting.push(entry);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.active--;
      return;
    }
    // The slot passes straight to the next caller: `active` stays the same.
    clearTimeout(next.timer);
    next.resolve();
  }
}
