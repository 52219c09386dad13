import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Spool } from '../../../indexer/stages/spool.ts';
import type { Entry } from '../../../indexer/stages/push.ts';
import { buildDocument } from '../../../src/documents/build.ts';

const entry = (i: number): Entry => {
  const record = { id: `d${i}`, lang: 'tr', title: `Başlık ${i}`, body: 'İstanbul’da sıkı bir gün' };
  return { doc: buildDocument(record), origin: { file: 'in.ndjson', line: i + 1 }, record };
};

describe('Spool (batches in flight, on disk)', async () => {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'spool-test-'));
  after(() => rm(parent, { recursive: true, force: true }));

  it('gives back exactly the entries written, by reference, in any order', async () => {
    const spool = await Spool.open(parent);
    const a = [entry(0), entry(1)];
    const b = [entry(2)];
    const ra = await spool.write(a);
    const rb = await spool.write(b);
    assert.deepEqual(await spool.read(rb), b);
    assert.deepEqual(await spool.read(ra), a);
    assert.equal(spool.bytes, ra.length + rb.length);
    await spool.close();
  });

  it('deletes a batch once released, and its folder at close', async () => {
    const spool = await Spool.open(parent);
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push(await spool.write([entry(i)]));
    assert.equal((await readdir(spool.dir)).length, 3);
    await spool.release(refs[0]!);
    await spool.release(refs[2]!);
    assert.deepEqual(await readdir(spool.dir), [path.basename(refs[1]!.file)]);
    assert.equal(spool.bytes, refs[1]!.length);
    await spool.close();
    assert.ok(!(await readdir(parent)).includes(path.basename(spool.dir)));
  });

  it('removes the folder a killed run left, not one of a running process', async () => {
    // A pid above the kernel's maximum (4,194,304) belongs to no process.
    const dead = path.join(parent, 'spool-99999999-abc');
    const running = path.join(parent, `spool-${process.ppid}-abc`);
    await mkdir(dead);
    await mkdir(running);
    const spool = await Spool.open(parent);
    const names = await readdir(parent);
    assert.ok(!names.includes('spool-99999999-abc'));
    assert.ok(names.includes(`spool-${process.ppid}-abc`));
    await spool.close();
  });
});
