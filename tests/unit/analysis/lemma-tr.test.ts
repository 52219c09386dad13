import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asciiExactForm } from '../../../src/analysis/filters/exact.ts';
import { isTurkishWord, isTwinWord, turkishRoot } from '../../../src/analysis/filters/lemma-tr.ts';

describe('turkishRoot (lexicon + suffix list)', () => {
  const rows: [string, string][] = [
    ['seçimlerinde', 'secim'],
    ['secimlerinde', 'secim'], // ASCII-typed: the same root
    ['üniversitesi', 'universite'],
    ['imama', 'imam'], // the longest root whose rest is a suffix: imam + a, not ima + ma
    ['haberleri', 'haber'],
    ['belediyesinin', 'belediye'],
    ['rengi', 'renk'], // nk → ng
    ['çocuğun', 'cocuk'], // k → ğ
    ['ağzı', 'agiz'], // vowel drop
    ['gözaltına', 'gozalti'],
    ['cumhurbaşkanları', 'cumhurbaskani'], // a compound loses its possessive before a plural
    ['evler', 'ev'],
    ['ağaçlar', 'agac'], // plural before the verb ağaçla + aorist
    ['ankarada', 'ankara'], // a name with a suffix of two letters or more
    ['erdogn', 'erdogn'], // but not a name root + one letter: a typo stays whole
    ['depresyonda', 'depresyon'],
    ['kılıçdaroğlu', 'kilicdaroglu'],
    ['qwxzy', 'qwxzy'], // unknown: kept whole, never truncated
    ['hastasıyız', 'hasta'], // `hastası` is listed only as an adverb, and adverbs take no suffix
    ['canlısının', 'canli'],
    ['sonundaki', 'son'],
    ['hastası', 'hastasi'], // the adverb itself stays what the lexicon lists
    ['bilmeyenlerin', 'bil'], // no split of the whole word: read from the part before the plural
    ['seçilenler', 'secilen'], // … which is kept whole when the lexicon cannot split it either
    ['seçilen', 'secilen'],
    ['kağıthaneliler', 'kagithaneli'],
  ];
  for (const [word, root] of rows) it(`${word} → ${root}`, () => assert.equal(turkishRoot(word), root));

  it('keeps words that only share their first letters apart', () => {
    for (const [a, b] of [['deprem', 'depresyon'], ['imam', 'imamoğlu'], ['başka', 'başkan'], ['cumhurbaşkanı', 'cumhuriyet']]) {
      assert.notEqual(turkishRoot(a!), turkishRoot(b!), `${a} / ${b}`);
    }
  });

  it('tells known words from unknown ones', () => {
    assert.ok(isTurkishWord('seçimlerde'));
    assert.ok(isTurkishWord('secimlerde'));
    assert.ok(!isTurkishWord('imamo'));
    assert.ok(isTurkishWord('bilmeyenlerin'), 'a known word + the plural and its endings');
    assert.ok(!isTurkishWord('beledyeler'), 'an unknown word + the plural (here a misspelling) stays unknown');
    assert.ok(!isTurkishWord('qwxzy'));
  });
});

describe('ASCII twins', () => {
  it('an ASCII word that is a word and has a Turkish-letter twin gets a spelling of its own', () => {
    for (const w of ['sis', 'gol', 'kir', 'cam', 'masa']) { // masa: maşa (tongs)
      assert.ok(isTwinWord(w), w);
      assert.equal(asciiExactForm(w, isTwinWord), `${w}q`);
    }
  });

  it('not a name typed in ASCII, a word without a twin, or a word with Turkish letters', () => {
    for (const w of ['erdogan', 'belediye', 'kitap', 'şiş', 'qwxzy']) assert.equal(asciiExactForm(w, isTwinWord), undefined, w);
  });
});
