// GET /openapi.json against the app itself: every mounted route and every validated query
// parameter is documented, and live answers (success and error) match the response schemas
// that the document is generated from.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { z } from 'zod';
import { createGateway } from '../../src/gateway.ts';
import { errorBody, healthResponse, putResult, readyResponse, searchHit, searchResponse, statsResponse, storedDocument, suggestResponse, writeResult } from '../../src/api/index.ts';
import { requests } from '../../src/http/requests.ts';

const { documentIdParams, searchQuery, suggestQuery } = requests;
import { ANSWER_TIMEOUT_MS, cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const KEY = 'openapi-test-key';
const auth = { Authorization: `Bearer ${KEY}` };
const index = uniqueIndex('api_openapi');
const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: KEY });
const app = gateway.app;
// For the 403 and 413 error bodies: no admin key, and a tiny body limit.
const closed = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;
const tight = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: KEY, bodyLimitBytes: 100 }).app;

const EXPECTED_ROUTES = ['/health', '/ready', '/search', '/suggest', '/documents', '/documents/{id}', '/stats', '/openapi.json', '/widget.js', '/', '/meili/multi-search', '/meili/indexes/{uid}/search',
  '/meili/indexes/{uid}/facet-search', '/meili/health', '/meili/version', '/meili/stats', '/meili/indexes/{uid}', '/meili/indexes/{uid}/stats', '/meili/indexes/{uid}/settings'];

interface Op {
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<string, { content?: unknown }>;
  security?: unknown[];
}
let paths: Record<string, Record<string, Op>>;

/** Method and path of every route mounted on the app, nested routers included (Express 5: app.router). */
function mountedRoutes(): [string, string][] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const out: [string, string][] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      // OPTIONS handlers are CORS preflight plumbing, not API operations.
      if (layer.route) for (const m of Object.keys(layer.route.methods).filter((x) => x !== 'options')) out.push([m, layer.route.path.replace(/:(\w+)/g, '{$1}')]);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  const router = (app as unknown as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } }).router ?? (app as unknown as { _router: { stack: Layer[] } })._router;
  walk(router.stack);
  return out;
}

before(async () => {
  await gateway.bootstrap();
  await request(app)
    .post('/documents')
    .set(auth)
    .send([
      { id: 'o1', lang: 'tr', title: "İstanbul'da seçim günü", body: 'Seçimlerde İstanbul sandık başına gitti.', date: '2024-03-31', source: 'İstanbul Haber', category: 'siyaset' },
      { id: 'o2', lang: 'en', title: 'Istanbul election day', body: 'Voters in Istanbul went to the polls.', source: 'Reuters' },
    ])
    .expect(200);
  paths = (await request(app).get('/openapi.json').expect(200).expect('content-type', /json/)).body.paths;
});
after(() => cleanup(index));

describe('the OpenAPI document covers the app', () => {
  it('is OpenAPI 3.1 and lists exactly the expected paths', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(paths).sort(), [...EXPECTED_ROUTES].sort());
  });

  it('every route mounted on the app is documented with its method, and nothing else is', () => {
    const mounted = mountedRoutes();
    assert.ok(mounted.length >= EXPECTED_ROUTES.length, `found ${mounted.length} routes in the router stack`);
    for (const [method, p] of mounted) assert.ok(paths[p]?.[method], `${method.toUpperCase()} ${p} is mounted but not documented`);
    const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    assert.deepEqual(documented.sort(), mounted.map(([m, p]) => `${m} ${p}`).sort());
    assert.deepEqual([...new Set(mounted.map(([, p]) => p))].sort(), [...EXPECTED_ROUTES].sort());
  });

  it('every documented operation answers (no route-level 404)', async () => {
    for (const [p, ops] of Object.entries(paths)) {
      for (const method of Object.keys(ops)) {
        const url = p.replace('{id}', 'probe');
        const res = await (request(app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url).set(auth).send(method === 'post' ? { title: 'probe', id: 'probe' } : undefined);
        assert.notEqual(res.body?.error?.code, 'not_found', `${method} ${url}`);
        assert.ok(String(res.status) in ops[method]!.responses, `${method} ${p} answered ${res.status}, which is not documented`);
      }
    }
    await request(app).delete('/documents/probe').set(auth); // leave the index as before() made it
  });

  it('every query parameter /search and /suggest validate is documented; the path id too', () => {
    const names = (op: Op, where: string) => op.parameters.filter((x) => x.in === where).map((x) => x.name).sort();
    assert.deepEqual(names(paths['/search']!.get!, 'query'), Object.keys(searchQuery.shape).sort());
    assert.deepEqual(names(paths['/suggest']!.get!, 'query'), Object.keys(suggestQuery.shape).sort());
    for (const method of ['get', 'delete']) {
      assert.deepEqual(names(paths['/documents/{id}']![method]!, 'path'), Object.keys(documentIdParams.shape));
      assert.ok(paths['/documents/{id}']![method]!.parameters.every((x) => x.in !== 'path' || x.required));
    }
  });

  it('admin routes need the admin key; read routes the public key if set; the rest none', () => {
    const admin = ['post /documents', 'get /documents/{id}', 'delete /documents/{id}', 'get /stats'];
    const open = ['get /health', 'get /ready', 'get /openapi.json', 'get /widget.js', 'get /', 'get /meili/health'];
    for (const [p, ops] of Object.entries(paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const expected = admin.includes(`${m} ${p}`) ? [{ adminKey: [] }] : open.includes(`${m} ${p}`) ? [] : [{ publicKey: [] }, {}];
        assert.deepEqual(op.security, expected, `${m} ${p}`);
      }
    }
  });
});

