import type { Meilisearch, Task } from 'meilisearch';
import type { SearchDocument } from '../../src/documents/types.ts';
import { log } from '../../src/log.ts';
import { enqueueDocuments, waitForTask } from '../../src/meili/documents.ts';
import { isTransient, MeiliRejectedError } from '../../src/meili/errors.ts';
import type { Failure, Origin } from '../types.ts';

export interface Entry {
  doc: SearchDocument;
  origin: Origin;
  /** The input record, for the rejects file. */
  record: unknown;
}

interface InFlight {
  entries: Entry[];
  taskUid: number;
  /** Refused before any task (too large to send): settled in turn with these failures. */
  refused?: Failure[];
}

export interface PushOptions {
  maxInFlight?: number;
  /** How long to keep retrying while Meilisearch is unreachable or restarting. */
  retryForMs?: number;
  /** Called after a batch is settled (indexed, or its bad documents isolated), in input order. */
  onSettled?: (entries: Entry[], failures: Failure[]) => Promise<void> | void;
}

// Errors about the documents themselves: only then is a batch split to find the culprits.
const DOCUMENT_ERROR = /^(invalid_document|missing_document_id|document_fields_limit|primary_key)/;

const isTooLarge = (err: unknown) => err instanceof MeiliRejectedError && (err.status === 413 || err.code === 'payload_too_large');

/** Meilisearch is away (restarting, overloaded): wait and try again, doubling up to 10 s. */
export async function withRetry<T>(what: string, retryForMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + retryForMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || Date.now() + delay > deadline) throw err;
      log.warn({ err: (err as Error).message, retryInMs: delay }, `${what}: Meilisearch unavailable, retrying`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Sends batches with a few tasks in flight (Meilisearch merges consecutive additions into
 * one indexing batch) and waits for each, oldest first, so batches settle in input order.
 * A task lost in a Meilisearch crash is sent again (ids make that harmless); a task failed
 * because of a document is split in halves until each bad document is named alone.
 */
export class Pusher {
  private inFlight: InFlight[] = [];
  private readonly maxInFlight: number;
  private readonly retryForMs: number;
  indexed = 0;

  constructor(
    private client: Meilisearch,
    private uid: string,
    private opts: PushOptions = {},
  ) {
    this.maxInFlight = opts.maxInFlight ?? 4;
    this.retryForMs = opts.retryForMs ?? 300_000;
  }

  private enqueue(entries: Entry[]): Promise<number> {
    return withRetry('send documents', this.retryForMs, async () => (await enqueueDocuments(this.client, this.uid, entries.map((e) => e.doc))).taskUid);
  }

  async push(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      this.inFlight.push({ entries, taskUid: await this.enqueue(entries) });
    } catch (err) {
      if (!isTooLarge(err)) throw err;
      // Meilisearch refuses the payload itself (HTTP 413): send halves, down to one document.
      if (entries.length === 1) {
        const e = entries[0]!;
        this.inFlight.push({ entries, taskUid: -1, refused: [{ ...e.origin, id: e.doc.id, reason: (err as Error).message, record: e.record }] });
      } else {
        const mid = Math.ceil(entries.length / 2);
        await this.push(entries.slice(0, mid));
        await this.push(entries.slice(mid));
        return;
      }
    }
    while (this.inFlight.length >= this.maxInFlight) await this.settleOldest();
  }

  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const next = this.inFlight.shift()!;
    const failures: Failure[] = [...(next.refused ?? [])];
    if (!next.refused) await this.settle(next, failures);
    await this.opts.onSettled?.(next.entries, failures);
  }

  private async finished(batch: InFlight): Promise<Task | undefined> {
    try {
      return await withRetry('wait for task', this.retryForMs, () => waitForTask(this.client, batch.taskUid));
    } catch (err) {
      if (err instanceof MeiliRejectedError && err.code === 'task_not_found') return undefined;
      throw err;
    }
  }

  private async settle(batch: InFlight, failures: Failure[]): Promise<void> {
    let task = await this.finished(batch);
    // Lost (the engine died before persisting it) or failed for a reason that is not a document's: send again, once.
    if (!task || (task.status !== 'succeeded' && !DOCUMENT_ERROR.test(task.error?.code ?? ''))) {
      log.warn({ taskUid: batch.taskUid, status: task?.status ?? 'lost', err: task?.error?.message }, 'sending a batch again');
      task = await this.finished({ entries: batch.entries, taskUid: await this.enqueue(batch.entries) });
    }
    if (task?.status === 'succeeded') {
      this.indexed += batch.entries.length;
      return;
    }
    const reason = task?.error?.message ?? `task ${task?.status ?? 'lost twice'}`;
    if (batch.entries.length === 1 || !DOCUMENT_ERROR.test(task?.error?.code ?? '')) {
      for (const e of batch.entries) failures.push({ ...e.origin, id: e.doc.id, reason, record: e.record });
      return;
    }
    const mid = Math.ceil(batch.entries.length / 2);
    for (const half of [batch.entries.slice(0, mid), batch.entries.slice(mid)]) {
      await this.settle({ entries: half, taskUid: await this.enqueue(half) }, failures);
    }
  }
}
