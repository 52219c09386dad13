// test:cluster's comparison of a cluster's hits with one node's: order may differ only among
// equal keys (ranking score, and date when sorted), and a tie group cut by the depth may differ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canon, rankedDifference, type Ranked } from '../../cluster/compare.ts';

const list = (s: string): Ranked[] => s.split(' ').map((x) => {
  const [id, key] = x.split(':');
  return { id: id!, key: key! };
});

describe('rankedDifference', () => {
  it('accepts the same list, and a reordering among equal keys', () => {
    assert.equal(rankedDifference(list('a:9 b:8 c:8 d:7'), list('a:9 b:8 c:8 d:7'), false), undefined);
    assert.equal(rankedDifference(list('a:9 c:8 b:8 d:7'), list('a:9 b:8 c:8 d:7'), false), undefined);
  });

  it('refuses a reordering across different keys, another member, a duplicate, a missing hit', () => {
    assert.match(rankedDifference(list('b:8 a:9 c:8 d:7'), list('a:9 b:8 c:8 d:7'), false)!, /rank 1/);
    assert.match(rankedDifference(list('a:9 b:8 x:8 d:7'), list('a:9 b:8 c:8 d:7'), false)!, /ranks 2-3/);
    assert.match(rankedDifference(list('a:9 b:8 b:8 d:7'), list('a:9 b:8 c:8 d:7'), false)!, /twice/);
    assert.match(rankedDifference(list('a:9 b:8 c:8'), list('a:9 b:8 c:8 d:7'), false)!, /3 hits vs 4/);
  });

  it('lets the last tie group differ only when the list was cut inside it', () => {
    assert.equal(rankedDifference(list('a:9 b:8 x:8'), list('a:9 b:8 c:8'), true), undefined);
    assert.match(rankedDifference(list('a:9 b:8 x:8'), list('a:9 b:8 c:8'), false)!, /ranks 2-3/);
    // Cut, but a group before the last still has to match.
    assert.match(rankedDifference(list('x:9 b:8 c:8'), list('a:9 b:8 c:8'), true)!, /ranks 1-1/);
  });
});

describe('canon', () => {
  it('ignores key order, not counts', () => {
    assert.equal(canon({ lang: { tr: 2, en: 1 } }), canon({ lang: { en: 1, tr: 2 } }));
    assert.notEqual(canon({ lang: { tr: 2, en: 1 } }), canon({ lang: { en: 1, tr: 3 } }));
  });
});
