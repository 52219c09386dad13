import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldDiacritics } from '../../../src/analysis/filters/fold.ts';

describe('foldDiacritics', () => {
  const rows: [string, string][] = [
    ['kılıçdaroğlu', 'kilicdaroglu'],
    ['şehir', 'sehir'],
    ['güneş', 'gunes'],
    ['öğrenci', 'ogrenci'],
    ['straße', 'strasse'],
    ['élection', 'election'],
    ['s\u0327ehir', 'sehir'], // decomposed input
    ['mayor 2024', 'mayor 2024'],
    ['', ''],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(foldDiacritics(input), expected));
  }

  it('makes minimal pairs collide (lossy by design)', () => {
    assert.equal(foldDiacritics('sık'), foldDiacritics('sik'));
    assert.equal(foldDiacritics('açı'), foldDiacritics('acı'));
  });
});
