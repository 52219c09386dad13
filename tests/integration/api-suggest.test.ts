// /suggest over the five seed articles on a real Meilisearch: Turkish completions typed in
// ASCII, limits, language restriction, HTML safety and parameter validation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, indexDocs, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('api_suggest');
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;
const seeds = readFileSync(SEEDS_NDJSON, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; lang: string; title: string });
const langOf = new Map(seeds.map((s) => [s.id, s.lang]));

interface Suggestion {
  type: 'term' | 'title';
  text: string;
  html: string;
  count?: number;
  id?: string;
  lang?: string;
}
const suggest = async (query: Record<string, string>, on = app) => (await request(on).get('/suggest').query(query).expect(200)).body as { query: string; suggestions: Suggestion[] };
const terms = (s: Suggestion[]) => s.filter((x) => x.type === 'term').map((x) => x.text);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

before(async () => {
  const summary = await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.indexed, seeds.length);
});
after(() => cleanup(index));

describe('GET /suggest completes Turkish words typed in ASCII', () => {
  it('q=ist suggests the term İstanbul, marked on the typed part', async () => {
    const { query, suggestions } = await suggest({ q: 'ist' });
    assert.equal(query, 'ist');
    const term = suggestions.find((s) => s.type === 'term' && s.text === 'İstanbul');
    assert.ok(term, JSON.stringify(terms(suggestions)));
    assert.equal(term.html, '<mark>İst</mark>anbul');
    assert.ok(term.count! >= 1);
  });

  it('q=kilic suggests Kılıçdaroğlu (dotless ı and ç typed as i and c)', async () => {
    const { suggestions } = await suggest({ q: 'kilic' });
    assert.ok(terms(suggestions).includes('Kılıçdaroğlu'), JSON.stringify(terms(suggestions)));
    assert.equal(suggestions.find((s) => s.text === 'Kılıçdaroğlu')!.html, '<mark>Kılıç</mark>daroğlu');
  });

  it('q=ekrem ima completes the last word only: "ekrem İmamoğlu"', async () => {
    const { suggestions } = await suggest({ q: 'ekrem ima' });
    assert.ok(terms(suggestions).includes('ekrem İmamoğlu'), JSON.stringify(terms(suggestions)));
    // Titles that match in their own title follow the terms.
    const firstTitle = suggestions.findIndex((s) => s.type === 'title');
    assert.ok(firstTitle > 0 && suggestions.slice(firstTitle).every((s) => s.type === 'title'));
    for (const s of suggestions.filter((x) => x.type === 'title')) {
      assert.ok(seeds.some((d) => d.id === s.id && d.title.startsWith(s.text.replace(/…$/, ''))), s.id);
      assert.match(s.html, /<mark>İmamoğlu<\/mark>/);
    }
  });
});

describe('GET /suggest?mode=correct: other spellings for "did you mean"', () => {
  it('q=istanbol (a typo, no completion) offers İstanbul, which the default mode does not', async () => {
    assert.deepEqual(terms((await suggest({ q: 'istanbol' })).suggestions), []);
    const { suggestions } = await suggest({ q: 'istanbol', mode: 'correct' });
    assert.equal(suggestions[0]?.text, 'İstanbul', JSON.stringify(suggestions));
    assert.equal(suggestions[0]!.html, '<mark>İstanbul</mark>');
    assert.ok(suggestions.every((s) => s.type === 'term'));
  });

  it('keeps the words before the last, and never offers the word typed (in any case or marks)', async () => {
    const { suggestions } = await suggest({ q: 'ekrem imamoglu', mode: 'correct' });
    assert.ok(suggestions.every((s) => s.text.startsWith('ekrem ') && s.text !== 'ekrem İmamoğlu'), JSON.stringify(suggestions));
    const typo = await suggest({ q: 'ekrem imamoglo', mode: 'correct' });
    assert.equal(typo.suggestions[0]?.text, 'ekrem İmamoğlu', JSON.stringify(typo.suggestions));
  });
});

