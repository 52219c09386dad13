// The Meilisearch-compatible surface (/meili) on a real Meilisearch, served on an ephemeral
// port and driven by the real clients: @meilisearch/instant-meilisearch (searchClient.search,
// as InstantSearch calls it, and under the real InstantSearch) and the official meilisearch client.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createApp } from '../../src/http/app.ts';
import { instantSearchRoutes } from '../../src/http/routes/instantsearch.ts';
import { searchRoutes } from '../../src/http/routes/search.ts';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { highlightHtml, runInstantSearch, snippetHtml, type SearchClient } from '../helpers/instantsearch.ts';
import { cleanup, PROJECT_ROOT, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('instantsearch');
const DOCS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'instantsearch', 'documents.ndjson');
const TOTAL = 11; // 5 seeds + 6 documents
const masterKey = testTarget().key;
const AIS = { highlightPreTag: '__ais-highlight__', highlightPostTag: '__/ais-highlight__' };
const XSS_TITLE = '<img src=x onerror=alert(1)> İmamoğlu açıklama yaptı';
const XSS_BODY = `Ekrem İmamoğlu <script>alert("xss")</script> belediye & "bütçe" hakkında konuştu. <img src=x onerror=alert(1)> İBB'nin planı açıklandı.`;

// Every answer the server sends, headers and body, to look for the master key afterwards.
const sent: string[] = [];
let server: Server;
let host: string;

type Hit = Record<string, unknown> & { id: string; _highlightResult?: Record<string, { value: string }> };
interface Result {
  hits: Hit[];
  nbHits: number;
  nbPages: number;
  page: number;
  facets: Record<string, Record<string, number>>;
  facets_stats: Record<string, { min: number; max: number }>;
}

interface InstantClient extends SearchClient {
  search(requests: readonly unknown[]): Promise<{ results: Result[] }>;
}
function instant(options: Record<string, unknown> = {}): InstantClient {
  return instantMeiliSearch(host, 'any-public-key', { primaryKey: 'id', ...options }).searchClient as unknown as InstantClient;
}
const request = (params: Record<string, unknown>, indexName = index) => ({ indexName, params: { ...AIS, ...params } });
const ids = (hits: { id: unknown }[]) => hits.map((h) => h.id as string);
const meili = () => new Meilisearch({ host, apiKey: 'any-key' });

