import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerFor } from '../../../src/analysis/chains.ts';
import { MEILI_MAX_QUERY_WORDS, rewriteQuery, type QueryRewrite } from '../../../src/analysis/query.ts';

/** Parts of q: `"a phrase"`, `-"a phrase"`, `-word` or `word`. */
function partsOf(q: string): string[] {
  return q.match(/-?"[^"]*"|[^\s"]+/gu) ?? [];
}

/** Words of q as Meilisearch's window counts them: each word of a phrase counts. */
function countWords(q: string): number {
  let n = 0;
  for (const p of partsOf(q)) n += p.includes('"') ? p.replace(/^-?"|"$/g, '').split(/\s+/u).filter(Boolean).length : 1;
  return n;
}

/** The parts of q that end in the exact-spelling marker `q` and are not stems or phrases. */
function exactParts(r: QueryRewrite): string[] {
  const stems = new Set(Object.values(r.stems).flat());
  return partsOf(r.q).filter((p) => /^[a-z0-9]+q$/.test(p) && !stems.has(p));
}

describe('countWords (test helper)', () => {
  it('counts phrase words one by one', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('secim'), 1);
    assert.equal(countWords('"Kemal Kılıçdaroğlu" secim -akp -"ak parti"'), 6);
  });
});

describe('rewriteQuery: what q holds, in order', () => {
  // Worked out from the rules in query.ts: phrases, then stems (deduplicated), then
  // exclusions, then the exact spellings and typed forms of the Turkish words whose spelling
  // tells documents of one stem apart (a folded twin, a verb or verbal noun, an
  // unknown word); a noun root's inflections (`seçimlerde`) ask for neither.
  const rows: [string, string | undefined, string][] = [
    ['seçimlerde', 'tr', 'secim '], // every form of seçim is the same word: no spelling preferred
    ['seçimlerde belediye', undefined, 'secim belediye '],
    ['Seçimler SEÇİMLER seçim', undefined, 'secim '], // one stem
    ['kırlarda', 'tr', 'kir qrkixrq kixrlardaq'], // kır and kir fold alike: the spelling typed ranks first
    ['şişler', 'tr', 'sis qrsxisxq sxisxlerq'], // şiş and sis too
    ['kısmı', 'tr', 'kisim kixsmixq'], // its part, kısım + ı (as spelled); folded, it is kısmi (partial), another word
    ['seçim "Kemal Kılıçdaroğlu"', undefined, '"Kemal Kılıçdaroğlu" secim '],
    ['-akp kırda', undefined, 'kir -akp qrkixrq kixrdaq'],
    ['-"ak parti" seçim', undefined, 'secim -"ak parti"'],
    ["Kılıçdaroğlu'nun açıklaması", undefined, 'kilicdaroglu aciklama acxixklamasixq'], // açıklama: a verbal noun (açıkla + ma)
    // ASCII-typed: same stem, no exact spelling. A trailing space: the last word is a known word,
    // so Meilisearch must not prefix-match it (`secim` must not find `secimli`).
    ['secimlerde', 'tr', 'secim '], // ASCII-typed: the same root, which finds every form
    ['mayors of Istanbul', undefined, 'mayor istanbul '], // a regular plural adds no typed form
    ['acquirs image', 'en', 'acquirs image acquir '], // a misspelling (acquir is one edit from acquire): as typed, one typo from acquires; the cut form only ranks
    ['drugmakers', 'en', 'drugmaker'], // unknown but no misspelling: the cut form finds the singular (unknown, so the prefix stays)
    ['ibms', 'en', 'ibm'], // too short for a typo: searching it as typed would find nothing more
    ['camds trade', 'en', 'camd trade '], // a cut form of four letters: as often a ticker as a misspelling
    ['yapabilecek', 'tr', 'yap yapabilecek '], // the root finds every form of yap; the form typed ranks first
    ['istanbul', undefined, 'istanbul '],
    ['imamo', undefined, 'imamo'], // unknown to both dictionaries: perhaps still being typed, the prefix stays
    ['sis', 'tr', 'sis qrsisq sisq'], // an ASCII word whose Turkish-letter twin is another word (şiş) asks for its own spelling
    ['erdogan', 'tr', 'erdogan '], // a name typed in ASCII has no spelling of its own to prefer
    // ö tells öl (die) from ol (be), which share the folded stem `ol`: öl's root code and the
    // word's spelling (üye is a noun: üyesini asks for no spelling).
    ['çalışanımız üyesini ölecek', 'tr', 'calisan uye ol qroxlq oxlecekq'],
    // A short noun's inflections are one word too: `evden` asks for ev alone.
    ['poliste memurunu evden', 'tr', 'polis memur ev '],
    // durum and dürüm share a fold, but `durumunuzu` is also how `dürümünüzü` is typed: asking
    // for it as typed would only prefer one inflection of durum.
    ['durumunuzu', 'tr', 'durum '],
    ['dürümünüzü', 'tr', 'durum qrduxruxmq duxruxmuxnuxzuxq'],
    // Typed with Turkish letters, a query is in Turkish spelling, its ASCII words too: yeni + si;
    // typed without them, any word may stand for either spelling and is read folded (yeniş + i),
    // a reading documents index too.
    ['Yenisi çocuğumuzla', 'tr', 'yeni cocuk '],
    ['yenisi cocugumuzla', 'tr', 'yenis cocuk yenisi '],
  ];
  for (const [raw, lang, q] of rows) {
    it(`${JSON.stringify(raw)} (${lang ?? 'detected'}) → ${JSON.stringify(q)}`, () => assert.equal(rewriteQuery(raw, lang).q, q));
  }
});

