// Keys: the gateway works with scoped keys it makes from the master key, the master key
// appears in no response, header or log line on any route or error path, and the admin
// routes refuse every key but the right one.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { BODY_HEAD_CHARS } from '../../src/documents/limits.ts';
import { keyUid } from '../../src/meili/keys.ts';
import { ANSWER_ENV, ANSWER_TIMEOUT_MS, cleanup, PROJECT_ROOT, SEEDS_NDJSON, testTarget, uniqueIndex, waitUntil } from '../helpers/meili.ts';

const index = uniqueIndex('keys');
const other = uniqueIndex('keys_other');
const ADMIN = 'admin-key-for-the-keys-test-0123456789';
const master = testTarget();
const masterClient = createClient(master, 30_000);

before(async () => {
  await runIndexer({ paths: [SEEDS_NDJSON], client: masterClient, indexUid: index });
  await runIndexer({ paths: [SEEDS_NDJSON], client: masterClient, indexUid: other });
});
after(async () => {
  await cleanup(index);
  await cleanup(other);
  for (const role of ['search', 'admin'] as const) await masterClient.deleteKey(keyUid(index, role)).catch(() => {});
});

describe('scoped Meilisearch keys', () => {
  const gateway = createGateway({ url: master.url, masterKey: master.key }, { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: ADMIN });

  it('are made at bootstrap, and the gateway searches and writes with them', async () => {
    await gateway.bootstrap();
    const res = await request(gateway.app).get('/search').query({ q: 'imamoglu' }).expect(200);
    assert.ok(res.body.total > 0);
    await request(gateway.app).post('/documents').set('Authorization', `Bearer ${ADMIN}`).send({ id: 'k1', title: 'Anahtar', body: 'Yazma denemesi.' }).expect(200);
  });

  it('answer a search whose hit holds the query word only past the body head it stores', async () => {
    // The snippet then reads the body by id (documents/fetch), which the search key may not do:
    // this answered 502 "The provided API key is invalid" while the gateway read with that key.
    const body = `${'Ekonomi haberleri gündemde. '.repeat(600)}Sonunda zürafa görüldü.`;
    assert.ok(body.indexOf('zürafa') > BODY_HEAD_CHARS);
    await request(gateway.app).post('/documents').set('Authorization', `Bearer ${ADMIN}`).send({ id: 'k-deep', lang: 'tr', title: 'Uzun bir haber', body }).expect(200);
    const res = await request(gateway.app).get('/search').query({ q: 'zürafa' }).expect(200);
    const hit = res.body.hits.find((h: { id: string }) => h.id === 'k-deep');
    assert.ok(hit, 'the long document is found');
    assert.match(hit.snippet, /<mark>zürafa<\/mark>/);
  });

  it('let the search key search its index only, and write nothing', async () => {
    const searchKey = (await masterClient.getKey(keyUid(index, 'search'))).key;
    const headers = { Authorization: `Bearer ${searchKey}`, 'Content-Type': 'application/json' };
    const ok = await fetch(`${master.url}/indexes/${index}/search`, { method: 'POST', headers, body: '{"q":"imamoglu"}' });
    assert.equal(ok.status, 200);
    const write = await fetch(`${master.url}/indexes/${index}/documents`, { method: 'POST', headers, body: '[{"pk":"x","id":"x","title":"x"}]' });
    assert.equal(write.status, 403);
    const elsewhere = await fetch(`${master.url}/indexes/${other}/search`, { method: 'POST', headers, body: '{"q":"imamoglu"}' });
    assert.equal(elsewhere.status, 403);
    const keys = await fetch(`${master.url}/keys`, { headers });
    assert.equal(keys.status, 403);
  });

  it('let the admin key reach its own index only, and no keys', async () => {
    const adminKey = (await masterClient.getKey(keyUid(index, 'admin'))).key;
    const headers = { Authorization: `Bearer ${adminKey}` };
    assert.equal((await fetch(`${master.url}/indexes/${index}/stats`, { headers })).status, 200);
    assert.equal((await fetch(`${master.url}/indexes/${other}/stats`, { headers })).status, 403);
    assert.equal((await fetch(`${master.url}/keys`, { headers })).status, 403);
    assert.equal((await fetch(`${master.url}/indexes/${index}`, { method: 'DELETE', headers })).status, 403);
  });
});

describe('admin routes refuse wrong keys', () => {
  const app = createGateway(master, { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: ADMIN }).app;
  const wrong: [string, Record<string, string>][] = [
    ['no header', {}],
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ['the key without the scheme', { Authorization: ADMIN }],
    ['another scheme', { Authorization: `Basic ${ADMIN}` }],
    ['the key minus its last character', { Authorization: `Bearer ${ADMIN.slice(0, -1)}` }],
    ['the key plus one character', { Authorization: `Bearer ${ADMIN}x` }],
    ['the key with its first character changed', { Authorization: `Bearer X${ADMIN.slice(1)}` }],
    ['the key with its last character changed', { Authorization: `Bearer ${ADMIN.slice(0, -1)}X` }],
    ['a one-character key', { Authorization: 'Bearer a' }],
    ['a 4,000-character key', { Authorization: `Bearer ${'a'.repeat(4000)}` }],
    ['the key twice', { Authorization: `Bearer ${ADMIN} ${ADMIN}` }],
    ['the Meilisearch master key', { Authorization: `Bearer ${master.key}` }],
    ['the key in another header', { 'X-API-Key': ADMIN }],
  ];
  for (const [name, headers] of wrong) {
    it(`${name} → 401 on every admin route`, async () => {
      for (const [method, path] of [['get', '/stats'], ['get', '/documents/x'], ['delete', '/documents/x'], ['post', '/documents']] as const) {
        const res = await request(app)[method](path).set(headers);
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal(res.body.error.code, 'unauthorized');
      }
    });
  }

  it('accepts the right key, whatever the case of the scheme', async () => {
    await request(app).get('/stats').set('Authorization', `bearer ${ADMIN}`).expect(200);
  });
});

