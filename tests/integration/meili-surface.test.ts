// The read calls a Meilisearch client makes at start-up and while searching, through the
// gateway's /meili surface on a real Meilisearch, with the official meilisearch client (0.62)
// and instant-meilisearch: health, version, index info, stats, settings, searchGet, facet
// search (Turkish-aware), federated multi-search, matching strategies, every filter operator,
// distinct; Meilisearch's key errors; CORS on every path under /meili.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createApp } from '../../src/http/app.ts';
import { instantSearchRoutes } from '../../src/http/routes/instantsearch.ts';
import { createClient } from '../../src/meili/client.ts';
import { cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('meili_surface');
const PUBLIC_KEY = 'public-test-key';
const ORIGIN = 'http://page.example';

const DOCS = [
  { id: 'a1', lang: 'tr', date: '2024-03-10', source: 'İstanbul Haber', category: 'Siyaset', title: 'İmamoğlu seçim kampanyasını başlattı', body: 'Belediye başkanı seçim için kampanya başlattı.', url: 'https://example.org/a1' },
  { id: 'a2', lang: 'tr', date: '2023-05-01', source: 'ISTANBUL HABER', category: 'Ekonomi', title: 'Bütçe meclisten geçti', body: 'Seçim öncesi bütçe meclisten geçti.' },
  { id: 'a3', lang: 'tr', date: '2022-01-15', source: 'İzmir Postası', category: 'Siyaset', title: 'İzmir seçimleri yaklaşırken', body: 'İzmir’de seçim hazırlıkları sürüyor.' },
  { id: 'a4', lang: 'en', date: '2021-09-01', source: 'City Desk', category: 'Politics', title: 'Mayor opens the election campaign', body: 'The mayor of Istanbul opened an election campaign downtown.' },
  { id: 'a5', lang: 'en', date: '2020-02-02', source: 'City Desk', title: 'Metro line opens', body: 'A new metro line and a new election promise.' },
];

let servers: Server[] = [];
let open: string; // no public key
let locked: string; // PUBLIC_API_KEY set
let dir: string;

async function serve(publicKey?: string): Promise<string> {
  const ctx = { client: createClient(testTarget(), 10_000), ops: createClient(testTarget(), 10_000), indexUid: index };
  const app = createApp(instantSearchRoutes(ctx), { corsOrigins: [ORIGIN], ...(publicKey ? { publicKey } : {}) });
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/meili`;
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'meili-surface-'));
  const file = path.join(dir, 'docs.ndjson');
  await writeFile(file, DOCS.map((d) => JSON.stringify(d)).join('\n'));
  const summary = await runIndexer({ paths: [file], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.indexed, DOCS.length);
  open = await serve();
  locked = await serve(PUBLIC_KEY);
});
after(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
  await rm(dir, { recursive: true, force: true });
  await cleanup(index);
});

const client = (host = open, apiKey = 'any') => new Meilisearch({ host, apiKey });
const ids = (hits: readonly Record<string, unknown>[]) => hits.map((h) => h.id as string).sort();

async function rejectsWith(call: Promise<unknown>, status: number, code: string): Promise<void> {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof MeilisearchApiError, String(err));
    assert.equal(err.response.status, status);
    assert.equal(err.cause?.code, code);
    return true;
  });
}

describe('the official client’s start-up calls', () => {
  it('health and isHealthy', async () => {
    assert.deepEqual(await client().health(), { status: 'available' });
    assert.equal(await client().isHealthy(), true);
  });

  it('getVersion: the engine’s own version', async () => {
    const v = await client().getVersion();
    assert.match(v.pkgVersion, /^1\.21\./);
    assert.equal(typeof v.commitSha, 'string');
  });

  it('getRawInfo, fetchInfo and getIndex on the configured index', async () => {
    const raw = await client().index(index).getRawInfo();
    assert.equal(raw.uid, index);
    assert.equal(raw.primaryKey, 'id');
    assert.ok(!Number.isNaN(Date.parse(raw.createdAt as unknown as string)));
    const fetched = await client().index(index).fetchInfo();
    assert.equal(fetched.primaryKey, 'id');
    assert.equal((await client().getIndex(index)).uid, index);
    await rejectsWith(client().getIndex('other'), 404, 'index_not_found');
  });

  it('getStats (global and of the index): the configured index alone, public fields only', async () => {
    const stats = await client().getStats();
    assert.deepEqual(Object.keys(stats.indexes), [index]);
    const own = await client().index(index).getStats();
    assert.equal(own.numberOfDocuments, DOCS.length);
    assert.equal(own.fieldDistribution.title, DOCS.length);
    for (const field of Object.keys(own.fieldDistribution)) assert.doesNotMatch(field, /^pk$|_stem|_exact|_key$|terms/);
  });

  it('getSettings: the public subset, in public names', async () => {
    const s = await client().index(index).getSettings();
    assert.deepEqual(s.filterableAttributes, ['lang', 'year', 'month', 'source', 'category', 'date_ts']);
    assert.deepEqual(s.sortableAttributes, ['date_ts']);
    assert.deepEqual(s.searchableAttributes, ['title', 'body', 'source', 'category']);
    assert.ok(!JSON.stringify(s).match(/_stem|_exact|_key|"pk"|apiKey/), JSON.stringify(s));
  });
});

describe('searching with the official client', () => {
  it('searchGet: the query string form, lists comma-separated', async () => {
    const res = await client().index(index).searchGet('seçim', { filter: 'lang = tr', facets: ['source', 'year'], attributesToRetrieve: ['id'], limit: 10 });
    assert.deepEqual(ids(res.hits), ['a1', 'a2', 'a3']);
    assert.deepEqual(res.facetDistribution?.source, { 'İstanbul Haber': 2, 'İzmir Postası': 1 });
    await rejectsWith(client().index(index).searchGet('x', { limit: -1 }), 400, 'invalid_search_limit');
  });

  it('refuses a parameter given twice in the query string, naming it', async () => {
    const res = await fetch(`${open}/indexes/${index}/search?q=a&q=b`);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { param: string } }).error.param, 'q');
  });

  it('searchForFacetValues: istanbul finds İstanbul, under its usual spelling, counted on q and filter', async () => {
    const res = await client().index(index).searchForFacetValues({ facetName: 'source', facetQuery: 'istanbul' });
    assert.deepEqual(res.facetHits, [{ value: 'İstanbul Haber', count: 2 }]);
    const izmir = await client().index(index).searchForFacetValues({ facetName: 'source', facetQuery: 'IZM' });
    assert.deepEqual(izmir.facetHits, [{ value: 'İzmir Postası', count: 1 }]);
    const narrowed = await client().index(index).searchForFacetValues({ facetName: 'category', facetQuery: 's', q: 'bütçe' });
    assert.deepEqual(narrowed.facetHits, []);
    const all = await client().index(index).searchForFacetValues({ facetName: 'category', filter: 'lang = tr' });
    assert.deepEqual(all.facetHits, [
      { value: 'Siyaset', count: 2 },
      { value: 'Ekonomi', count: 1 },
    ]);
    const years = await client().index(index).searchForFacetValues({ facetName: 'year', facetQuery: '202' });
    assert.equal(years.facetHits.length, 5);
    await rejectsWith(client().index(index).searchForFacetValues({ facetName: 'title' }), 400, 'bad_request');
  });

  it('multiSearch with federation: one merged list, each hit saying which query found it', async () => {
    const res = await client().multiSearch({
      federation: { limit: 10 },
      queries: [
        { indexUid: index, q: 'seçim', filter: 'lang = tr', attributesToRetrieve: ['id'] },
        { indexUid: index, q: 'election', filter: 'lang = en', attributesToRetrieve: ['id'], federationOptions: { weight: 0.5 } },
      ],
    });
    assert.deepEqual(ids(res.hits), ['a1', 'a2', 'a3', 'a4', 'a5']);
    const byId = Object.fromEntries(res.hits.map((h) => [h.id, h._federation]));
    assert.equal(byId.a1?.queriesPosition, 0);
    assert.equal(byId.a4?.queriesPosition, 1);
    assert.equal(res.limit, 10);
    assert.equal(res.estimatedTotalHits, 5);
  });

  it('every matchingStrategy: all requires every word, last and frequency drop some', async () => {
    const q = 'seçim kampanya';
    const [last, all, frequency] = await Promise.all(
      (['last', 'all', 'frequency'] as const).map((matchingStrategy) => client().index(index).search(q, { matchingStrategy, filter: 'lang = tr', attributesToRetrieve: ['id'] })),
    );
    assert.deepEqual(ids(all!.hits), ['a1']);
    assert.deepEqual(ids(last!.hits), ['a1', 'a2', 'a3']);
    assert.ok(frequency!.hits.length >= 1 && ids(frequency!.hits).includes('a1'));
  });

  const filterRows: [string, string[]][] = [
    ['lang != en', ['a1', 'a2', 'a3']],
    ['NOT lang = tr', ['a4', 'a5']],
    ['category EXISTS', ['a1', 'a2', 'a3', 'a4']],
    ['category NOT EXISTS', ['a5']],
    ['category IS NULL OR category IS EMPTY', []],
    // As Meilisearch: IS NOT NULL is NOT (IS NULL), so a document without the field matches.
    ['category IS NOT NULL AND lang = en', ['a4', 'a5']],
    ['source IN ["istanbul haber", "City Desk"]', ['a1', 'a2', 'a4', 'a5']],
    ['source NOT IN ["İSTANBUL HABER"]', ['a3', 'a4', 'a5']],
    ['year 2021 TO 2023', ['a2', 'a3', 'a4']],
    ['year > 2022 OR (lang = en AND year < 2021)', ['a1', 'a2', 'a5']],
  ];
  for (const [filter, expected] of filterRows) {
    it(`filters ${filter}`, async () => {
      const res = await client().index(index).search('', { filter, attributesToRetrieve: ['id'] });
      assert.deepEqual(ids(res.hits), expected);
    });
  }

  it('distinct on source: one hit per source however it is spelt', async () => {
    const res = await client().index(index).search('', { distinct: 'source', attributesToRetrieve: ['id', 'source'] });
    assert.equal(res.hits.length, 3);
    await rejectsWith(client().index(index).search('', { distinct: 'title' }), 400, 'invalid_search_distinct');
  });
});

describe('instant-meilisearch', () => {
  it('searchForFacetValues (a searchable refinementList): istanbul finds İstanbul', async () => {
    const { searchClient } = instantMeiliSearch(open, 'any');
    const search = searchClient as unknown as { searchForFacetValues(r: unknown[]): Promise<{ facetHits: { value: string; count: number }[] }[]> };
    const [res] = await search.searchForFacetValues([
      { indexName: index, params: { facetName: 'source', facetQuery: 'istanbul', query: '', maxFacetHits: 10, highlightPreTag: '__ais-highlight__', highlightPostTag: '__/ais-highlight__' } },
    ]);
    assert.deepEqual(res!.facetHits.map((h) => [h.value, h.count]), [['İstanbul Haber', 2]]);
  });
});

describe('keys, as Meilisearch answers them', () => {
  it('no key: 401 missing_authorization_header; a wrong key: 403 invalid_api_key; the right one: 200', async () => {
    const noKey = await fetch(`${locked}/indexes/${index}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(noKey.status, 401);
    const body = (await noKey.json()) as { code: string; type: string };
    assert.deepEqual([body.code, body.type], ['missing_authorization_header', 'auth']);
    await rejectsWith(client(locked, 'wrong').index(index).search('x'), 403, 'invalid_api_key');
    assert.equal((await client(locked, PUBLIC_KEY).index(index).search('seçim')).hits.length, 3);
  });

  it('health needs no key, as in Meilisearch', async () => {
    assert.equal(await new Meilisearch({ host: locked }).isHealthy(), true);
  });
});

describe('CORS on every path under /meili', () => {
  it('preflights the facet search (what a searchable refinementList sends)', async () => {
    const res = await fetch(`${open}/indexes/${index}/facet-search`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-meilisearch-client' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /X-Meilisearch-Client/);
  });

  it('answers an unknown route with a 404 that a page can read', async () => {
    for (const method of ['GET', 'OPTIONS', 'DELETE']) {
      const res = await fetch(`${open}/no/such/route`, { method, headers: { origin: ORIGIN } });
      assert.equal(res.status, method === 'OPTIONS' ? 204 : 404, method);
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN, method);
    }
  });

  it('says nothing to an origin that is not allowed', async () => {
    const res = await fetch(`${open}/no/such/route`, { headers: { origin: 'http://evil.example' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('lets a page read key errors too', async () => {
    const res = await fetch(`${locked}/indexes/${index}/search`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  });
});
