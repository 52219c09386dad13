// The dictionary step of query-language detection on a fixed sample of frequent corpus words
// (the whole measurement is `npm run bench:lang`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectQueryLanguage } from '../../../src/analysis/detect-lang.ts';
import { inDictionaries, turkishSpellings } from '../../../src/analysis/lang-dict.ts';
import { loadDictionaries } from '../../../src/analysis/lang-dict.ts';

// The server loads them at start-up; detection reads short queries with them only then.
loadDictionaries();

// Frequent content words of each half of the corpus (bench/results/lang.md), as typed in lower case.
const TR = ['deprem', 'seçim', 'belediye', 'açıklama', 'söyledi', 'yüzde', 'bakanlık', 'başkanı', 'ekonomi', 'haberleri', 'milletvekili', 'öğrenciler', 'yatırım', 'takım', 'maç', 'sağlık', 'eğitim', 'toplantı', 'ülke'];
const TR_ASCII = ['cumhurbaskani', 'secim', 'aciklama', 'bakanlik', 'soyledi', 'ogrenciler', 'yatirim', 'saglik', 'egitim', 'toplanti', 'ulke'];
const EN = ['earthquake', 'elections', 'company', 'shares', 'billion', 'government', 'expected', 'president', 'unchanged', 'quarter', 'dividend', 'analysts', 'profit', 'minister', 'agreement', 'earnings', 'companies', 'december', 'officials', 'growth'];

describe('inDictionaries', () => {
  it('knows Turkish words as typed, and ASCII-typed ones re-spelt with Turkish letters', () => {
    for (const w of TR) assert.equal(inDictionaries(w).tr, 2, w);
    for (const w of TR_ASCII) assert.ok(inDictionaries(w).tr >= 1, w);
    assert.equal(inDictionaries('cumhurbaskani').en, 0);
  });

  it('knows English words, and names only capitalised', () => {
    for (const w of EN) assert.ok(inDictionaries(w).en >= 1, w);
    assert.equal(inDictionaries('earthquake').tr, 0);
    assert.equal(inDictionaries('april').en, 1);
  });

  it('knows neither for abbreviations and made-up words', () => {
    for (const w of ['mln', 'dlrs', 'xqzvbn']) assert.deepEqual(inDictionaries(w), { tr: 0, en: 0 }, w);
  });
});

describe('turkishSpellings', () => {
  it('turns any subset of c g i o s u Turkish', () => {
    assert.deepEqual(turkishSpellings('sis').sort(), ['sış', 'şis', 'şış', 'sıs', 'şıs', 'siş', 'şiş'].sort());
    assert.equal(turkishSpellings('cumhurbaskani').length, 2 ** 5 - 1);
  });

  it('leaves words with Turkish letters, other letters, or too many candidates alone', () => {
    assert.deepEqual(turkishSpellings('seçim'), []);
    assert.deepEqual(turkishSpellings('bank'), []);
    assert.deepEqual(turkishSpellings('sisisisisisi'), []);
  });
});

describe('short queries on the sample', () => {
  it('every sample word is attributed to its language', () => {
    for (const w of [...TR, ...TR_ASCII]) assert.equal(detectQueryLanguage(w).lang, 'tr', w);
    for (const w of EN) assert.equal(detectQueryLanguage(w).lang, 'en', w);
  });

  it('two-word queries too', () => {
    assert.equal(detectQueryLanguage('deprem bölgesi').lang, 'tr');
    assert.equal(detectQueryLanguage('secim sonuclari').lang, 'tr');
    assert.equal(detectQueryLanguage('earthquake damage').lang, 'en');
  });
});
