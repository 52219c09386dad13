import type { Meilisearch } from 'meilisearch';
import type { SearchDocument } from '../../src/documents/types.ts';
import { MeiliUnavailableError } from '../../src/meili/errors.ts';
import { enqueueDocuments, waitForTask } from '../../src/meili/documents.ts';
import { log } from '../../src/log.ts';
import type { Failure, Origin } from '../types.ts';

export interface Entry {
  doc: SearchDocument;
  origin: Origin;
}

interface InFlight {
  entries: Entry[];
  taskUid: number;
}

export interface PushResult {
  indexed: number;
  failures: Failure[];
}

const RETRIES = [500, 1000, 2000, 4000];

/** Retries a call that failed because Meilisearch was unreachable; other errors are final. */
async function withRetry<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = RETRIES[attempt];
      if (!(err instanceof MeiliUnavailableError) || delay === undefined) throw err;
      log.warn({ err: err.message, attempt: attempt + 1, delayMs: delay }, `${what}: retrying`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Sends batches to Meilisearch with a few tasks in flight (Meilisearch merges consecutive
 * additions into one indexing batch), and waits for each task. A failed task fails all of
 * its documents, so the batch is split in halves until the bad documents are isolated and
 * each failure names its own document.
 */
export class Pusher {
  private inFlight: InFlight[] = [];
  readonly result: PushResult = { indexed: 0, failures: [] };

  constructor(
    private client: Meilisearch,
    private uid: string,
    private maxInFlight = 4,
    private onChange: () => void = () => {},
  ) {}

  async push(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const task = await withRetry('enqueue documents', () => enqueueDocuments(this.client, this.uid, entries.map((e) => e.doc)));
    this.inFlight.push({ entries, taskUid: task.taskUid });
    while (this.inFlight.length >= this.maxInFlight) await this.settleOldest();
  }

  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const next = this.inFlight.shift()!;
    await this.settle(next);
  }

  private async settle({ entries, taskUid }: InFlight): Promise<void> {
    const task = await withRetry('wait for task', () => waitForTask(this.client, taskUid));
    if (task.status === 'succeeded') {
      this.result.indexed += entries.length;
    } else if (entries.length === 1) {
      const e = entries[0]!;
      this.result.failures.push({ ...e.origin, id: e.doc.id, reason: task.error?.message ?? `task ${task.status}` });
    } else {
      const mid = Math.ceil(entries.length / 2);
      for (const half of [entries.slice(0, mid), entries.slice(mid)]) {
        const t = await withRetry('enqueue documents', () => enqueueDocuments(this.client, this.uid, half.map((e) => e.doc)));
        await this.settle({ entries: half, taskUid: t.taskUid });
      }
    }
    this.onChange();
  }
}
