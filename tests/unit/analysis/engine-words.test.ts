import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENGINE_WORD_SCAN, engineWords } from '../../../src/analysis/filters/engine-words.ts';

const words = (text: string, limit?: number) => [...engineWords(text, limit)].sort();

describe('engineWords (the words Meilisearch indexes from a text by itself, folded as it folds them)', () => {
  it('folds case, Turkish letters and marks as Meilisearch does (İ, I, ı → i)', () => {
    assert.deepEqual(words('İSTANBUL Işık ışık Şehirde naïve Ünal'), ['isik', 'istanbul', 'naive', 'sehirde', 'unal']);
  });

  it("cuts at ' and ’ as Meilisearch does, not at ʼ (U+02BC), which it keeps inside the word", () => {
    assert.deepEqual(words("Erdoğan'ın Erdoğan’a"), ['a', 'erdogan', 'in']);
    // Meilisearch indexes `kılıçdaroğluʼnun` whole: neither half is a word of the text.
    assert.deepEqual(words('Kılıçdaroğluʼnun'), []);
  });

  it('keeps camel case and digits whole (Meilisearch does not split iPhone or 3G)', () => {
    assert.deepEqual(words('iPhone 3G x86 2024'), ['2024', '3g', 'iphone', 'x86']);
  });

  it('leaves out a word beside a character Meilisearch does not separate at (<ADNA> is no `adna` to it)', () => {
    assert.deepEqual(words('APPLIED DNA <ADNA> Exovir <XOVR.O> x=y a|b 5$ (ok) [ok2] "ok3", ok4; ok5: ok6! ok7? ok8…'), [
      'applied', 'dna', 'exovir', 'ok', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6', 'ok7', 'ok8',
    ]);
    assert.deepEqual(words('snake_case co-op AT&T C++ @user #tag x/y U.S.'), ['at', 'c', 'case', 'co', 'op', 's', 'snake', 't', 'tag', 'u', 'user', 'x', 'y']);
  });

  it('leaves out words Meilisearch may fold otherwise than foldDiacritics (ß, ø, æ, other scripts)', () => {
    assert.deepEqual(words('Straße Søren Ærø Москва 東京 city'), ['city']);
  });

  it(`reads only the first ${ENGINE_WORD_SCAN} tokens, all within Meilisearch's 65,535 positions`, () => {
    assert.ok(ENGINE_WORD_SCAN * 8 <= 65_535);
    assert.deepEqual(words('one two three four', 2), ['one', 'two']);
  });
});
