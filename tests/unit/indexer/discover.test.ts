import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discover, formatOf } from '../../../indexer/stages/discover.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'discover-test-'));
  for (const f of ['b.txt', 'a.ndjson', 'sub/c.md', 'sub/deeper/d.html', '.hidden.txt', '.git/e.txt', 'notes.pdf', 'z.ndjson.gz']) {
    await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await writeFile(path.join(dir, f), 'x');
  }
});
after(() => rm(dir, { recursive: true, force: true }));

const rel = (p: string) => path.relative(dir, p);

describe('discover', () => {
  it('walks folders recursively in sorted order, skipping hidden and unsupported entries', async () => {
    const { files, problems } = await discover([dir]);
    assert.deepEqual(files.map((f) => rel(f.path)), ['a.ndjson', 'b.txt', 'sub/c.md', 'sub/deeper/d.html', 'z.ndjson.gz']);
    assert.deepEqual(problems, []);
  });

  it('records format, gzip and size', async () => {
    const { files } = await discover([path.join(dir, 'z.ndjson.gz'), path.join(dir, 'b.txt')]);
    assert.deepEqual(
      files.map((f) => ({ file: rel(f.path), format: f.format, gzip: f.gzip, size: f.size })),
      [
        { file: 'z.ndjson.gz', format: 'ndjson', gzip: true, size: 1 },
        { file: 'b.txt', format: 'txt', gzip: false, size: 1 },
      ],
    );
  });

  it('reports an explicit unsupported file and a missing path', async () => {
    const pdf = path.join(dir, 'notes.pdf');
    const missing = path.join(dir, 'yok.ndjson');
    const { files, problems } = await discover([pdf, missing]);
    assert.deepEqual(files, []);
    assert.equal(problems.length, 2);
    assert.equal(problems[0]!.file, pdf);
    assert.match(problems[0]!.reason, /unsupported file type/);
    assert.deepEqual(problems[1], { file: missing, reason: 'no such file or folder' });
  });

  it('lists a file named twice once', async () => {
    const { files } = await discover([path.join(dir, 'b.txt'), dir]);
    assert.equal(files.filter((f) => f.path.endsWith('b.txt')).length, 1);
  });
});

describe('formatOf', () => {
  const rows: [string, ReturnType<typeof formatOf>][] = [
    ['haberler.ndjson.gz', { format: 'ndjson', gzip: true }],
    ['HABER.JSONL', { format: 'jsonl', gzip: false }],
    ['a.markdown', { format: 'markdown', gzip: false }],
    ['sayfa.htm.gz', { format: 'htm', gzip: true }],
    ['arsiv.tar.gz', undefined],
    ['README', undefined],
  ];
  for (const [name, expected] of rows) {
    it(`${name} → ${JSON.stringify(expected)}`, () => assert.deepEqual(formatOf(name), expected));
  }
});
