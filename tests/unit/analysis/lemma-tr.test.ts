import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asciiExactForm } from '../../../src/analysis/filters/exact.ts';
import { isBroadRoot, isTurkishWord, isTwinWord, sharedFoldRoot, turkishAoristRoot, turkishFoldedRoot, turkishRoot, turkishRootFolded } from '../../../src/analysis/filters/lemma-tr.ts';

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
    // Written with Turkish letters, the root is read as spelled: saldırı + sı, not saldırış + ı
    // (which the folded `saldiris` + `i` would give, longest first); hayat + ını, not hayatî + nı;
    // baş + ına, not basın + a; dış + ında, not dişi + nda.
    ['saldırısı', 'saldiri'],
    ['hayatını', 'hayat'],
    ['başına', 'bas'],
    ['basına', 'basin'],
    ['dışında', 'dis'],
    ['öldü', 'ol'], // öl + dü, not the adjective `oldu`
    // An ASCII word is read as written too where it splits so (a text in Turkish spelling):
    // konu + sunda, not konuş + unda; yeni + si, not yeniş + i. Else folded, longest first.
    ['konusunda', 'konu'],
    ['yenisi', 'yeni'],
    ['saldirisi', 'saldiris'],
    ['hayatini', 'hayati'],
    // The aorist and what follows it come after verbs only: ver + irken, not veri (data) + rken.
    ['verirken', 'ver'],
    ['konuşurken', 'konus'],
    ['alırım', 'al'], // not âli + rım
    // A manner adverb in -cA the lexicon lists alone is read from its adjective.
    ['hızlıca', 'hizli'],
    ['gizlice', 'gizli'],
    ['açıkça', 'acik'],
    ['güzelligi', 'guzellik'], // a mixed spelling has no split as written: read folded
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

describe('turkishFoldedRoot (the reading of the word typed in ASCII)', () => {
  it('is the folded reading where the spelling gives another root', () => {
    assert.equal(turkishFoldedRoot('saldırısı'), 'saldiris');
    assert.equal(turkishFoldedRoot('hayatını'), 'hayati');
    assert.equal(turkishFoldedRoot('başına'), 'basin');
  });
  it('is the folded reading of an ASCII word that splits otherwise as written', () => {
    assert.equal(turkishRootFolded('konusunda'), 'konusu');
    assert.equal(turkishFoldedRoot('konusunda'), 'konusu');
  });
  it('is undefined where both readings agree', () => {
    for (const w of ['seçimlerinde', 'gözaltına', 'saldırılar', 'saldirisi', 'belediyesi', 'ölecek']) assert.equal(turkishFoldedRoot(w), undefined, w);
  });
});

describe('sharedFoldRoot', () => {
  it('spells the root where its fold stands for several words', () => {
    assert.equal(sharedFoldRoot('ölecek'), 'öl');
    assert.equal(sharedFoldRoot('öldü'), 'öl');
    assert.equal(sharedFoldRoot('kırlarda'), 'kır');
    assert.equal(sharedFoldRoot('kirlerde'), 'kir'); // an ASCII word in Turkish text: the ASCII root
    assert.equal(sharedFoldRoot('dürümü'), 'dürüm');
  });
  it('is undefined where the folded root is one word', () => {
    for (const w of ['seçimlerinde', 'belediyesi', 'gözaltına']) assert.equal(sharedFoldRoot(w), undefined, w);
  });
});

describe('turkishAoristRoot (a plural that is also a verb in the aorist)', () => {
  it('gives the verb where the plural reading is taken', () => {
    assert.equal(turkishRoot('başlar'), 'bas');
    assert.equal(turkishAoristRoot('başlar'), 'basla');
    assert.equal(turkishAoristRoot('izler'), 'izle');
  });
  it('is undefined for a plural with no such verb, or a word not read as a plural', () => {
    for (const w of ['evler', 'seçimler', 'başlarken', 'yapar']) assert.equal(turkishAoristRoot(w), undefined, w);
  });
});

describe('isBroadRoot', () => {
  it('verbs and verbal nouns, not nouns however short', () => {
    for (const r of ['yap', 'ol', 'konusma', 'yapilma']) assert.ok(isBroadRoot(r), r);
    for (const r of ['ev', 'gun', 'secim', 'belediye']) assert.ok(!isBroadRoot(r), r);
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
