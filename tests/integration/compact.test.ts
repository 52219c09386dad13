// `npm run compact`: the database file gives its free pages back, and nothing else changes:
// the same documents, answers and API keys; it refuses while the folder is in use; a start
// after a compaction stopped between its renames finds the old database. `npm run index --
// --compact` does the same at the end of a run on its own engine, and refuses any other.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Meilisearch } from 'meilisearch';
import { compactDataDir } from '../../src/engine/compact.ts';
import { startEmbedded, type EmbeddedMeili } from '../../src/engine/embedded.ts';
import { tryLockDataDir } from '../../src/engine/lock.ts';
import { waitForTask } from '../../src/meili/tasks.ts';
import { runProcess } from '../helpers/cli.ts';
import { PROJECT_ROOT, SEEDS_NDJSON, waitUntil } from '../helpers/meili.ts';

const WORDS = ['deprem', 'seçim', 'ekonomi', 'faiz', 'enflasyon', 'belediye', 'meclis', 'istanbul', 'ankara', 'haber'];
const docs = (from: number, n: number, tag: string) =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { id: i, title: `${WORDS[i % 10]} ${WORDS[(i * 7) % 10]} ${tag}`, body: Array.from({ length: 60 }, (_, j) => WORDS[(i + j * 3) % 10]).join(' ') };
  });

let dir: string;
let dataDir: string;
const running: EmbeddedMeili[] = [];
const dbBytes = async () => {
  let total = 0;
  for (const f of await readdir(path.join(dataDir, 'data.ms'), { recursive: true, withFileTypes: true })) if (f.isFile()) total += (await stat(path.join(f.parentPath, f.name))).size;
  return total;
};
async function open(): Promise<{ engine: EmbeddedMeili; client: Meilisearch }> {
  const engine = await startEmbedded({ dataDir, startTimeoutMs: 120_000 });
  running.push(engine);
  return { engine, client: new Meilisearch({ host: engine.url, apiKey: engine.key }) };
}
async function answers(client: Meilisearch) {
  const r = await client.index('docs').search('enflasyon faiz', { limit: 20, attributesToRetrieve: ['id'] });
  return { count: (await client.index('docs').getStats()).numberOfDocuments, ids: r.hits.map((h) => h.id), keys: (await client.getKeys()).results.map((k) => k.description).filter(Boolean).sort() };
}

let expected: Awaited<ReturnType<typeof answers>>;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'compact-test-'));
  dataDir = path.join(dir, 'meili');
  const { engine, client } = await open();
  await waitForTask(client, (await client.createIndex('docs', { primaryKey: 'id' })).taskUid, 120_000);
  // Batches one after another, then every document replaced: the commits leave free pages.
  for (let b = 0; b < 4; b++) await waitForTask(client, (await client.index('docs').addDocuments(docs(b * 500, 500, 'first'))).taskUid, 120_000);
  await waitForTask(client, (await client.index('docs').addDocuments(docs(0, 2000, 'second'))).taskUid, 120_000);
  await client.createKey({ description: 'search key kept', actions: ['search'], indexes: ['docs'], expiresAt: null });
  expected = await answers(client);
  assert.equal(expected.count, 2000);
  assert.ok(expected.ids.length > 0);
  await engine.stop();
});
after(async () => {
  for (const e of running) await e.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

describe('npm run compact', () => {
  it('refuses while the service holds the data folder, and changes nothing', async () => {
    const { engine } = await open();
    const bytes = await dbBytes();
    await assert.rejects(compactDataDir({ dataDir }), /locked by another process/);
    assert.equal(await dbBytes(), bytes);
    assert.ok(!existsSync(path.join(dataDir, 'data.ms.compact')));
    await engine.stop();
  });

  it('shrinks the file to its pages in use; the same documents, answers and keys come back', async () => {
    const before = await dbBytes();
    const res = await runProcess(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'compact.ts'), '--data-dir', dataDir, '--json'], { cwd: PROJECT_ROOT, timeout: 300_000 });
    assert.equal(res.status, 0, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.deepEqual(report.before.indexes, { docs: 2000 });
    assert.deepEqual(report.after.indexes, { docs: 2000 });
    assert.equal(report.before.fileBytes, before);
    const after = await dbBytes();
    assert.equal(report.after.fileBytes, after);
    assert.ok(after < before, `database ${after} bytes after, ${before} before`);
    for (const left of ['data.ms.compact', 'data.ms.pre-compact', path.join('snapshots', 'data.ms.snapshot')]) assert.ok(!existsSync(path.join(dataDir, left)), left);
    const { engine, client } = await open();
    assert.deepEqual(await answers(client), expected);
    await engine.stop();
  });

  it('SIGKILLed while it imports: the next start finds every document, and a new run completes', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'compact.ts'), '--data-dir', dataDir], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        if (stderr.includes('importing the snapshot')) resolve();
      });
      void exited.then(() => reject(new Error(`compact exited before importing: ${stderr}`)));
    });
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    // Wherever the kill landed (during the import, or past the swap), the next owner gets the
    // folder once the kernel drops the lock and the watchdog has stopped the import's engine.
    const free = await waitUntil('the import engine to be gone and the folder free', () => tryLockDataDir(dataDir), 60_000, 200);
    free.release();
    const { engine, client } = await open();
    assert.deepEqual(await answers(client), expected);
    await engine.stop();
    assert.ok(!existsSync(path.join(dataDir, 'data.ms.compact')));
    assert.ok(!existsSync(path.join(dataDir, 'data.ms.pre-compact')));
    const report = await compactDataDir({ dataDir });
    assert.deepEqual(report.after.indexes, { docs: 2000 });
  });

  it('a start after a compaction stopped between its two renames puts the old database back', async () => {
    await rename(path.join(dataDir, 'data.ms'), path.join(dataDir, 'data.ms.pre-compact'));
    await mkdir(path.join(dataDir, 'data.ms.compact'));
    await writeFile(path.join(dataDir, 'data.ms.compact', 'half-imported'), 'x');
    const { engine, client } = await open();
    assert.deepEqual(await answers(client), expected);
    assert.ok(!existsSync(path.join(dataDir, 'data.ms.pre-compact')));
    assert.ok(!existsSync(path.join(dataDir, 'data.ms.compact')));
    await engine.stop();
  });
});

