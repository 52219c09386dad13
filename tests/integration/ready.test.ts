// Issue 10 item 9: /ready had neither a rate limit nor a cache, and cost a Meilisearch call per
// hit. A counting proxy in front of Meilisearch shows how many calls a flood of probes makes.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createGateway } from '../../src/gateway.ts';
import { READY_CACHE_MS } from '../../src/health/service.ts';
import { ANSWER_TIMEOUT_MS, cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('ready');
let proxy: Server;
let calls = 0;
let url: string;

before(async () => {
  const target = new URL(testTarget().url);
  proxy = createServer((req, res) => {
    calls++;
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
after(async () => {
  proxy.close();
  await cleanup(index);
});

describe('GET /ready', () => {
  it('reuses one readiness answer for a burst of probes instead of asking Meilisearch each time', async () => {
    const gateway = createGateway({ ...testTarget(), url }, { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false });
    await gateway.bootstrap();
    calls = 0;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(gateway.app).get('/ready')));
    const elapsed = Date.now() - started;
    for (const a of answers) assert.equal(a.status, 200);
    // One call per cache period that the burst spanned, however slow the machine.
    assert.ok(calls <= Math.ceil(elapsed / READY_CACHE_MS) + 1, `${calls} Meilisearch calls for 50 probes in ${elapsed} ms`);
    assert.ok(calls < 50);
  });

  it('is rate-limited per client like the read routes (429 past the limit)', async () => {
    const gateway = createGateway({ ...testTarget(), url }, { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, rateLimitPerMinute: 5 });
    await gateway.bootstrap();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await request(gateway.app).get('/ready')).status);
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.ok(statuses.slice(5).every((s) => s === 429), statuses.join(','));
    // /health stays unlimited: liveness probes must never be refused.
    for (let i = 0; i < 8; i++) await request(gateway.app).get('/health').expect(200);
  });

  it('stays 503 until the start-up work the server gives it is done (the query-language dictionaries)', async () => {
    // A thenable: bootstrap awaiting it is seen, after which only the warm-up is missing.
    let awaited!: () => void;
    const reached = new Promise<void>((resolve) => (awaited = resolve));
    let release!: () => void;
    const warmUp: PromiseLike<void> = {
      then(onDone) {
        awaited();
        release = () => onDone?.();
        return this as never;
      },
    };
    const gateway = createGateway({ ...testTarget(), url }, { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, warmUp });
    const booting = gateway.bootstrap();
    await Promise.race([reached, booting]);
    const waiting = await request(gateway.app).get('/ready');
    assert.equal(waiting.status, 503);
    assert.equal(waiting.body.bootstrapped, false);
    await request(gateway.app).get('/health').expect(200);
    release();
    await booting;
    const ready = await request(gateway.app).get('/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.bootstrapped, true);
  });
});