describe('rewriteQuery', () => {
  it('sends stems first, then exact spellings, then the forms typed other than their root', () => {
    const r = rewriteQuery('kırlarda yapabilecek', 'tr');
    assert.deepEqual(r.terms, ['kırlarda', 'yapabilecek']);
    // kırlarda has an exact spelling, after its root's code (kır, not kir); yapabilecek (ASCII
    // letters only, a verb's form) is sent as typed.
    assert.deepEqual(partsOf(r.q), ['kir', 'yap', 'qrkixrq', 'kixrlardaq', 'yapabilecek']);
    // Noun roots ask for neither: their inflections are one word.
    assert.deepEqual(partsOf(rewriteQuery('seçimlerde belediyesinin', 'tr').q), ['secim', 'belediye']);
    assert.equal(rewriteQuery('deprem', 'tr').q, 'deprem ', 'a word typed as its root is sent once');
  });

  it('leaves the typed form out while the word is being typed', () => {
    assert.deepEqual(partsOf(rewriteQuery('belediyesinin', 'tr', { typing: true }).q), ['belediye']);
  });

  it('keeps a quoted phrase verbatim, outside the terms', () => {
    const r = rewriteQuery('"Kemal Kılıçdaroğlu"');
    assert.deepEqual(r.phrases, ['"Kemal Kılıçdaroğlu"']);
    assert.deepEqual(r.terms, []);
    assert.equal(r.q, '"Kemal Kılıçdaroğlu"');
    // Punctuation inside the quotes goes, case and Turkish letters stay.
    assert.deepEqual(rewriteQuery('"İstanbul’un  belediye-başkanı!"').phrases, ['"İstanbul’un belediye başkanı"']);
  });

  it('keeps excluded words and phrases in `excluded` and in q with a leading -', () => {
    const r = rewriteQuery('belediye -akp -"ak parti"', 'tr');
    assert.deepEqual(r.excluded, ['akp', '"ak parti"']);
    assert.deepEqual(r.terms, ['belediye']);
    const parts = partsOf(r.q);
    assert.ok(parts.includes('-akp'), r.q);
    assert.ok(parts.includes('-"ak parti"'), r.q);
    assert.ok(!parts.includes('akp'), r.q);
    // A dash inside a word is not an exclusion; an excluded word that splits becomes a phrase.
    assert.deepEqual(rewriteQuery('covid-19', 'en').excluded, []);
    assert.deepEqual(rewriteQuery('-ak-parti seçim', 'tr').excluded, ['"ak parti"']);
  });

  it('does not throw on an unmatched quote, and searches its words', () => {
    for (const raw of ['seçim "ak parti', '"', '"""', 'a " b', '-"ak parti', '- -- -"" ""']) {
      const r = rewriteQuery(raw);
      assert.equal(typeof r.q, 'string', raw);
      assert.ok(!r.q.includes('""'), `${raw} → ${r.q}`);
    }
    const r = rewriteQuery('seçim "ak parti', 'tr');
    assert.deepEqual(r.phrases, []);
    assert.deepEqual(r.terms, ['seçim', 'ak', 'parti']);
  });

  it('drops stop words into `dropped`', () => {
    const r = rewriteQuery('belediye ve meclis için', 'tr');
    assert.deepEqual(r.terms, ['belediye', 'meclis']);
    assert.deepEqual(r.dropped, ['ve', 'için']);
    assert.deepEqual(partsOf(r.q), ['belediye', 'meclis']);
    const en = rewriteQuery('the mayor of Istanbul', 'en');
    assert.deepEqual(en.dropped, ['the', 'of']);
    assert.deepEqual(partsOf(rewriteQuery('latest news on Istanbul', 'en').q), ['istanbul']);
  });

  it('keeps stop words when there is nothing else', () => {
    const r = rewriteQuery('ve ile', 'tr');
    assert.deepEqual(r.terms, ['ve', 'ile']);
    assert.deepEqual(r.dropped, []);
    assert.deepEqual(partsOf(r.q), ['ve', 'ile']);
    // Stop words that have Turkish letters then also give their exact spelling.
    assert.ok(partsOf(rewriteQuery('şu ve', 'tr').q).includes('sxuq'));
  });

  it('drops stop words around a phrase that stands alone', () => {
    const r = rewriteQuery('ve "ak parti" ile', 'tr');
    assert.deepEqual(r.terms, []);
    assert.deepEqual(r.dropped, ['ve', 'ile']);
    assert.equal(r.q, '"ak parti"');
  });

  it('adds no exact spelling for a word with a capital ASCII I (ISTANBUL, IŞSIZLIK)', () => {
    for (const raw of ['ISTANBUL', 'IŞSIZLIK', 'KILIÇDAROĞLU', 'ISPARTA']) {
      const r = rewriteQuery(raw, 'tr');
      assert.deepEqual(exactParts(r), [], `${raw} → ${r.q}`);
      assert.ok(r.q.length > 0);
    }
    assert.deepEqual(rewriteQuery('IŞSIZLIK', 'tr').terms, ['ışsızlık']);
  });

  it('adds the exact spelling for İŞSİZLİK and işsizlik', () => {
    for (const raw of ['İŞSİZLİK', 'işsizlik', 'İşsizlik']) {
      const r = rewriteQuery(raw, 'tr');
      assert.deepEqual(r.terms, ['işsizlik'], raw);
      // işsizlik and ıssızlık fold alike: the root's code, then the word's.
      assert.deepEqual(exactParts(r), ['qrisxsizlikq', 'isxsizlikq'], `${raw} → ${r.q}`);
    }
    // Mixed: only the words without a capital I give one.
    assert.deepEqual(exactParts(rewriteQuery('IŞSIZLIK kırda', 'tr')), ['qrkixrq', 'kixrdaq']);
  });

  it(`never sends more than ${MEILI_MAX_QUERY_WORDS} words, and lists stems that did not fit in \`ignored\``, () => {
    const words = 'ankara izmir bursa antalya konya adana mersin kayseri samsun trabzon erzurum van';
    const r = rewriteQuery(words, 'tr');
    assert.equal(r.terms.length, 12);
    assert.equal(countWords(r.q), MEILI_MAX_QUERY_WORDS);
    assert.deepEqual(partsOf(r.q), ['ankara', 'izmir', 'bursa', 'antalya', 'konya', 'adana', 'mersin', 'kayseri', 'samsun', 'trabzon']);
    assert.deepEqual(r.ignored, ['erzurum', 'van']);
  });

  it('puts phrases first, then stems, then exclusions, and lists what did not fit', () => {
    const r = rewriteQuery('ankara "ak parti" -akp -"chp il" izmir bursa antalya konya adana mersin kayseri samsun', 'tr');
    assert.equal(r.q, '"ak parti" ankara izmir bursa antalya konya adana mersin kayseri ');
    assert.equal(countWords(r.q), MEILI_MAX_QUERY_WORDS);
    assert.deepEqual(r.ignored, ['samsun', '-akp', '-"chp il"']);
    // With room left, exclusions come right after the stems.
    assert.equal(rewriteQuery('ankara -akp -"chp il" izmir', 'tr').q.split(' -')[0], 'ankara izmir');
  });

  it('drops exact spellings and typed words first: every stem of a 5-word query is sent', () => {
    const r = rewriteQuery('seçimlerde belediyesinin işsizlik ekonomisi hükümetin', 'tr');
    const stems = ['secim', 'belediye', 'issizlik', 'ekonomi', 'hukumet'];
    assert.deepEqual(Object.values(r.stems).flat(), stems);
    assert.deepEqual(partsOf(r.q).slice(0, 5), stems);
    assert.ok(countWords(r.q) <= MEILI_MAX_QUERY_WORDS);
    assert.deepEqual(r.ignored, []); // only stems, phrases and exclusions are reported
  });

  it('drops exact spellings and typed words first: 8 stems and only 2 more words', () => {
    const r = rewriteQuery('seçimlerde işsizlik hükümetin başkanı yatırımları öğrenciler çiftçiler güneşli', 'tr');
    const stems = ['secim', 'issizlik', 'hukumet', 'baskan', 'yatirim', 'ogrenci', 'ciftci', 'gunesli'];
    const parts = partsOf(r.q);
    assert.equal(parts.length, MEILI_MAX_QUERY_WORDS);
    assert.deepEqual(parts.slice(0, 8), stems);
    assert.deepEqual(parts.slice(8), ['qrisxsizlikq', 'isxsizlikq']); // the first word's root code and spelling (işsizlik/ıssızlık fold alike)
    assert.deepEqual(r.ignored, []);
  });

  it('keeps the prefix match on a known last word only while it is being typed (suggestions)', () => {
    assert.equal(rewriteQuery('ekrem ima', 'tr').q, 'ekrem ima ');
    assert.equal(rewriteQuery('ekrem ima', 'tr').prefix, undefined);
    const typing = rewriteQuery('ekrem ima', 'tr', { typing: true });
    assert.equal(typing.q, 'ekrem ima');
    assert.equal(typing.prefix, 'ima');
  });

  it('lets a given lang win over detection', () => {
    const r = rewriteQuery('the mayor', 'tr');
    assert.equal(r.lang, 'tr');
    assert.equal(r.langSource, 'param');
    assert.deepEqual(r.terms, ['the', 'mayor']); // `the` is no Turkish stop word
    assert.deepEqual(r.dropped, []);
    const detected = rewriteQuery('the mayor');
    assert.equal(detected.lang, 'en');
    assert.equal(detected.langSource, 'detected');
    assert.deepEqual(detected.terms, ['mayor']);
    // Casing follows the given language: Turkish I → ı, English I → i.
    assert.deepEqual(rewriteQuery('ISPARTA', 'tr').terms, ['ısparta']);
    assert.deepEqual(rewriteQuery('ISPARTA', 'en').terms, ['isparta']);
  });

  it('still gives stems to a query of undetermined language', () => {
    for (const [raw, stem] of [['istanbul', 'istanbul'], ['bursa', 'bursa'], ['ankara', 'ankara']] as const) {
      const r = rewriteQuery(raw);
      assert.equal(r.lang, 'und', raw);
      assert.equal(r.langSource, 'undetermined', raw);
      assert.deepEqual(r.stems, { [raw]: [stem] });
      assert.equal(partsOf(r.q)[0], stem);
    }
  });

  it('has a stems entry for every term, and every stem is sent or listed in `ignored`', () => {
    const queries = [
      'seçimlerde belediye başkanı',
      'the mayors of Istanbul',
      "Kılıçdaroğlu'nun açıklaması",
      'ankara izmir bursa antalya konya adana mersin kayseri samsun trabzon erzurum van',
      've ile',
      'istanbul',
    ];
    for (const raw of queries) {
      const r = rewriteQuery(raw);
      const parts = partsOf(r.q);
      for (const t of r.terms) {
        assert.ok(Object.hasOwn(r.stems, t), `${raw}: no stems for ${t}`);
        assert.ok(r.stems[t]!.length > 0, `${raw}: empty stems for ${t}`);
        for (const s of r.stems[t]!) assert.ok(parts.includes(s) || r.ignored.includes(s), `${raw}: stem ${s} lost`);
      }
      assert.deepEqual(Object.keys(r.stems).sort(), [...new Set(r.terms)].sort(), raw);
      // Stems are ASCII-folded.
      for (const s of Object.values(r.stems).flat()) assert.doesNotMatch(s, /[ışçğöü]/u, `${raw}: ${s}`);
    }
    const tr = analyzerFor('tr');
    assert.deepEqual(rewriteQuery('belediyesinin', 'tr').stems, { belediyesinin: [tr.stem('belediyesinin')] });
  });

  it('gives an empty q for a query without words', () => {
    for (const raw of ['', ' ?! ', '—', '\u200f\u200e', '""']) {
      const r = rewriteQuery(raw);
      assert.equal(r.q, '', JSON.stringify(raw));
      assert.deepEqual(r.terms, []);
    }
  });
});