describe('the master key never leaves the server', () => {
  let child: ChildProcess;
  let logs = '';
  let base: string;
  const port = 4600 + Math.floor(Math.random() * 300);

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...ANSWER_ENV, MEILI_URL: master.url, MEILI_MASTER_KEY: master.key, MEILI_INDEX: index, ADMIN_API_KEY: ADMIN, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'trace', LOAD_SAMPLES: 'false', RATE_LIMIT_PER_MINUTE: '30' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c) => (logs += c));
    child.stderr!.on('data', (c) => (logs += c));
    base = `http://127.0.0.1:${port}`;
    // /ready is rate-limited like the read routes (30 a minute here): polled every 100 ms it
    // answered 429 until the minute was over, and this file waited ~55 s for a gateway that was
    // ready in ~10. The log says when start-up is done; /ready is then asked once.
    await waitUntil('the gateway ready', () => /"msg":"index ready"/.test(logs));
    assert.equal((await fetch(`${base}/ready`)).status, 200);
  });
  after(() => child?.kill('SIGTERM'));

  it('in no body, header or log line, on any route or error path', async () => {
    const auth = { Authorization: `Bearer ${ADMIN}` };
    const calls: [string, string, RequestInit?][] = [
      ['GET', '/health'], ['GET', '/ready'], ['GET', '/openapi.json'], ['GET', '/search?q=imamoglu'], ['GET', '/suggest?q=ist'],
      ['GET', '/search?lang=xx'], ['GET', '/search?from=2024-13'], ['GET', '/nope'], ['GET', '/widget.js'], ['GET', '/'],
      ['GET', '/stats', { headers: auth }], ['GET', '/stats'], ['GET', '/stats', { headers: { Authorization: `Bearer ${master.key}` } }],
      ['GET', '/documents/001_1c8d514d6ed888c5', { headers: auth }], ['GET', '/documents/missing', { headers: auth }],
      ['POST', '/documents', { headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"id":"m1","title":"t","date":"2024-13"}' }],
      ['POST', '/documents', { headers: { ...auth, 'Content-Type': 'application/json' }, body: '{not json' }],
      ['POST', '/documents', { headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'x' }],
      ['DELETE', '/documents/missing', { headers: auth }],
      ['POST', '/meili/multi-search', { headers: { 'Content-Type': 'application/json' }, body: '{"queries":[{"indexUid":"x","q":"a"}]}' }],
      ['GET', `/search?q=${'a '.repeat(40)}`],
    ];
    // Past the rate limit (30 a minute here): the 429 path too.
    for (let i = 0; i < 35; i++) calls.push(['GET', '/search?q=rate']);
    const seen: string[] = [];
    for (const [method, path, init] of calls) {
      const res = await fetch(base + path, { method, ...init });
      seen.push(`${method} ${path} ${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`);
    }
    assert.ok(seen.some((s) => / 429 /.test(s)), 'the rate limit was reached');
    const leaks = seen.filter((s) => s.includes(master.key));
    assert.deepEqual(leaks, []);
    assert.ok(logs.length > 0, 'the server logged');
    assert.ok(!logs.includes(master.key), 'no log line holds the master key');
  });

  it('nor when Meilisearch cannot be reached (503s, failing start-up retries)', async () => {
    let deadLogs = '';
    const deadPort = port + 1;
    const dead = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: master.key, ADMIN_API_KEY: ADMIN, PORT: String(deadPort), HOST: '127.0.0.1', LOG_LEVEL: 'trace' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dead.stdout!.on('data', (c) => (deadLogs += c));
    dead.stderr!.on('data', (c) => (deadLogs += c));
    try {
      const url = `http://127.0.0.1:${deadPort}`;
      await waitUntil('the gateway up', () => fetch(`${url}/health`).then((r) => r.ok, () => false));
      const answers: string[] = [];
      for (const path of ['/search?q=x', '/suggest?q=x', '/ready', '/stats']) {
        const res = await fetch(url + path, { headers: { Authorization: `Bearer ${ADMIN}` } });
        answers.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`);
      }
      assert.deepEqual(answers.map((a) => a.slice(0, 3)), ['503', '503', '503', '503']);
      await waitUntil('a failed start-up attempt logged', () => /bootstrap failed/.test(deadLogs));
      assert.ok(!answers.some((a) => a.includes(master.key)) && !deadLogs.includes(master.key));
    } finally {
      dead.kill('SIGTERM');
    }
  });
});
