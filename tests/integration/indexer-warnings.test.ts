// A long indexing run prints no MaxListenersExceededWarning (issue 10, item 9: the indexer
// printed 1,728 of them on en-news). The official client's waitForTask passes one AbortSignal
// to every poll of a task, and each poll leaves listeners on it; undici lets a signal hold
// 1,500 before Node warns, so the warning came from tasks polled for more than ~75 s. Here
// every task is polled many times whatever the machine's speed (the CLI talks to the real
// Meilisearch through a proxy that reports each task still `processing` for its first
// POLLS_HELD polls), and a preloaded counter (tests/fixtures/indexer/abort-listeners.mjs)
// records the most abort listeners one signal held: the growth shows in seconds, not 75 s.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { cleanup, PROJECT_ROOT, testTarget, uniqueIndex } from '../helpers/meili.ts';

const COUNTER = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'indexer', 'abort-listeners.mjs');

const POLLS_HELD = 15; // past Node's limit of 10 listeners per event
const DOCS = 200;
const BATCH = 100;
const index = uniqueIndex('warnings');
const target = testTarget();
const client = createClient(target, 60_000);
const polls = new Map<string, number>();
let proxy: http.Server;
let proxyUrl: string;
let dir: string;

/** Forwards every request to Meilisearch; GET /tasks/<uid> answers `processing` for its first POLLS_HELD polls. */
function startProxy(): Promise<void> {
  const upstream = new URL(target.url);
  proxy = http.createServer((req, res) => {
    const task = /^\/tasks\/(\d+)$/.exec(req.url ?? '')?.[1];
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' } },
      (upRes) => {
        if (req.method !== 'GET' || task === undefined || upRes.statusCode !== 200) {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const seen = (polls.get(task) ?? 0) + 1;
          polls.set(task, seen);
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          const answer = seen <= POLLS_HELD ? { ...body, status: 'processing', finishedAt: null, duration: null, error: null } : body;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer));
        });
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => {
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'indexer-warnings-'));
  const lines = Array.from({ length: DOCS }, (_, i) => JSON.stringify({ id: `w${i}`, lang: 'tr', title: `Haber ${i}`, body: `Gövde metni ${i}: belediye meclisi toplandı.` }));
  await writeFile(path.join(dir, 'docs.ndjson'), `${lines.join('\n')}\n`);
  await startProxy();
});
after(async () => {
  proxy?.close();
  await cleanup(index);
  await rm(dir, { recursive: true, force: true });
});

describe('indexer CLI on tasks polled many times', () => {
  it('indexes everything and prints no MaxListenersExceededWarning', async () => {
    const counterOut = path.join(dir, 'abort-listeners.json');
    const env = { ...process.env, MEILI_URL: proxyUrl, MEILI_MASTER_KEY: target.key ?? '', LOG_LEVEL: 'warn', ABORT_LISTENERS_OUT: counterOut };
    const args = ['--import', COUNTER, '--import', 'tsx', 'indexer/cli.ts', '--index', index, '--batch-size', String(BATCH), '--no-resume', '--state-dir', path.join(dir, 'state'), path.join(dir, 'docs.ndjson')];
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, `exit ${code}\n${stdout}\n${stderr}`);
    // The case was exercised: every batch's task was polled past the listener limit.
    const held = [...polls.values()].filter((n) => n > POLLS_HELD);
    assert.ok(held.length >= DOCS / BATCH, `tasks polled past ${POLLS_HELD}: ${held.length} (polls per task: ${JSON.stringify([...polls])})`);
    assert.doesNotMatch(stderr, /MaxListenersExceededWarning/);
    assert.doesNotMatch(stdout, /MaxListenersExceededWarning/);
    // Listeners do not grow with polls: no signal ever held more than Node's default limit (10).
    const { maxAbortListeners } = JSON.parse(await readFile(counterOut, 'utf8')) as { maxAbortListeners: number };
    assert.ok(maxAbortListeners <= 10, `one AbortSignal held ${maxAbortListeners} abort listeners (tasks polled ${POLLS_HELD + 1}+ times each)`);
    assert.equal(await countDocuments(client, index), DOCS);
  });
});