describe('rewriteQuery: long phrases', () => {
  it('cuts a phrase longer than the window to what fits; phrases come first, the rest is listed in `ignored`', () => {
    const r = rewriteQuery('seçim "bir iki üç dört beş altı yedi sekiz dokuz on onbir"', 'tr');
    assert.equal(r.q, '"bir iki üç dört beş altı yedi sekiz dokuz on"');
    assert.deepEqual(r.ignored, ['"onbir"', 'secim']);
  });

  it('a query made only of a phrase longer than the window still sends words', () => {
    const r = rewriteQuery('"bir iki üç dört beş altı yedi sekiz dokuz on onbir"', 'tr');
    assert.equal(r.q, '"bir iki üç dört beş altı yedi sekiz dokuz on"');
    assert.equal(countWords(r.q), MEILI_MAX_QUERY_WORDS);
    assert.deepEqual(r.ignored, ['"onbir"']);
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

const PIECES = [
  'seçim', 'belediye', 'Kılıçdaroğlu', "İstanbul'da", 'ISTANBUL', 'IŞSIZLIK', 'İŞSİZLİK', 'şu', 've', 'ile', 'the', 'of',
  'mayors', 'elections', 'akp', 'ak', 'parti', 'covid-19', '2024', '"', '"', '-', '-"', '--', '" ', ' "', '\u2019', "'",
  '\u0307', '\u0301\u0301', 'i\u0307', 'I\u0307', '\u200e', '\u200f', '\u202e', '\u0000', '\u{1F600}', '\u{1F1F9}\u{1F1F7}',
  'مرحبا', '\ud800', '\t', '\n', '\u00a0', '\u3000', ' ', ' ', ' ',
];

function randomQuery(rnd: () => number): string {
  let s = '';
  const n = Math.floor(rnd() * 30);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.04) s += (rnd() < 0.5 ? 'ş' : 'a').repeat(200 + Math.floor(rnd() * 5000)); // very long word
    else if (r < 0.1) {
      const cp = Math.floor(rnd() * 0x110000); // anything at all
      s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    } else s += PIECES[Math.floor(rnd() * PIECES.length)]!;
    if (rnd() < 0.5) s += ' ';
  }
  return s;
}

describe('rewriteQuery on random strings', () => {
  it(`never throws, sends no empty word and at most ${MEILI_MAX_QUERY_WORDS} words (2000 strings × 4 languages)`, () => {
    const rnd = mulberry32(20240611);
    let nonEmpty = 0;
    let phrases = 0;
    for (let n = 0; n < 2000; n++) {
      const raw = randomQuery(rnd);
      for (const lang of [undefined, 'tr', 'en', 'xx']) {
        const where = `${JSON.stringify(raw.slice(0, 200))} (${lang})`;
        const r = rewriteQuery(raw, lang);
        if (r.q === '') continue;
        nonEmpty += 1;
        if (r.q.includes('"')) phrases += 1;
        // One trailing space may close q (no prefix match on its last word); no word is empty.
        assert.ok(r.q.replace(/ $/, '').split(' ').every((w) => w.length > 0), `empty word in ${JSON.stringify(r.q)} from ${where}`);
        assert.doesNotMatch(r.q, /[\t\n\u00a0\u3000\u0000\u200e\u200f]/u, where);
        assert.ok(countWords(r.q) <= MEILI_MAX_QUERY_WORDS, `${countWords(r.q)} words in ${JSON.stringify(r.q)} from ${where}`);
        assert.equal(countWords(r.q), r.q.replace(/ $/, '').split(' ').length, `${JSON.stringify(r.q)} from ${where}`);
        assert.equal((r.q.match(/"/g) ?? []).length % 2, 0, `unbalanced quotes in ${JSON.stringify(r.q)} from ${where}`);
        for (const t of r.terms) assert.ok(t.length > 0 && Object.hasOwn(r.stems, t), where);
        // Outside phrases and exclusions, q holds only folded stems and ASCII exact spellings.
        for (const p of partsOf(r.q)) if (!/^-|"/.test(p)) assert.doesNotMatch(p, /[ışçğöüİIŞÇĞÖÜ]/u, `${p} from ${where}`);
      }
    }
    // Not vacuous: most queries give words, and some keep phrases.
    assert.ok(nonEmpty > 4000, `${nonEmpty} non-empty q`);
    assert.ok(phrases > 100, `${phrases} q with phrases`);
  });
});
