// The indexer against a real Meilisearch: bad input is reported with file, line and
// reason and does not stop the rest; re-runs are idempotent; odd ids keep working.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { runProcess } from '../helpers/cli.ts';
import { cleanup, PROJECT_ROOT, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('indexer');
const client = createClient(testTarget(), 60_000);
let dir: string;

const line = (o: unknown) => JSON.stringify(o);

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'indexer-test-'));
  await writeFile(
    path.join(dir, 'mixed.ndjson'),
    [
      line({ id: 'ok-1', title: 'Ankara’da kar yağışı', body: 'Başkentte kar yağışı trafiği yavaşlattı.', date: '2024-01-10' }),
      '{"id": "broken", "title": "unterminated',
      line({ id: 'ok-2', title: 'Rain in London', body: 'Heavy rain flooded several streets in London.' }),
      line({ id: 'bad-date', title: 'x', body: 'y', date: '2024-02-30' }),
      '',
      line({ id: 'no-text' }),
      line({ id: 'with space/and ü', title: 'Odd id', body: 'An id Meilisearch would refuse as a primary key.' }),
      line({ id: 'ok-1', title: 'duplicate', body: 'same id again' }),
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'more.ndjson.gz'), gzipSync(line({ title: 'İzmir’de fuar', body: 'Fuar yarın açılıyor.' })));
});
after(async () => {
  await cleanup(index);
  await rm(dir, { recursive: true, force: true });
});

describe('runIndexer', () => {
  it('indexes the good documents and reports each bad one with file, line and reason', async () => {
    const s = await runIndexer({ paths: [dir], client, indexUid: index });
    assert.equal(s.files, 2);
    assert.equal(s.read, 8);
    assert.equal(s.read, s.indexed + s.skipped + s.failed);
    assert.equal(s.indexed, 4); // ok-1, ok-2, the odd id, and the gzipped one
    assert.equal(s.failed, 3);
    const mixed = path.join(dir, 'mixed.ndjson');
    const byLine = Object.fromEntries(s.failures.map((f) => [f.line, f]));
    assert.equal(byLine[2]?.file, mixed);
    assert.match(byLine[2]!.reason, /invalid JSON/);
    assert.match(byLine[4]!.reason, /no day 30/);
    assert.equal(byLine[4]!.id, 'bad-date');
    assert.match(byLine[6]!.reason, /neither title nor body/);
    assert.equal(s.skipped, 1);
    assert.equal(s.skips[0]!.line, 8);
    assert.match(s.skips[0]!.reason, /duplicate id "ok-1" \(first at .*mixed\.ndjson:1\)/);
    assert.equal(await countDocuments(client, index), 4);
  });

  it('is idempotent: a second run leaves the same documents', async () => {
    const s = await runIndexer({ paths: [dir], client, indexUid: index });
    assert.equal(s.indexed, 4);
    assert.equal(await countDocuments(client, index), 4);
  });

  it('keeps an id Meilisearch refuses, under a derived primary key', async () => {
    const res = await client.index(index).search('refuse', { attributesToRetrieve: ['id', 'pk'] });
    assert.equal(res.hits[0]?.id, 'with space/and ü');
    assert.match(String(res.hits[0]?.pk), /^h_[A-Za-z0-9_-]{43}$/);
  });

  it('--reset drops what was there', async () => {
    const only = path.join(dir, 'more.ndjson.gz');
    const s = await runIndexer({ paths: [only], client, indexUid: index, reset: true });
    assert.equal(s.indexed, 1);
    assert.equal(await countDocuments(client, index), 1);
  });
});

describe('indexer CLI', () => {
  const cli = (args: string[]) =>
    runProcess(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', '--state-dir', path.join(dir, 'state'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, MEILI_INDEX: index },
      timeout: 300_000,
    });

  it('prints a summary and exits 1 when a document failed', async () => {
    const r = await cli([path.join(dir, 'mixed.ndjson')]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /documents read 7, indexed 3, skipped 1, failed 3/);
    assert.match(r.stdout, /mixed\.ndjson:2: invalid JSON/);
  });

  it('exits 0 when everything was indexed, and --json lists the summary', async () => {
    const r = await cli(['--json', path.join(dir, 'more.ndjson.gz')]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.indexed, 1);
    assert.deepEqual(summary.failures, []);
  });

  it('exits 2 with a message on bad usage', async () => {
    const r = await cli(['--lang', 'turkish', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not an ISO 639-1 code/);
    const none = await cli([]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /missing required argument/);
  });

  it('--help documents the options', async () => {
    const r = await cli(['--help']);
    assert.equal(r.status, 0);
    for (const opt of ['--reset', '--lang', '--batch-size', '--json']) assert.ok(r.stdout.includes(opt), opt);
  });

  it('reports a missing path as a failure', async () => {
    const r = await cli([path.join(dir, 'does-not-exist.ndjson')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /does-not-exist\.ndjson: no such file or folder/);
  });
});
