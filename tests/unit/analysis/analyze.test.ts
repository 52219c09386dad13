import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerFor, analyzeText, rewriteQuery } from '../../../src/analysis/index.ts';

describe('analyzeText: pinned outcomes', () => {
  const rows: [string, string, string[]][] = [
    ["Kılıçdaroğlu'nun", 'tr', ['kılıçdaroğlu']],
    ['Kılıçdaroğlu\u2019nun açıklaması', 'tr', ['kılıçdaroğlu', 'açıklaması']],
    ['ISPARTA', 'tr', ['ısparta']],
    ['ISPARTA', 'en', ['isparta']],
    ['I', 'tr', ['ı']], // Turkish: dotless ı, a content token
    ['I', 'en', []], // English: the pronoun `i`, a stop word
    ['Belediye ve İBB ile seçim için', 'tr', ['belediye', 'ibb', 'seçim']],
    ['İYİ Parti iyi bir sonuç aldı', 'tr', ['iyi', 'parti', 'iyi', 'sonuç', 'aldı']], // `iyi` is in `keep`
    ['The mayor of Istanbul', 'en', ['mayor', 'istanbul']],
    ["Istanbul's mayor", 'en', ['istanbul', 'mayor']],
    ["İstanbul'da ve Ankara", 'fr', ['istanbul', 'da', 've', 'ankara']], // fallback: split, lower-case, no stop words
    ['', 'tr', []],
  ];
  for (const [text, lang, expected] of rows) {
    it(`${lang}: ${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(analyzeText(text, lang), expected));
  }

  it('gives unknown and missing languages the fallback chain', () => {
    assert.equal(analyzerFor('xx').lang, 'und');
    assert.equal(analyzerFor(undefined).lang, 'und');
    assert.equal(analyzerFor('tr').lang, 'tr');
    assert.deepEqual(analyzeText("O'Neil", 'xx'), ['o', 'neil']);
  });
});

// Deterministic PRNG (mulberry32), so a failure reproduces.
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Code point ranges that stress the chains: combining marks, lone surrogates, RTL marks,
// NUL, every apostrophe, dotted/dotless I, Arabic, emoji, and anything at all.
const POOLS: [number, number][] = [
  [0x20, 0x7e], [0xc0, 0x17f], [0x130, 0x131], [0x49, 0x49], [0x69, 0x69], [0x300, 0x36f], [0x307, 0x307],
  [0xd800, 0xdfff], [0x200e, 0x200f], [0x202a, 0x202e], [0, 0], [0x27, 0x27], [0x2019, 0x2019], [0x2bc, 0x2bc],
  [0x600, 0x6ff], [0x1f600, 0x1f64f], [0, 0x10ffff],
];

function randomString(rnd: () => number): string {
  let s = '';
  const len = Math.floor(rnd() * 24);
  for (let i = 0; i < len; i++) {
    const [lo, hi] = POOLS[Math.floor(rnd() * POOLS.length)]!;
    const cp = lo + Math.floor(rnd() * (hi - lo + 1));
    s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  return s;
}

describe('random strings', () => {
  it('never make analyzeText or rewriteQuery throw or yield an empty term (2000 strings × 4 languages)', () => {
    const rnd = mulberry32(20240601);
    const isTermList = (a: unknown) => Array.isArray(a) && a.every((t) => typeof t === 'string' && t.length > 0);
    for (let n = 0; n < 2000; n++) {
      const s = randomString(rnd);
      for (const lang of ['tr', 'en', 'xx', undefined]) {
        const where = `${JSON.stringify(s)} (${lang})`;
        if (lang) assert.ok(isTermList(analyzeText(s, lang)), `analyzeText ${where}`);
        const r = rewriteQuery(s, lang);
        assert.ok(isTermList(r.terms), `rewriteQuery terms ${where}`);
        assert.ok(isTermList(r.dropped), `rewriteQuery dropped ${where}`);
        assert.equal(typeof r.q, 'string');
      }
    }
  });

  it('a token of combining dots alone does not become an empty term (regression)', () => {
    assert.deepEqual(analyzeText('a \u0307\u0307 b', 'xx'), ['a', 'b']);
    assert.deepEqual(analyzeText('I\u{1F645}\u0307', 'en'), []);
  });
});
