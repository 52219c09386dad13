import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNearWord } from '../../../src/analysis/filters/near.ts';

describe('isNearWord (one edit from a known word)', () => {
  const known = new Set(['acquire', 'lawmaker', 'study', 'launch']);
  const isWord = (w: string) => known.has(w);

  it('finds a word one insertion, deletion, substitution or adjacent swap away', () => {
    assert.ok(isNearWord('acquir', isWord)); // insertion of e
    assert.ok(isNearWord('launcht', isWord)); // deletion of t
    assert.ok(isNearWord('sltudy', isWord)); // deletion of l
    assert.ok(isNearWord('stady', isWord)); // substitution
    assert.ok(isNearWord('lwamaker', isWord)); // adjacent swap
  });

  it('not two edits away, not the word itself, not too short or too long to judge', () => {
    assert.ok(!isNearWord('acqir', isWord)); // two insertions from acquire
    assert.ok(!isNearWord('drugmaker', isWord));
    assert.ok(!isNearWord('study', (w) => w === 'study')); // only its variants are looked up
    assert.ok(!isNearWord('ab', () => true));
    assert.ok(!isNearWord('a'.repeat(40), () => true));
  });

  it('remembers each answer for its own dictionary only', () => {
    assert.ok(isNearWord('stady', isWord));
    assert.ok(!isNearWord('stady', () => false));
  });

  it('asks the dictionary a bounded number of times', () => {
    let calls = 0;
    isNearWord('qwertyuiopas', () => (calls++, false));
    assert.ok(calls > 0 && calls <= 60 * 13, `${calls} lookups`);
  });
});
