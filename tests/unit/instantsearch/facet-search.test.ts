// The facet-search adapters (src/instantsearch/facet-search.ts): the request on the body
// instant-meilisearch really sends (recorded), the answers on constructed Meilisearch results.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { requests } from '../../../src/http/requests.ts';
import { adaptFacetSearchRequest, countedFacetHits, countQuery, keyedFacetHits, keySearchParams, labelQuery } from '../../../src/instantsearch/facet-search.ts';
import { PROJECT_ROOT } from '../../helpers/meili.ts';

const { meiliFacetSearchBody } = requests;

const recorded = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'instantsearch', 'facet-search-request.json'), 'utf8')) as { body: unknown };
const adapt = (body: unknown) => adaptFacetSearchRequest(meiliFacetSearchBody.parse(body), 'documents');

describe('adaptFacetSearchRequest', () => {
  it('reads what instant-meilisearch sends: the facet, the folded query, the analysed q and the rebuilt filter', () => {
    const a = adapt(recorded.body);
    // `secim `: the root of `seçim`, closed (a known word); no spelling of its own, as no other word folds to it.
    assert.deepEqual(a, { facet: 'source', facetQuery: 'ist', keyed: true, base: { indexUid: 'documents', q: 'secim ', filter: 'lang = "tr"' } });
    assert.deepEqual(keySearchParams(a), { facetName: 'source_key', facetQuery: 'ist', q: 'secim ', filter: 'lang = "tr"' });
  });

  it('folds the typed value like the stored keys: İSTANBUL HABER → istanbul-haber', () => {
    assert.equal(keySearchParams(adapt({ facetName: 'category', facetQuery: 'İSTANBUL HABER' })).facetQuery, 'istanbul-haber');
    assert.equal('facetQuery' in keySearchParams(adapt({ facetName: 'category', facetQuery: '!!' })), false);
  });

  it('asks for the spellings of the keys found, within the same documents', () => {
    const a = adapt(recorded.body);
    assert.deepEqual(labelQuery(a, ['istanbul-haber', 'bad" OR x']), {
      indexUid: 'documents',
      q: 'secim ',
      filter: '(lang = "tr") AND source_key IN ["istanbul-haber"]',
      facets: ['source_key', 'source'],
      limit: 0,
    });
  });

  it('with matchingStrategy all, leaves the ranking-only exact spellings out of q', () => {
    // kır asks for its root's code and its spelling (`qrkixrq kixrq`: kir folds alike), which
    // `all` would make required.
    assert.equal(adapt({ facetName: 'lang', q: 'kır' }).base.q, 'kir qrkixrq kixrq');
    const a = adapt({ facetName: 'lang', q: 'kır', matchingStrategy: 'all' });
    assert.deepEqual(countQuery(a), { indexUid: 'documents', q: 'kir', matchingStrategy: 'all', facets: ['lang'], limit: 0 });
  });

  it('refuses a facet that is not exposed', () => {
    assert.equal(meiliFacetSearchBody.safeParse({ facetName: 'title' }).success, false);
    assert.equal(meiliFacetSearchBody.safeParse({ facetName: 'source_key' }).success, false);
  });
});

describe('facet hits', () => {
  it('shows keys under the spelling most documents use, most frequent first', () => {
    const a = adapt({ facetName: 'source', facetQuery: 'i' });
    const hits = keyedFacetHits(
      a,
      [
        { value: 'izmir-postasi', count: 1 },
        { value: 'istanbul-haber', count: 3 },
      ],
      { hits: [], query: '', processingTimeMs: 0, facetDistribution: { source: { 'İstanbul Haber': 2, 'ISTANBUL HABER': 1, 'İzmir Postası': 1 } } } as never,
    );
    assert.deepEqual(hits, [
      { value: 'İstanbul Haber', count: 3 },
      { value: 'İzmir Postası', count: 1 },
    ]);
  });

  it('matches lang, year and month values by their start, case and diacritics aside', () => {
    const result = { hits: [], query: '', processingTimeMs: 0, facetDistribution: { year: { '2019': 2, '2024': 5, '2023': 1 } } } as never;
    assert.deepEqual(countedFacetHits(adapt({ facetName: 'year', facetQuery: '202' }), result), [
      { value: '2024', count: 5 },
      { value: '2023', count: 1 },
    ]);
  });
});