describe('live answers validate against the response schemas', () => {
  /** Strict at the top and on the hits: an undocumented field is a failure, not ignored. */
  const hits = (body: { hits: unknown[] }) => body.hits.map((h) => searchHit.strict().parse(h));
  const strictError = (body: unknown) => {
    const parsed = errorBody.strict().parse(body);
    errorBody.shape.error.strict().parse(parsed.error);
    return parsed;
  };

  it('/search (with and without q, filters, facets)', async () => {
    for (const query of [{ q: 'istanbul' }, { q: '', lang: 'tr', from: '2024', facets: 'lang,year,month,source,category', source: 'istanbul haber' }, { q: 'seçim', highlight: 'none' }]) {
      const body = (await request(app).get('/search').query(query).expect(200)).body;
      const parsed = searchResponse.strict().parse(body);
      searchResponse.shape.rewrite.strict().parse(body.rewrite);
      assert.ok(parsed.hits.length > 0, JSON.stringify(query));
      hits(body);
    }
  });

  it('/suggest', async () => {
    const body = (await request(app).get('/suggest').query({ q: 'ist' }).expect(200)).body;
    const parsed = suggestResponse.strict().parse(body);
    assert.ok(parsed.suggestions.length > 0);
    for (const s of body.suggestions) suggestResponse.shape.suggestions.element.strict().parse(s);
  });

  it('/stats, /health, /ready and the document routes', async () => {
    const stats = statsResponse.strict().parse((await request(app).get('/stats').set(auth).expect(200)).body);
    assert.equal(stats.documents, 2);
    healthResponse.strict().parse((await request(app).get('/health').expect(200)).body);
    readyResponse.strict().parse((await request(app).get('/ready').expect(200)).body);
    storedDocument.strict().parse((await request(app).get('/documents/o1').set(auth).expect(200)).body);
    putResult.strict().parse((await request(app).post('/documents').set(auth).send({ id: 'o3', title: 'Third' }).expect(200)).body);
    writeResult.strict().parse((await request(app).delete('/documents/o3').set(auth).expect(200)).body);
  });

  it('error bodies (400, 401, 403, 404, 413, 415) have the documented shape', async () => {
    const cases: [request.Test, number, string | undefined][] = [
      [request(app).get('/search').query({ perPage: '0' }), 400, 'perPage'],
      [request(app).get('/suggest').query({ q: 'x'.repeat(101) }), 400, 'q'],
      [request(app).get('/stats'), 401, undefined],
      [request(closed).get('/stats').set(auth), 403, undefined],
      [request(tight).post('/documents').set(auth).send({ id: 'big', title: 'x'.repeat(200) }), 413, 'body'],
      [request(app).get('/documents/none').set(auth), 404, 'id'],
      [request(app).post('/documents').set(auth).send([{ id: 'e1' }]), 400, 'body.0'],
      [request(app).post('/documents').set(auth).set('Content-Type', 'text/plain').send('x'), 415, 'body'],
      [request(app).get('/nope'), 404, undefined],
    ];
    for (const [req, status, param] of cases) {
      const res = await req.expect(status);
      const parsed = strictError(res.body);
      assert.equal(parsed.error.param, param);
    }
  });

  it('the documented response schemas are the ones validated here', () => {
    const schemaOf = (p: string, m: string, s: string) => (paths[p]![m]!.responses[s]!.content as { 'application/json'?: { schema: unknown } } | undefined)?.['application/json']?.schema;
    const pairs: [string, string, string, z.ZodType][] = [
      ['/search', 'get', '200', searchResponse],
      ['/suggest', 'get', '200', suggestResponse],
      ['/stats', 'get', '200', statsResponse],
      ['/search', 'get', '400', errorBody],
    ];
    for (const [p, m, s, schema] of pairs) {
      const doc = schemaOf(p, m, s) as { properties?: Record<string, unknown> } | undefined;
      assert.ok(doc?.properties, `${m} ${p} ${s} has a JSON schema`);
      assert.deepEqual(Object.keys(doc.properties).sort(), Object.keys((schema as z.ZodObject).shape).sort());
    }
  });
});
