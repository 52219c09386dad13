import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { createApp, type AppOptions } from '../../../src/http/app.ts';
import { sameSecret } from '../../../src/http/auth.ts';
import { defineRoute } from '../../../src/http/route.ts';
import { parseOrigins, parseTrustProxy } from '../../../src/http/security.ts';

const app = (opts: AppOptions) =>
  createApp(
    [
      defineRoute({ method: 'get', path: '/pub', tag: 't', access: 'public', summary: 'public', responses: {} }, (_i, req) => ({ ip: req.ip })),
      defineRoute({ method: 'get', path: '/adm', tag: 't', access: 'admin', summary: 'admin', responses: {} }, () => ({ ok: true })),
      defineRoute({ method: 'get', path: '/open', tag: 't', access: 'open', summary: 'open', responses: {} }, () => ({ ok: true })),
    ],
    opts,
  );

describe('CORS on public routes', () => {
  const a = app({ corsOrigins: ['https://news.example'] });
  it('answers an allowed origin, with a preflight for JSON posts', async () => {
    const res = await request(a).get('/pub').set('Origin', 'https://news.example').expect(200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://news.example');
    assert.match(res.headers.vary!, /Origin/);
    const pre = await request(a).options('/pub').set('Origin', 'https://news.example').set('Access-Control-Request-Method', 'POST').expect(204);
    assert.match(pre.headers['access-control-allow-headers']!, /Content-Type/);
  });
  it('gives other origins nothing to read, and admin and open routes no CORS at all', async () => {
    assert.equal((await request(a).get('/pub').set('Origin', 'https://evil.example')).headers['access-control-allow-origin'], undefined);
    assert.equal((await request(a).get('/open').set('Origin', 'https://news.example')).headers['access-control-allow-origin'], undefined);
  });
  it('is closed by default in production and open in development', () => {
    assert.deepEqual(parseOrigins(undefined, true), []);
    assert.equal(parseOrigins(undefined, false), '*');
    assert.deepEqual(parseOrigins('https://a.example/, https://b.example', true), ['https://a.example', 'https://b.example']);
    assert.equal(parseOrigins('https://a.example,*', true), '*');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and a JSON error past the limit, on public routes only', async () => {
    const a = app({ rateLimitPerMinute: 2 });
    await request(a).get('/pub').expect(200);
    await request(a).get('/pub').expect(200);
    const res = await request(a).get('/pub').expect(429);
    assert.equal(res.body.error.code, 'rate_limited');
    assert.ok(Number(res.headers['retry-after']) > 0);
    await request(a).get('/open').expect(200);
  });
  it('counts per client IP, taken from X-Forwarded-For only when TRUST_PROXY says so', async () => {
    const trusting = app({ trustProxy: parseTrustProxy('1') });
    assert.equal((await request(trusting).get('/pub').set('X-Forwarded-For', '203.0.113.7')).body.ip, '203.0.113.7');
    const plain = app({});
    assert.notEqual((await request(plain).get('/pub').set('X-Forwarded-For', '203.0.113.7')).body.ip, '203.0.113.7');
    assert.equal(parseTrustProxy(undefined), false);
    assert.deepEqual(parseTrustProxy('10.0.0.0/8, 127.0.0.1'), ['10.0.0.0/8', '127.0.0.1']);
  });
});

describe('keys', () => {
  it('PUBLIC_API_KEY protects the public routes when set', async () => {
    const a = app({ publicKey: 'public-key-123' });
    await request(a).get('/pub').expect(401);
    await request(a).get('/pub').set('Authorization', 'Bearer public-key-123').expect(200);
    await request(a).get('/open').expect(200);
  });
  it('admin routes are disabled (403) without ADMIN_API_KEY', async () => {
    const res = await request(app({})).get('/adm').set('Authorization', 'Bearer anything').expect(403);
    assert.equal(res.body.error.code, 'admin_api_disabled');
  });
  it('compares secrets of any length without throwing', () => {
    assert.equal(sameSecret('abc', 'abc'), true);
    assert.equal(sameSecret('abc', 'abd'), false);
    assert.equal(sameSecret('', 'abc'), false);
    assert.equal(sameSecret('a'.repeat(10_000), 'abc'), false);
  });
});

describe('security headers', () => {
  it('sends helmet headers and no X-Powered-By', async () => {
    const res = await request(app({})).get('/open').expect(200);
    assert.equal(res.headers['x-powered-by'], undefined);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-security-policy']!, /default-src 'none'/);
  });
});
