import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerCase, turkishLowerCase } from '../../../src/analysis/filters/lowercase.ts';
import { buildStopSet, removeStopWords } from '../../../src/analysis/filters/stop.ts';

describe('buildStopSet', () => {
  it('loads the named list of the stopword package', () => {
    const tr = buildStopSet({ stopwords: 'tur' }, turkishLowerCase);
    for (const w of ['ve', 'ile', 'için', 'iyi']) assert.ok(tr.has(w), w);
    assert.ok(!tr.has('belediye'));
  });

  it('removes `keep` words, compared after lower-casing', () => {
    const tr = buildStopSet({ stopwords: 'tur', keep: ['İyi', 'bin'] }, turkishLowerCase);
    assert.ok(!tr.has('iyi'));
    assert.ok(!tr.has('bin'));
    assert.ok(tr.has('ve'));
  });

  it('adds extraStopwords, lower-cased with the given casing', () => {
    const en = buildStopSet({ extraStopwords: ['The', 'IS'] }, lowerCase);
    assert.deepEqual([...en].sort(), ['is', 'the']);
    const tr = buildStopSet({ extraStopwords: ['DIĞER'] }, turkishLowerCase);
    assert.deepEqual([...tr], ['dığer']);
  });

  it('rejects an unknown list name', () => {
    assert.throws(() => buildStopSet({ stopwords: 'xyz' }, lowerCase), /unknown stopword list "xyz"/);
  });
});

describe('removeStopWords', () => {
  const stop = new Set(['ve', 'ile']);
  const rows: [string[], string[]][] = [
    [['belediye', 've', 'başkan'], ['belediye', 'başkan']],
    [['ile', 've'], []],
    [['seçim'], ['seçim']],
    [[], []],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(removeStopWords(input, stop), expected));
  }
});
