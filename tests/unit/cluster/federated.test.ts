// The federated adapters on payloads recorded from three Meilisearch 1.21 nodes and one node
// holding the same 80 corpus documents (tests/fixtures/cluster/record.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MultiSearchQuery } from 'meilisearch';
import recorded from '../../fixtures/cluster/payloads.json' with { type: 'json' };
import { adaptNetworkResponse, compareHits, mergeAnswers, mergeQuery, networkRequest, nodeQuery, type NodeAnswer, type NodeResult } from '../../../src/cluster/federated.ts';
import { MeiliUnavailableError } from '../../../src/meili/errors.ts';
import { clusterNode } from '../../../src/cluster/topology.ts';

const queries = recorded.queries as MultiSearchQuery[];
const perNode = recorded.perNode as unknown as NodeAnswer[];
const single = recorded.single as unknown as NodeResult[];
const ids = (r: NodeResult) => r.hits.map((h) => h.id);
const holder = (id: unknown) => Object.entries(recorded.placement).find(([, list]) => list.includes(String(id)))![0];
// Each hit's score as its node gave it, to tell apart hits one index ranks as equals.
const scoreOf = new Map(perNode.flatMap((a) => ('results' in a ? a.results.flatMap((r) => r.hits.map((h) => [String(h.id), h._rankingScore] as const)) : [])));
/** Same order up to equals; at the window's end, which of several equals make the cut may differ. */
function assertSameHits(got: NodeResult, want: NodeResult, sorted: boolean, label: string) {
  const key = (h: Record<string, unknown>) => `${sorted ? `${h.date_ts}|` : ''}${scoreOf.get(String(h.id))}`;
  assert.deepEqual(got.hits.map(key), want.hits.map(key), `${label}: order`);
  const last = key(want.hits.at(-1)!);
  const decided = (r: NodeResult) => new Set(r.hits.filter((h) => key(h) !== last).map((h) => h.id));
  assert.deepEqual(decided(got), decided(want), `${label}: hits`);
}
const nodes = ['ms-0', 'ms-1', 'ms-2'].map((n, i) => clusterNode(n, `http://127.0.0.1:${7700 + i}`, `key-${i}`));

