import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Checkpoint } from '../../../indexer/checkpoint.ts';
import type { InputFile } from '../../../indexer/stages/discover.ts';

let dir: string;
before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'checkpoint-test-'))));
after(() => rm(dir, { recursive: true, force: true }));

const file = (p: string, size = 10, mtimeMs = 1): InputFile => ({ path: p, format: 'ndjson', gzip: false, size, mtimeMs });

describe('Checkpoint', () => {
  it('keeps, across runs, how far each file was handled and what the runs failed', async () => {
    const a = file('/in/a.ndjson');
    const first = await Checkpoint.open(dir, 'idx', true);
    first.handled(a, 40);
    first.handled(file('/in/b.ndjson'), 1e9, true);
    first.failures(3, '/state/rejects-1.ndjson');
    await first.save();

    const second = await Checkpoint.open(dir, 'idx', true);
    assert.equal(second.handledUpTo(a), 40);
    assert.equal(second.isDone(file('/in/b.ndjson')), true);
    assert.deepEqual(second.earlier, { failed: 3, rejectsFiles: ['/state/rejects-1.ndjson'] });
    second.failures(5, '/state/rejects-2.ndjson');
    await second.save();
    assert.deepEqual((await Checkpoint.open(dir, 'idx', true)).earlier, { failed: 5, rejectsFiles: ['/state/rejects-1.ndjson', '/state/rejects-2.ndjson'] });
  });

  it('reads a file again from the start when it changed since', async () => {
    const cp = await Checkpoint.open(dir, 'idx', true);
    assert.equal(cp.handledUpTo(file('/in/a.ndjson', 11)), 0);
    assert.equal(cp.handledUpTo(file('/in/a.ndjson', 10, 2)), 0);
  });

  it('is ignored with resume off, kept apart per index, and removed by clear()', async () => {
    assert.equal((await Checkpoint.open(dir, 'idx', false)).handledUpTo(file('/in/a.ndjson')), 0);
    assert.equal((await Checkpoint.open(dir, 'other', true)).handledUpTo(file('/in/a.ndjson')), 0);
    const cp = await Checkpoint.open(dir, 'idx', true);
    await cp.clear();
    assert.equal(existsSync(Checkpoint.path(dir, 'idx')), false);
  });
});