describe('npm run index -- --compact', () => {
  const indexer = (env: NodeJS.ProcessEnv, state: string, input = SEEDS_NDJSON, extra: string[] = []) =>
    runProcess(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'indexer', 'cli.ts'), '--compact', '--json', '--state-dir', state, ...extra, input], { cwd: PROJECT_ROOT, env: { ...env, LOG_LEVEL: 'warn' }, timeout: 300_000 });

  it('on its own engine: indexes, then compacts the folder; the documents are there after', async () => {
    const ownDir = path.join(dir, 'indexer-own');
    const input = path.join(dir, 'own.ndjson');
    // Batches one after another leave free pages for the compaction to give back.
    await writeFile(input, docs(0, 2000, 'own').map((d) => JSON.stringify({ ...d, lang: 'tr' })).join('\n'));
    const env: NodeJS.ProcessEnv = { ...process.env, MEILI_DATA_DIR: ownDir };
    delete env.MEILI_URL; // the indexer starts the embedded engine for the run, as with no service running
    delete env.MEILI_MASTER_KEY;
    delete env.MEILI_NODES;
    const res = await indexer(env, path.join(dir, 'state-own'), input, ['--batch-size', '250']);
    assert.equal(res.status, 0, res.stderr);
    assert.equal(JSON.parse(res.stdout).indexed, 2000);
    const m = /compacted: database ([\d.]+) → ([\d.]+) MiB/.exec(res.stderr);
    assert.ok(m, res.stderr);
    assert.ok(Number(m[2]) < Number(m[1]), m[0]);
    for (const left of ['data.ms.compact', 'data.ms.pre-compact', path.join('snapshots', 'data.ms.snapshot')]) assert.ok(!existsSync(path.join(ownDir, left)), left);
    const engine = await startEmbedded({ dataDir: ownDir, startTimeoutMs: 120_000 });
    running.push(engine);
    const client = new Meilisearch({ host: engine.url, apiKey: engine.key });
    assert.equal((await client.index('documents').getStats()).numberOfDocuments, 2000);
    await engine.stop();
  });

  it('against an engine it does not own: refused before indexing anything', async () => {
    const { engine, client } = await open();
    try {
      // An external engine (MEILI_URL); the data folder named is an empty one, so a compaction
      // that got past the refusal would find nothing to compact rather than a real folder.
      const external: NodeJS.ProcessEnv = { ...process.env, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.key, MEILI_INDEX: 'refused', MEILI_DATA_DIR: path.join(dir, 'not-this') };
      delete external.MEILI_NODES;
      const res = await indexer(external, path.join(dir, 'state-refused'));
      assert.equal(res.status, 2, res.stderr);
      assert.match(res.stderr, /--compact works on the embedded engine only/);
      // The embedded engine of another process (found through the data folder, as a running service's).
      const shared: NodeJS.ProcessEnv = { ...process.env, MEILI_INDEX: 'refused', MEILI_DATA_DIR: dataDir };
      for (const name of ['MEILI_URL', 'MEILI_MASTER_KEY', 'MEILI_NODES']) delete shared[name];
      const res2 = await indexer(shared, path.join(dir, 'state-refused-2'));
      assert.equal(res2.status, 2, res2.stderr);
      assert.match(res2.stderr, /another process \(the service, or another indexer run\) holds the embedded engine/);
      assert.ok(!(await client.getIndexes()).results.some((i) => i.uid === 'refused'));
    } finally {
      await engine.stop();
    }
  });
});
