// The response adapter on Meilisearch 1.21 answers recorded for the adapted queries of real
// InstantSearch + instant-meilisearch requests; whole outputs are asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requests } from '../../../src/http/requests.ts';
import { adaptSearchRequest } from '../../../src/instantsearch/request-adapter.ts';
import type { MeiliSearchResponse } from '../../../src/api/index.ts';
import { adaptSearchResponse, neutralize, utf8Ranges } from '../../../src/instantsearch/response-adapter.ts';
import { escapeHits, highlightHtml, unescape } from '../../helpers/instantsearch.ts';
import { CASES, lastBody, recorded } from './fixtures.ts';

const { meiliMultiSearchBody } = requests;

const MS = 5;

/** The gateway's answers to the last recorded body of a case, optionally with other tags asked for. */
function answers(name: (typeof CASES)[number], tags?: { highlightPreTag: string; highlightPostTag: string }): MeiliSearchResponse[] {
  const r = recorded(name);
  const body = structuredClone(lastBody(r));
  if (tags) for (const q of body.queries) Object.assign(q, tags);
  return meiliMultiSearchBody.parse(body).queries.map((q, i) => adaptSearchResponse(r.meiliResponses[i]!, adaptSearchRequest(q, 'documents'), MS));
}

const XSS_TITLE = '<img src=x onerror=alert(1)> İmamoğlu açıklama yaptı';
const XSS_BODY = `Ekrem İmamoğlu <script>alert("xss")</script> belediye & "bütçe" hakkında konuştu. <img src=x onerror=alert(1)> İBB'nin planı açıklandı.`;
const XSS_RAW = {
  id: 'is-xss-01',
  lang: 'tr',
  title: XSS_TITLE,
  body: XSS_BODY,
  date: '2024-03-10',
  date_ts: 1710028800,
  year: 2024,
  month: '2024-03',
  source: 'Test <Kaynak>',
  category: 'güvenlik',
};
const XSS_FORMATTED_REST = { id: 'is-xss-01', lang: 'tr', date: '2024-03-10', date_ts: '1710028800', year: '2024', month: '2024-03', category: 'güvenlik' };

