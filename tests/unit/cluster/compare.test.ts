// test:cluster's comparison of a cluster's hits with one node's: order may differ only among
// equal keys (ranking score, and date when sorted), and a tie group cut by the depth may differ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canon, compareKeys, mergeRanked, rankedDifference, rescoredDifference, type Ranked } from '../../cluster/compare.ts';

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

describe('compareKeys and mergeRanked', () => {
  it('rank by score, and for date sorts newest first, undated last, then score', () => {
    assert.ok(compareKeys('0.900000000000', '0.800000000000') < 0);
    assert.ok(compareKeys('1700000000|0.100000000000', '1600000000|0.900000000000') < 0);
    assert.ok(compareKeys('none|0.900000000000', '-86400|0.100000000000') > 0);
    assert.ok(compareKeys('1700000000|0.800000000000', '1700000000|0.900000000000') > 0);
    assert.equal(compareKeys('0.5', '0.5'), 0);
    assert.deepEqual(mergeRanked([list('a:0.9 c:0.5'), list('b:0.7 d:0.1')]).map((h) => h.id), ['a', 'b', 'c', 'd']);
  });
});

describe('rescoredDifference', () => {
  // The single node ranks c at 0.6; its own node (the second) ranks it at 0.2.
  const want = list('a:0.9 c:0.6 b:0.5 d:0.1');
  const nodes = [list('a:0.9 b:0.5'), list('c:0.2 d:0.1')];

  it('accepts the single node\'s set ordered as the nodes score it, and names the re-scored hit', () => {
    const got = list('a:0.9 b:0.5 c:0.2 d:0.1');
    assert.match(rankedDifference(got, want, false)!, /rank 2/);
    assert.deepEqual(rescoredDifference(got, want, nodes), { rescored: [{ id: 'c', key: '0.2' }] });
  });

  it('refuses another set, a duplicate, or an order that is not the nodes\' merge', () => {
    assert.match((rescoredDifference(list('a:0.9 b:0.5 x:0.2 d:0.1'), want, [list('a:0.9 b:0.5'), list('x:0.2 d:0.1')]) as { why: string }).why, /hit sets differ/);
    assert.match((rescoredDifference(list('a:0.9 b:0.5 b:0.5 d:0.1'), want, nodes) as { why: string }).why, /twice/);
    // The merge put wrongly: c before b although its node scored it lower.
    assert.match((rescoredDifference(list('a:0.9 c:0.2 b:0.5 d:0.1'), want, nodes) as { why: string }).why, /merge of the nodes/);
    // A score the cluster shows that no node gave.
    assert.match((rescoredDifference(list('a:0.9 b:0.5 c:0.3 d:0.1'), want, nodes) as { why: string }).why, /merge of the nodes/);
  });
});

describe('canon', () => {
  it('ignores key order, not counts', () => {
    assert.equal(canon({ lang: { tr: 2, en: 1 } }), canon({ lang: { en: 1, tr: 2 } }));
    assert.notEqual(canon({ lang: { tr: 2, en: 1 } }), canon({ lang: { en: 1, tr: 3 } }));
  });
});
