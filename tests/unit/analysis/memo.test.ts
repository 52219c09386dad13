import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoByWord } from '../../../src/analysis/filters/memo.ts';

describe('memoByWord', () => {
  it('computes each word once, undefined answers included', () => {
    const calls: string[] = [];
    const f = memoByWord((w: string) => (calls.push(w), w === 'x' ? undefined : w.toUpperCase()));
    assert.deepEqual([f('a'), f('x'), f('a'), f('x')], ['A', undefined, 'A', undefined]);
    assert.deepEqual(calls, ['a', 'x']);
  });

  it('starts over past its bound, still answering right', () => {
    let n = 0;
    const f = memoByWord((w: string) => (n++, w.length), 2);
    for (const w of ['a', 'bb', 'ccc', 'dddd', 'a']) f(w);
    assert.equal(f('dddd'), 4);
    assert.ok(n >= 5, `${n} computations`);
  });
});
