// Faults: Meilisearch is SIGKILLed in the middle of an indexing run and of a search load,
// then restarted on the same port and data. No document may be lost, the gateway must
// come back to 200s by itself, and everything in between must be a fast 503, not a hang.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { startEmbedded, type EmbeddedMeili } from '../../src/engine/embedded.ts';
import { PROJECT_ROOT, SEEDS_NDJSON } from '../helpers/meili.ts';

let dir: string;
let port: number;
let engine: EmbeddedMeili;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGKILL: no chance to flush or say goodbye, as in a crash or an OOM kill. */
async function crashAndRestart(downMs: number): Promise<void> {
  process.kill(engine.pid, 'SIGKILL');
  await sleep(downMs);
  engine = await startEmbedded({ dataDir: dir, port });
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faults-meili-'));
  port = await freePort();
  engine = await startEmbedded({ dataDir: dir, port });
});
after(async () => {
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Meilisearch killed during an indexing run', () => {
  it('the run retries, resends what was lost and ends with every document indexed', async () => {
    const TOTAL = 12_000;
    const input = path.join(dir, 'input.ndjson');
    await writeFile(
      input,
      Array.from({ length: TOTAL }, (_, i) => JSON.stringify({ id: `f-${i}`, lang: 'tr', title: `Haber ${i}`, body: `Kısa bir metin ${i}.` })).join('\n'),
    );
    const client = createClient(engine, 5000);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'indexer/cli.ts', '--json', '--index', 'faults', '--batch-size', '500', '--retry-for', '120', '--state-dir', path.join(dir, 'state'), input],
      { cwd: PROJECT_ROOT, env: { ...process.env, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.key }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const exited = new Promise<number | null>((r) => child.once('exit', r));

    // Kill once part of the input is in, while batches are still in flight.
    const deadline = Date.now() + 60_000;
    while ((await countDocuments(client, 'faults').catch(() => 0)) < 1000 && Date.now() < deadline) await sleep(50);
    const before = await countDocuments(client, 'faults');
    assert.ok(before > 0 && before < TOTAL, `killed mid-run (${before} of ${TOTAL} indexed)`);
    await crashAndRestart(1500);

    assert.equal(await exited, 0, stdout);
    const summary = JSON.parse(stdout);
    assert.equal(summary.failed, 0);
    assert.equal(summary.indexed, TOTAL);
    assert.equal(await countDocuments(createClient(engine, 5000), 'faults'), TOTAL);
  });
});

describe('Meilisearch killed during a search load', () => {
  let server: Server;
  let base: string;

  before(async () => {
    await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(engine, 60_000), indexUid: 'faults_search' });
    const gateway = createGateway(engine, { indexUid: 'faults_search', timeoutMs: 1500, loadSamples: false });
    await gateway.bootstrap();
    await new Promise<void>((resolve) => (server = gateway.app.listen(0, '127.0.0.1', () => resolve())));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => server?.close());

  it('answers 503 fast while it is down and 200 again once it is back, without a restart', async () => {
    const words = ['imamoglu', 'İstanbul', 'seçim', 'mayor', 'belediye', 'Kılıçdaroğlu'];
    const results: { at: number; status: number; ms: number; code?: string; retryAfter?: string | null }[] = [];
    const ready: number[] = [];
    const start = performance.now();
    let until = Infinity;
    let restartedAt = Infinity;
    const worker = async (w: number) => {
      for (let i = w; performance.now() < until; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/search?q=${encodeURIComponent(words[i % words.length]!)}`, { signal: AbortSignal.timeout(5000) });
        const body = (await res.json()) as { error?: { code: string } };
        results.push({ at: t - start, status: res.status, ms: performance.now() - t, code: body.error?.code, retryAfter: res.headers.get('retry-after') });
        // A client that gets 503 waits a little before trying again, as Retry-After asks.
        if (res.status === 503) await sleep(50);
      }
    };
    const readiness = async () => {
      while (performance.now() < until) {
        const r = await fetch(`${base}/ready`);
        ready.push(r.status);
        await sleep(250);
      }
    };
    const chaos = async () => {
      await sleep(2500);
      await crashAndRestart(3000);
      restartedAt = performance.now() - start;
      // Load goes on after the engine is back: the breaker's probe has to notice it.
      until = performance.now() + 4000;
    };
    await Promise.all([...Array.from({ length: 6 }, (_, w) => worker(w)), readiness(), chaos()]);

    const statuses = new Set(results.map((r) => r.status));
    assert.deepEqual([...statuses].filter((s) => s !== 200 && s !== 503), [], 'only 200 and 503');
    const outage = results.filter((r) => r.status === 503);
    assert.ok(outage.length > 0, 'the outage was seen');
    for (const r of outage) {
      assert.equal(r.code, 'search_unavailable');
      assert.equal(r.retryAfter, '1');
    }
    const slowest = Math.max(...results.map((r) => r.ms));
    assert.ok(slowest < 2000, `every answer within 2 s (slowest ${slowest.toFixed(0)} ms)`);
    assert.ok(ready.includes(503) && ready.at(-1) === 200, `/ready went false and came back: ${ready.join(',')}`);
    const last = results.filter((r) => r.at > restartedAt + 2000);
    assert.ok(last.length > 0 && last.every((r) => r.status === 200), 'all 200 again after the restart');
    process.stderr.write(
      `faults: ${results.length} searches, ${outage.length} answered 503 while Meilisearch was down (restarted after ${(restartedAt / 1000).toFixed(1)} s), slowest ${slowest.toFixed(0)} ms\n`,
    );
  });

  it('answers 503 within 2 s while Meilisearch hangs (SIGSTOP), and 200 once it runs again', async () => {
    process.kill(engine.pid, 'SIGSTOP');
    const hung: { status: number; ms: number }[] = [];
    try {
      // Connections stay open and nothing answers: only the deadline can end these requests.
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 4; i++) {
            const t = performance.now();
            const res = await fetch(`${base}/search?q=hang${w}${i}`, { signal: AbortSignal.timeout(5000) });
            await res.arrayBuffer();
            hung.push({ status: res.status, ms: performance.now() - t });
          }
        }),
      );
      const ready = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(5000) });
      assert.equal(ready.status, 503);
    } finally {
      process.kill(engine.pid, 'SIGCONT');
    }
    assert.deepEqual([...new Set(hung.map((h) => h.status))], [503]);
    const slowest = Math.max(...hung.map((h) => h.ms));
    assert.ok(slowest < 2000, `slowest 503 took ${slowest.toFixed(0)} ms`);
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) {
      back = (await fetch(`${base}/search?q=imamoglu`)).status;
      if (back !== 200) await sleep(200);
    }
    assert.equal(back, 200, 'searches answer again once Meilisearch runs');
    process.stderr.write(`faults: Meilisearch stopped: ${hung.length} searches answered 503, slowest ${slowest.toFixed(0)} ms\n`);
  });
});
