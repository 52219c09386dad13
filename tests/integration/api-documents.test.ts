// The document API (admin key) on a real Meilisearch: writes are applied before the answer,
// analysed like indexed documents, all-or-nothing, and closed to anyone without the key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createGateway } from '../../src/gateway.ts';
import { ANSWER_TIMEOUT_MS, cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const KEY = 'test-admin-key-0123456789';
const auth = { Authorization: `Bearer ${KEY}` };
const index = uniqueIndex('api_documents');
const statsIndex = uniqueIndex('api_documents_stats');
const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: KEY, bodyLimitBytes: 2048 });
const app = gateway.app;
// Same index, no admin key: the admin routes must be disabled, not open.
const closed = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;
const statsGateway = createGateway(testTarget(), { indexUid: statsIndex, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: KEY });

const docPath = (id: string) => `/documents/${encodeURIComponent(id)}`;
const post = (body: unknown) => request(app).post('/documents').set(auth).send(body as object);
const fetchDoc = (id: string) => request(app).get(docPath(id)).set(auth);

before(async () => {
  // Creates the indexes with their settings (primary key pk), as `npm start` does.
  await gateway.bootstrap();
  await statsGateway.bootstrap();
});
after(async () => {
  await cleanup(index);
  await cleanup(statsIndex);
});

describe('POST, GET and DELETE /documents', () => {
  const one = { id: 'kadikoy-1', lang: 'tr', title: "Kadıköy'de yeni kütüphane açıldı", body: 'Kütüphanede on bin kitap var.', date: '2025-03', source: 'Şehir Arşivi', category: 'kültür', url: 'https://example.org/k' };

  it('one object: 200 once indexed, then readable as stored', async () => {
    const res = await post(one).expect(200);
    assert.equal(res.body.status, 'succeeded');
    assert.deepEqual(res.body.ids, ['kadikoy-1']);
    assert.equal(typeof res.body.taskUid, 'number');
    const got = await fetchDoc('kadikoy-1').expect(200);
    assert.deepEqual(got.body, one);
  });

  it('is immediately searchable with the same analysis (inflected and ASCII queries)', async () => {
    for (const q of ['kütüphanelerde', 'kutuphane', "KADIKÖY'DEKİ"]) {
      const res = await request(app).get('/search').query({ q }).expect(200);
      assert.deepEqual(res.body.hits.map((h: { id: string }) => h.id), ['kadikoy-1'], q);
    }
    const res = await request(app).get('/search').query({ q: 'kütüphanelerde' }).expect(200);
    assert.match(res.body.hits[0].titleHighlighted, /<mark>kütüphane<\/mark>/);
  });

  it('an array, with an id Meilisearch refuses as primary key, round-trips that id', async () => {
    const odd = 'haber/2024 #1';
    const res = await post([
      { id: odd, lang: 'en', title: 'Harbour ferries resume', body: 'Ferries resumed service.' },
      { id: 42, lang: 'en', title: 'Numeric id', body: 'An integer id is kept as a string.' },
    ]).expect(200);
    assert.deepEqual(res.body.ids, [odd, '42']);
    assert.equal((await fetchDoc(odd).expect(200)).body.id, odd);
    assert.equal((await fetchDoc('42').expect(200)).body.title, 'Numeric id');
    const found = await request(app).get('/search').query({ q: 'ferries' }).expect(200);
    assert.deepEqual(found.body.hits.map((h: { id: string }) => h.id), [odd]);
  });

  it('DELETE removes it: GET and a second DELETE answer 404', async () => {
    const odd = 'haber/2024 #1';
    const res = await request(app).delete(docPath(odd)).set(auth).expect(200);
    assert.equal(res.body.status, 'succeeded');
    const gone = await fetchDoc(odd).expect(404);
    assert.equal(gone.body.error.code, 'document_not_found');
    await request(app).delete(docPath(odd)).set(auth).expect(404);
    assert.equal((await request(app).get('/search').query({ q: 'ferries' }).expect(200)).body.total, 0);
  });

  it('one invalid document rejects the array: 400 invalid_document listing each, nothing written', async () => {
    const batch = [
      { id: 'ok-1', title: 'Fine', body: 'fine' },
      { id: 'bad-empty' },
      { id: 'bad-date', title: 'x', date: '2024-13' },
      { id: 'ok-2', title: 'Fine too' },
      { id: 'bad-lang', title: 'x', lang: 'xx' },
      { id: 'ok-1', title: 'Duplicate of the first' },
    ];
    const res = await post(batch).expect(400).expect('content-type', /json/);
    assert.equal(res.body.error.code, 'invalid_document');
    assert.equal(res.body.error.param, 'body.1');
    const details = res.body.error.details as { index: number; id?: string; reason: string }[];
    assert.deepEqual(details.map((d) => [d.index, d.id]), [[1, 'bad-empty'], [2, 'bad-date'], [4, 'bad-lang'], [5, 'ok-1']]);
    assert.ok(details.every((d) => d.reason.length > 0));
    for (const id of ['ok-1', 'ok-2']) await fetchDoc(id).expect(404);
  });

  it('a field of the wrong type is a 400 naming it (body.N.field), nothing written', async () => {
    const res = await post([{ id: 'ok-3', title: 'Fine' }, { id: 'bad-type', title: 5 }]).expect(400);
    assert.equal(res.body.error.param, 'body.1.title');
    await fetchDoc('ok-3').expect(404);
  });
});

