import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerCase, turkishLowerCase } from '../../../src/analysis/filters/lowercase.ts';

const I_WITH_DOT_ABOVE = /i\u0307/;
// What root-locale lower-casing makes of İ: i followed by U+0307 COMBINING DOT ABOVE.
const ROOT_LOWER_I = 'İ'.toLowerCase();

describe('turkishLowerCase', () => {
  const rows: [string, string][] = [
    ['İSTANBUL', 'istanbul'],
    ['ISPARTA', 'ısparta'],
    ['IĞDIR', 'ığdır'],
    ['ılık', 'ılık'],
    ['Kılıçdaroğlu', 'kılıçdaroğlu'],
    ['I\u0307ZMI\u0307R', 'izmir'], // decomposed İ
    ['I\u0323\u0307', 'i\u0323'], // decomposed İ with a dot below between
    [ROOT_LOWER_I, 'i'],
    [`${ROOT_LOWER_I}yi`, 'iyi'],
    ['', ''],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(turkishLowerCase(input), expected));
  }

  it('never leaves U+0307 after an i', () => {
    for (const s of ['İ', 'İYİ', 'I\u0307', ROOT_LOWER_I, 'Iİ\u0307I\u0307i\u0307']) {
      assert.doesNotMatch(turkishLowerCase(s), I_WITH_DOT_ABOVE, JSON.stringify(s));
    }
  });
});

describe('lowerCase (English and fallback)', () => {
  const rows: [string, string][] = [
    ['IRAN', 'iran'],
    ['İYİ', 'iyi'],
    ['I', 'i'],
    ['ISTANBUL', 'istanbul'],
    ['İstanbul', 'istanbul'],
    [ROOT_LOWER_I, 'i'],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(lowerCase(input), expected);
      assert.doesNotMatch(lowerCase(input), /\u0307/);
    });
  }
});
