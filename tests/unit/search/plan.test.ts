import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Meilisearch } from 'meilisearch';
import { planQueries } from '../../../src/search/service.ts';

const ctx = { client: {} as Meilisearch, indexUid: 'docs' };
const base = { q: 'studies', sort: 'relevance' as const, page: 1, perPage: 10 };

describe('planQueries', () => {
  it('sends one query without filters, facets lang and year by default', () => {
    const { queries, disjunctive } = planQueries(ctx, base, 'study');
    assert.equal(queries.length, 1);
    assert.deepEqual(queries[0]!.facets, ['lang', 'year']);
    assert.deepEqual(disjunctive, []);
  });

  it('adds a count-only query per filtered facet group, without that group’s filter', () => {
    const { queries, disjunctive } = planQueries(ctx, { ...base, lang: ['tr'], from: '2024', source: ['x'], facets: ['lang', 'year', 'month', 'source'] }, 'studi', 'study');
    assert.deepEqual(disjunctive, [['lang'], ['year', 'month'], ['source']]);
    const [main, lang, date, source] = queries;
    assert.deepEqual(main!.filter, [['lang = "tr"'], ['source_key = "x"'], 'date_end_ts >= 1704067200']);
    assert.deepEqual(lang!.filter, [['source_key = "x"'], 'date_end_ts >= 1704067200']);
    assert.deepEqual(date!.filter, [['lang = "tr"'], ['source_key = "x"']]);
    assert.deepEqual(source!.filter, [['lang = "tr"'], 'date_end_ts >= 1704067200']);
    for (const q of [lang, date, source]) assert.equal(q!.limit, 0);
    // The other languages' counts read the query without the language hint.
    assert.equal(main!.q, 'studi');
    assert.equal(lang!.q, 'study');
    assert.equal(date!.q, 'studi');
  });

  it('retrieves the body head, never the body, for the hits (issue 10: a 9.5 MB body was fetched whole for a snippet)', () => {
    const fields = planQueries(ctx, base, 'study').queries[0]!.attributesToRetrieve!;
    assert.ok(fields.includes('body_head'));
    assert.ok(!fields.includes('body') && !fields.includes('*'), JSON.stringify(fields));
  });

  it('lists newest first when there is no query', () => {
    assert.deepEqual(planQueries(ctx, { ...base, q: '' }, '').queries[0]!.sort, ['date_ts:desc']);
    assert.equal(planQueries(ctx, base, 'study').queries[0]!.sort, undefined);
  });
});
