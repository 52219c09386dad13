// HTTP compression as negotiated with Accept-Encoding, seen on the wire (node:http, which
// neither asks for nor decodes an encoding by itself, unlike fetch and supertest).
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { COMPRESS_MIN_BYTES } from '../../src/http/compression.ts';
import { createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('compression');
let server: Server;
let port: number;

interface Wire {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The answer's bytes exactly as sent. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const SEARCH = '/search?q=imamoglu&facets=lang,year';

before(async () => {
  const summary = await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.failed, 0);
  const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false });
  await gateway.bootstrap();
  await new Promise<void>((resolve) => (server = gateway.app.listen(0, '127.0.0.1', () => resolve())));
  port = (server.address() as { port: number }).port;
});
after(async () => {
  server?.closeAllConnections();
  server?.close();
  await cleanup(index);
});

describe('HTTP compression', () => {
  it('sends /search uncompressed to a client that does not ask for an encoding', async () => {
    const plain = await get(SEARCH);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.length > COMPRESS_MIN_BYTES, `the answer (${plain.body.length} bytes) is large enough to be worth compressing`);
    assert.equal((JSON.parse(plain.body.toString('utf8')) as { total: number }).total, 5);
  });

  it('sends brotli to Accept-Encoding: br, decoding to the same JSON, with Vary', async () => {
    // processingTimeMs differs between two answers; the rest is the same search.
    const json = (b: Buffer) => ({ ...(JSON.parse(b.toString('utf8')) as object), processingTimeMs: 0 });
    const plain = json((await get(SEARCH)).body);
    const br = await get(SEARCH, { 'Accept-Encoding': 'br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /Accept-Encoding/i);
    assert.match(String(br.headers['content-type']), /^application\/json/);
    const decoded = brotliDecompressSync(br.body);
    assert.ok(br.body.length < decoded.length / 2, `${br.body.length} bytes on the wire for ${decoded.length}`);
    assert.deepEqual(json(decoded), plain);
  });

  it('prefers brotli when both are offered, and sends gzip to a gzip-only client', async () => {
    assert.equal((await get(SEARCH, { 'Accept-Encoding': 'gzip, deflate, br' })).headers['content-encoding'], 'br');
    const gz = await get(SEARCH, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal((JSON.parse(gunzipSync(gz.body).toString('utf8')) as { total: number }).total, 5);
    assert.equal((await get(SEARCH, { 'Accept-Encoding': 'identity' })).headers['content-encoding'], undefined);
  });

  it('leaves small answers alone: /health stays small and uncompressed', async () => {
    const health = await get('/health', { 'Accept-Encoding': 'br, gzip' });
    assert.equal(health.status, 200);
    assert.equal(health.headers['content-encoding'], undefined);
    assert.ok(health.body.length < COMPRESS_MIN_BYTES, `${health.body.length} bytes`);
    assert.equal((JSON.parse(health.body.toString('utf8')) as { status: string }).status, 'ok');
    // An error answer is small too.
    const bad = await get('/search?lang=xx', { 'Accept-Encoding': 'br, gzip' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers['content-encoding'], undefined);
  });

  it('compresses /widget.js and keeps its validator (304 on If-None-Match)', async () => {
    const plain = await get('/widget.js');
    const gz = await get('/widget.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.body.length < plain.body.length / 2, `${gz.body.length} of ${plain.body.length} bytes`);
    assert.deepEqual(gunzipSync(gz.body), plain.body);
    const etag = String(gz.headers.etag);
    assert.equal((await get('/widget.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag })).status, 304);
    // HEAD: headers only, nothing to compress.
    const head = await get('/widget.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
  });
});
