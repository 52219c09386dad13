import type { Task } from 'meilisearch';
import type { SearchDocument } from '../../src/documents/types.ts';
import { log } from '../../src/log.ts';
import { meiliCall } from '../../src/meili/client.ts';
import { enqueueDocuments } from '../../src/meili/documents.ts';
import { MeiliRejectedError, MeiliTaskTimeoutError } from '../../src/meili/errors.ts';
import { retry } from '../../src/util/retry.ts';
import type { Connection } from '../connection.ts';
import type { Failure, Origin } from '../types.ts';
import type { Spool, SpoolRef } from './spool.ts';

export interface Entry {
  doc: SearchDocument;
  origin: Origin;
  /** The input record, for the rejects file. */
  record: unknown;
}

/** What the ledger needs of a settled entry: where it came from, and its id. */
export interface SettledEntry {
  origin: Origin;
  id: string;
}

interface InFlight {
  /** The entries, while held in memory (no spool, or not yet written to it). */
  entries?: Entry[];
  /** Where the entries lie in the spool. */
  stored?: SpoolRef;
  settled: SettledEntry[];
  taskUid: number;
  /** Bytes held for the batch: estimated in memory (PushOptions.size), written in the spool. */
  bytes: number;
  /** Refused before any task (too large to send): settled in turn with these failures. */
  refused?: Failure[];
}

export const settledOf = (entries: readonly Entry[]): SettledEntry[] => entries.map((e) => ({ origin: e.origin, id: e.doc.id }));

export interface PushOptions {
  /** Tasks sent and not yet settled; past it, the oldest is waited for. */
  maxInFlight?: number;
  /**
   * Bytes of the batches sent and not yet settled (each batch's entries are kept until then,
   * to send them again or name a bad one): past it, the oldest is waited for. Estimated bytes
   * in memory, or bytes written when a spool holds them. Bounds the indexer's memory (or the
   * spool's disk) whatever the documents' size; a batch larger than this is still sent, alone.
   */
  maxInFlightBytes?: number;
  /** Where the entries of batches in flight wait, instead of memory. */
  spool?: Spool;
  /** An entry's estimated bytes (the batcher's estimate). */
  size?: (e: Entry) => number;
  /** How long to wait for one indexing task to finish. */
  taskTimeoutMs?: number;
  /** Called after a batch is settled (indexed, or its bad documents isolated), in input order. */
  onSettled?: (entries: SettledEntry[], failures: Failure[]) => Promise<void> | void;
}

// Errors about the documents themselves: only then is a batch split to find the culprits.
const DOCUMENT_ERROR = /^(invalid_document|missing_document_id|document_fields_limit|primary_key)/;

const isTooLarge = (err: unknown) => err instanceof MeiliRejectedError && (err.status === 413 || err.code === 'payload_too_large');

class StillRunning extends Error {}

