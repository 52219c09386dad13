// Faults: Meilisearch is SIGKILLed in the middle of an indexing run and of a search load,
// then restarted on the same port and data. No document may be lost, the gateway must
// come back to 200s by itself, and everything in between must be a 503, not a hang.
// Every wait is on an event (a count reached, an answer seen), never on the clock: on a
// starved machine each step just takes longer.
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
import { ANSWER_TIMEOUT_MS, PROJECT_ROOT, SEEDS_NDJSON, waitUntil } from '../helpers/meili.ts';

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
    const client = createClient(engine, ANSWER_TIMEOUT_MS);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'indexer/cli.ts', '--json', '--index', 'faults', '--batch-size', '500', '--retry-for', '120', '--state-dir', path.join(dir, 'state'), input],
      { cwd: PROJECT_ROOT, env: { ...process.env, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.key }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const exited = new Promise<number | null>((r) => child.once('exit', r));

    // Kill as soon as the first batch is in: the other batches are still to come or in flight.
    const before = await waitUntil('the first documents indexed', () => countDocuments(client, 'faults').catch(() => 0), 180_000, 20);
    assert.ok(before > 0 && before < TOTAL, `killed mid-run (${before} of ${TOTAL} indexed)`);
    await crashAndRestart(1500);

    assert.equal(await exited, 0, stdout);
    const summary = JSON.parse(stdout);
    assert.equal(summary.failed, 0);
    assert.equal(summary.indexed, TOTAL);
    assert.equal(await countDocuments(createClient(engine, ANSWER_TIMEOUT_MS), 'faults'), TOTAL);
  });
});

describe('Meilisearch killed during a search load', () => {
  let server: Server;
  let base: string;
  /** Same engine, the production deadline (1500 ms): for the hang, where only the deadline answers. */
  let shortServer: Server;
  let shortBase: string;

  const listenOn = async (gateway: ReturnType<typeof createGateway>) => {
    await gateway.bootstrap();
    const s = await new Promise<Server>((resolve) => {
      const srv = gateway.app.listen(0, '127.0.0.1', () => resolve(srv));
    });
    return { s, url: `http://127.0.0.1:${(s.address() as { port: number }).port}` };
  };

  before(async () => {
    await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(engine, 60_000), indexUid: 'faults_search' });
    // A refused connection answers 503 at once whatever the deadline, so this gateway can
    // wait as long as a starved machine needs for the answers that should be 200.
    ({ s: server, url: base } = await listenOn(createGateway(engine, { indexUid: 'faults_search', timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false })));
    ({ s: shortServer, url: shortBase } = await listenOn(createGateway(engine, { indexUid: 'faults_search', timeoutMs: 1500, loadSamples: false })));
  });
  after(() => {
    for (const s of [server, shortServer]) {
      s?.closeAllConnections();
      s?.close();
    }
  });

  it('answers 503 while it is down and 200 again once it is back, without a restart', async () => {
    const words = ['imamoglu', 'İstanbul', 'seçim', 'mayor', 'belediye', 'Kılıçdaroğlu'];
    const results: { status: number; ms: number; code?: string; retryAfter?: string | null; afterRestart: boolean; afterBack: boolean }[] = [];
    const ready: number[] = [];
    let stop = false;
    let restarted = false;
    /** Set when the first search after the restart is answered 200. */
    let back = false;
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const t = performance.now();
        const afterRestart = restarted;
        const afterBack = back;
        const res = await fetch(`${base}/search?q=${encodeURIComponent(words[i % words.length]!)}`, { signal: AbortSignal.timeout(4 * ANSWER_TIMEOUT_MS) });
        const body = (await res.json()) as { error?: { code: string } };
        results.push({ status: res.status, ms: performance.now() - t, code: body.error?.code, retryAfter: res.headers.get('retry-after'), afterRestart, afterBack });
        if (afterRestart && res.status === 200) back = true;
        // A client that gets 503 waits a little before trying again, as Retry-After asks.
        if (res.status === 503) await sleep(50);
      }
    };
    const readiness = async () => {
      while (!stop) {
        const r = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(4 * ANSWER_TIMEOUT_MS) });
        ready.push(r.status);
        await sleep(100);
      }
    };
    const count = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length;
    const chaos = async () => {
      try {
        await waitUntil('searches answered before the crash', () => count((r) => r.status === 200) >= 12);
        process.kill(engine.pid, 'SIGKILL');
        await waitUntil('the outage seen by searches and by /ready', () => count((r) => r.status === 503) >= 12 && ready.includes(503));
        engine = await startEmbedded({ dataDir: dir, port });
        restarted = true;
        // The breaker's probe has to notice the engine is back; then load goes on a while.
        await waitUntil('a search answered after the restart', () => back);
        await waitUntil('more searches after the recovery', () => count((r) => r.afterBack) >= 30 && ready.at(-1) === 200);
      } finally {
        stop = true;
      }
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
    assert.ok(ready.includes(503) && ready.at(-1) === 200, `/ready went false and came back: ${ready.join(',')}`);
    // Once one search succeeded after the restart, none sent after it fails.
    const after = results.filter((r) => r.afterBack);
    assert.ok(after.length >= 30);
    assert.deepEqual([...new Set(after.map((r) => r.status))], [200], 'all 200 again after the recovery');
    const slowest = Math.max(...outage.map((r) => r.ms));
    process.stderr.write(`faults: ${results.length} searches, ${outage.length} answered 503 while Meilisearch was down, slowest 503 ${slowest.toFixed(0)} ms (not asserted: machine speed)\n`);
  });

  it('answers 503 at its deadline while Meilisearch hangs (SIGSTOP), and 200 once it runs again', async () => {
    process.kill(engine.pid, 'SIGSTOP');
    const hung: { status: number; ms: number }[] = [];
    try {
      // Connections stay open and nothing answers: only the gateway's deadline can end these
      // requests. The client's own limit is far longer, so a hang fails the test, a slow machine does not.
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 4; i++) {
            const t = performance.now();
            const res = await fetch(`${shortBase}/search?q=hang${w}${i}`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
            const body = (await res.json()) as { error?: { code: string } };
            hung.push({ status: res.status, ms: performance.now() - t });
            assert.equal(body.error?.code, 'search_unavailable');
          }
        }),
      );
      const ready = await fetch(`${shortBase}/ready`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
      assert.equal(ready.status, 503);
    } finally {
      process.kill(engine.pid, 'SIGCONT');
    }
    assert.deepEqual([...new Set(hung.map((h) => h.status))], [503]);
    await waitUntil('a search answered once Meilisearch runs again', async () => (await fetch(`${base}/search?q=imamoglu`)).status === 200, 180_000, 200);
    const slowest = Math.max(...hung.map((h) => h.ms));
    process.stderr.write(`faults: Meilisearch stopped: ${hung.length} searches answered 503, slowest ${slowest.toFixed(0)} ms (deadline 1500 ms; not asserted: machine speed)\n`);
  });
});
