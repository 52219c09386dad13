// Input that used to stop or poison a run (issue 10, items 3–5), in small versions: each must
// end as a rejected record or file named by file:line, with the good records around it read.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { discover, formatOf, type InputFile } from '../../../indexer/stages/discover.ts';
import { readFile } from '../../../indexer/stages/read.ts';
import { DEFAULT_LIMITS, type RecordLimits } from '../../../indexer/input/limits.ts';
import type { ParsedItem } from '../../../indexer/types.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hostile-input-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function readAll(name: string, content: string | Buffer, limits: Partial<RecordLimits> = {}): Promise<ParsedItem[]> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const input: InputFile = { path: file, size: Buffer.byteLength(content), mtimeMs: 0, ...formatOf(name)! };
  const items: ParsedItem[] = [];
  for await (const item of readFile(input, () => {}, 0, { ...DEFAULT_LIMITS, ...limits })) items.push(item);
  return items;
}

const shape = (items: ParsedItem[]) =>
  items.map((i) => [i.origin.line, 'record' in i ? (i.record as { id?: string }).id ?? i.record : `${'fatal' in i && i.fatal ? 'FILE ' : ''}${i.error}`]);
const doc = (id: string) => JSON.stringify({ id, title: `Başlık ${id}`, body: 'Gövde' });
const MB = 1024 * 1024;

describe('records over the limits', () => {
  it('a 2 MB line with a 1 MB limit is one rejected record; the lines around it are read', async () => {
    const big = JSON.stringify({ id: 'big', body: 'x'.repeat(2 * MB) });
    const items = await readAll('big.ndjson', [doc('a'), big, doc('c')].join('\n'), { maxRecordBytes: MB });
    assert.deepEqual(shape(items), [
      [1, 'a'],
      [2, `record of ${Buffer.byteLength(big)} bytes is over the limit of ${MB} (--max-record-bytes)`],
      [3, 'c'],
    ]);
  });

  it('a line nested 100,000 deep is a rejected record, not a stack overflow', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const items = await readAll('deep.ndjson', [doc('a'), deep, doc('c')].join('\n'));
    assert.deepEqual(shape(items), [
      [1, 'a'],
      [2, `invalid JSON: nested deeper than ${DEFAULT_LIMITS.maxDepth} levels`],
      [3, 'c'],
    ]);
  });

  it('a small gzip bomb (one 64 MB line of zeros, 64 kB gzipped) with a 1 MB limit', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${doc('a')}\n{"id":"b","body":"`), Buffer.alloc(64 * MB, 0x30), Buffer.from(`"}\n${doc('c')}\n`)]), { level: 9 });
    assert.ok(bomb.length < 200_000, `${bomb.length} bytes gzipped`);
    const items = await readAll('bomb.ndjson.gz', bomb, { maxRecordBytes: MB });
    assert.deepEqual(shape(items).map(([l, r]) => [l, String(r).slice(0, 9)]), [
      [1, 'a'],
      [2, 'record of'],
      [3, 'c'],
    ]);
  });

  it('a .json array is read element by element: a big and a deep element are rejected, the rest read', async () => {
    const json = `\uFEFF[${doc('a')}, {"id":"big","body":"${'y'.repeat(2 * MB)}"}, ${'['.repeat(50_000)}${']'.repeat(50_000)}, ${doc('d')}]\n`;
    const items = await readAll('list.json', json, { maxRecordBytes: MB });
    assert.deepEqual(shape(items).map(([l, r]) => [l, String(r).replace(/\d{7} bytes/, 'N bytes').slice(0, 24)]), [
      [1, 'a'],
      [2, 'record of N bytes is ove'],
      [3, 'invalid JSON: nested dee'],
      [4, 'd'],
    ]);
  });

  it('a .json file cut short: the elements before are read, the break is named', async () => {
    const items = await readAll('cut.json', `[${doc('a')}, ${doc('b')}, {"id":"c","ti`);
    assert.deepEqual(shape(items), [
      [1, 'a'],
      [2, 'b'],
      [3, 'FILE invalid JSON: unexpected end of file in the array (element 3 is incomplete or missing `]`)'],
    ]);
  });

  it('a text file over the limit is rejected without being read whole', async () => {
    const items = await readAll('long.txt', `Başlık\n${'kelime '.repeat(400_000)}`, { maxRecordBytes: MB });
    assert.deepEqual(shape(items), [[undefined, `file of more than ${MB} bytes is over the record limit (--max-record-bytes)`]]);
  });
});

