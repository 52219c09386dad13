// The two-command path for real: `npm start`'s entry point with no MEILI_URL launches the
// bundled engine in a data folder, loads the samples, serves searches, shares its engine
// with the indexer, and stops it on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ANSWER_ENV, PROJECT_ROOT, SEEDS_NDJSON, waitUntil } from '../helpers/meili.ts';

let dataDir: string;
let port: number;
let service: ChildProcess;
let serviceLog = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

// No MEILI_URL: the embedded path is what is under test.
function embeddedEnv(): NodeJS.ProcessEnv {
  const { MEILI_URL: _u, MEILI_MASTER_KEY: _k, ...rest } = process.env;
  return { ...rest, ...ANSWER_ENV, MEILI_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' };
}

function startService(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: PROJECT_ROOT, env: embeddedEnv() });
  child.stderr!.on('data', (c: Buffer) => (serviceLog += c.toString()));
  return child;
}

/** Start-up is tsx, the engine and the sample load: minutes on a starved machine, so wait for /ready, not a clock. */
async function waitReady(): Promise<void> {
  await waitUntil('/ready', () => fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)).catch((err: Error) => {
    throw new Error(`${err.message}:\n${serviceLog}`);
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

const get = async (p: string) => (await fetch(`http://127.0.0.1:${port}${p}`)).json() as Promise<Record<string, any>>;

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'service-test-'));
  port = await freePort();
  service = startService();
  await waitReady();
});
after(async () => {
  if (service.exitCode === null) service.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded engine', () => {
  it('loads the sample documents into the empty index and answers the README query', async () => {
    const body = await get('/search?q=istanbul');
    assert.ok(body.total >= 2, JSON.stringify(body));
    assert.ok(body.hits.some((h: { id: string }) => h.id.startsWith('sample-')));
    const ready = await get('/ready');
    assert.equal(ready.documents, 12);
  });

  it('keeps the generated master key private (mode 0600) in the data folder', async () => {
    const st = await stat(path.join(dataDir, 'master.key'));
    assert.equal(st.mode & 0o777, 0o600);
    const key = (await readFile(path.join(dataDir, 'master.key'), 'utf8')).trim();
    assert.ok(key.length >= 32);
    assert.ok(!serviceLog.includes(key), 'the master key must not be logged');
  });

  it('lets the indexer use the running engine instead of starting a second one', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', SEEDS_NDJSON], {
      cwd: PROJECT_ROOT,
      env: embeddedEnv(),
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /using the embedded Meilisearch of a running service/);
    assert.match(r.stdout, /indexed 5/);
  });

  it('serves the newly indexed documents', async () => {
    const body = await get('/search?q=imamoglu&lang=tr');
    assert.equal(body.total, 3);
  });

  it('refuses a second service on the same data folder', async () => {
    const second = startService();
    const code = await exited(second);
    assert.equal(code, 1);
    assert.match(serviceLog, /already run by process/);
  });

  it('stops its engine on SIGTERM and leaves no instance file', async () => {
    const instance = JSON.parse(await readFile(path.join(dataDir, 'instance.json'), 'utf8'));
    service.kill('SIGTERM');
    assert.equal(await exited(service), 0);
    assert.throws(() => process.kill(instance.meiliPid, 0), /ESRCH/);
    await assert.rejects(stat(path.join(dataDir, 'instance.json')));
  });

  it('restarts on the same data without reloading samples over existing documents', async () => {
    service = startService();
    await waitReady();
    const ready = await get('/ready');
    assert.equal(ready.documents, 17);
    service.kill('SIGTERM');
    assert.equal(await exited(service), 0);
  });
});