describe('adaptSearchResponse', () => {
  describe('when the document holds markup and InstantSearch asks for its placeholders (the default)', () => {
    const [answer] = answers('xss-document-query-onerror');

    it('answers plain text with placeholders around matches, numbers as strings, crops where asked', () => {
      assert.deepEqual(answer, {
        hits: [
          {
            ...XSS_RAW,
            _formatted: {
              ...XSS_FORMATTED_REST,
              title: '<img src=x __ais-highlight__onerror__/ais-highlight__=alert(1)> __ais-highlight__İmamoğlu__/ais-highlight__ açıklama yaptı',
              body: 'Ekrem __ais-highlight__İmamoğlu__/ais-highlight__ <script>alert("xss")</script> belediye & "bütçe" hakkında konuştu. <img src=…',
              source: 'Test <Kaynak>',
            },
          },
        ],
        query: 'onerror imamoglu',
        processingTimeMs: MS,
        limit: 3,
        offset: 0,
        estimatedTotalHits: 1,
      });
    });

    it('is escaped once by InstantSearch, and its highlight helper inserts only <mark>', () => {
      const [hit] = escapeHits([{ ...answer!.hits[0], _highlightResult: { title: { value: (answer!.hits[0]!._formatted as Record<string, string>).title } } }]);
      const html = highlightHtml({ attribute: 'title', hit: hit! });
      assert.equal(html, '&lt;img src=x <mark class="ais-Highlight-highlighted">onerror</mark>=alert(1)&gt; <mark class="ais-Highlight-highlighted">İmamoğlu</mark> açıklama yaptı');
      assert.equal(unescape(html.replace(/<\/?mark[^>]*>/g, '')), XSS_TITLE, 'no double escaping: the text comes back as written');
    });
  });

  describe('when the client asks for HTML tags (<mark>, or <em> by default)', () => {
    it('answers escaped HTML whose only markup is the tag pair', () => {
      const [answer] = answers('xss-document-query-onerror', { highlightPreTag: '<mark>', highlightPostTag: '</mark>' });
      const formatted = answer!.hits[0]!._formatted as Record<string, string>;
      assert.deepEqual(formatted, {
        ...XSS_FORMATTED_REST,
        title: '&lt;img src=x <mark>onerror</mark>=alert(1)&gt; <mark>İmamoğlu</mark> açıklama yaptı',
        body: 'Ekrem <mark>İmamoğlu</mark> &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; belediye &amp; &quot;bütçe&quot; hakkında konuştu. &lt;img src=…',
        source: 'Test &lt;Kaynak&gt;',
      });
      for (const value of Object.values(formatted)) assert.doesNotMatch(value.replace(/<\/?mark>/g, ''), /[<>"']/);
      const [em] = answers('xss-document-query-onerror', { highlightPreTag: '<em>', highlightPostTag: '</em>' });
      assert.equal((em!.hits[0]!._formatted as Record<string, string>).title, '&lt;img src=x <em>onerror</em>=alert(1)&gt; <em>İmamoğlu</em> açıklama yaptı');
    });
  });

  describe('when the document itself contains InstantSearch placeholders', () => {
    it('alters them (U+2010 hyphen) so that only the gateway opens and closes highlights', () => {
      const [answer] = answers('placeholders-inside-document');
      assert.deepEqual(answer, {
        hits: [
          {
            id: 'is-sentinel',
            _formatted: {
              id: 'is-sentinel',
              lang: 'en',
              title:
                "Template __ais-highlight__tokens__/ais-highlight__ __ais\u2010highlight__ and __/ais\u2010highlight__ in a __ais-highlight__mayor's__/ais-highlight__ notes",
              body: 'A page about the __ais-highlight__mayor__/ais-highlight__ quoted the raw __ais-highlight__tokens__/ais-highlight__ __ais\u2010highlight__imamoglu__/ais\u2010highlight__ by mistake.',
              date: '2020-05-05',
              date_ts: '1588636800',
              year: '2020',
              month: '2020-05',
              source: 'City Desk',
              category: 'media',
            },
          },
        ],
        query: 'tokens mayor',
        processingTimeMs: MS,
        limit: 2,
        offset: 0,
        estimatedTotalHits: 1,
      });
      const title = (answer!.hits[0]!._formatted as Record<string, string>).title!;
      assert.equal(title.match(/__ais-highlight__/g)!.length, title.match(/__\/ais-highlight__/g)!.length);
      assert.equal(neutralize('x__ais-highlight__y').length, 'x__ais-highlight__y'.length);
    });
  });

  describe('when InstantSearch refines lang and year and counts facets', () => {
    const [main, langCounts, yearCounts] = answers('query-imamoglu-lang-tr-year-range');

    it('answers the hits, crops and facets of the main query (source by label, stats for year)', () => {
      assert.deepEqual(main, {
        hits: [
          {
            id: '004_0cab67bd56ed1ee3',
            lang: 'tr',
            title: "Ekrem İmamoğlu, AKP'li Başakşehir Belediye Başkanı'nı ziyaret etti",
            year: 2024,
            _formatted: {
              id: '004_0cab67bd56ed1ee3',
              lang: 'tr',
              title: "Ekrem __ais-highlight__İmamoğlu__/ais-highlight__, AKP'li Başakşehir Belediye Başkanı'nı ziyaret etti",
              body: "…Belediye Başkanı Ekrem İmamoğlu, 31 Mart'ta AKP adayı…",
              year: '2024',
            },
          },
          {
            id: 'is-xss-01',
            lang: 'tr',
            title: XSS_TITLE,
            year: 2024,
            _formatted: {
              id: 'is-xss-01',
              lang: 'tr',
              title: '<img src=x onerror=alert(1)> __ais-highlight__İmamoğlu__/ais-highlight__ açıklama yaptı',
              body: 'Ekrem İmamoğlu <script>alert("xss")</script> belediye & "bütçe"…',
              year: '2024',
            },
          },
          {
            id: 'is-tr-2022',
            lang: 'tr',
            title: 'Belediye bütçesi meclisten geçti',
            year: 2022,
            _formatted: {
              id: 'is-tr-2022',
              lang: 'tr',
              title: 'Belediye bütçesi meclisten geçti',
              body: '…Başkan İmamoğlu, ulaşım & altyapı yatırımlarının öncelikli olduğunu söyledi.',
              year: '2022',
            },
          },
        ],
        query: 'imamoglu',
        processingTimeMs: MS,
        limit: 4,
        offset: 0,
        estimatedTotalHits: 3,
        facetDistribution: { lang: { tr: 3 }, source: { 'Şehir Arşivi': 1, 'Test <Kaynak>': 1 }, year: { '2022': 1, '2024': 2 } },
        facetStats: { year: { min: 2022, max: 2024 } },
      });
    });

    it('answers the disjunctive counts', () => {
      assert.deepEqual(langCounts, {
        hits: [],
        query: 'imamoglu',
        processingTimeMs: MS,
        limit: 0,
        offset: 0,
        estimatedTotalHits: 5,
        facetDistribution: { lang: { tr: 3, en: 2 } },
        facetStats: {},
      });
      assert.deepEqual(yearCounts!.facetDistribution, { year: { '2019': 1, '2022': 1, '2024': 2 } });
      assert.deepEqual(yearCounts!.facetStats, { year: { min: 2019, max: 2024 } });
    });
  });

  describe('when instant-meilisearch uses finite pagination', () => {
    it('answers page, hitsPerPage, totalPages and totalHits', () => {
      assert.deepEqual(answers('finite-pagination-page-2'), [
        {
          hits: [
            { id: 'is-xss-01', _formatted: { id: 'is-xss-01', title: '<img src=x onerror=alert(1)> __ais-highlight__İmamoğlu__/ais-highlight__ açıklama yaptı' } },
            {
              id: '003_47e463bd9ba1d372',
              _formatted: {
                id: '003_47e463bd9ba1d372',
                title:
                  "(İSTANBUL) - İBB Başkanı Ekrem __ais-highlight__İmamoğlu__/ais-highlight__, Kağıthane'de AKP'den yeniden belediye başkanı seçilen Mevlüt Öztekin'e tebrik…",
              },
            },
          ],
          query: 'imamoglu',
          processingTimeMs: MS,
          hitsPerPage: 2,
          page: 2,
          totalPages: 6,
          totalHits: 11,
        },
      ]);
    });
  });

  describe('when no highlight is asked for and source is faceted', () => {
    it('answers the retrieved fields only, without _formatted', () => {
      const [main] = answers('sort-date-asc-lang-en-source');
      assert.deepEqual(main, {
        hits: [
          { id: 'is-sentinel', date: '2020-05-05', source: 'City Desk' },
          { id: 'is-en-2021', date: '2021-09', source: 'City Desk' },
          { id: 'is-en-2025', date: '2025-02-01', source: 'City Desk' },
        ],
        query: '',
        processingTimeMs: MS,
        limit: 4,
        offset: 0,
        estimatedTotalHits: 3,
        facetDistribution: { lang: { en: 3 }, source: { 'City Desk': 3 } },
        facetStats: {},
      });
    });
  });

  describe('when showMatchesPosition is on', () => {
    const [main] = answers('matches-position-lang-tr');

    it('answers UTF-8 byte offsets in the original fields, as Meilisearch 1.21 does for the same hits', () => {
      const native = recorded('matches-position-lang-tr').nativeResponse.results[0]!.hits;
      assert.deepEqual(main!.hits.map((h) => h.id), native.map((h) => h.id));
      assert.deepEqual(main!.hits.map((h) => h._matchesPosition), native.map((h) => h._matchesPosition));
      assert.deepEqual(main!.hits[2], {
        id: 'is-xss-01',
        _formatted: { id: 'is-xss-01', title: '<img src=x onerror=alert(1)> __ais-highlight__İmamoğlu__/ais-highlight__ açıklama yaptı' },
        _matchesPosition: { body: [{ start: 6, length: 10 }], title: [{ start: 29, length: 10 }] },
      });
    });

    it('counts bytes of astral characters and Turkish letters (utf8Ranges)', () => {
      const text = '🇹🇷 İmamoğlu';
      assert.deepEqual(utf8Ranges(text, [{ start: 5, length: 8 }]), [{ start: 9, length: 10 }]);
    });
  });

  describe('compared with Meilisearch 1.21 answering the same bodies itself', () => {
    for (const name of CASES) {
      it(`${name}: same answer keys in the same order, same hit keys, same _formatted keys (pk aside)`, () => {
        const ours = answers(name);
        const native = recorded(name).nativeResponse.results;
        assert.equal(ours.length, native.length);
        ours.forEach((answer, i) => {
          const { indexUid: _uid, ...nat } = native[i]!;
          assert.deepEqual(Object.keys(answer), Object.keys(nat));
          const nativeById = new Map(nat.hits.map((h) => [h.id, h]));
          for (const hit of answer.hits) {
            const twin = nativeById.get(hit.id);
            if (!twin) continue; // the gateway's analysis may rank or find other documents
            assert.deepEqual(Object.keys(hit), Object.keys(twin));
            if (twin._formatted) {
              const nativeKeys = Object.keys(twin._formatted).filter((k) => k !== 'pk');
              assert.deepEqual(Object.keys(hit._formatted as object), nativeKeys);
            }
          }
        });
      });
    }
  });
});
