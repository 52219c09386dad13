// Issue 10, item 7: the embedded engine of a running `npm start` is restarted on a new port
// (its owner rewrites instance.json) while the indexer is using it. The run must follow it
// there and end with every document indexed, none lost, none twice.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { startEmbedded, type EmbeddedMeili } from '../../src/engine/embedded.ts';
import { instanceFilePath } from '../../src/engine/instance.ts';
import { PROJECT_ROOT } from '../helpers/meili.ts';

let dir: string;
let engine: EmbeddedMeili | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'relocate-meili-'));
  // Started by this process, which stands for the running `npm start` (instance.json's owner).
  engine = await startEmbedded({ dataDir: path.join(dir, 'data') });
});
after(async () => {
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('engine restarted on a new port during an indexing run', () => {
  it('the indexer re-reads instance.json, continues on the new port and loses nothing', async () => {
    const TOTAL = 20_000;
    const input = path.join(dir, 'input.ndjson');
    await writeFile(input, Array.from({ length: TOTAL }, (_, i) => JSON.stringify({ id: `r-${i}`, lang: 'tr', title: `Haber ${i}`, body: `Kısa bir metin ${i}.` })).join('\n'));
    const dataDir = path.join(dir, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, MEILI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.MEILI_URL; // find the engine the way a user's indexer does: through the data folder
    delete env.MEILI_MASTER_KEY;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'indexer/cli.ts', '--json', '--index', 'moved', '--batch-size', '200', '--retry-for', '300', '--state-dir', path.join(dir, 'state'), input],
      { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((r) => child.once('exit', r));

    const first = engine!;
    const client = createClient(first, 5000);
    while ((await countDocuments(client, 'moved').catch(() => 0)) === 0 && child.exitCode === null) await sleep(20);
    assert.equal(child.exitCode, null, `the run was still going when the engine was killed\n${stdout}${stderr}`);
    const before = await countDocuments(client, 'moved');
    assert.ok(before < TOTAL, `killed mid-run (${before} of ${TOTAL} indexed)`);

    // Stopped, not SIGKILLed: the supervisor would restart a killed engine on its old port, and
    // the data folder's lock is held until its owner lets go. Then another owner's engine.
    await first.stop();
    engine = await startEmbedded({ dataDir }); // a free port: not the old one
    assert.notEqual(engine.url, first.url);
    assert.equal(JSON.parse(await readFile(instanceFilePath(dataDir), 'utf8')).url, engine.url);

    assert.equal(await exited, 0, stdout + stderr);
    const summary = JSON.parse(stdout);
    assert.equal(summary.read, TOTAL);
    assert.equal(summary.indexed, TOTAL);
    assert.equal(summary.failed, 0);
    assert.match(stderr, /Meilisearch moved to a new address/);
    const moved = createClient(engine, 5000);
    assert.equal(await countDocuments(moved, 'moved'), TOTAL);
    const ids = await moved.index('moved').getDocuments({ limit: TOTAL + 10, fields: ['id'] });
    assert.equal(new Set(ids.results.map((d) => d.id)).size, TOTAL);
  });
});
