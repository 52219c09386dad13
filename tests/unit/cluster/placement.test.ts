import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { primaryKeyFor } from '../../../src/documents/ids.ts';
import { partition, placeId, placeKey } from '../../../src/cluster/placement.ts';
import { corpusMissing, readCorpusHead } from '../analysis/corpus-sample.ts';

const THREE = ['ms-0', 'ms-1', 'ms-2'];
const FOUR = [...THREE, 'ms-3'];
const missing = corpusMissing('tr') || corpusMissing('en');

let cached: Promise<string[]> | undefined;
function corpusKeys(): Promise<string[]> {
  cached ??= Promise.all([readCorpusHead('tr', 100_000), readCorpusHead('en', 100_000)]).then((parts) => parts.flat().map((d) => primaryKeyFor(d.id)));
  return cached;
}

describe('placement (rendezvous hashing)', () => {
  it('is stable: the same key goes to the same node, whatever the order of the nodes', () => {
    // Pinned values: a change of the hash would silently move documents between nodes.
    const keys = ['trfin-001', 'en-42', 'h_abc', 'a', 'b', 'c'];
    const pinned = ['ms-0', 'ms-0', 'ms-1', 'ms-1', 'ms-1', 'ms-2'];
    assert.deepEqual(keys.map((k) => placeKey(k, THREE)), pinned);
    assert.deepEqual(keys.map((k) => placeKey(k, [...THREE].reverse())), pinned);
    for (let i = 0; i < 500; i++) {
      const k = `doc-${i}`;
      assert.equal(placeKey(k, THREE), placeKey(k, ['ms-2', 'ms-0', 'ms-1']));
    }
  });

  it('places an id through its primary key, as stored', () => {
    const odd = 'an id with spaces/and slashes';
    assert.equal(placeId(odd, THREE), placeKey(primaryKeyFor(odd), THREE));
    assert.equal(placeId('plain-id', THREE), placeKey('plain-id', THREE));
  });

  it('puts every document on exactly one node', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    const parts = partition(keys, (k) => k, THREE);
    assert.deepEqual([...parts.keys()], THREE);
    const all = [...parts.values()].flat();
    assert.equal(all.length, keys.length);
    assert.equal(new Set(all).size, keys.length);
    assert.throws(() => placeKey('x', []), /no nodes/);
  });

  it('balances the corpus ids within 3% of an even share', { skip: missing }, async () => {
    const keys = await corpusKeys();
    assert.ok(keys.length > 40_000, `${keys.length} corpus ids`);
    for (const nodes of [THREE, FOUR, ['a', 'b']]) {
      const parts = partition(keys, (k) => k, nodes);
      const even = keys.length / nodes.length;
      for (const [name, list] of parts) {
        const off = Math.abs(list.length - even) / even;
        assert.ok(off < 0.03, `${name} holds ${list.length} of ${keys.length} (${(off * 100).toFixed(1)}% off an even ${even.toFixed(0)})`);
      }
    }
  });

  it('moves only ~1/4 of the corpus from 3 to 4 nodes, all of it to the new node', { skip: missing }, async () => {
    const keys = await corpusKeys();
    let moved = 0;
    for (const k of keys) {
      const before = placeKey(k, THREE);
      const after = placeKey(k, FOUR);
      if (before !== after) {
        moved++;
        assert.equal(after, 'ms-3', `${k} moved from ${before} to ${after}, not to the new node`);
      }
    }
    const share = moved / keys.length;
    assert.ok(share > 0.22 && share < 0.28, `moved ${(share * 100).toFixed(1)}%`);
    // And back: removing the node moves only what it held.
    for (const k of keys.slice(0, 5000)) if (placeKey(k, FOUR) !== 'ms-3') assert.equal(placeKey(k, THREE), placeKey(k, FOUR));
  });
});
