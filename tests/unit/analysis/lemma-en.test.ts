import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishLemma, isEnglishWord } from '../../../src/analysis/filters/lemma-en.ts';

describe('englishLemma (WordNet)', () => {
  const rows: [string, string][] = [
    ['elections', 'election'],
    ['elects', 'elect'], // not election: a lemmatiser, not Porter2
    ['studies', 'study'],
    ['children', 'child'],
    ['earthquakes', 'earthquake'],
    ['ran', 'run'],
    ['voted', 'vote'],
    ['rating', 'rating'], // listed as it is: never Morphy's rat + ing
    ['news', 'news'],
    ['electric', 'electric'],
    ['drugmakers', 'drugmaker'], // unknown to WordNet: the regular plural goes
    ['erdogan', 'erdogan'],
  ];
  for (const [word, lemma] of rows) it(`${word} → ${lemma}`, () => assert.equal(englishLemma(word), lemma));

  it('keeps words sharing their first letters apart', () => {
    assert.notEqual(englishLemma('elections'), englishLemma('electric'));
    assert.notEqual(englishLemma('earthquake'), englishLemma('earthworm'));
  });

  it('tells known words from unknown ones', () => {
    assert.ok(isEnglishWord('elections'));
    assert.ok(!isEnglishWord('imamoglu'));
  });
});
