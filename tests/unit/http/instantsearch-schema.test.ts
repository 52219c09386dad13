import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Meilisearch } from 'meilisearch';
import { HttpError } from '../../../src/http/errors.ts';
import { isMeiliPath, meiliErrorFields } from '../../../src/http/meili-errors.ts';
import { openApiDocument } from '../../../src/http/openapi.ts';
import { validationError } from '../../../src/http/route.ts';
import { instantSearchRoutes } from '../../../src/http/routes/instantsearch.ts';
import { requests } from '../../../src/http/requests.ts';

const { meiliMultiSearchBody, meiliSearchBody } = requests;

/** The 400 the route would answer: gateway param, and Meilisearch's code. */
function rejection(schema: typeof meiliSearchBody | typeof meiliMultiSearchBody, body: unknown) {
  const parsed = schema.safeParse(body);
  assert.equal(parsed.success, false, `accepted ${JSON.stringify(body)}`);
  const err = validationError(parsed.error!, 'body');
  return { param: err.param, code: meiliErrorFields(err).code, message: err.message };
}

describe('meiliSearchBody', () => {
  it('accepts what instant-meilisearch sends', () => {
    const ok = meiliSearchBody.parse({
      q: 'imamoglu',
      facets: ['lang', 'year'],
      attributesToCrop: ['body:8'],
      cropMarker: '…',
      filter: ['"year">=2020', ['"lang"="tr"']],
      attributesToRetrieve: ['id', 'title'],
      attributesToHighlight: ['*'],
      highlightPreTag: '__ais-highlight__',
      highlightPostTag: '__/ais-highlight__',
      limit: 21,
      offset: 20,
      sort: ['date_ts:desc'],
      showMatchesPosition: true,
      matchingStrategy: 'last',
    });
    assert.deepEqual(ok.filter, { expression: 'year >= 2020 AND lang = "tr"', language: 'tr' });
    assert.equal(ok.highlightPostTag, '__/ais-highlight__');
  });

  it('cleans the query like GET /search (control characters, lone surrogates)', () => {
    assert.equal(meiliSearchBody.parse({ q: 'se\u0000çim \ud800' }).q, 'se çim \ufffd');
  });

  it('accepts q: null and an empty body (placeholder search)', () => {
    assert.equal(meiliSearchBody.parse({ q: null }).q, null);
    assert.deepEqual(meiliSearchBody.parse({}).filter, {});
  });

  const rows: [unknown, string, string][] = [
    [{ highlightPreTag: '<b>' }, 'body.highlightPreTag', 'invalid_search_highlight_pre_tag'],
    [{ highlightPreTag: '<img src=x onerror=alert(1)>' }, 'body.highlightPreTag', 'invalid_search_highlight_pre_tag'],
    [{ highlightPreTag: '<mark>', highlightPostTag: '</em>' }, 'body.highlightPostTag', 'invalid_search_highlight_post_tag'],
    [{ cropMarker: '__ais-highlight__' }, 'body.cropMarker', 'invalid_search_crop_marker'],
    [{ filter: 'lang = "tr" OR lang = "en" OR' }, 'body.filter', 'invalid_search_filter'],
    [{ filter: 'title = x' }, 'body.filter', 'invalid_search_filter'],
    [{ filter: 42 }, 'body.filter', 'invalid_search_filter'],
    [{ limit: -1 }, 'body.limit', 'invalid_search_limit'],
    [{ limit: 251 }, 'body.limit', 'invalid_search_limit'],
    [{ offset: 1.5 }, 'body.offset', 'invalid_search_offset'],
    [{ page: 0 }, 'body.page', 'invalid_search_page'],
    [{ hitsPerPage: '20' }, 'body.hitsPerPage', 'invalid_search_hits_per_page'],
    [{ q: 'x'.repeat(513) }, 'body.q', 'invalid_search_q'],
    [{ q: 'kelime '.repeat(33) }, 'body.q', 'invalid_search_q'],
    [{ sort: ['title:asc'] }, 'body.sort.0', 'invalid_search_sort'],
    [{ facets: ['body'] }, 'body.facets.0', 'invalid_search_facets'],
    [{ attributesToRetrieve: ['title_stem'] }, 'body.attributesToRetrieve.0', 'invalid_search_attributes_to_retrieve'],
    [{ attributesToRetrieve: ['pk'] }, 'body.attributesToRetrieve.0', 'invalid_search_attributes_to_retrieve'],
    [{ attributesToCrop: ['body:x'] }, 'body.attributesToCrop.0', 'invalid_search_attributes_to_crop'],
    [{ attributesToCrop: ['title', 'body:0'] }, 'body.attributesToCrop.1', 'invalid_search_attributes_to_crop'],
    [{ attributesToCrop: ['body:201'] }, 'body.attributesToCrop.0', 'invalid_search_attributes_to_crop'],
    [{ cropLength: 0 }, 'body.cropLength', 'invalid_search_crop_length'],
    [{ matchingStrategy: 'none' }, 'body.matchingStrategy', 'invalid_search_matching_strategy'],
    [{ distinct: 'title' }, 'body.distinct', 'invalid_search_distinct'],
    [{ locales: ['deu'] }, 'body.locales.0', 'invalid_search_locales'],
    [{ attributesToSearchOn: ['title'] }, 'body.attributesToSearchOn', 'invalid_search_attributes_to_search_on'],
    [{ vector: [0.1] }, 'body.vector', 'invalid_search_vector'],
    [{ hybrid: { embedder: 'x' } }, 'body.hybrid', 'invalid_search_hybrid'],
    [{ foo: 1 }, 'body.foo', 'bad_request'],
    // Names an object inherits are not parameters either.
    [{ q: 'x', constructor: 1 }, 'body.constructor', 'bad_request'],
    [{ q: 'x', toString: 'y' }, 'body.toString', 'bad_request'],
    [[], 'body', 'bad_request'],
    [{ limit: 101 }, 'body.limit', 'invalid_search_limit'],
    [{ limit: 50, attributesToHighlight: ['*'], attributesToCrop: ['body'] }, 'body.attributesToHighlight', 'invalid_search_attributes_to_highlight'],
  ];
  for (const [body, param, code] of rows) {
    it(`rejects ${JSON.stringify(body).slice(0, 50)} naming ${param} (${code})`, () => {
      const r = rejection(meiliSearchBody, body);
      assert.equal(r.param, param);
      assert.equal(r.code, code);
    });
  }
});

