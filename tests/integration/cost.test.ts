// Issue 10 item 1: one request could cost the gateway seconds of CPU (20 queries × 25 hits with
// every field highlighted, cropped and positioned; or one 9.5 MB document highlighted whole).
// Limits (src/search/limits.ts) refuse the costly shapes with a 400 naming the parameter, and
// every highlight, crop and match position reads a bounded window of a field. Behaviour only:
// CPU figures come from `npm run test:faults`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildDocument } from '../../src/documents/build.ts';
import { createGateway } from '../../src/gateway.ts';
import { assertSucceeded, createClient } from '../../src/meili/client.ts';
import { enqueueDocuments, waitForTask } from '../../src/meili/documents.ts';
import { FORMAT_WINDOW_CHARS, MAX_ANSWER_BYTES, MAX_BODY_CHARS, SNIPPET_SCAN_CHARS } from '../../src/search/limits.ts';
import { ANSWER_TIMEOUT_MS, cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const KEY = 'test-admin-key-0123456789';
const index = uniqueIndex('cost');
const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, adminKey: KEY });
const app = gateway.app;
// A document far larger than the API takes, as only the indexer could write it: 3 MB of body.
const paragraph = 'Belediye meclisinde seçim sonuçları tartışıldı ve yeni bütçe kabul edildi. ';
// One word lies past its head, within what Meilisearch indexes (its first 65,535 positions),
// in a body larger than anything a snippet may fetch (src/search/snippets.ts).
const hugeBody = `${paragraph.repeat(1_000)}zeytinyağıhuge ${paragraph.repeat(Math.ceil(3_000_000 / paragraph.length) - 1_000)}`;
// A body matched only past its stored head (SNIPPET_SCAN_CHARS): its snippet is sought further.
const deepBody = `${'Giriş paragrafı uzun sürüyor. '.repeat(600)}Zeytinyağı fabrikası açıldı. ${'Kapanış cümlesi burada. '.repeat(100)}`;

before(async () => {
  await gateway.bootstrap();
  const client = createClient(testTarget(), 60_000);
  const docs = [
    buildDocument({ id: 'huge', lang: 'tr', title: 'Seçim bütçesi', body: hugeBody, date: '2025-01-01' }),
    buildDocument({ id: 'small', lang: 'tr', title: 'Seçim günü', body: 'Kısa bir seçim haberi.', date: '2025-01-02' }),
    buildDocument({ id: 'deep', lang: 'tr', title: 'Uzun belge', body: deepBody, date: '2025-01-03' }),
  ];
  assertSucceeded(await waitForTask(client, (await enqueueDocuments(client, index, docs)).taskUid, 120_000));
});
after(() => cleanup(index));

const multi = (body: unknown) => request(app).post('/meili/multi-search').send(body as object);