describe('authentication and body handling', () => {
  const doc = { id: 'intruder', title: 'Should never be written' };
  const routes = [
    (a: typeof app) => request(a).post('/documents').send(doc),
    (a: typeof app) => request(a).get(docPath('kadikoy-1')),
    (a: typeof app) => request(a).delete(docPath('kadikoy-1')),
    (a: typeof app) => request(a).get('/stats'),
  ];

  it('missing, wrong or non-Bearer credentials → 401 with WWW-Authenticate, nothing written', async () => {
    for (const header of [undefined, 'Bearer wrong-key', `Basic ${Buffer.from(`admin:${KEY}`).toString('base64')}`, `Bearer ${KEY}x`, KEY]) {
      for (const call of routes) {
        const req = call(app);
        const res = await (header ? req.set('Authorization', header) : req).expect(401);
        assert.equal(res.body.error.code, 'unauthorized');
        assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
      }
    }
    await fetchDoc('intruder').expect(404);
    await fetchDoc('kadikoy-1').expect(200);
  });

  it('a gateway without adminKey answers 403 on every admin route, even with a key, and writes nothing', async () => {
    for (const call of routes) {
      for (const withKey of [false, true]) {
        const req = call(closed);
        const res = await (withKey ? req.set(auth) : req).expect(403);
        assert.equal(res.body.error.code, 'admin_api_disabled');
      }
    }
    await fetchDoc('intruder').expect(404);
    await fetchDoc('kadikoy-1').expect(200);
  });

  it('an id that is not valid percent-encoded UTF-8 → 400 naming param "id" (issue 10)', async () => {
    for (const raw of ['%E0%A4%A', '%FF', 'ok%']) {
      const res = await request(app).get(`/documents/${raw}`).set(auth).expect(400);
      assert.equal(res.body.error.param, 'id', raw);
      assert.equal(res.body.error.code, 'invalid_parameter');
    }
  });

  it('a body that is not application/json → 415', async () => {
    const res = await request(app).post('/documents').set(auth).set('Content-Type', 'text/plain').send(JSON.stringify(doc)).expect(415);
    assert.equal(res.body.error.code, 'unsupported_media_type');
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const res = await request(app).post('/documents').set(auth).set('Content-Type', 'application/json').send('{"title": "x",').expect(400);
    assert.equal(res.body.error.code, 'invalid_json');
    assert.equal(res.body.error.param, 'body');
  });

  it('a body over bodyLimitBytes → 413; without credentials it is a 401 (auth before parsing)', async () => {
    const big = { id: 'big', title: 'Big', body: 'x'.repeat(3000) };
    const res = await post(big).expect(413);
    assert.equal(res.body.error.code, 'payload_too_large');
    await request(app).post('/documents').send(big).expect(401);
    await fetchDoc('big').expect(404);
  });
});

describe('GET /stats', () => {
  const tr = ['a', 'b', 'c'].map((s) => ({ id: `tr-${s}`, lang: 'tr', title: `Belediye haberi ${s}` }));
  const en = ['a', 'b'].map((s) => ({ id: `en-${s}`, lang: 'en', title: `Council news ${s}` }));
  const de = { id: 'de-a', lang: 'de', title: 'Stadtrat Nachrichten' };

  it('counts documents per language as indexed, with lastUpdate and the settings digest', async () => {
    const before = Date.now();
    await request(statsGateway.app).post('/documents').set(auth).send([...tr, ...en]).expect(200);
    await request(statsGateway.app).post('/documents').set(auth).send(de).expect(200);
    const res = await request(statsGateway.app).get('/stats').set(auth).expect(200);
    assert.equal(res.body.documents, 6);
    assert.deepEqual(res.body.languages, { tr: 3, en: 2, de: 1 });
    assert.ok(Date.parse(res.body.lastUpdate) >= before - 1000, res.body.lastUpdate);
    assert.match(res.body.settingsDigest, /^[0-9a-f]{64}$/);
    assert.equal(res.body.settingsUpToDate, true);
    assert.equal(res.body.isIndexing, false);
    // The digest depends on the settings only, not on the documents.
    await request(statsGateway.app).delete(docPath('de-a')).set(auth).expect(200);
    const after = await request(statsGateway.app).get('/stats').set(auth).expect(200);
    assert.deepEqual(after.body.languages, { tr: 3, en: 2 });
    assert.equal(after.body.settingsDigest, res.body.settingsDigest);
  });

  // Meilisearch answers some lists (typoTolerance.disableOnAttributes) sorted by name: the
  // comparison with config/index-settings.json must not see that as a change (fixed in d3ca0fb).
  it('settingsUpToDate is true right after bootstrap applied the settings', async () => {
    await statsGateway.bootstrap();
    const res = await request(statsGateway.app).get('/stats').set(auth).expect(200);
    assert.equal(res.body.settingsUpToDate, true);
  });
});