describe('meiliMultiSearchBody', () => {
  const rows: [unknown, string, string][] = [
    [{}, 'body.queries', 'bad_request'],
    [{ queries: [] }, 'body.queries', 'bad_request'],
    [{ queries: [{ q: 'x' }] }, 'body.queries.0.indexUid', 'invalid_index_uid'],
    [{ queries: [{ indexUid: 'a b' }] }, 'body.queries.0.indexUid', 'invalid_index_uid'],
    [{ queries: [{ indexUid: 'documents' }, { indexUid: 'documents', filter: 'lang = xx' }] }, 'body.queries.1.filter', 'invalid_search_filter'],
    [{ queries: [{ indexUid: 'documents', federationOptions: { weight: 1 } }] }, 'body.queries.0.federationOptions', 'bad_request'],
    // Cost limits (src/search/limits.ts, issue 10): queries, hits per query and per request, formatted fields.
    [{ queries: Array.from({ length: 11 }, () => ({ indexUid: 'documents', limit: 1 })) }, 'body.queries', 'bad_request'],
    [{ queries: [{ indexUid: 'd', limit: 101 }] }, 'body.queries.0.limit', 'invalid_search_limit'],
    [{ queries: [{ indexUid: 'd', limit: 100 }, { indexUid: 'd', hitsPerPage: 100 }, { indexUid: 'd' }] }, 'body.queries', 'bad_request'],
    [{ queries: [{ indexUid: 'd', limit: 25, attributesToHighlight: ['*'], showMatchesPosition: true }, { indexUid: 'd', limit: 25, attributesToCrop: ['*:200'] }] }, 'body.queries', 'bad_request'],
    [{ queries: [{ indexUid: 'documents', limit: 5 }], federation: {} }, 'body.queries.0.limit', 'invalid_search_limit'],
    [{ queries: [{ indexUid: 'documents', facets: ['lang'] }], federation: { limit: 5 } }, 'body.queries.0.facets', 'invalid_search_facets'],
    [{ queries: [{ indexUid: 'documents' }], federation: { limit: -1 } }, 'body.federation.limit', 'invalid_search_limit'],
    [{ queries: [{ indexUid: 'documents' }], federation: { mergeFacets: {} } }, 'body.federation.mergeFacets', 'bad_request'],
  ];
  for (const [body, param, code] of rows) {
    it(`rejects ${JSON.stringify(body).slice(0, 60)} naming ${param} (${code})`, () => {
      const r = rejection(meiliMultiSearchBody, body);
      assert.equal(r.param, param);
      assert.equal(r.code, code);
    });
  }
});

