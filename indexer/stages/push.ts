import type { Task } from 'meilisearch';
import type { SearchDocument } from '../../src/documents/types.ts';
import { log } from '../../src/log.ts';
import { meiliCall } from '../../src/meili/client.ts';
import { enqueueDocuments } from '../../src/meili/documents.ts';
import { MeiliRejectedError, MeiliTaskTimeoutError } from '../../src/meili/errors.ts';
import { retry } from '../../src/util/retry.ts';
import type { Connection } from '../connection.ts';
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
  /** Estimated bytes of the entries (PushOptions.size). */
  bytes?: number;
  /** Refused before any task (too large to send): settled in turn with these failures. */
  refused?: Failure[];
}

export interface PushOptions {
  maxInFlight?: number;
  /**
   * Estimated bytes of the batches sent and not yet settled (each batch's entries are kept
   * until then, to send them again or name a bad one): past it, the oldest is waited for.
   * Bounds the indexer's memory whatever the documents' size; a batch larger than this is
   * still sent, alone.
   */
  maxInFlightBytes?: number;
  /** An entry's estimated bytes (the batcher's estimate). */
  size?: (e: Entry) => number;
  /** How long to wait for one indexing task to finish. */
  taskTimeoutMs?: number;
  /** Called after a batch is settled (indexed, or its bad documents isolated), in input order. */
  onSettled?: (entries: Entry[], failures: Failure[]) => Promise<void> | void;
}

// Errors about the documents themselves: only then is a batch split to find the culprits.
const DOCUMENT_ERROR = /^(invalid_document|missing_document_id|document_fields_limit|primary_key)/;

const isTooLarge = (err: unknown) => err instanceof MeiliRejectedError && (err.status === 413 || err.code === 'payload_too_large');

class StillRunning extends Error {}

/**
 * Sends batches with a few tasks in flight (Meilisearch merges consecutive additions into
 * one indexing batch) and waits for each, oldest first, so batches settle in input order.
 * A task lost in a Meilisearch crash is sent again (ids make that harmless); a task failed
 * because of a document is split in halves until each bad document is named alone.
 */
export class Pusher {
  private inFlight: InFlight[] = [];
  private readonly maxInFlight: number;
  private readonly maxInFlightBytes: number;
  private inFlightBytes = 0;
  indexed = 0;

  constructor(
    private conn: Connection,
    private uid: string,
    private opts: PushOptions = {},
  ) {
    this.maxInFlight = opts.maxInFlight ?? 4;
    this.maxInFlightBytes = opts.maxInFlightBytes ?? Infinity;
  }

  private track(batch: InFlight): void {
    batch.bytes = this.opts.size ? batch.entries.reduce((n, e) => n + this.opts.size!(e), 0) : 0;
    this.inFlightBytes += batch.bytes;
    this.inFlight.push(batch);
  }

  private enqueue(entries: Entry[]): Promise<number> {
    return this.conn.call('send documents', async (c) => (await enqueueDocuments(c, this.uid, entries.map((e) => e.doc))).taskUid);
  }

  async push(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      this.track({ entries, taskUid: await this.enqueue(entries) });
    } catch (err) {
      if (!isTooLarge(err)) throw err;
      // Meilisearch refuses the payload itself (HTTP 413): send halves, down to one document.
      if (entries.length === 1) {
        const e = entries[0]!;
        this.track({ entries, taskUid: -1, refused: [{ ...e.origin, id: e.doc.id, reason: (err as Error).message, record: e.record }] });
      } else {
        const mid = Math.ceil(entries.length / 2);
        await this.push(entries.slice(0, mid));
        await this.push(entries.slice(mid));
        return;
      }
    }
    while (this.inFlight.length >= this.maxInFlight || (this.inFlight.length > 0 && this.inFlightBytes > this.maxInFlightBytes)) await this.settleOldest();
  }

  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const next = this.inFlight.shift()!;
    this.inFlightBytes -= next.bytes ?? 0;
    const failures: Failure[] = [...(next.refused ?? [])];
    if (!next.refused) await this.settle(next, failures);
    await this.opts.onSettled?.(next.entries, failures);
  }

  /**
   * Polls the task with a growing interval (each poll its own request: the official client's
   * waitForTask hangs one abort listener per poll on a shared signal, hundreds per long task).
   */
  private waitForTask(taskUid: number): Promise<Task> {
    const timeoutMs = this.opts.taskTimeoutMs ?? 600_000;
    return this.conn.call('wait for task', (c) =>
      retry(
        async () => {
          const task = await meiliCall(() => c.tasks.getTask(taskUid));
          if (task.status === 'enqueued' || task.status === 'processing') throw new StillRunning();
          return task;
        },
        { forMs: timeoutMs, retryable: (e) => e instanceof StillRunning, minDelayMs: 25, maxDelayMs: 50 },
      ).catch((err: unknown) => {
        if (err instanceof StillRunning) throw new MeiliTaskTimeoutError(`Meilisearch task ${taskUid} not finished within ${timeoutMs} ms`, taskUid);
        throw err;
      }),
    );
  }

  private async finished(batch: InFlight): Promise<Task | undefined> {
    try {
      return await this.waitForTask(batch.taskUid);
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
