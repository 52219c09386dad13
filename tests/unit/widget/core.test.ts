// The widget's state and requests (widget/core.ts), with a fake fetch: no DOM, no server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chipsFor, SearchCore, type SearchAnswer, type State, type Suggestion } from '../../../widget/core.ts';

const ENDPOINT = 'http://gw.test/base/';

function answer(query: string, extra: Partial<SearchAnswer> = {}): SearchAnswer {
  return {
    query,
    total: 1,
    page: 1,
    totalPages: 1,
    hits: [{ id: query, lang: 'tr', title: query, date: null, source: null, url: null, snippetText: '', matches: [] }],
    facets: { lang: { tr: 1 }, year: {} },
    disjunctiveFacets: {},
    facetLabels: { lang: { tr: 'Türkçe' } },
    ...extra,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Call {
  url: URL;
  init: RequestInit | undefined;
}

/** A fetch answered by `reply`; it ignores aborts, so only the widget's own id check can drop a late answer. */
function fakeFetch(reply: (url: URL) => Promise<Response> | Response): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return reply(url);
  };
  return { fetch: f as typeof fetch, calls };
}

function collect(core: SearchCore): State[] {
  const states: State[] = [];
  core.on('results', (s) => states.push(s));
  return states;
}

describe('SearchCore', () => {
  it('never lets an old, slow answer overwrite a newer one', async () => {
    const { fetch } = fakeFetch(async (url) => {
      const q = url.searchParams.get('q')!;
      await sleep(q === 'slow' ? 80 : 5);
      return json(answer(q));
    });
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch });
    const first = core.submit('slow');
    await sleep(10);
    await core.submit('fast');
    await first;
    await sleep(100);
    assert.equal(core.state.results?.query, 'fast');
    assert.equal(core.state.status, 'done');
  });

  it('debounces typing into one request, with the last text, under the endpoint path', async () => {
    const { fetch, calls } = fakeFetch((url) => json(url.pathname.endsWith('/suggest') ? { suggestions: [] } : answer(url.searchParams.get('q')!)));
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 7, fetch, debounceMs: 30 });
    core.input('i');
    core.input('im');
    core.input('ima');
    await sleep(80);
    const searches = calls.filter((c) => c.url.pathname === '/base/search');
    assert.equal(searches.length, 1);
    assert.equal(searches[0]!.url.searchParams.get('q'), 'ima');
    assert.equal(searches[0]!.url.searchParams.get('perPage'), '7');
    const suggests = calls.filter((c) => c.url.pathname === '/base/suggest');
    // One for the suggestion list; one "did you mean" look-up, as the answer has few hits.
    assert.deepEqual(suggests.map((c) => c.url.searchParams.get('limit')).sort(), ['3', '6']);
    // The list completes the prefix; the "did you mean" asks for other spellings.
    assert.deepEqual(suggests.map((c) => `${c.url.searchParams.get('limit')} ${c.url.searchParams.get('mode')}`).sort(), ['3 correct', '6 null']);
  });

  it('sends sort, source and category; offers a "did you mean" only for few hits, once per query', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.pathname.endsWith('/suggest')
        ? json({ suggestions: [{ type: 'term', text: 'derbi', html: 'derbi', count: 2 }] })
        : json(answer(url.searchParams.get('q')!, url.searchParams.get('q') === 'many' ? { total: 40, totalPages: 4 } : {})),
    );
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch });
    await core.setSort('date:desc');
    await core.setSource('42bin-haber');
    await core.setCategory('spor');
    await core.submit('dervi');
    const p = calls.filter((c) => c.url.pathname === '/base/search').at(-1)!.url.searchParams;
    assert.deepEqual([p.get('sort'), p.get('source'), p.get('category')], ['date:desc', '42bin-haber', 'spor']);
    assert.equal(core.state.results?.didYouMean, 'derbi');
    await core.setSort('relevance');
    assert.equal(calls.filter((c) => c.url.pathname === '/base/search').at(-1)!.url.searchParams.get('sort'), null);
    assert.equal(calls.filter((c) => c.url.pathname === '/base/suggest').length, 1, 'asked once for the same query');
    await core.submit('many');
    assert.equal(core.state.results?.didYouMean, null);
    assert.equal(calls.filter((c) => c.url.pathname === '/base/suggest').length, 1, 'not asked for a query with many hits');
  });

  it('labels sources by configured name, by value or facet key', () => {
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, labels: { '42bin_haber': '42bin Haber', 'ttc-3600': 'TTC-3600 Derlemi' } });
    assert.equal(core.label('42bin_haber'), '42bin Haber');
    assert.equal(core.label(undefined, 'ttc-3600', 'TTC-3600'), 'TTC-3600 Derlemi');
    assert.equal(core.label(undefined, 'other', 'Other'), 'Other');
  });

  it('shows an error when fetch fails or the gateway answers 5xx, and recovers on the next success', async () => {
    let mode: 'throw' | '503' | 'ok' = 'throw';
    const { fetch } = fakeFetch((url) => {
      if (mode === 'throw') throw new TypeError('Failed to fetch');
      return mode === '503' ? json({ error: { code: 'search_unavailable' } }, 503) : json(answer(url.searchParams.get('q')!));
    });
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch });
    await core.submit('x');
    assert.deepEqual([core.state.status, core.state.error], ['error', 'down']);
    mode = '503';
    await core.retry();
    assert.deepEqual([core.state.status, core.state.error], ['error', 'down']);
    mode = 'ok';
    await core.retry();
    assert.deepEqual([core.state.status, core.state.error, core.state.results?.query], ['done', null, 'x']);
  });

  it('names a refused API key (401/403) and a rate limit (429) apart from an outage', async () => {
    let status = 401;
    const { fetch } = fakeFetch(() => json({}, status));
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch });
    await core.submit('x');
    assert.equal(core.state.error, 'auth');
    status = 429;
    await core.submit('x');
    assert.equal(core.state.error, 'rate');
  });

  it('sends the API key as a bearer token, and no cookies', async () => {
    const { fetch, calls } = fakeFetch(() => json(answer('x')));
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, apiKey: 'pk-123', fetch });
    await core.submit('x');
    assert.deepEqual(calls[0]!.init?.headers, { Authorization: 'Bearer pk-123' });
    assert.equal(calls[0]!.init?.credentials, 'omit');
  });

  it('sends the filters: lang, and a year as from/to', async () => {
    const { fetch, calls } = fakeFetch(() => json(answer('x')));
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch });
    core.state.query = 'x';
    await core.setLang('en');
    await core.setYear('2024');
    const p = calls.at(-1)!.url.searchParams;
    assert.deepEqual([p.get('lang'), p.get('from'), p.get('to'), p.get('facets')], ['en', '2024', '2024', 'lang,year,source,category']);
    await core.clearFilters();
    assert.equal(calls.at(-1)!.url.searchParams.has('lang'), false);
  });

  it('appends the next page on more(), and keeps it when that page fails', async () => {
    let fail = false;
    const { fetch } = fakeFetch((url) => {
      if (fail) throw new TypeError('Failed to fetch');
      const page = Number(url.searchParams.get('page'));
      return json(answer(`p${page}`, { page, totalPages: 2, total: 2 }));
    });
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 1, fetch });
    await core.submit('q');
    await core.more();
    assert.deepEqual(core.state.results?.hits.map((h) => h.id), ['p1', 'p2']);
    await core.more(); // last page: nothing to load
    assert.equal(core.state.results?.hits.length, 2);
    fail = true;
    await core.submit('q');
    assert.equal(core.state.results, null);
  });

  it('shows nothing for an empty query unless browsing', async () => {
    const { fetch, calls } = fakeFetch(() => json(answer('')));
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch });
    const states = collect(core);
    await core.submit('  ');
    assert.equal(calls.length, 0);
    assert.equal(states.at(-1)?.status, 'idle');
    const browsing = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch, browse: true });
    await browsing.submit('');
    assert.equal(calls.length, 1);
    assert.equal(browsing.state.status, 'done');
  });

  it('drops suggestions that arrive after the query moved on', async () => {
    const { fetch } = fakeFetch(async (url) => {
      const q = url.searchParams.get('q')!;
      if (url.pathname.endsWith('/suggest')) {
        await sleep(q === 'a' ? 60 : 1);
        return json({ suggestions: [{ type: 'term', text: `${q}!`, html: `${q}!` }] });
      }
      return json(answer(q));
    });
    const core = new SearchCore({ endpoint: ENDPOINT, perPage: 10, fetch, debounceMs: 5 });
    const seen: Suggestion[][] = [];
    core.on('suggestions', (s) => seen.push(s));
    core.input('a');
    await sleep(20);
    core.input('ab');
    await sleep(120);
    assert.deepEqual(core.suggestions.map((s) => s.text), ['ab!']);
    assert.ok(seen.every((list) => list.every((s) => s.text !== 'a!')));
  });
});

describe('chipsFor', () => {
  const a = answer('x', { facets: { lang: { en: 2 } }, disjunctiveFacets: { lang: { tr: 3, en: 2 } } });

  it('uses the disjunctive counts when the facet is filtered, so the other value keeps its count', () => {
    assert.deepEqual(chipsFor(a, 'lang', 'en', { tr: 'Türkçe', en: 'English' }), [
      { key: 'tr', label: 'Türkçe', count: 3, selected: false },
      { key: 'en', label: 'English', count: 2, selected: true },
    ]);
  });

  it('uses the plain counts without a filter, and keeps a selected value that has none', () => {
    assert.deepEqual(chipsFor(a, 'lang', null), [{ key: 'en', label: 'en', count: 2, selected: false }]);
    assert.deepEqual(chipsFor(answer('x', { facets: { year: {} } }), 'year', '2020'), [{ key: '2020', label: '2020', count: 0, selected: true }]);
  });
});