describe('OpenAPI', () => {
  it('documents every route from their schemas', () => {
    const routes = instantSearchRoutes({ client: new Meilisearch({ host: 'http://127.0.0.1:1' }), indexUid: 'documents' });
    const doc = openApiDocument(routes, { title: 't', version: '1' }) as { paths: Record<string, Record<string, { tags: string[]; requestBody?: unknown }>> };
    assert.deepEqual(Object.keys(doc.paths), [
      '/meili/multi-search',
      '/meili/indexes/{uid}/search',
      '/meili/indexes/{uid}/facet-search',
      '/meili/health',
      '/meili/version',
      '/meili/stats',
      '/meili/indexes/{uid}',
      '/meili/indexes/{uid}/stats',
      '/meili/indexes/{uid}/settings',
    ]);
    assert.deepEqual(Object.keys(doc.paths['/meili/indexes/{uid}/search']!), ['post', 'get']);
    assert.deepEqual(doc.paths['/meili/multi-search']!.post!.tags, ['instantsearch']);
    assert.ok(doc.paths['/meili/indexes/{uid}/search']!.post!.requestBody);
  });
});

describe('meiliErrorFields', () => {
  const rows: [HttpError, object][] = [
    [new HttpError(404, 'index_not_found', 'Index `x` not found.', 'uid'), { code: 'index_not_found', type: 'invalid_request' }],
    [new HttpError(404, 'not_found', 'No route for GET /meili/keys'), { code: 'not_found', type: 'invalid_request' }],
    [new HttpError(400, 'invalid_json', 'The request body is not valid JSON.', 'body'), { code: 'malformed_payload', type: 'invalid_request' }],
    [new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.', 'body'), { code: 'invalid_content_type', type: 'invalid_request' }],
    [new HttpError(401, 'unauthorized', 'Invalid API key.'), { code: 'invalid_api_key', type: 'auth' }],
    [new HttpError(503, 'search_unavailable', 'The search engine is unavailable; try again shortly.'), { code: 'search_unavailable', type: 'system' }],
    [new HttpError(502, 'search_backend_error', 'x'), { code: 'search_backend_error', type: 'internal' }],
  ];
  for (const [err, expected] of rows) {
    it(`${err.status} ${err.code}`, () => {
      assert.deepEqual(meiliErrorFields(err), { message: err.message, ...expected, link: `https://docs.meilisearch.com/errors#${(expected as { code: string }).code}` });
    });
  }

  it('applies to /meili and below only', () => {
    assert.deepEqual(['/meili', '/meili/keys', '/meilisearch', '/search', '/'].map(isMeiliPath), [true, true, false, false, false]);
  });
});
