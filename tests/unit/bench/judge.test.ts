// The precision benchmark's judge (bench/lib): word families by a small morphology, not by
// the project's stemmers, and the metrics computed from its judgements.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Judge } from '../../../bench/lib/judge.ts';
import { ndcgAt10, normalisedPrecisionAt10 } from '../../../bench/lib/metrics.ts';
import { isEnglishFamily } from '../../../bench/lib/morph-en.ts';
import { isTurkishFamily } from '../../../bench/lib/morph-tr.ts';
import { trLower } from '../../../bench/lib/text.ts';

const family = (check: (w: string, t: string) => boolean, word: string, yes: string[], no: string[]) => {
  for (const t of yes) it(`${word} ∋ ${t}`, () => assert.equal(check(word, t), true));
  for (const t of no) it(`${word} ∌ ${t}`, () => assert.equal(check(word, t), false));
};

describe('Turkish word family', () => {
  family(isTurkishFamily, 'deprem', ['deprem', 'depremde', 'depremin', 'depremler', 'depremlerin', 'depreme', 'depremi', 'depremdeki', 'depremlerinde', 'depremdir'], ['depresyon', 'depremzede', 'deprest', 'depre']);
  family(isTurkishFamily, 'imam', ['imama', 'imamı', 'imamlar', 'imamın'], ['imamoğlu', 'imamoğlunun', 'imamet']);
  family(isTurkishFamily, 'imamoğlu', ['imamoğlunun', 'imamoğluna', 'imamoğluyla'], ['imam', 'imama']);
  family(isTurkishFamily, 'cumhurbaşkanı', ['cumhurbaşkanının', 'cumhurbaşkanları', 'cumhurbaşkanına', 'cumhurbaşkanlarının'], ['cumhuriyet', 'cumhurbaşkanlığı', 'cumhur']);
  // Final consonant softening before a vowel; not before a consonant.
  family(isTurkishFamily, 'kitap', ['kitabı', 'kitabın', 'kitaplar', 'kitapta'], ['kitapçı', 'kitabta']);
  family(isTurkishFamily, 'çocuk', ['çocuğu', 'çocuklar', 'çocuğun'], ['çocukluk']);
  family(isTurkishFamily, 'renk', ['rengi'], ['renkli']);
  // Vowel harmony decides the suffix vowel: evler but not evlar, kapıda but not kapide.
  family(isTurkishFamily, 'ev', ['evler', 'evinde', 'evlerimizde'], ['evlar', 'evet']);
  family(isTurkishFamily, 'kapı', ['kapıda', 'kapının', 'kapıdaki', 'kapısı'], ['kapide', 'kapinin']);
  // Loanwords that take front vowels after a back one (allowed for any root ending in l, k or t after a back vowel).
  family(isTurkishFamily, 'saat', ['saati', 'saatte'], ['saatçi']);
  family(isTurkishFamily, 'gol', ['golü', 'goller', 'golleri'], ['göl', 'golf']);
  family(isTurkishFamily, 'şehir', ['şehri', 'şehirde', 'şehrin'], ['şehirli']);
  family(isTurkishFamily, 'belediye', ['belediyesi', 'belediyesinin', 'belediyeye', 'belediyeler'], ['belediyeci']);
  // Proper names take suffixes after an apostrophe, which the judge removes before comparing.
  family(isTurkishFamily, 'istanbul', ['istanbulda', 'istanbuldaki', 'istanbulun'], ['istanbullu']);

  it('lower-cases the Turkish way before comparing', () => {
    assert.equal(trLower('İSTANBUL'), 'istanbul');
    assert.equal(trLower('IŞIK'), 'ışık');
    assert.equal(trLower('i̇stanbul'), 'istanbul');
  });
});

describe('English word family', () => {
  family(isEnglishFamily, 'election', ['elections', "election's"], ['elect', 'elects', 'electric', 'electoral']);
  family(isEnglishFamily, 'earthquake', ['earthquakes', "earthquake's"], ['earthworm', 'earth']);
  family(isEnglishFamily, 'stop', ['stops', 'stopped', 'stopping'], ['stoppage']);
  family(isEnglishFamily, 'company', ['companies', "company's", "companies'"], ['companion']);
  family(isEnglishFamily, 'rise', ['rises', 'rising', 'rose', 'risen', 'rised'], ['risk']);
  family(isEnglishFamily, 'make', ['making', 'made', 'makes'], ['maker']);
  it('counts comparatives only for adjectives', () => {
    assert.equal(isEnglishFamily('bank', 'banker'), false);
    assert.equal(isEnglishFamily('strong', 'stronger', true), true);
  });
});

describe('Judge', () => {
  const docs = [
    { id: 'a', lang: 'tr', title: 'Depremde yıkılan binalar', body: "Malatya'da deprem sonrası çalışma." },
    { id: 'b', lang: 'tr', title: 'Depresyon tedavisi', body: 'Uzmanlar depresyonun belirtilerini anlattı.' },
    { id: 'c', lang: 'tr', title: "İmamoğlu'nun açıklaması", body: 'İBB Başkanı İmamoğlu konuştu.' },
    { id: 'd', lang: 'tr', title: 'Camide imama saldırı', body: 'Saldırgan gözaltına alındı.' },
    { id: 'e', lang: 'en', title: 'Elections in Turkey', body: 'Turkey holds elections.' },
    { id: 'f', lang: 'en', title: 'Westinghouse Electric', body: 'K-Tron elects a new chairman.' },
  ];
  const judge = new Judge(docs);
  const ids = (set: Set<number>) => [...set].map((i) => docs[i]!.id).sort();

  it('finds the documents of a word family and no others', () => {
    assert.deepEqual(ids(judge.docsWith({ word: 'deprem', lang: 'tr' })), ['a']);
    assert.deepEqual(ids(judge.docsWith({ word: 'imam', lang: 'tr' })), ['d']);
    assert.deepEqual(ids(judge.docsWith({ word: 'imamoğlu', lang: 'tr' })), ['c']);
    assert.deepEqual(ids(judge.docsWith({ word: 'election', lang: 'en' })), ['e']);
  });

  it('needs every content word of a multi-word query', () => {
    assert.deepEqual(ids(judge.relevant([{ word: 'imamoğlu', lang: 'tr' }, { word: 'gözaltı', lang: 'tr' }])), []);
    assert.deepEqual(ids(judge.relevant([{ word: 'imam', lang: 'tr' }, { word: 'gözaltı', lang: 'tr' }])), ['d']);
    assert.deepEqual(ids(judge.relevant([{ word: 'election', lang: 'en' }, { word: 'turkey', lang: 'en' }])), ['e']);
  });

  it('names the token that made a hit relevant, as written', () => {
    assert.equal(judge.matchedToken('c', { word: 'imamoğlu', lang: 'tr' }), "İmamoğlu'nun");
    assert.equal(judge.matchedToken('b', { word: 'deprem', lang: 'tr' }), undefined);
  });
});

describe('precision metrics', () => {
  it('normalises precision@10 by the relevant documents that exist', () => {
    assert.equal(normalisedPrecisionAt10([true, false, true], 2), 1);
    assert.equal(normalisedPrecisionAt10([true, false, false, false], 40), 0.1);
    assert.equal(normalisedPrecisionAt10([false], 0), 0);
  });
  it('computes nDCG@10 with binary gains', () => {
    assert.equal(ndcgAt10([true, true], 2), 1);
    assert.ok(Math.abs(ndcgAt10([false, true], 1) - 1 / Math.log2(3)) < 1e-12);
    assert.ok(ndcgAt10([false, true], 1) < ndcgAt10([true, false], 1));
  });
});
