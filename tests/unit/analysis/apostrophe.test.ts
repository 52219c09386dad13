import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitAtApostrophes, stripApostropheSuffix, stripPossessive } from '../../../src/analysis/filters/apostrophe.ts';

type Row = [string[], string[]];

function table(name: string, fn: (t: string[]) => string[], rows: Row[]): void {
  describe(name, () => {
    for (const [input, expected] of rows) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(fn(input), expected));
    }
  });
}

table('stripApostropheSuffix (Turkish case suffixes)', stripApostropheSuffix, [
  [["İstanbul'da"], ['İstanbul']],
  [["Kılıçdaroğlu'nun"], ['Kılıçdaroğlu']],
  [['Kılıçdaroğlu\u2019nun'], ['Kılıçdaroğlu']],
  [['Türkiye\u02BCde'], ['Türkiye']],
  [["İBB'nin", "2024'te", 'Ankara'], ['İBB', '2024', 'Ankara']],
  [['belediye'], ['belediye']],
  [["'da"], []],
  [[], []],
]);

table('stripPossessive (English)', stripPossessive, [
  [["Istanbul's"], ['Istanbul']],
  [['people\u2019s'], ['people']],
  [['TURKEY\u02BCS'], ['TURKEY']],
  [["don't"], ['don', 't']],
  [["O'Neil"], ['O', 'Neil']],
  [['mayor'], ['mayor']],
]);

table('splitAtApostrophes (fallback chain)', splitAtApostrophes, [
  [["İstanbul'da"], ['İstanbul', 'da']],
  [["rock'n'roll"], ['rock', 'n', 'roll']],
  [['a\u2019b\u02BCc'], ['a', 'b', 'c']],
  [["'"], []],
]);
