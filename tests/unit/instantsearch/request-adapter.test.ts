// The request adapter on request bodies recorded from the real InstantSearch + instant-meilisearch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requests } from '../../../src/http/requests.ts';
import { PUBLIC_FIELDS } from '../../../src/api/index.ts';
import { adaptSearchRequest, type AdaptedSearch } from '../../../src/instantsearch/request-adapter.ts';
import { lastBody, recorded } from './fixtures.ts';

const { meiliMultiSearchBody, meiliSearchBody } = requests;

const ALL = [...PUBLIC_FIELDS];
const adaptBody = (body: unknown) => meiliMultiSearchBody.parse(body).queries.map((q) => adaptSearchRequest(q, 'documents'));
/** The whole adapted request, with the query analysis reduced to the language and the q it produced. */
const view = ({ rewrite, ...rest }: AdaptedSearch) => ({ ...rest, queryLang: rewrite.lang, rewrittenQ: rewrite.q });

const AIS = { preTag: '__ais-highlight__', postTag: '__/ais-highlight__' } as const;
const NO_FORMAT = { retrieve: ALL, highlight: [], crop: {}, cropMarker: '…', preTag: '<em>', postTag: '</em>', showMatchesPosition: false, showRankingScore: false };

describe('adaptSearchRequest', () => {
  describe('when InstantSearch refines lang (refinementList) and year (range input) with a query', () => {
    const [main, langCounts, yearCounts] = adaptBody(lastBody(recorded('query-imamoglu-lang-tr-year-range')));

    it('adapts the main query: rewritten q read as Turkish (the lang filter), rebuilt filters, facet keys, all fields retrieved', () => {
      assert.deepEqual(view(main!), {
        q: 'imamoglu',
        query: {
          indexUid: 'documents',
          q: 'imamoglu ',
          filter: 'year >= 2020 AND year <= 2024 AND lang = "tr"',
          facets: ['lang', 'year', 'source_key', 'source'],
          offset: 0,
          limit: 4,
          // What is returned or formatted; the cropped body as its head (not asked to be returned).
          attributesToRetrieve: ['id', 'lang', 'title', 'year', 'body_head'],
        },
        pagination: { kind: 'offset', offset: 0, limit: 4 },
        facets: ['lang', 'year', 'source'],
        format: { ...NO_FORMAT, ...AIS, retrieve: ['id', 'lang', 'title', 'year'], highlight: ['title'], crop: { body: 8 } },
        queryLang: 'tr',
        rewrittenQ: 'imamoglu ',
      });
    });

    it('adapts the disjunctive count queries InstantSearch adds (each without its own refinement)', () => {
      assert.deepEqual(langCounts!.query, {
        indexUid: 'documents',
        q: 'imamoglu ',
        filter: 'year >= 2020 AND year <= 2024',
        facets: ['lang'],
        offset: 0,
        limit: 0,
        attributesToRetrieve: ['id', 'lang', 'title', 'year', 'body_head'],
      });
      assert.notEqual(langCounts!.rewrite.langSource, 'param', 'no language filter left: the query language is detected');
      assert.equal(main!.rewrite.langSource, 'param');
      assert.deepEqual(yearCounts!.query.filter, 'lang = "tr"');
      assert.deepEqual(yearCounts!.query.facets, ['year']);
    });

    it("adapts instant-meilisearch's first, filterless facet-distribution query to a placeholder search, newest first", () => {
      const [initial] = adaptBody(recorded('query-imamoglu-lang-tr-year-range').requestBodies[0]!.body);
      assert.deepEqual(view(initial!), {
        q: '',
        query: { indexUid: 'documents', q: '', sort: ['date_ts:desc'], facets: ['lang', 'year', 'source_key', 'source'], offset: 0, limit: 4, attributesToRetrieve: ALL },
        pagination: { kind: 'offset', offset: 0, limit: 4 },
        facets: ['lang', 'year', 'source'],
        format: NO_FORMAT,
        queryLang: 'und',
        rewrittenQ: '',
      });
    });
  });

  describe('when instant-meilisearch uses finite pagination', () => {
    it('keeps page mode (page is 1-based in Meilisearch, InstantSearch page 1 is page 2)', () => {
      const [main] = adaptBody(lastBody(recorded('finite-pagination-page-2')));
      assert.deepEqual(view(main!), {
        q: 'imamoglu',
        query: { indexUid: 'documents', q: 'imamoglu ', page: 2, hitsPerPage: 2, attributesToRetrieve: ['id', 'lang', 'title'] },
        pagination: { kind: 'page', page: 2, hitsPerPage: 2 },
        facets: [],
        format: { ...NO_FORMAT, ...AIS, retrieve: ['id'], highlight: ['title'] },
        queryLang: 'tr',
        rewrittenQ: 'imamoglu ',
      });
    });
  });

  describe('when the index name carries a sort (sortBy widget) and source is refined by label', () => {
    it('passes the sort on and filters on the facet key of the label', () => {
      const [main] = adaptBody(lastBody(recorded('sort-date-asc-lang-en-source')));
      assert.deepEqual(view(main!), {
        q: '',
        query: {
          indexUid: 'documents',
          q: '',
          filter: 'lang = "en" AND source_key = "city-desk"',
          sort: ['date_ts:asc'],
          facets: ['lang', 'source_key', 'source'],
          offset: 0,
          limit: 4,
          attributesToRetrieve: ['id', 'lang', 'date', 'source'],
        },
        pagination: { kind: 'offset', offset: 0, limit: 4 },
        facets: ['lang', 'source'],
        format: { ...NO_FORMAT, ...AIS, retrieve: ['id', 'date', 'source'], highlight: [] },
        queryLang: 'en',
        rewrittenQ: '',
      });
    });
  });

  describe('what hits ask Meilisearch for (issue 10: a 9.5 MB body was fetched whole to format 2,000 characters of it)', () => {
    const adapt = (p: object) => adaptSearchRequest(meiliSearchBody.parse(p), 'documents').query.attributesToRetrieve;
    it('asks for the body head, never the body, when the body is formatted but not returned', () => {
      assert.deepEqual(adapt({ q: 'x', attributesToRetrieve: ['id', 'title'], attributesToHighlight: ['*'] }), [...ALL.filter((f) => f !== 'body'), 'body_head']);
      assert.deepEqual(adapt({ q: 'x', attributesToRetrieve: ['id'], attributesToCrop: ['body:10'] }), ['id', 'lang', 'body_head']);
      assert.deepEqual(adapt({ q: 'x', attributesToRetrieve: ['id'], showMatchesPosition: true }), ['id', 'lang', 'title', 'source', 'category', 'body_head']);
    });
    it('asks for the body only when it is returned, and for nothing else not needed', () => {
      assert.deepEqual(adapt({ q: 'x', attributesToRetrieve: ['id', 'body'], attributesToHighlight: ['body'] }), ['id', 'lang', 'body']);
      assert.deepEqual(adapt({ q: 'x', attributesToRetrieve: ['id'] }), ['id', 'lang']);
      assert.deepEqual(adapt({ q: 'x' }), ALL);
    });
  });

  describe('when instant-meilisearch passes meiliSearchParams (showMatchesPosition) and the snippet settings', () => {
    it('asks for positions and crops, with InstantSearch placeholders', () => {
      const [main] = adaptBody(lastBody(recorded('matches-position-lang-tr')));
      assert.deepEqual(main!.format, { ...NO_FORMAT, ...AIS, retrieve: ['id'], highlight: ['title'], showMatchesPosition: true });
      const [xss] = adaptBody(lastBody(recorded('xss-document-query-onerror')));
      assert.deepEqual(xss!.format, { ...NO_FORMAT, ...AIS, highlight: ALL, crop: { body: 12 } });
    });
  });

  describe('when the meilisearch client sends parameters by hand', () => {
    const adapt = (body: unknown) => adaptSearchRequest(meiliSearchBody.parse(body), 'documents');

    it('uses Meilisearch defaults: offset 0, limit 20, <em> tags, crop length 10', () => {
      const a = adapt({ q: 'seçim', attributesToCrop: ['body'], attributesToHighlight: ['*'] });
      assert.deepEqual(a.pagination, { kind: 'offset', offset: 0, limit: 20 });
      assert.deepEqual(a.format, { ...NO_FORMAT, highlight: ALL, crop: { body: 10 } });
      assert.equal(a.query.sort, undefined, 'relevance order with a query');
    });

    it('implies the partner of a single tag, and reads cropLength, cropMarker, `*:n` crops', () => {
      const a = adapt({ highlightPostTag: '</mark>', attributesToCrop: ['*:4', 'body:12'], cropLength: 7, cropMarker: '[…]' });
      assert.equal(a.format.preTag, '<mark>');
      assert.equal(a.format.postTag, '</mark>');
      assert.equal(a.format.cropMarker, '[…]');
      assert.deepEqual(a.format.crop, Object.fromEntries(ALL.map((f) => [f, f === 'body' ? 12 : 4])));
    });

    it('reads the query language from one locale before the filter', () => {
      assert.equal(adapt({ q: 'imamoglu', locales: ['eng'], filter: 'lang = tr' }).rewrite.lang, 'en');
      assert.notEqual(adapt({ q: 'imamoglu', locales: ['tur', 'eng'] }).rewrite.langSource, 'param', 'two locales: detected');
      assert.equal(adapt({ q: 'imamoglu', filter: [['lang = tr']] }).rewrite.lang, 'tr');
    });

    it('switches to page mode on page or hitsPerPage, as Meilisearch does', () => {
      assert.deepEqual(adapt({ page: 3 }).pagination, { kind: 'page', page: 3, hitsPerPage: 20 });
      assert.deepEqual(adapt({ hitsPerPage: 5, offset: 10 }).pagination, { kind: 'page', page: 1, hitsPerPage: 5 });
      assert.deepEqual(adapt({ offset: 10, limit: 5 }).query, {
        indexUid: 'documents',
        q: '',
        sort: ['date_ts:desc'],
        offset: 10,
        limit: 5,
        attributesToRetrieve: ALL,
      });
    });

    it('passes showRankingScore and rankingScoreThreshold on, expands facets *', () => {
      const a = adapt({ q: 'x', showRankingScore: true, rankingScoreThreshold: 0.5, facets: ['*'] });
      assert.equal(a.query.showRankingScore, true);
      assert.equal(a.query.rankingScoreThreshold, 0.5);
      assert.deepEqual(a.facets, ['lang', 'year', 'month', 'source', 'category']);
    });
  });
});
