// The federated adapters on payloads recorded from three Meilisearch 1.21 nodes and one node
// holding the same 80 corpus documents (tests/fixtures/cluster/record.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MultiSearchQuery } from 'meilisearch';
import recorded from '../../fixtures/cluster/payloads.json' with { type: 'json' };
import { adaptNetworkResponse, networkRequest, type NodeResult } from '../../../src/cluster/federated.ts';
import { clusterNode } from '../../../src/cluster/topology.ts';

const queries = recorded.queries as MultiSearchQuery[];
const single = recorded.single as unknown as NodeResult[];
const ids = (r: NodeResult) => r.hits.map((h) => h.id);
const holder = (id: unknown) => Object.entries(recorded.placement).find(([, list]) => list.includes(String(id)))![0];
const nodes = ['ms-0', 'ms-1', 'ms-2'].map((n, i) => clusterNode(n, `http://127.0.0.1:${7700 + i}`, `key-${i}`));

describe('federated search adapters', () => {
  it('builds Meilisearch\'s network federation request: one query per node, pagination and facets in federation', () => {
    const body = networkRequest({ indexUid: 'documents', q: 'milyon', page: 2, hitsPerPage: 5, facets: ['lang'], attributesToRetrieve: ['id'] }, nodes);
    assert.deepEqual(body.federation, { offset: 5, limit: 5, facetsByIndex: { documents: ['lang'] }, mergeFacets: { maxValuesPerFacet: 200 } });
    assert.deepEqual(body.queries.map((q) => q.federationOptions), [{ remote: 'ms-0' }, { remote: 'ms-1' }, { remote: 'ms-2' }]);
    assert.ok(body.queries.every((q) => !('page' in q) && !('facets' in q) && q.q === 'milyon'));
    assert.ok(!JSON.stringify(body).includes('key-'), 'node keys never go into a request body');
    assert.deepEqual(recorded.networkRequest.federation, { offset: 0, limit: 5, facetsByIndex: { documents: ['lang', 'year'] }, mergeFacets: { maxValuesPerFacet: 200 } });
  });

  it('caps the total at maxTotalHits, as one node does (the federation adds the nodes\' capped counts up)', () => {
    const answer = { hits: [], estimatedTotalHits: 15503, limit: 10, offset: 0 };
    const paged = adaptNetworkResponse({ indexUid: 'documents', q: 'haber', page: 1, hitsPerPage: 10 }, answer);
    assert.equal(paged.totalHits, 10000);
    assert.equal(paged.totalPages, 1000);
    assert.equal(adaptNetworkResponse({ indexUid: 'documents', q: 'haber', limit: 10 }, answer).estimatedTotalHits, 10000);
    assert.equal(adaptNetworkResponse({ indexUid: 'documents', q: 'haber', limit: 10 }, { ...answer, estimatedTotalHits: 9999 }).estimatedTotalHits, 9999);
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
    // Why the gateway probes and re-asks (src/cluster/cluster.ts): a hung remote held Meilisearch's answer ~5 s.
    assert.ok(recorded.networkHungHeldMs >= 4000, `held ${recorded.networkHungHeldMs} ms`);
  });
});