before(async () => {
  const admin = createClient(testTarget(), 60_000);
  const summary = await runIndexer({ paths: [SEEDS_NDJSON, DOCS], client: admin, indexUid: index });
  assert.equal(summary.indexed, TOTAL);
  const ctx = { client: createClient(testTarget(), 10_000), indexUid: index };
  const app = createApp([...searchRoutes(ctx), ...instantSearchRoutes(ctx)]);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => typeof res;
    res.write = ((chunk: unknown, ...rest: unknown[]) => (chunks.push(Buffer.from(chunk as string)), write(chunk, ...rest))) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
      sent.push(`${JSON.stringify(res.getHeaders())}\n${Buffer.concat(chunks).toString('utf8')}`);
      return end(chunk, ...rest);
    }) as typeof res.end;
    app(req, res);
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meili`;
});
after(async () => {
  await new Promise((r) => server.close(r));
  await cleanup(index);
});

describe('instant-meilisearch searchClient.search, as InstantSearch calls it', () => {
  it('refines on lang (facetFilters) with disjunctive counts, and reads the query as Turkish', async () => {
    const { results } = await instant().search([
      request({ query: 'imamoglu', facets: ['lang', 'year'], facetFilters: [['lang:tr']], hitsPerPage: 20 }),
      request({ query: 'imamoglu', facets: 'lang', hitsPerPage: 0, page: 0, analytics: false, clickAnalytics: false }),
    ]);
    const [main, counts] = results;
    assert.deepEqual(ids(main!.hits).sort(), ['002_ae504c387682aedd', '003_47e463bd9ba1d372', '004_0cab67bd56ed1ee3', 'is-tr-2019', 'is-tr-2022', 'is-xss-01']);
    assert.ok(main!.hits.every((h) => h.lang === 'tr'));
    assert.equal(main!.nbHits, 6);
    assert.deepEqual(main!.facets.lang, { tr: 6 });
    assert.deepEqual(counts!.facets.lang, { tr: 6, en: 5 });
  });

  it('gives the same hits as GET /search for the same query and language', async () => {
    for (const [query, lang] of [['imamoglu', 'tr'], ["istanbul'da", 'tr'], ['mayor', 'en'], ['seçim', 'tr']] as const) {
      const { results } = await instant().search([request({ query, facetFilters: [[`lang:${lang}`]], hitsPerPage: 20 })]);
      const res = await fetch(`${host.replace(/\/meili$/, '')}/search?${new URLSearchParams({ q: query, lang, perPage: '20' })}`);
      const own = (await res.json()) as { hits: { id: string }[] };
      assert.deepEqual(ids(results[0]!.hits), ids(own.hits), `${query} (${lang})`);
    }
  });

  it('filters a numeric range on year (numericFilters of a range input), with facet stats', async () => {
    const { results } = await instant().search([request({ query: 'imamoglu', facets: ['year'], numericFilters: ['year>=2020', 'year<=2024'], hitsPerPage: 20 })]);
    const [main] = results;
    assert.deepEqual(ids(main!.hits).sort(), ['004_0cab67bd56ed1ee3', 'is-en-2021', 'is-sentinel', 'is-tr-2022', 'is-xss-01']);
    assert.ok(main!.hits.every((h) => (h.year as number) >= 2020 && (h.year as number) <= 2024));
    assert.deepEqual(main!.facets.year, { '2020': 1, '2021': 1, '2022': 1, '2024': 2 });
    assert.deepEqual(main!.facets_stats.year, { min: 2020, max: 2024, avg: 0, sum: 0 });
  });

  it('marks İmamoğlu for imamoglu with InstantSearch placeholders, on the original text', async () => {
    const { results } = await instant().search([request({ query: 'imamoglu', facetFilters: [['lang:tr']], attributesToSnippet: ['body:10'] })]);
    const hit = results[0]!.hits.find((h) => h.id === 'is-tr-2019')!;
    assert.equal(hit._highlightResult!.title!.value, "__ais-highlight__İmamoğlu__/ais-highlight__ İstanbul'da yeniden seçildi");
    assert.equal(hit.title, "İmamoğlu İstanbul'da yeniden seçildi", 'the raw field is left as stored');
    assert.match(hit._highlightResult!.body!.value, /^….*Ekrem __ais-highlight__İmamoğlu__\/ais-highlight__ .*…$/);
  });

  it('pages with hitsPerPage/page (scroll pagination: limit/offset underneath)', async () => {
    const client = instant();
    const page = async (p: number) => (await client.search([request({ query: 'imamoglu', hitsPerPage: 4, page: p })])).results[0]!;
    const [p0, p1, p2] = [await page(0), await page(1), await page(2)];
    assert.deepEqual([p0.hits.length, p1.hits.length, p2.hits.length], [4, 4, 3]);
    assert.equal(new Set([...p0.hits, ...p1.hits, ...p2.hits].map((h) => h.id)).size, TOTAL);
    assert.deepEqual([p0.page, p1.page, p2.page], [0, 1, 2]);
  });

  it('pages with finite pagination: exhaustive totals', async () => {
    const { results } = await instant({ finitePagination: true }).search([request({ query: 'imamoglu', hitsPerPage: 4, page: 2 })]);
    assert.equal(results[0]!.nbPages, 3);
    assert.equal(results[0]!.nbHits, TOTAL);
    assert.equal(results[0]!.hits.length, 3);
  });

  it('sorts by the sort in the index name (sortBy widget), undated documents last', async () => {
    const { results } = await instant().search([request({ query: '', facetFilters: [['lang:en']], hitsPerPage: 5 }, `${index}:date_ts:asc`)]);
    assert.deepEqual(ids(results[0]!.hits), ['is-sentinel', 'is-en-2021', 'is-en-2025', '000_9f89e02b5ffec3a1', '001_1c8d514d6ed888c5']);
  });

  it('rejects a filter it cannot validate, with the Meilisearch error code', async () => {
    await assert.rejects(
      instant().search([request({ query: 'x', filters: 'lang = "tr" OR 1 = 1' })]),
      (err: Error) => /body\.queries\.0\.filter/.test(err.message) && (err.cause as { cause?: { code?: string } })?.cause?.code === 'invalid_search_filter',
    );
  });
});

describe('the real InstantSearch on top (headless widgets, default escapeHTML)', () => {
  it('renders the XSS document escaped once, with <mark> as the only markup', async () => {
    const state = await runInstantSearch({
      searchClient: instant(),
      indexName: index,
      uiState: { query: 'imamoglu', refinementList: { lang: ['tr'] }, range: { year: '2021:2024' } },
      configure: { attributesToSnippet: ['body:30'] },
      refinementLists: ['lang'],
      ranges: ['year'],
    });
    assert.deepEqual(ids(state.hits as Hit[]).sort(), ['004_0cab67bd56ed1ee3', 'is-tr-2022', 'is-xss-01']);
    const xss = state.hits.find((h) => h.id === 'is-xss-01') as Hit;
    assert.equal(xss._highlightResult!.title!.value, '&lt;img src=x onerror=alert(1)&gt; <mark>İmamoğlu</mark> açıklama yaptı');
    assert.equal(highlightHtml({ attribute: 'title', hit: xss }), '&lt;img src=x onerror=alert(1)&gt; <mark class="ais-Highlight-highlighted">İmamoğlu</mark> açıklama yaptı');
    assert.equal(
      snippetHtml({ attribute: 'body', hit: xss }),
      'Ekrem <mark class="ais-Snippet-highlighted">İmamoğlu</mark> &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; belediye &amp; &quot;bütçe&quot; hakkında konuştu. &lt;img src=x onerror=alert(1)&gt; İBB&#39;nin planı açıklandı.',
    );
    for (const hit of state.hits as Hit[]) {
      for (const { value } of Object.values(hit._highlightResult ?? {})) {
        assert.doesNotMatch(value.replace(/<\/?mark>/g, ''), /[<>]/, 'no markup but <mark>');
        assert.doesNotMatch(value, /&amp;(lt|gt|quot|#39|amp);/, 'no double escaping');
      }
    }
    assert.deepEqual(state.refinementLists.lang, [{ value: 'tr', count: 3, isRefined: true }, { value: 'en', count: 1, isRefined: false }]);
  });

  it('gives a document that spells out placeholders no highlight of its own', async () => {
    const state = await runInstantSearch({ searchClient: instant(), indexName: index, uiState: { query: 'tokens' }, configure: { hitsPerPage: 1 } });
    const title = (state.hits[0] as Hit)._highlightResult!.title!.value;
    assert.equal(title, 'Template <mark>tokens</mark> __ais\u2010highlight__ and __/ais\u2010highlight__ in a mayor&#39;s notes');
  });

  it('with escapeHTML off and <mark> asked for, hands the widget the gateway-escaped HTML as is', async () => {
    const client = instant({ meiliSearchParams: { highlightPreTag: '<mark>', highlightPostTag: '</mark>' } });
    const state = await runInstantSearch({ searchClient: client, indexName: index, uiState: { query: 'onerror imamoglu' }, escapeHTML: false });
    const [hit] = state.hits as Hit[];
    assert.equal(hit!._highlightResult!.title!.value, '&lt;img src=x <mark>onerror</mark>=alert(1)&gt; <mark>İmamoğlu</mark> açıklama yaptı');
  });
});

describe('the official meilisearch client on host …/meili', () => {
  it('searches with <em> by default, escaped, and reports byte positions', async () => {
    const res = await meili().index(index).search('onerror imamoglu', { attributesToHighlight: ['title'], attributesToRetrieve: ['id'], showMatchesPosition: true });
    assert.deepEqual(res.hits, [
      {
        id: 'is-xss-01',
        _formatted: { id: 'is-xss-01', title: '&lt;img src=x <em>onerror</em>=alert(1)&gt; <em>İmamoğlu</em> açıklama yaptı' },
        _matchesPosition: {
          body: [
            { start: 6, length: 10 },
            { start: Buffer.byteLength(XSS_BODY.slice(0, XSS_BODY.indexOf('onerror'))), length: 7 },
          ],
          title: [
            { start: 11, length: 7 },
            { start: 29, length: 10 },
          ],
        },
      },
    ]);
    assert.deepEqual(Object.keys(res), ['hits', 'query', 'processingTimeMs', 'limit', 'offset', 'estimatedTotalHits']);
  });

  it('pages with hitsPerPage/page and with offset/limit', async () => {
    const pages = await meili().index(index).search('imamoglu', { hitsPerPage: 5, page: 3, attributesToRetrieve: ['id'] });
    assert.deepEqual([pages.totalHits, pages.totalPages, pages.page, pages.hitsPerPage, pages.hits.length], [TOTAL, 3, 3, 5, 1]);
    const window = await meili().index(index).search('imamoglu', { offset: 9, limit: 5, attributesToRetrieve: ['id'] });
    assert.deepEqual([window.offset, window.limit, window.estimatedTotalHits, window.hits.length], [9, 5, TOTAL, 2]);
  });

  it('multi-searches with Meilisearch filter syntax and facets', async () => {
    const res = await meili().multiSearch({
      queries: [{ indexUid: index, q: '', filter: 'lang = en AND year 2021 TO 2025', facets: ['source', 'year'], attributesToRetrieve: ['id'] }],
    });
    const [r] = res.results;
    assert.equal(r!.indexUid, index);
    assert.deepEqual(ids(r!.hits as { id: string }[]), ['is-en-2025', 'is-en-2021']);
    assert.deepEqual(r!.facetDistribution, { source: { 'City Desk': 2 }, year: { '2021': 1, '2025': 1 } });
  });

  it('answers 404 index_not_found for any other index, in both routes', async () => {
    for (const call of [() => meili().index('other').search('x'), () => meili().multiSearch({ queries: [{ indexUid: index }, { indexUid: 'other' }] })]) {
      await assert.rejects(call(), (err: unknown) => {
        assert.ok(err instanceof MeilisearchApiError);
        assert.equal(err.response.status, 404);
        assert.equal(err.cause?.code, 'index_not_found');
        assert.equal(err.cause?.type, 'invalid_request');
        assert.equal(err.cause?.link, 'https://docs.meilisearch.com/errors#index_not_found');
        return true;
      });
    }
  });

  it('cannot write, delete, list documents, indexes, keys or tasks: 404, and nothing changes', async () => {
    const client = meili();
    const admin = createClient(testTarget(), 10_000);
    const attempts: [string, () => Promise<unknown>][] = [
      ['addDocuments', async () => client.index(index).addDocuments([{ pk: 'evil', id: 'evil', title: 'x', lang: 'en' }])],
      ['updateDocuments', async () => client.index(index).updateDocuments([{ pk: 'is-tr-2019', title: 'changed' }])],
      ['deleteDocument', async () => client.index(index).deleteDocument('is-tr-2019')],
      ['deleteAllDocuments', async () => client.index(index).deleteAllDocuments()],
      ['deleteIndex', async () => client.deleteIndex(index)],
      ['createIndex', async () => client.createIndex('evil')],
      ['updateSettings', async () => client.index(index).updateSettings({ searchableAttributes: ['url'] })],
      ['getDocuments', () => client.index(index).getDocuments()],
      ['getKeys', () => client.getKeys()],
      ['createKey', () => client.createKey({ actions: ['*'], indexes: ['*'], expiresAt: null })],
      ['getIndexes', () => client.getIndexes()],
      ['getTasks', () => client.tasks.getTasks()],
    ];
    for (const [name, call] of attempts) {
      await assert.rejects(call(), (err: unknown) => {
        assert.ok(err instanceof MeilisearchApiError, name);
        assert.equal(err.response.status, 404, name);
        assert.equal(err.cause?.code, 'not_found', name);
        return true;
      });
    }
    assert.equal(await countDocuments(admin, index), TOTAL);
    const doc = await admin.index(index).getDocument('is-tr-2019');
    assert.equal(doc.title, "İmamoğlu İstanbul'da yeniden seçildi");
    assert.deepEqual((await admin.index(index).getSettings()).searchableAttributes?.[0], 'title');
    await assert.rejects(admin.getIndex('evil'));
  });

  it('answers errors with Meilisearch fields and the gateway error object', async () => {
    const res = await fetch(`${host}/indexes/${index}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'x', highlightPreTag: '<img src=x onerror=alert(1)>' }) });
    assert.equal(res.status, 400);
    const body = (await res.json()) as Record<string, unknown> & { error: Record<string, unknown> };
    assert.equal(body.code, 'invalid_search_highlight_pre_tag');
    assert.equal(body.type, 'invalid_request');
    assert.equal(body.link, 'https://docs.meilisearch.com/errors#invalid_search_highlight_pre_tag');
    assert.equal(body.message, body.error.message);
    assert.equal(body.error.code, 'invalid_parameter');
    assert.equal(body.error.param, 'body.highlightPreTag');
    const put = await fetch(`${host}/indexes/${index}/documents`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[]' });
    assert.equal(put.status, 404);
    assert.equal(((await put.json()) as { code: string }).code, 'not_found');
  });
});

describe('secrets', () => {
  it('never sends the master key, in any answer of this file', { skip: masterKey === '' && 'no master key on this engine' }, () => {
    assert.ok(sent.length > 20, `only ${sent.length} answers recorded`);
    for (const answer of sent) assert.ok(!answer.includes(masterKey), 'the master key is in an answer');
  });
});
