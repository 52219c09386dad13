import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyCompletes, completesPrefix, completesWord } from '../../../src/search/prefix.ts';
import { editDistance } from '../../../src/search/suggest.ts';

const completions = (typed: string, words: string[]) => words.filter((w) => completesPrefix(w, typed));

describe('completesPrefix', () => {
  it('kılıç completes Kılıçdaroğlu, never Kiichi, Kilisesi or an ASCII-only kilic…', () => {
    assert.deepEqual(completions('kılıç', ['Kılıçdaroğlu', 'Kiichi', 'Kilisesi', 'Kilicdaroglu', 'KILIÇDAROĞLU', 'kılıç']), ['Kılıçdaroğlu', 'KILIÇDAROĞLU', 'kılıç']);
  });

  it('an ASCII-typed prefix completes Turkish-letter words and ASCII ones', () => {
    assert.deepEqual(completions('kilic', ['Kılıçdaroğlu', 'Kilicdaroglu', 'Kiichi', 'Kilisesi']), ['Kılıçdaroğlu', 'Kilicdaroglu']);
    assert.deepEqual(completions('cumhurbaskani', ['Cumhurbaşkanı', 'Cumhurbaşkanlığı', 'Cumhuriyet']), ['Cumhurbaşkanı']);
    assert.deepEqual(completions('ist', ['İstanbul', 'ISTANBUL', 'istihdam', 'Isparta']), ['İstanbul', 'ISTANBUL', 'istihdam']);
  });

  it('a typo is not a completion', () => {
    assert.deepEqual(completions('cumhurb', ['Cumhurbaşkanı', 'Cumhuriyet', 'cumhurbaşkanlığı']), ['Cumhurbaşkanı', 'cumhurbaşkanlığı']);
    assert.deepEqual(completions('deprem', ['deprem', 'depremde', 'Depremzedeler', 'depresyon', 'Depression', 'depreme']), ['deprem', 'depremde', 'Depremzedeler', 'depreme']);
  });

  it('reads the typed prefix case-insensitively, the Turkish way for Turkish letters', () => {
    assert.ok(completesPrefix('Kılıçdaroğlu', 'KILIÇ'));
    assert.ok(completesPrefix('İmamoğlu', 'İMAM'));
    assert.ok(completesPrefix('İmamoğlu', 'imamo'));
    assert.ok(!completesPrefix('imam', 'imamo'));
    assert.ok(completesPrefix('ışık', 'IŞI'));
    assert.ok(!completesPrefix('işçi', 'ış'));
    assert.ok(completesPrefix('anything', ''));
  });

  it('compares composed and decomposed text alike', () => {
    assert.ok(completesPrefix('Kılıçdaroğlu'.normalize('NFD'), 'kılıç'));
    assert.ok(completesPrefix('Kılıçdaroğlu', 'kılıç'.normalize('NFD')));
  });
});

describe('completesWord', () => {
  it('also reads the parts of a word split at apostrophes, as Meilisearch does', () => {
    assert.ok(completesWord("O'Reilly", 'reil'));
    assert.ok(completesWord('İstanbul’da', 'ist'));
    assert.ok(!completesWord("O'Reilly", 'eil'));
  });
});

describe('anyCompletes', () => {
  it('is true when one word of a title completes the prefix', () => {
    assert.ok(anyCompletes(['Deprem', 'bölgesinde', 'son', 'durum'], 'depre'));
    assert.ok(!anyCompletes(['Depresyon', 'tedavisi'], 'deprem'));
  });
});

describe('editDistance (how far a "did you mean" may be from the word typed)', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    assert.equal(editDistance('dervi', 'derbi'), 1);
    assert.equal(editDistance('derb', 'derbi'), 1);
    assert.equal(editDistance('derbii', 'derbi'), 1);
    assert.equal(editDistance('debri', 'derbi'), 1);
    assert.equal(editDistance('dervi', 'derbiler'), 4);
    assert.equal(editDistance('kılıç', 'kılıç'), 0);
    assert.equal(editDistance('', 'abc'), 3);
  });
});