describe('binary and badly encoded input', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);

  it('a PNG renamed .txt is rejected as a PNG image', async () => {
    assert.deepEqual(shape(await readAll('photo.txt', png)), [[undefined, 'FILE rejected: binary file (PNG image)']]);
  });

  it('3,000 random bytes as .md, .ndjson and .html are rejected, never documents', async () => {
    // Random bytes without NUL: what is left to tell them from text is that they are not UTF-8.
    const noise = Buffer.from(randomBytes(3000).map((b) => b || 1));
    for (const name of ['noise.md', 'noise.ndjson', 'noise.html']) {
      assert.deepEqual(shape(await readAll(name, noise)), [[undefined, 'FILE rejected: binary file (mostly bytes that are not UTF-8 text)']], name);
    }
    assert.match(String(shape(await readAll('zeros.txt', Buffer.alloc(3000)))[0]![1]), /NUL bytes/);
  });

  it('a gzip file not named .gz, a PDF and a ZIP are rejected by their magic numbers', async () => {
    assert.match(String(shape(await readAll('packed.ndjson', gzipSync(doc('a'))))[0]![1]), /gzip data/);
    assert.match(String(shape(await readAll('doc.txt', Buffer.from('%PDF-1.7\n%âãÏÓ\n')))[0]![1]), /PDF document/);
    assert.match(String(shape(await readAll('doc.md', Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1')))[0]![1]), /ZIP archive/);
  });

  it('invalid UTF-8 in one NDJSON line rejects that record with file:line and byte; the rest is read', async () => {
    const latin5 = Buffer.from('{"id":"b","title":"G\xf6r\xfc\xfe"}', 'latin1'); // ISO-8859-9, not UTF-8
    const items = await readAll('mixed.ndjson', Buffer.concat([Buffer.from(`${doc('a')}\n`), latin5, Buffer.from(`\n${doc('c')}\n`)]));
    assert.deepEqual(shape(items), [
      [1, 'a'],
      [2, 'invalid UTF-8 at byte 20 (re-encode the file as UTF-8)'],
      [3, 'c'],
    ]);
  });

  it('invalid UTF-8 in a text file names the line', async () => {
    const items = await readAll('latin.txt', Buffer.concat([Buffer.from('Başlık\nbir satır\n'), Buffer.from('G\xf6r\xfc\xfe\n', 'latin1')]));
    assert.deepEqual(shape(items), [[3, 'invalid UTF-8 at byte 21 (re-encode the file as UTF-8)']]);
  });

  it('a UTF-8 BOM is accepted in .json, .ndjson and .txt', async () => {
    assert.deepEqual(shape(await readAll('bom.json', `\uFEFF[${doc('a')}]`)), [[1, 'a']]);
    assert.deepEqual(shape(await readAll('bom-object.json', `\uFEFF${doc('a')}`)), [[undefined, 'a']]);
    assert.deepEqual(shape(await readAll('bom.ndjson', `\uFEFF${doc('a')}\n${doc('b')}`)), [[1, 'a'], [2, 'b']]);
    const [txt] = await readAll('bom.txt', '\uFEFFBaşlık\nGövde');
    assert.deepEqual('record' in txt! && { ...(txt.record as object) }, { id: 'bom', title: 'Başlık', body: 'Gövde', date: undefined });
  });
});

describe('symbolic links', () => {
  it('a loop of three folder links ends, each file found once', async () => {
    const root = path.join(dir, 'loop');
    await mkdir(path.join(root, 'a', 'b', 'c'), { recursive: true });
    await writeFile(path.join(root, 'a', 'b', 'c', 'haber.txt'), 'Başlık\nGövde');
    await symlink(path.join(root, 'a'), path.join(root, 'a', 'b', 'c', 'to-a'));
    await symlink(path.join(root, 'a', 'b'), path.join(root, 'a', 'b', 'c', 'to-b'));
    await symlink(path.join(root, 'a', 'b', 'c'), path.join(root, 'a', 'to-c'));
    const { files, sameAs } = await discover([root]);
    assert.deepEqual(files.map((f) => path.relative(root, f.path)), ['a/b/c/haber.txt']);
    assert.equal(sameAs.length, 3);
  });

  it('a loop of three file links is reported, not followed forever', async () => {
    const root = path.join(dir, 'fileloop');
    await mkdir(root);
    await symlink('y.txt', path.join(root, 'x.txt'));
    await symlink('z.txt', path.join(root, 'y.txt'));
    await symlink('x.txt', path.join(root, 'z.txt'));
    const { files, problems } = await discover([root]);
    assert.deepEqual(files, []);
    assert.deepEqual(problems.map((p) => [path.basename(p.file), p.reason]), [['x.txt', 'symbolic link loop'], ['y.txt', 'symbolic link loop'], ['z.txt', 'symbolic link loop']]);
  });

  it('one file with 41 links is one input file', async () => {
    const root = path.join(dir, 'links');
    await mkdir(root);
    await writeFile(path.join(root, 'asil.ndjson'), doc('a'));
    for (let i = 0; i < 41; i++) await symlink('asil.ndjson', path.join(root, `link-${String(i).padStart(2, '0')}.ndjson`));
    const { files, sameAs } = await discover([root]);
    assert.deepEqual(files.map((f) => path.basename(f.path)), ['asil.ndjson']);
    assert.equal(sameAs.length, 41);
  });
});
