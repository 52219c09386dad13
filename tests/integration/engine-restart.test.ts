// Issue 10 item 2 and 6: the supervised embedded engine comes back by itself after SIGKILL,
// on the same URL, without a gateway restart; the reaper never touches a process it cannot
// prove it started. Deadlines are generous bounds, not measurements.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { connectMeili } from '../../src/engine/connect.ts';
import { startEmbedded, type EmbeddedMeili } from '../../src/engine/embedded.ts';
import { instanceFilePath } from '../../src/engine/instance.ts';
import { defaultIndexingMemory, defaultIndexingThreads } from '../../src/engine/launch.ts';
import { lockFilePath } from '../../src/engine/lock.ts';
import { alive, identify, isSameProcess } from '../../src/engine/proc.ts';
import { readEnv } from '../../src/env.ts';
import { createGateway } from '../../src/gateway.ts';
import { waitUntil } from '../helpers/meili.ts';

let dir: string;
const engines: EmbeddedMeili[] = [];
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'engine-restart-test-'));
});
after(async () => {
  for (const e of engines) await e.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});


describe('supervised embedded engine', () => {
  it('SIGKILL of the engine: searches answer 503 meanwhile, then 200 again on the same URL, counted in /health and /ready', async () => {
    const dataDir = path.join(dir, 'restart');
    // A long first delay keeps the engine down long enough to search while it is.
    const engine = await startEmbedded({ dataDir, supervise: true, restartDelayMs: 3000 });
    engines.push(engine);
    const gateway = createGateway(engine, { indexUid: 'restart', timeoutMs: 5000, loadSamples: false, engine: engine.status });
    await gateway.bootstrap();
    const app = gateway.app;
    await request(app).get('/search').query({ q: 'seçim' }).expect(200);
    const url = engine.url;
    const firstPid = engine.pid;

    process.kill(firstPid, 'SIGKILL');
    await waitUntil('the supervisor to see the exit', () => engine.status().state === 'restarting', 120_000, 100);
    const down = await request(app).get('/search').query({ q: 'seçim' });
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, 'search_unavailable');
    const notReady = await request(app).get('/ready').expect(503);
    assert.equal(notReady.body.engine.state, 'restarting');

    await waitUntil('searches to succeed again', async () => (await request(app).get('/search').query({ q: 'seçim' })).status === 200, 120_000, 100);
    // The new engine answers searches before its supervisor's own health check has seen it
    // (seen once under load: a search 200 while /health still said restarting), and
    // instance.json is written after that: wait for each rather than race them.
    const health = await waitUntil('/health to report the engine running', async () => {
      const res = await request(app).get('/health');
      assert.equal(res.status, 200);
      return res.body.engine.state === 'running' ? res.body : undefined;
    }, 120_000, 100);
    assert.equal(health.engine.restarts, 1);
    assert.equal(health.engine.lastExit.signal, 'SIGKILL');
    assert.notEqual(health.engine.pid, firstPid);
    assert.equal(engine.url, url, 'restarted on the same port');
    const inst = await waitUntil('instance.json to name the new engine', async () => {
      const i = JSON.parse(await readFile(instanceFilePath(dataDir), 'utf8'));
      return i.meiliPid === health.engine.pid ? i : undefined;
    }, 120_000, 100);
    assert.equal(inst.restarts, 1);
    await waitUntil('/ready', async () => (await request(app).get('/ready')).status === 200, 120_000, 100);
  });
});

describe('engine resources', () => {
  it('starts the engine with the documented indexing memory and threads, or the ones asked for', async () => {
    const flag = (argv: string[], name: string) => argv[argv.indexOf(name) + 1];
    const cmdline = async (pid: number) => (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const byDefault = await startEmbedded({ dataDir: path.join(dir, 'resources-default') });
    engines.push(byDefault);
    const argv = await cmdline(byDefault.pid);
    await byDefault.stop();
    assert.equal(flag(argv, '--max-indexing-memory'), String(defaultIndexingMemory()));
    assert.equal(flag(argv, '--max-indexing-threads'), String(defaultIndexingThreads()));
    const asked = await startEmbedded({ dataDir: path.join(dir, 'resources-asked'), maxIndexingMemory: 300 * 1024 * 1024, maxIndexingThreads: 3 });
    engines.push(asked);
    const askedArgv = await cmdline(asked.pid);
    await asked.stop();
    assert.equal(flag(askedArgv, '--max-indexing-memory'), String(300 * 1024 * 1024));
    assert.equal(flag(askedArgv, '--max-indexing-threads'), '3');
  });
});

describe('data folder ownership', () => {
  it('a second owner of the same folder is refused while the first engine is SIGSTOPped', async () => {
    const dataDir = path.join(dir, 'owned');
    const a = await startEmbedded({ dataDir });
    engines.push(a);
    process.kill(a.pid, 'SIGSTOP');
    try {
      await assert.rejects(startEmbedded({ dataDir }), /locked by another process/);
    } finally {
      process.kill(a.pid, 'SIGCONT');
    }
    await a.stop();
    // Released with its owner: the folder can be owned again.
    const b = await startEmbedded({ dataDir });
    engines.push(b);
    await b.stop();
  });

  it('proves a process by PID, start time and binary, not by its name', async () => {
    const self = await identify(process.pid, process.execPath);
    assert.ok(self);
    assert.equal(await isSameProcess(self), true);
    assert.equal(await isSameProcess({ ...self, startTime: String(Number(self.startTime) + 1) }), false);
    assert.equal(await isSameProcess({ ...self, binary: '/usr/bin/meilisearch' }), false);
  });

  it('never reaps an unrelated process named meilisearch that a stale instance.json names', async () => {
    for (const locked of [false, true]) {
      const dataDir = path.join(dir, `stale-${locked}`);
      await mkdir(dataDir, { recursive: true });
      // An unrelated process whose command line says meilisearch, and an owner long dead.
      const decoy = spawn('sleep', ['300'], { argv0: 'meilisearch', stdio: 'ignore' });
      const gone = spawn('true');
      await new Promise((r) => gone.on('exit', r));
      await writeFile(
        instanceFilePath(dataDir),
        JSON.stringify({ url: 'http://127.0.0.1:1', ownerPid: gone.pid, meiliPid: decoy.pid, meiliStartTime: '1', binary: '/bin/sleep', startedAt: '', restarts: 0 }),
      );
      // Locked by another process that we did not start as an engine (flock holding the file).
      const holder = locked ? spawn('flock', [lockFilePath(dataDir), 'sleep', '300'], { stdio: 'ignore', detached: true }) : undefined;
      if (holder) await new Promise((r) => setTimeout(r, 500));
      try {
        // Through connectMeili, as `npm start` and the indexer reach the engine (the code before
        // issue 10 reaped there, killing any process whose command line said meilisearch).
        const env = readEnv({ MEILI_DATA_DIR: dataDir });
        if (locked) await assert.rejects(connectMeili(env, 'service'), /locked by another process/);
        else await (await connectMeili(env, 'service')).close();
        assert.equal(alive(decoy.pid!), true, `the decoy survives (folder ${locked ? 'locked' : 'free'})`);
      } finally {
        decoy.kill('SIGKILL');
        if (holder) process.kill(-holder.pid!, 'SIGKILL'); // flock and its sleep, which holds the lock too
      }
    }
  });
});