describe('cost limits on /meili', () => {
  it('refuses the request of issue 10 (20 queries × 25 hits, everything highlighted, cropped and positioned) with a 400 naming queries', async () => {
    const q = { indexUid: index, q: 'seçim', limit: 25, attributesToHighlight: ['*'], attributesToCrop: ['*:200'], showMatchesPosition: true, facets: ['*'] };
    const res = await multi({ queries: Array.from({ length: 20 }, () => q) }).expect(400);
    assert.equal(res.body.error.param, 'body.queries');
  });

  it('refuses too many formatted fields in one request, naming the limit', async () => {
    const q = { indexUid: index, q: 'seçim', limit: 40, attributesToHighlight: ['*'], showMatchesPosition: true };
    const res = await multi({ queries: [q] }).expect(400);
    assert.equal(res.body.error.param, 'body.queries');
    assert.match(res.body.error.message, /at most 120 highlighted, cropped or position-reported/);
  });

  it('highlights only a bounded window of a huge field, marked as cut, with positions inside it', async () => {
    const res = await request(app)
      .post(`/meili/indexes/${index}/search`)
      .send({ q: 'seçim', filter: 'lang = tr', attributesToRetrieve: ['id', 'title'], attributesToHighlight: ['*'], showMatchesPosition: true })
      .expect(200);
    const huge = res.body.hits.find((h: { id: string }) => h.id === 'huge');
    assert.ok(huge, 'the huge document is found');
    const body: string = huge._formatted.body;
    const plain = body.replace(/<\/?em>/g, '');
    assert.ok(plain.length <= FORMAT_WINDOW_CHARS + 1, `formatted body is ${plain.length} characters`);
    assert.ok(plain.endsWith('…'), 'the cut is marked');
    assert.match(body, /<em>seçim<\/em>/);
    const positions: { start: number; length: number }[] = huge._matchesPosition.body;
    assert.ok(positions.length > 0);
    const windowBytes = Buffer.byteLength(hugeBody.slice(0, FORMAT_WINDOW_CHARS));
    assert.ok(positions.every((p) => p.start + p.length <= windowBytes));
    const small = res.body.hits.find((h: { id: string }) => h.id === 'small');
    assert.equal(small._formatted.body, 'Kısa bir <em>seçim</em> haberi.', 'short fields are whole, without a marker');
  });

  it('crops a huge field from its window', async () => {
    const res = await request(app).post(`/meili/indexes/${index}/search`).send({ q: 'bütçe', attributesToRetrieve: ['id'], attributesToCrop: ['body:10'], attributesToHighlight: ['body'] }).expect(200);
    const huge = res.body.hits.find((h: { id: string }) => h.id === 'huge');
    assert.ok(huge._formatted.body.length < 300);
    assert.match(huge._formatted.body, /<em>bütçe<\/em>/);
  });

  it('refuses an answer larger than MAX_ANSWER_BYTES before formatting it', async () => {
    assert.ok(hugeBody.length < MAX_ANSWER_BYTES);
    // Two copies of the huge body (two queries) exceed it.
    const q = { indexUid: index, q: 'bütçe', attributesToRetrieve: ['body'], limit: 1 };
    const res = await multi({ queries: [q, q] }).expect(400);
    assert.equal(res.body.error.code, 'answer_too_large');
    // Refused while Meilisearch's answer was being received, unparsed (no size estimate then).
    assert.match(res.body.error.message, /would hold more than \d+ bytes/);
    assert.equal(res.body.error.param, 'attributesToRetrieve');
  });

  it('GET /search snippets a huge body from its first characters', async () => {
    const res = await request(app).get('/search').query({ q: 'bütçe', lang: 'tr' }).expect(200);
    const huge = res.body.hits.find((h: { id: string }) => h.id === 'huge');
    assert.match(huge.snippet, /<mark>bütçe<\/mark>/);
  });

  it('GET /search finds the query word past the stored head of a long body', async () => {
    assert.ok(deepBody.indexOf('Zeytinyağı') > SNIPPET_SCAN_CHARS);
    const res = await request(app).get('/search').query({ q: 'zeytinyağı', lang: 'tr' }).expect(200);
    const deep = res.body.hits.find((h: { id: string }) => h.id === 'deep');
    assert.ok(deep, 'the long document is found');
    assert.match(deep.snippet, /^….*<mark>Zeytinyağı<\/mark> fabrikası/);
  });

  it('GET /search finds it past the head with the scoped keys a master key makes too (the search key may not read documents)', { skip: !testTarget().key && 'this engine has no master key' }, async () => {
    const scoped = createGateway({ url: testTarget().url, masterKey: testTarget().key }, { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false });
    await scoped.bootstrap();
    const res = await request(scoped.app).get('/search').query({ q: 'zeytinyağı', lang: 'tr' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const deep = res.body.hits.find((h: { id: string }) => h.id === 'deep');
    assert.match(deep.snippet, /^….*<mark>Zeytinyağı<\/mark> fabrikası/);
  });

  it('GET /search does not fetch a huge body to seek its snippet: opening words, no error', async () => {
    const res = await request(app).get('/search').query({ q: 'zeytinyağıhuge', lang: 'tr' }).expect(200);
    const huge = res.body.hits.find((h: { id: string }) => h.id === 'huge');
    assert.ok(huge, 'the huge document is found');
    assert.ok(huge.snippet.startsWith('Belediye meclisinde'), huge.snippet.slice(0, 80));
    assert.ok(huge.snippetText.length < 1_000);
  });

  it('a /meili answer formatting a huge body but not returning it is small', async () => {
    const slim = await request(app).post(`/meili/indexes/${index}/search`).send({ q: 'bütçe', filter: 'lang = tr', limit: 2, attributesToRetrieve: ['id'], attributesToHighlight: ['body'] }).expect(200);
    assert.ok(JSON.stringify(slim.body).length < 20_000);
  });
});

describe('document API size limits', () => {
  it(`a body over ${MAX_BODY_CHARS} characters is a 400 naming it`, async () => {
    const res = await request(app)
      .post('/documents')
      .set({ Authorization: `Bearer ${KEY}` })
      .send([{ id: 'ok', title: 'a', body: 'b' }, { id: 'too-long', title: 'a', body: 'x '.repeat(MAX_BODY_CHARS / 2 + 1) }])
      .expect(400);
    assert.equal(res.body.error.param, 'body.1.body');
    assert.match(res.body.error.message, /indexer/);
  });
});
