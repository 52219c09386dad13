import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from '../../../src/analysis/filters/tokenize.ts';

describe('tokenize', () => {
  const rows: [string, string[]][] = [
    ["İstanbul'da seçim", ["İstanbul'da", 'seçim']],
    ['Kılıçdaroğlu\u2019nun açıklaması', ['Kılıçdaroğlu\u2019nun', 'açıklaması']],
    ['Türkiye\u02BCde', ['Türkiye\u02BCde']],
    ['Ankara, İzmir; Bursa. (Van)', ['Ankara', 'İzmir', 'Bursa', 'Van']],
    ['seçim-sonuçları/oylar', ['seçim', 'sonuçları', 'oylar']],
    ['31 Mart 2024', ['31', 'Mart', '2024']],
    ['%49,6 oy', ['49', '6', 'oy']],
    ["'alıntı' sözcük'", ['alıntı', 'sözcük']],
    ["rock'n'roll", ["rock'n'roll"]],
    ['', []],
    [' ... !! — ', []],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(tokenize(input), expected);
    });
  }

  it('normalizes decomposed input to NFC', () => {
    const decomposed = 's\u0327ehir I\u0307zmir'; // ş and İ as base letter + combining mark
    assert.deepEqual(tokenize(decomposed), ['şehir', 'İzmir']);
    assert.equal(tokenize(decomposed)[0]!.length, 5);
  });
});
