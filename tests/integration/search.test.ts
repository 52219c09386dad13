// Real searches through the gateway (supertest, in-process) on a real Meilisearch,
// over the five seed articles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('search');
const seeds = readFileSync(SEEDS_NDJSON, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; lang: string; date?: string });
const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false });
const app = gateway.app;

interface Hit {
  id: string;
  lang: string;
  date: string | null;
  titleHighlighted: string;
  snippet: string;
}
const ids = (body: { hits: Hit[] }) => body.hits.map((h) => h.id).sort();

before(async () => {
  const summary = await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.indexed, seeds.length);
  await gateway.bootstrap();
});
after(() => cleanup(index));

describe('GET /search on the seeds', () => {
  it('finds İmamoğlu typed in ASCII (imamoglu) in all five articles', async () => {
    const res = await request(app).get('/search').query({ q: 'imamoglu' }).expect(200);
    assert.deepEqual(ids(res.body), seeds.map((s) => s.id).sort());
    assert.equal(res.body.total, 5);
  });

  it('finds İMAMOĞLU in capitals, detected as Turkish, and marks the match', async () => {
    const res = await request(app).get('/search').query({ q: 'İMAMOĞLU' }).expect(200);
    assert.equal(res.body.queryLang, 'tr');
    assert.equal(res.body.total, 5);
    assert.ok(res.body.hits.some((h: Hit) => h.snippet.includes('<mark>İmamoğlu</mark>')));
  });

  it("strips the Turkish suffix of istanbul'da and matches İstanbul", async () => {
    const res = await request(app).get('/search').query({ q: "istanbul'da", lang: 'tr' }).expect(200);
    assert.deepEqual(res.body.rewrite.terms, ['istanbul']);
    const trSeeds = seeds.filter((s) => s.lang === 'tr').map((s) => s.id).sort();
    assert.deepEqual(ids(res.body), trSeeds);
    for (const h of res.body.hits as Hit[]) assert.match(h.snippet + h.titleHighlighted, /<mark>(İstanbul|İSTANBUL)/);
  });

  it('finds the İYİ Party article from "IYI Party"', async () => {
    const res = await request(app).get('/search').query({ q: 'IYI Party' }).expect(200);
    assert.equal(res.body.hits[0].id, '000_9f89e02b5ffec3a1');
    assert.match(res.body.hits[0].titleHighlighted, /<mark>İYİ<\/mark> <mark>Party<\/mark>/);
  });

  it('filters by language (lang=en) and counts languages in facets', async () => {
    const res = await request(app).get('/search').query({ q: 'istanbul', lang: 'en' }).expect(200);
    assert.deepEqual(ids(res.body), ['000_9f89e02b5ffec3a1', '001_1c8d514d6ed888c5']);
    assert.ok(res.body.hits.every((h: Hit) => h.lang === 'en'));
    assert.deepEqual(res.body.facets.lang, { en: 2 });
    const all = await request(app).get('/search').query({ q: 'istanbul' }).expect(200);
    assert.deepEqual(all.body.facets.lang, { en: 2, tr: 3 });
  });

  it('filters by date range: only the article dated 2024-06 is inside 2024-05..2024-07', async () => {
    const res = await request(app).get('/search').query({ q: 'imamoglu', from: '2024-05', to: '2024-07-31' }).expect(200);
    assert.deepEqual(ids(res.body), ['004_0cab67bd56ed1ee3']);
    assert.equal(res.body.hits[0].date, '2024-06');
    const day = await request(app).get('/search').query({ from: '2024-06-15', to: '2024-06-15' }).expect(200);
    assert.deepEqual(ids(day.body), ['004_0cab67bd56ed1ee3'], 'a month-dated article covers each of its days');
    const outside = await request(app).get('/search').query({ q: 'imamoglu', from: '2024-07' }).expect(200);
    assert.equal(outside.body.total, 0);
    assert.deepEqual(outside.body.hits, []);
  });

  it('pages results with exact totals', async () => {
    const p1 = await request(app).get('/search').query({ q: 'imamoglu', perPage: 2 }).expect(200);
    const p3 = await request(app).get('/search').query({ q: 'imamoglu', perPage: 2, page: 3 }).expect(200);
    assert.equal(p1.body.totalPages, 3);
    assert.equal(p1.body.hits.length, 2);
    assert.equal(p3.body.hits.length, 1);
    const seen = new Set([...p1.body.hits, ...p3.body.hits].map((h: Hit) => h.id));
    assert.equal(seen.size, 3);
  });

  it('sorts by date, undated documents last', async () => {
    const res = await request(app).get('/search').query({ q: 'imamoglu', sort: 'date:desc' }).expect(200);
    assert.equal(res.body.hits[0].id, '004_0cab67bd56ed1ee3');
    assert.ok(res.body.hits.slice(1).every((h: Hit) => h.date === null));
  });

  it('answers the documented response shape', async () => {
    const res = await request(app).get('/search').query({ q: 'belediye' }).expect(200);
    for (const key of ['query', 'queryLang', 'total', 'page', 'perPage', 'totalPages', 'processingTimeMs', 'hits', 'facets']) {
      assert.ok(key in res.body, `missing ${key}`);
    }
    assert.deepEqual(Object.keys(res.body.hits[0]).sort(), ['category', 'date', 'id', 'lang', 'matches', 'snippet', 'snippetText', 'source', 'title', 'titleHighlighted', 'url']);
    assert.equal(res.body.query, 'belediye');
  });
});

describe('GET /search rejects bad parameters with 400 naming the parameter', () => {
  const cases: [Record<string, string | string[]>, string][] = [
    [{ lang: 'tr" OR lang = "en' }, 'lang'],
    [{ lang: 'xx' }, 'lang'],
    [{ perPage: '0' }, 'perPage'],
    [{ perPage: '101' }, 'perPage'],
    [{ page: 'abc' }, 'page'],
    [{ from: '2024-13' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2025', to: '2024' }, 'from'],
    [{ sort: 'title:asc' }, 'sort'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ q: 'x'.repeat(513) }, 'q'],
  ];
  for (const [query, param] of cases) {
    it(`${JSON.stringify(query).slice(0, 60)} → 400 (${param})`, async () => {
      const res = await request(app).get('/search').query(query).expect(400).expect('content-type', /json/);
      assert.equal(res.body.error.param, param);
      assert.equal(res.body.error.code, 'invalid_parameter');
      assert.equal(typeof res.body.error.message, 'string');
    });
  }

  it('unknown routes answer a JSON 404', async () => {
    const res = await request(app).get('/nope').expect(404);
    assert.equal(res.body.error.code, 'not_found');
  });
});

describe('health and readiness', () => {
  it('/health is up and /ready sees the index', async () => {
    await request(app).get('/health').expect(200, { status: 'ok' });
    const ready = await request(app).get('/ready').expect(200);
    assert.equal(ready.body.ready, true);
    assert.equal(ready.body.documents, seeds.length);
  });
});
