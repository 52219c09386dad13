import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Batcher } from '../../../indexer/stages/batch.ts';

/** Adds every item and returns the batches that came out, then what take() leaves. */
function run(b: Batcher<string>, items: string[]): string[][] {
  const out: string[][] = [];
  for (const i of items) {
    const full = b.add(i);
    if (full) out.push(full);
  }
  out.push(b.take());
  return out;
}

describe('Batcher', () => {
  it('caps batches by count', () => {
    assert.deepEqual(run(new Batcher<string>(2, 1000, (s) => s.length), ['a', 'b', 'c', 'd', 'e']), [['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('caps batches by bytes, starting a new batch with the item that does not fit', () => {
    const b = new Batcher<string>(100, 10, (s) => s.length);
    assert.deepEqual(run(b, ['xxxx', 'yyyy', 'zzzz', 'w']), [['xxxx', 'yyyy'], ['zzzz', 'w']]);
  });

  it('lets one item larger than the byte cap form a batch of its own', () => {
    const b = new Batcher<string>(100, 10, (s) => s.length);
    assert.deepEqual(run(b, ['a', 'x'.repeat(50), 'b']), [['a'], ['x'.repeat(50)], ['b']]);
  });

  it('take() empties the batch and resets the byte count', () => {
    const b = new Batcher<string>(100, 10, (s) => s.length);
    b.add('xxxxxxxx');
    assert.deepEqual(b.take(), ['xxxxxxxx']);
    assert.deepEqual(b.take(), []);
    assert.equal(b.add('yyyyyyyy'), undefined, 'byte count was reset');
  });
});
