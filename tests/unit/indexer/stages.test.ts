// The build, settle and connection stages alone, without Meilisearch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Meilisearch } from 'meilisearch';
import { Connection } from '../../../indexer/connection.ts';
import { Builder, MAX_ID_LENGTH } from '../../../indexer/stages/build.ts';
import type { InputFile } from '../../../indexer/stages/discover.ts';
import { Ledger } from '../../../indexer/stages/settle.ts';
import { MeiliRejectedError, MeiliUnavailableError } from '../../../src/meili/errors.ts';

const origin = (line: number) => ({ file: 'in.ndjson', line });

describe('Builder', () => {
  it('builds a document, skips a later duplicate id naming the first place, fails a bad record', () => {
    const b = new Builder('tr');
    const ok = b.build({ id: 'a', title: 'Başlık', body: 'Gövde' }, origin(1));
    assert.ok('entry' in ok && ok.entry.doc.id === 'a');
    const dup = b.build({ id: 'a', title: 'Yine', body: 'Aynı id' }, origin(2));
    assert.ok('skip' in dup);
    assert.equal(dup.skip.reason, 'duplicate id "a" (first at in.ndjson:1)');
    const bad = b.build({ id: 'b' }, origin(3));
    assert.ok('failure' in bad);
    assert.match(bad.failure.reason, /neither title nor body/);
  });

  it('refuses an id longer than the document API accepts', () => {
    const b = new Builder('tr');
    assert.ok('entry' in b.build({ id: 'x'.repeat(MAX_ID_LENGTH), title: 'T', body: 'B' }, origin(1)));
    const long = b.build({ id: 'y'.repeat(MAX_ID_LENGTH + 1), title: 'T', body: 'B' }, origin(2));
    assert.ok('failure' in long);
    assert.match(long.failure.reason, /id is longer than 10000 characters/);
  });
});

describe('Ledger', () => {
  const file: InputFile = { path: 'in.ndjson', format: 'ndjson', gzip: false, size: 1, mtimeMs: 0 };

  it('keeps document failures and unreadable files apart, and moves the checkpoint on settled entries', async () => {
    const handled: [number, boolean][] = [];
    const checkpoint = { handled: (_f: InputFile, line: number, done = false) => void handled.push([line, done]), failures: () => {}, save: async () => {} };
    const ledger = new Ledger(checkpoint as never, undefined, 0);
    ledger.startFile(file);
    ledger.read += 2;
    ledger.sent(file);
    await ledger.fail({ ...origin(2), reason: 'bad' });
    await ledger.failFile({ file: 'photo.txt', reason: 'rejected: binary file (PNG image)' });
    ledger.endFile(file, true);
    assert.deepEqual(handled, [], 'not done while a document is in flight');
    await ledger.settled([{ origin: origin(1) } as never], []);
    assert.deepEqual(handled, [[1, false], [Number.MAX_SAFE_INTEGER, true]]);
    assert.equal(ledger.failures.length, 1);
    assert.equal(ledger.unreadable.length, 1);
  });
});

describe('Connection', () => {
  it('asks where Meilisearch is before a retry, and carries on at the new address', async () => {
    const old = { name: 'old' } as unknown as Meilisearch;
    const moved = { name: 'moved' } as unknown as Meilisearch;
    let asked = 0;
    const conn = new Connection(old, 5_000, async () => (++asked >= 2 ? moved : undefined));
    const used: string[] = [];
    const out = await conn.call('test', async (c) => {
      used.push((c as unknown as { name: string }).name);
      if (c === old) throw new MeiliUnavailableError('connection refused');
      return 'ok';
    });
    assert.equal(out, 'ok');
    assert.deepEqual(used, ['old', 'old', 'moved']);
    assert.equal(conn.client, moved);
  });

  it('does not retry what Meilisearch refused', async () => {
    let calls = 0;
    const conn = new Connection({} as Meilisearch, 5_000);
    await assert.rejects(
      conn.call('test', async () => {
        calls++;
        throw new MeiliRejectedError('bad filter', 'invalid_search_filter', 400);
      }),
      MeiliRejectedError,
    );
    assert.equal(calls, 1);
  });
});
