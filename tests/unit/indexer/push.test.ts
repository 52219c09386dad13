// The push stage against a stub Meilisearch client: what it does with payloads refused as too
// large, lost tasks, and documents Meilisearch rejects, and in which order batches settle.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Meilisearch } from 'meilisearch';
import { Connection } from '../../../indexer/connection.ts';
import { Pusher, type Entry } from '../../../indexer/stages/push.ts';
import { Spool } from '../../../indexer/stages/spool.ts';
import type { Failure } from '../../../indexer/types.ts';
import { buildDocument } from '../../../src/documents/build.ts';
import { MeiliRejectedError, MeiliUnavailableError } from '../../../src/meili/errors.ts';

const entry = (i: number, body = 'kısa'): Entry => {
  const record = { id: `d${i}`, lang: 'tr', title: `Başlık ${i}`, body };
  return { doc: buildDocument(record), origin: { file: 'in.ndjson', line: i + 1 }, record };
};

/** A client whose addDocuments refuses payloads over `maxDocsBytes` and whose tasks succeed unless told. */
function stub(opts: { maxBytes?: number; failTask?: (ids: string[]) => { code: string; message: string } | undefined; loseFirst?: boolean; running?: (uid: number) => boolean }) {
  const sent: string[][] = [];
  const tasks = new Map<number, string[]>();
  // A lost task (the engine died before persisting it) stays unknown however often it is asked for.
  const lostUid = opts.loseFirst ? 0 : -1;
  const client = {
    index: () => ({
      addDocuments: async (docs: { id: string }[]) => {
        if (opts.maxBytes !== undefined && JSON.stringify(docs).length > opts.maxBytes) {
          throw new MeiliRejectedError('The provided payload reached the size limit.', 'payload_too_large', 413);
        }
        sent.push(docs.map((d) => d.id));
        const uid = tasks.size;
        tasks.set(uid, docs.map((d) => d.id));
        return { taskUid: uid };
      },
    }),
    tasks: {
      getTask: async (uid: number) => {
        if (uid === lostUid) throw new MeiliRejectedError(`Task \`${uid}\` not found.`, 'task_not_found', 404);
        if (opts.running?.(uid)) return { uid, status: 'processing' };
        const error = opts.failTask?.(tasks.get(uid)!);
        return { uid, status: error ? 'failed' : 'succeeded', error };
      },
    },
  } as unknown as Meilisearch;
  return { client, sent };
}

async function run(client: Meilisearch, batches: Entry[][], spool?: Spool) {
  const settled: { ids: string[]; failures: Failure[] }[] = [];
  const pusher = new Pusher(new Connection(client, 1000), 'x', { maxInFlight: 2, spool, onSettled: (e, f) => void settled.push({ ids: e.map((x) => x.id), failures: f }) });
  for (const b of batches) await pusher.push(b);
  await pusher.flush();
  return { pusher, settled };
}

