import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { formatOf, type InputFile } from '../../../indexer/stages/discover.ts';
import { fileId, readFile } from '../../../indexer/stages/read.ts';
import type { ParsedItem } from '../../../indexer/types.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'read-test-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Writes a file in the temp dir and reads every item of it. */
async function readAll(name: string, content: string | Buffer): Promise<{ items: ParsedItem[]; bytes: number }> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const input: InputFile = { path: file, size: Buffer.byteLength(content), mtimeMs: 0, ...formatOf(name)! };
  const items: ParsedItem[] = [];
  let bytes = 0;
  for await (const item of readFile(input, (n) => (bytes += n))) items.push(item);
  return { items, bytes };
}

/** Items as [line, record or error] for compact comparison. */
const summary = (items: ParsedItem[]) => items.map((i) => [i.origin.line, 'record' in i ? i.record : `error: ${i.error.slice(0, 13)}`]);

const NDJSON = '{"id":"a","title":"Bir"}\n{"id": broken\n\n{"id":"c","title":"Üç"}\n';

describe('readFile', () => {
  it('NDJSON: a malformed line yields an error with its line number, other lines still come', async () => {
    const { items, bytes } = await readAll('haber.ndjson', NDJSON);
    assert.deepEqual(summary(items), [
      [1, { id: 'a', title: 'Bir' }],
      [2, 'error: invalid JSON:'],
      [4, { id: 'c', title: 'Üç' }],
    ]);
    assert.equal(bytes, Buffer.byteLength(NDJSON));
  });

  it('NDJSON with CRLF line ends', async () => {
    const { items } = await readAll('crlf.jsonl', NDJSON.replaceAll('\n', '\r\n'));
    assert.deepEqual(summary(items), [
      [1, { id: 'a', title: 'Bir' }],
      [2, 'error: invalid JSON:'],
      [4, { id: 'c', title: 'Üç' }],
    ]);
  });

  it('gzipped NDJSON, reporting on-disk bytes', async () => {
    const gz = gzipSync(NDJSON);
    const { items, bytes } = await readAll('haber.ndjson.gz', gz);
    assert.deepEqual(summary(items).map(([line]) => line), [1, 2, 4]);
    assert.equal(bytes, gz.length);
  });

  it('a corrupt gzip file yields one read error', async () => {
    const { items } = await readAll('bozuk.ndjson.gz', Buffer.from('not gzip at all'));
    assert.equal(items.length, 1);
    assert.ok('error' in items[0]!);
    assert.match(items[0].error, /^cannot read file:/);
  });

  it('JSON array: line is the 1-based element position', async () => {
    const { items } = await readAll('liste.json', JSON.stringify([{ id: 'x' }, { id: 'y' }]));
    assert.deepEqual(summary(items), [
      [1, { id: 'x' }],
      [2, { id: 'y' }],
    ]);
  });

  it('JSON object: one record without line; invalid JSON: one error', async () => {
    assert.deepEqual(summary((await readAll('tek.json', '{"id":"t"}')).items), [[undefined, { id: 't' }]]);
    assert.deepEqual(summary((await readAll('kotu.json', '[{"id":')).items), [[1, 'error: invalid JSON:']]);
  });

  it('text: the file name without extension is the id', async () => {
    const { items } = await readAll('haber-7.txt.gz', gzipSync('date 2024-06 Başlık\nGövde'));
    assert.deepEqual(summary(items), [[undefined, { id: 'haber-7', title: 'Başlık', body: 'Gövde', date: '2024-06' }]]);
  });
});

describe('fileId', () => {
  const rows: [{ path: string; root?: string }, string][] = [
    [{ path: 'seeds/004_0cab67bd56ed1ee3.txt' }, '004_0cab67bd56ed1ee3'],
    [{ path: '/data/a/haber.md.gz' }, 'haber'],
    [{ path: 'site/2024/01/index.html', root: 'site' }, '2024/01/index'],
    [{ path: 'site/2024/02/index.html', root: 'site' }, '2024/02/index'],
    [{ path: 'site/top.txt', root: 'site' }, 'top'],
    [{ path: 'site/v1.2/notes.txt', root: 'site' }, 'v1.2/notes'],
  ];
  for (const [file, id] of rows) it(`${JSON.stringify(file)} → ${id}`, () => assert.equal(fileId(file), id));
});
