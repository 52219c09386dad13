// What a start finds after a compaction stopped at any point (src/engine/compact.ts): each
// state of the data folder between its steps, on plain folders.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compactDataDir, recoverCompaction } from '../../../src/engine/compact.ts';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'compact-unit-'));
});
after(() => rm(root, { recursive: true, force: true }));

/** A data folder holding the named database folders, each with a file naming it. */
async function folder(name: string, dbs: string[]): Promise<string> {
  const dir = path.join(root, name);
  for (const db of dbs) {
    await mkdir(path.join(dir, db), { recursive: true });
    await writeFile(path.join(dir, db, 'which'), db);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}
const which = (dir: string) => readFile(path.join(dir, 'data.ms', 'which'), 'utf8');

describe('recoverCompaction', () => {
  it('leaves a folder alone when no compaction was under way', async () => {
    const dir = await folder('plain', ['data.ms']);
    assert.equal(await recoverCompaction(dir), 'none');
    assert.equal(await which(dir), 'data.ms');
  });

  it('stopped before the swap: the half-imported copy goes, the database stays', async () => {
    const dir = await folder('importing', ['data.ms', 'data.ms.compact']);
    assert.equal(await recoverCompaction(dir), 'cleaned');
    assert.equal(await which(dir), 'data.ms');
    assert.ok(!existsSync(path.join(dir, 'data.ms.compact')));
  });

  it('stopped between the two renames: the old database is put back, the copy goes', async () => {
    const dir = await folder('between', ['data.ms.pre-compact', 'data.ms.compact']);
    assert.equal(await recoverCompaction(dir), 'restored');
    assert.equal(await which(dir), 'data.ms.pre-compact');
    assert.ok(!existsSync(path.join(dir, 'data.ms.compact')));
    assert.ok(!existsSync(path.join(dir, 'data.ms.pre-compact')));
  });

  it('stopped after the swap: the checked new database stays, the old one goes', async () => {
    const dir = await folder('swapped', ['data.ms', 'data.ms.pre-compact']);
    assert.equal(await recoverCompaction(dir), 'cleaned');
    assert.equal(await which(dir), 'data.ms');
    assert.ok(!existsSync(path.join(dir, 'data.ms.pre-compact')));
  });
});

describe('compactDataDir', () => {
  it('refuses a folder without a database, before touching anything', async () => {
    const dir = await folder('empty', []);
    await assert.rejects(compactDataDir({ dataDir: dir }), /holds no embedded Meilisearch database/);
  });
});