describe('Pusher', () => {
  it('holds at most maxInFlightBytes of unsettled batches (bounded memory), each oversized batch alone', async () => {
    const { client } = stub({});
    const settledAt: number[] = [];
    let pushed = 0;
    const pusher = new Pusher(new Connection(client, 1000), 'x', {
      maxInFlight: 10,
      maxInFlightBytes: 3_000,
      size: () => 1_000,
      onSettled: () => void settledAt.push(pushed),
    });
    // Five batches of two entries (2,000 estimated bytes each): the second would make 4,000 in flight.
    for (let b = 0; b < 5; b++) {
      await pusher.push([entry(2 * b), entry(2 * b + 1)]);
      pushed++;
      assert.ok(settledAt.length >= pushed - 1, `after ${pushed} pushes only ${settledAt.length} settled`);
    }
    await pusher.flush();
    assert.equal(pusher.indexed, 10);
  });

  it('splits a batch Meilisearch refuses as too large, down to the one document that is, and names it', async () => {
    const docs = [0, 1, 2, 3].map((i) => entry(i, i === 2 ? 'x'.repeat(5000) : 'kısa'));
    const { client, sent } = stub({ maxBytes: 4000 });
    const { pusher, settled } = await run(client, [docs]);
    assert.equal(pusher.indexed, 3);
    assert.deepEqual(sent, [['d0', 'd1'], ['d3']]);
    const failures = settled.flatMap((s) => s.failures);
    assert.deepEqual(failures.map((f) => [f.id, f.line]), [['d2', 3]]);
    assert.match(failures[0]!.reason, /size limit/);
    assert.deepEqual(settled.map((s) => s.ids), [['d0', 'd1'], ['d2'], ['d3']], 'settled in input order');
  });

  it('sends again a batch whose task was lost', async () => {
    const { client, sent } = stub({ loseFirst: true });
    const { pusher } = await run(client, [[entry(0), entry(1)]]);
    assert.equal(pusher.indexed, 2);
    assert.deepEqual(sent, [['d0', 'd1'], ['d0', 'd1']]);
  });

  it('isolates a document Meilisearch rejects, settling batches in order', async () => {
    const { client } = stub({ failTask: (ids) => (ids.includes('d5') ? { code: 'invalid_document_fields', message: 'bad d5' } : undefined) });
    const { pusher, settled } = await run(client, [[0, 1, 2, 3].map((i) => entry(i)), [4, 5, 6, 7].map((i) => entry(i))]);
    assert.equal(pusher.indexed, 7);
    assert.deepEqual(settled.map((s) => s.ids[0]), ['d0', 'd4']);
    assert.deepEqual(settled[1]!.failures.map((f) => [f.id, f.reason]), [['d5', 'bad d5']]);
  });

  it('settles the batches Meilisearch has finished while it sends, and waits for none that runs', async () => {
    let running = false;
    const { client } = stub({ running: () => running });
    const settled: string[][] = [];
    const pusher = new Pusher(new Connection(client, 1000), 'x', { maxInFlight: 1024, onSettled: (e) => void settled.push(e.map((x) => x.id)) });
    await pusher.push([entry(0), entry(1)]);
    assert.equal(pusher.indexed, 2, 'a finished task is settled before the input ends, not only past maxInFlight');
    running = true;
    await new Promise((r) => setTimeout(r, 1_100));
    await pusher.push([entry(2)]);
    assert.equal(pusher.indexed, 2, 'a task still running is left for later');
    running = false;
    await pusher.flush();
    assert.deepEqual(settled, [['d0', 'd1'], ['d2']]);
  });

  it('looks at a task once while Meilisearch is away, leaving the retrying to the sends and settles', async () => {
    let away = true;
    let looks = 0;
    const { client } = stub({});
    const getTask = client.tasks.getTask.bind(client.tasks);
    client.tasks.getTask = (async (uid: number) => {
      looks++;
      if (away) throw new MeiliUnavailableError('connection refused');
      return getTask(uid);
    }) as typeof client.tasks.getTask;
    const pusher = new Pusher(new Connection(client, 60_000), 'x', { maxInFlight: 1024 });
    await pusher.push([entry(0)]);
    assert.equal(looks, 1, 'one request, not retried for --retry-for');
    assert.equal(pusher.indexed, 0);
    away = false;
    await pusher.flush();
    assert.equal(pusher.indexed, 1);
  });

  describe('with a spool (the entries of batches in flight on disk, not in memory)', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'push-spool-'));
    after(() => rm(parent, { recursive: true, force: true }));

    it('sends a lost batch again from the spool', async () => {
      const spool = await Spool.open(parent);
      const { client, sent } = stub({ loseFirst: true });
      const { pusher } = await run(client, [[entry(0), entry(1)]], spool);
      assert.equal(pusher.indexed, 2);
      assert.deepEqual(sent, [['d0', 'd1'], ['d0', 'd1']]);
      assert.equal(spool.bytes, 0, 'released once settled');
      await spool.close();
    });

    it('names the rejected document with its record, read back from the spool', async () => {
      const spool = await Spool.open(parent);
      const { client } = stub({ failTask: (ids) => (ids.includes('d2') ? { code: 'invalid_document_fields', message: 'bad d2' } : undefined) });
      const { pusher, settled } = await run(client, [[0, 1, 2, 3].map((i) => entry(i)), [4, 5].map((i) => entry(i))], spool);
      assert.equal(pusher.indexed, 5);
      assert.deepEqual(settled.map((s) => s.ids), [['d0', 'd1', 'd2', 'd3'], ['d4', 'd5']]);
      const [bad] = settled[0]!.failures;
      assert.deepEqual([bad!.id, bad!.line, bad!.reason, (bad!.record as { title: string }).title], ['d2', 3, 'bad d2', 'Başlık 2']);
      await spool.close();
    });

    it('bounds the spooled bytes in flight like the memory bound', async () => {
      const spool = await Spool.open(parent);
      const { client } = stub({});
      let most = 0;
      const pusher = new Pusher(new Connection(client, 1000), 'x', { maxInFlight: 100, maxInFlightBytes: 1, spool, onSettled: () => void (most = Math.max(most, spool.bytes)) });
      for (let b = 0; b < 4; b++) await pusher.push([entry(b)]);
      await pusher.flush();
      assert.equal(pusher.indexed, 4);
      // One batch past the bound is waited for at once: never two on disk at the settle.
      const one = (await spool.write([entry(9)])).length;
      assert.ok(most <= one, `${most} bytes spooled at a settle, one batch is ${one}`);
      await spool.close();
    });
  });
});
