// A run over a folder of hostile input next to good input: the good documents are indexed, each
// bad record or file is named, and the summary adds up (issue 10, items 3, 4 and 9).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { runProcess } from '../helpers/cli.ts';
import { cleanup, PROJECT_ROOT, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('hostile');
const client = createClient(testTarget(), 60_000);
let dir: string;
const doc = (id: string) => JSON.stringify({ id, lang: 'tr', title: `Başlık ${id}`, body: 'Gövde metni.' });

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'indexer-hostile-'));
  const input = path.join(dir, 'input');
  await mkdir(input);
  await writeFile(
    path.join(input, 'mixed.ndjson'),
    Buffer.concat([
      Buffer.from(`\uFEFF${doc('a')}\n`),
      Buffer.from(`{"id":"big","body":"${'x'.repeat(300_000)}"}\n`),
      Buffer.from(`${'['.repeat(40_000)}${']'.repeat(40_000)}\n`),
      Buffer.from('{"id":"latin","title":"G\xf6r\xfc\xfe"}\n', 'latin1'),
      Buffer.from(`${JSON.stringify({ id: 'z'.repeat(10_001), title: 'Uzun id', body: 'x' })}\n`),
      Buffer.from(`${doc('a')}\n${doc('b')}\n`),
    ]),
  );
  await writeFile(path.join(input, 'photo.txt'), Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2000, 7)]));
  await writeFile(path.join(input, 'liste.json'), `\uFEFF[${doc('c')}, ${doc('d')}]`);
  await writeFile(path.join(input, 'sayfa.html'), '<html lang="tr"><head><title>G&ouml;r&uuml;&scedil; &ccedil;ok</title></head><body><nav>Menü</nav><article><p>&#304;stanbul&#039;da ya&#287;mur.</p></article></body></html>');
});
after(async () => {
  await cleanup(index);
  await rm(dir, { recursive: true, force: true });
});

describe('hostile input beside good input', () => {
  it('indexes the good documents, names each bad one, and the summary adds up', async () => {
    const s = await runIndexer({ paths: [path.join(dir, 'input')], client, indexUid: index, limits: { maxRecordBytes: 100_000 } });
    assert.equal(s.read, s.indexed + s.failed + s.skipped);
    assert.equal(s.indexed, 5); // a, b, c, d and the page
    assert.equal(s.skipped, 1);
    const reasons = s.failures.map((f) => `${path.basename(f.file)}:${f.line} ${f.reason.slice(0, 30)}`);
    assert.deepEqual(reasons, [
      'mixed.ndjson:2 record of 300022 bytes is over',
      'mixed.ndjson:3 invalid JSON: nested deeper th',
      'mixed.ndjson:4 invalid UTF-8 at byte 24 (re-e',
      'mixed.ndjson:5 id is longer than 10000 charac',
    ]);
    assert.deepEqual(s.unreadableFiles.map((f) => [path.basename(f.file), f.reason]), [['photo.txt', 'rejected: binary file (PNG image)']]);
    assert.equal(await countDocuments(client, index), 5);
    const page = await client.index(index).search('yağmur', { attributesToRetrieve: ['title', 'body'] });
    assert.deepEqual(page.hits.map((h) => [h.title, h.body]), [['Görüş çok', "İstanbul'da yağmur."]]);
  });

  it('the CLI says the sum out loud and exits 1', async () => {
    const r = await runProcess(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', '--index', index, '--state-dir', path.join(dir, 'state'), '--max-record-bytes', '100000', path.join(dir, 'input')], {
      cwd: PROJECT_ROOT,
      timeout: 120_000,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /read 10 = indexed 5 \+ failed 4 \+ skipped 1 \(duplicate ids\)/);
    assert.match(r.stdout, /1 file\(s\) or file tail\(s\) could not be read/);
    assert.match(r.stdout, /photo\.txt: rejected: binary file \(PNG image\)/);
  });
});