describe('limits and language', () => {
  it('answers at most 8 suggestions by default, and at most `limit`', async () => {
    for (const q of ['i', 'ist', 'ekrem ima', 'b', 'a']) {
      assert.ok((await suggest({ q })).suggestions.length <= 8, q);
      for (const limit of [1, 2, 3]) {
        const { suggestions } = await suggest({ q, limit: String(limit) });
        assert.ok(suggestions.length <= limit, `${q} limit ${limit}: ${suggestions.length}`);
      }
    }
    const one = await suggest({ q: 'ist', limit: '1' });
    assert.equal(one.suggestions.length, 1);
  });

  it('lang=en restricts terms and titles to English documents', async () => {
    const en = await suggest({ q: 'ist', lang: 'en' });
    assert.ok(en.suggestions.length > 0);
    for (const s of en.suggestions.filter((x) => x.type === 'title')) assert.equal(langOf.get(s.id!), 'en', s.id);
    // Kılıçdaroğlu appears only in a Turkish seed.
    assert.deepEqual((await suggest({ q: 'kilic', lang: 'en' })).suggestions, []);
    const all = await suggest({ q: 'ist' });
    const count = (r: typeof all) => r.suggestions.find((s) => s.type === 'term' && /^istanbul$/i.test(s.text.replace('İ', 'I')))?.count ?? 0;
    assert.ok(count(en) > 0 && count(en) < count(all), `en ${count(en)} < all ${count(all)}`);
    const tr = await suggest({ q: 'ist', lang: 'tr' });
    for (const s of tr.suggestions.filter((x) => x.type === 'title')) assert.equal(langOf.get(s.id!), 'tr', s.id);
  });

  it('an empty or blank q answers an empty list', async () => {
    assert.deepEqual(await suggest({ q: '' }), { query: '', suggestions: [] });
    assert.deepEqual((await suggest({})).suggestions, []);
    assert.deepEqual((await suggest({ q: '   ' })).suggestions, []);
  });

  it('every html is escaped text with only <mark> added', async () => {
    for (const q of ['ist', 'kilic', 'ekrem ima', 'akp', "kağıthane'", '<b>ist', 'i']) {
      for (const s of (await suggest({ q })).suggestions) {
        const bare = s.html.replaceAll('<mark>', '').replaceAll('</mark>', '');
        assert.doesNotMatch(bare, /[<>"']/, s.html);
        assert.equal(unescape(bare), s.text);
      }
    }
  });
});

describe('GET /suggest validation', () => {
  const cases: [Record<string, string | string[]>, string][] = [
    [{ q: 'x'.repeat(101) }, 'q'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ q: 'ist', limit: '0' }, 'limit'],
    [{ q: 'ist', limit: '9' }, 'limit'],
    [{ q: 'ist', limit: 'many' }, 'limit'],
    [{ q: 'ist', lang: 'en" OR lang = "tr' }, 'lang'],
    [{ q: 'ist', mode: 'fuzzy' }, 'mode'],
  ];
  for (const [query, param] of cases) {
    it(`${JSON.stringify(query).slice(0, 50)} → 400 (${param})`, async () => {
      const res = await request(app).get('/suggest').query(query).expect(400).expect('content-type', /json/);
      assert.equal(res.body.error.code, 'invalid_parameter');
      assert.equal(res.body.error.param, param);
    });
  }

  it('q of exactly 100 characters is accepted', async () => {
    await request(app).get('/suggest').query({ q: 'a'.repeat(100) }).expect(200);
  });
});

describe('GET /suggest keeps the completions of a one- or two-letter first word (suggestCacheMs)', () => {
  const cached = uniqueIndex('suggest_cache');
  const gatewayKeeping = (ms: number) => createGateway(testTarget(), { indexUid: cached, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, suggestCacheMs: ms }).app;
  const kept = gatewayKeeping(60_000);
  const brief = gatewayKeeping(200);
  const never = gatewayKeeping(0);
  const doc = (id: string, name: string) => ({ id, lang: 'en', title: `${name} opens a harbour office`, body: `The mayor met ${name} at the harbour on Monday.` });
  const zTerms = async (on: typeof app, q = 'z') => terms((await suggest({ q }, on)).suggestions);
  before(() => indexDocs(cached, [doc('zc-1', 'Zanzibar')]));
  after(() => cleanup(cached));

  it('a word indexed after the first answer reaches z only when the answer was not kept; zam asks again', async () => {
    for (const on of [kept, brief, never]) assert.deepEqual(await zTerms(on), ['Zanzibar']);
    assert.deepEqual(await zTerms(kept, 'zam'), []);
    await indexDocs(cached, [doc('zc-2', 'Zambezi')]);
    assert.deepEqual(await zTerms(kept), ['Zanzibar'], 'kept for 60 s');
    assert.deepEqual((await zTerms(never)).sort(), ['Zambezi', 'Zanzibar'], 'not kept');
    assert.deepEqual(await zTerms(kept, 'zam'), ['Zambezi'], 'three letters: asked each time');
    assert.deepEqual((await zTerms(kept, 'Za')).sort(), ['Zambezi', 'Zanzibar'], 'za was not asked before');
    await new Promise((r) => setTimeout(r, 250));
    // Past its age the kept answer is given once more, while Meilisearch is asked behind it.
    assert.deepEqual(await zTerms(brief), ['Zanzibar'], 'past 200 ms, answered while refreshed');
    let fresh: string[] = [];
    for (let i = 0; i < 100 && fresh.length < 2; i++) fresh = (await zTerms(brief)).sort();
    assert.deepEqual(fresh, ['Zambezi', 'Zanzibar'], 'refreshed');
  });

  it('bootstrap asks for every short first word ahead, with the filter a search box without languages sends', async () => {
    const gateway = createGateway(testTarget(), { indexUid: cached, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, suggestCacheMs: 60_000, warmCompletionsFrom: 0 });
    await gateway.bootstrap();
    // Of the 712 prefixes, z and za find words here (the terms of titles and bodies).
    assert.ok((await gateway.completionsWarmed()) >= 2);
    await indexDocs(cached, [doc('zc-3', 'Zagreb')]);
    assert.deepEqual((await zTerms(gateway.app)).sort(), ['Zambezi', 'Zanzibar'], 'z was kept before anyone asked');
    assert.deepEqual((await zTerms(gateway.app, 'zag')).sort(), ['Zagreb'], 'three letters are not');
    const small = createGateway(testTarget(), { indexUid: cached, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, suggestCacheMs: 60_000 });
    await small.bootstrap();
    assert.equal(await small.completionsWarmed(), 0, 'a small index is not asked ahead');
    assert.deepEqual((await zTerms(small.app)).sort(), ['Zagreb', 'Zambezi', 'Zanzibar']);
  });
});