const unfinished = (task: Task) => task.status === 'enqueued' || task.status === 'processing';

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
  private lastLook = 0;
  indexed = 0;

  constructor(
    private conn: Connection,
    private uid: string,
    private opts: PushOptions = {},
  ) {
    this.maxInFlight = opts.maxInFlight ?? 4;
    this.maxInFlightBytes = opts.maxInFlightBytes ?? Infinity;
  }

  private async track(entries: Entry[], taskUid: number, refused?: Failure[]): Promise<void> {
    const batch: InFlight = { entries, settled: settledOf(entries), taskUid, bytes: 0, refused };
    if (this.opts.spool && !refused) {
      batch.stored = await this.opts.spool.write(entries);
      batch.bytes = batch.stored.length;
      batch.entries = undefined;
    } else if (this.opts.size) {
      batch.bytes = entries.reduce((n, e) => n + this.opts.size!(e), 0);
    }
    this.inFlightBytes += batch.bytes;
    this.inFlight.push(batch);
  }

  private async entriesOf(batch: InFlight): Promise<Entry[]> {
    return batch.entries ?? (await this.opts.spool!.read(batch.stored!));
  }

  private enqueue(entries: Entry[]): Promise<number> {
    return this.conn.call('send documents', async (c) => (await enqueueDocuments(c, this.uid, entries.map((e) => e.doc))).taskUid);
  }

  async push(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    let taskUid: number | undefined;
    try {
      taskUid = await this.enqueue(entries);
    } catch (err) {
      if (!isTooLarge(err)) throw err;
      // Meilisearch refuses the payload itself (HTTP 413): send halves, down to one document.
      if (entries.length === 1) {
        const e = entries[0]!;
        await this.track(entries, -1, [{ ...e.origin, id: e.doc.id, reason: (err as Error).message, record: e.record }]);
      } else {
        const mid = Math.ceil(entries.length / 2);
        await this.push(entries.slice(0, mid));
        await this.push(entries.slice(mid));
        return;
      }
    }
    if (taskUid !== undefined) await this.track(entries, taskUid);
    while (this.inFlight.length >= this.maxInFlight || (this.inFlight.length > 0 && this.inFlightBytes > this.maxInFlightBytes)) await this.settleOldest();
    await this.settleDone();
  }

  /**
   * Settles the oldest batches Meilisearch has already finished, looking at most once a second
   * and never waiting: with a spool, up to 1,024 tasks wait in Meilisearch's queue, and settled
   * only past that bound they left the progress at "indexed 0", the checkpoint unmoved and the
   * spool full until the whole input was read. One request per look, not retried: while
   * Meilisearch is away, the next send's or settle's own retrying (--retry-for) decides, as before.
   */
  private async settleDone(): Promise<void> {
    const now = Date.now();
    if (now - this.lastLook < 1_000) return;
    this.lastLook = now;
    while (this.inFlight.length > 0) {
      const head = this.inFlight[0]!;
      if (!head.refused) {
        // A task it cannot see (lost, or Meilisearch away) is left to settleOldest's own waiting.
        const task = await meiliCall(() => this.conn.client.tasks.getTask(head.taskUid)).catch(() => undefined);
        if (!task || unfinished(task)) return;
      }
      await this.settleOldest();
    }
  }

  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const next = this.inFlight.shift()!;
    this.inFlightBytes -= next.bytes;
    const failures: Failure[] = [...(next.refused ?? [])];
    if (!next.refused) await this.settle(next, failures);
    if (next.stored) await this.opts.spool!.release(next.stored);
    await this.opts.onSettled?.(next.settled, failures);
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
          if (unfinished(task)) throw new StillRunning();
          return task;
        },
        { forMs: timeoutMs, retryable: (e) => e instanceof StillRunning, minDelayMs: 25, maxDelayMs: 50 },
      ).catch((err: unknown) => {
        if (err instanceof StillRunning) throw new MeiliTaskTimeoutError(`Meilisearch task ${taskUid} not finished within ${timeoutMs} ms`, taskUid);
        throw err;
      }),
    );
  }

  private async finished(taskUid: number): Promise<Task | undefined> {
    try {
      return await this.waitForTask(taskUid);
    } catch (err) {
      if (err instanceof MeiliRejectedError && err.code === 'task_not_found') return undefined;
      throw err;
    }
  }

  private async settle(batch: InFlight, failures: Failure[]): Promise<void> {
    let task = await this.finished(batch.taskUid);
    // Lost (the engine died before persisting it) or failed for a reason that is not a document's: send again, once.
    if (!task || (task.status !== 'succeeded' && !DOCUMENT_ERROR.test(task.error?.code ?? ''))) {
      log.warn({ taskUid: batch.taskUid, status: task?.status ?? 'lost', err: task?.error?.message }, 'sending a batch again');
      task = await this.finished(await this.enqueue(await this.entriesOf(batch)));
    }
    if (task?.status === 'succeeded') {
      this.indexed += batch.settled.length;
      return;
    }
    const entries = await this.entriesOf(batch);
    const reason = task?.error?.message ?? `task ${task?.status ?? 'lost twice'}`;
    if (entries.length === 1 || !DOCUMENT_ERROR.test(task?.error?.code ?? '')) {
      for (const e of entries) failures.push({ ...e.origin, id: e.doc.id, reason, record: e.record });
      return;
    }
    const mid = Math.ceil(entries.length / 2);
    for (const half of [entries.slice(0, mid), entries.slice(mid)]) {
      await this.settle({ entries: half, settled: settledOf(half), taskUid: await this.enqueue(half), bytes: 0 }, failures);
    }
  }
}