describe('federated search adapters', () => {
  it('asks each node for every hit up to the end of the window, with scores', () => {
    assert.deepEqual(nodeQuery({ indexUid: 'd', q: 'x', page: 3, hitsPerPage: 10 }), { indexUid: 'd', q: 'x', page: 1, hitsPerPage: 30, showRankingScore: true });
    assert.deepEqual(nodeQuery({ indexUid: 'd', q: 'x', offset: 5, limit: 4, sort: ['date_ts:desc'] }), {
      indexUid: 'd', q: 'x', offset: 0, limit: 9, sort: ['date_ts:desc'], showRankingScore: true, showRankingScoreDetails: true,
    });
    assert.deepEqual(nodeQuery({ indexUid: 'd', q: 'x', limit: 0 }), { indexUid: 'd', q: 'x', offset: 0, limit: 0, showRankingScore: true });
    assert.deepEqual(nodeQuery({ indexUid: 'd', q: 'x' }), { indexUid: 'd', q: 'x', offset: 0, limit: 20, showRankingScore: true });
  });

  it('merges the recorded node answers into what one node answered', () => {
    const merged = mergeAnswers(queries, perNode);
    assert.equal(merged.partial, false);
    assert.deepEqual(merged.missingNodes, []);
    queries.forEach((q, i) => {
      const got = merged.results[i]!;
      const want = single[i]!;
      assertSameHits(got, want, !!q.sort, `query ${i}`);
      for (const k of ['totalHits', 'totalPages', 'page', 'hitsPerPage', 'estimatedTotalHits', 'limit', 'offset'] as const) assert.equal(got[k], want[k], `query ${i}: ${k}`);
      assert.deepEqual(got.facetDistribution, want.facetDistribution, `query ${i}: facets`);
      assert.deepEqual(got.facetStats, want.facetStats, `query ${i}: facet stats`);
      // Scores the caller did not ask for are not passed on.
      assert.ok(got.hits.every((h) => !('_rankingScore' in h) && !('_rankingScoreDetails' in h)));
    });
  });

  it('marks a partial answer and keeps the other nodes\' hits', () => {
    const answers: NodeAnswer[] = perNode.map((a) => (a.node === 'ms-1' ? { node: 'ms-1', error: 'Meilisearch did not answer in time' } : a));
    const merged = mergeAnswers(queries, answers);
    assert.equal(merged.partial, true);
    assert.deepEqual(merged.missingNodes, ['ms-1']);
    for (const r of merged.results) {
      assert.equal(r.partial, true);
      assert.deepEqual(r.missingNodes, ['ms-1']);
      assert.ok(r.hits.every((h) => holder(h.id) !== 'ms-1'));
    }
    const ms1 = (perNode.find((a) => a.node === 'ms-1') as { results: NodeResult[] }).results[0]!;
    assert.equal(merged.results[0]!.totalHits, single[0]!.totalHits! - ms1.totalHits!);
    assert.throws(() => mergeAnswers(queries, perNode.map((a) => ({ node: a.node, error: 'down' }))), MeiliUnavailableError);
  });

  it('orders a date sort by the rules\' details, not by _rankingScore alone', () => {
    const hit = (score: number, words: number, date: number | null) => ({
      _rankingScore: score,
      _rankingScoreDetails: { words: { order: 0, score: words }, 'date_ts:desc': { order: 1, value: date }, proximity: { order: 2, score } },
    });
    // Same words: the later date wins, whatever the overall score.
    assert.ok(compareHits(hit(0.5, 1, 200), hit(0.9, 1, 100)) < 0);
    // More words matched beats a later date (words comes before sort in the ranking rules).
    assert.ok(compareHits(hit(0.5, 0.5, 300), hit(0.9, 1, 100)) > 0);
    // No date goes last.
    assert.ok(compareHits(hit(0.9, 1, null), hit(0.1, 1, 1)) > 0);
    assert.equal(compareHits(hit(0.5, 1, 5), hit(0.5, 1, 5)), 0);
    assert.ok(compareHits({ _rankingScore: 0.9 }, { _rankingScore: 0.8 }) < 0);
  });

  it('sums facet counts and keeps the most frequent values first', () => {
    const q: MultiSearchQuery = { indexUid: 'd', q: '', limit: 0, facets: ['source'] };
    const merged = mergeQuery(q, [
      { hits: [], estimatedTotalHits: 3, facetDistribution: { source: { a: 2, b: 1 } }, facetStats: { year: { min: 2001, max: 2010 } } },
      { hits: [], estimatedTotalHits: 4, facetDistribution: { source: { b: 3, c: 1 } }, facetStats: { year: { min: 1999, max: 2005 } } },
    ]);
    assert.equal(merged.estimatedTotalHits, 7);
    assert.deepEqual(Object.entries(merged.facetDistribution!.source!), [['b', 4], ['a', 2], ['c', 1]]);
    assert.deepEqual(merged.facetStats, { year: { min: 1999, max: 2010 } });
  });

  it('builds Meilisearch\'s network federation request: one query per node, pagination and facets in federation', () => {
    const body = networkRequest({ indexUid: 'documents', q: 'milyon', page: 2, hitsPerPage: 5, facets: ['lang'], attributesToRetrieve: ['id'] }, nodes);
    assert.deepEqual(body.federation, { offset: 5, limit: 5, facetsByIndex: { documents: ['lang'] }, mergeFacets: { maxValuesPerFacet: 200 } });
    assert.deepEqual(body.queries.map((q) => q.federationOptions), [{ remote: 'ms-0' }, { remote: 'ms-1' }, { remote: 'ms-2' }]);
    assert.ok(body.queries.every((q) => !('page' in q) && !('facets' in q) && q.q === 'milyon'));
    assert.ok(!JSON.stringify(body).includes('key-'), 'node keys never go into a request body');
    assert.deepEqual(recorded.networkRequest.federation, { offset: 0, limit: 5, facetsByIndex: { documents: ['lang', 'year'] }, mergeFacets: { maxValuesPerFacet: 200 } });
  });

  it('adapts the recorded network answers: all up, one down, one hung', () => {
    const q = queries[0]!;
    const up = adaptNetworkResponse(q, recorded.networkUp as never);
    assert.deepEqual(ids(up), ids(single[0]!));
    assert.equal(up.totalHits, single[0]!.totalHits);
    assert.equal(up.partial, undefined);
    assert.ok(up.hits.every((h) => !('_federation' in h)));
    assert.deepEqual(up.facetDistribution, single[0]!.facetDistribution);
    const down = adaptNetworkResponse(q, recorded.networkDown as never);
    assert.equal(down.partial, true);
    assert.deepEqual(down.missingNodes, ['ms-1']);
    assert.ok(down.hits.every((h) => holder(h.id) !== 'ms-1'));
    const hung = adaptNetworkResponse(q, recorded.networkHung as never);
    assert.deepEqual(hung.missingNodes, ['ms-2']);
    // What the fan-out avoids: the recorded hung remote held Meilisearch's answer ~5 s.
    assert.ok(recorded.networkHungHeldMs >= 4000, `held ${recorded.networkHungHeldMs} ms`);
  });
});
