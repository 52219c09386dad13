import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEILI_MAX_QUERY_WORDS, rewriteQuery } from '../../../src/analysis/index.ts';

describe('rewriteQuery', () => {
  it('drops stop words and lists them in `dropped`', () => {
    const r = rewriteQuery('belediye ve meclis için');
    assert.equal(r.lang, 'tr');
    assert.equal(r.langSource, 'detected');
    assert.deepEqual(r.terms, ['belediye', 'meclis']);
    assert.deepEqual(r.dropped, ['ve', 'için']);
  });

  it('drops English stop words', () => {
    const r = rewriteQuery('the mayor of Istanbul');
    assert.equal(r.lang, 'en');
    assert.deepEqual(r.terms, ['mayor', 'istanbul']);
    assert.deepEqual(r.dropped, ['the', 'of']);
  });

  it('keeps a query made only of stop words', () => {
    const r = rewriteQuery('ve ile');
    assert.deepEqual(r.terms, ['ve', 'ile']);
    assert.deepEqual(r.dropped, []);
    assert.notEqual(r.q, '');
  });

  it('uses the lang parameter over detection', () => {
    const r = rewriteQuery('ISPARTA ve the', 'en');
    assert.equal(r.lang, 'en');
    assert.equal(r.langSource, 'param');
    assert.deepEqual(r.terms, ['isparta', 've']);
    assert.deepEqual(r.dropped, ['the']);
    assert.deepEqual(rewriteQuery('ISPARTA', 'tr').terms, ['ısparta']);
  });

  it('marks an undetermined language', () => {
    const r = rewriteQuery('istanbul');
    assert.equal(r.lang, 'und');
    assert.equal(r.langSource, 'undetermined');
    assert.deepEqual(r.terms, ['istanbul']);
  });

  it(`sends Meilisearch at most ${MEILI_MAX_QUERY_WORDS} words`, () => {
    assert.equal(MEILI_MAX_QUERY_WORDS, 10);
    const words = 'ankara izmir bursa antalya konya adana mersin kayseri samsun trabzon erzurum van'.split(' ');
    const r = rewriteQuery(words.join(' '), 'tr');
    assert.equal(r.terms.length, words.length);
    assert.equal(r.q.trimEnd().split(' ').length, MEILI_MAX_QUERY_WORDS, r.q);
  });

  it('gives an empty q for a query without words', () => {
    const r = rewriteQuery(' ?! ');
    assert.deepEqual(r.terms, []);
    assert.equal(r.q, '');
  });
});
