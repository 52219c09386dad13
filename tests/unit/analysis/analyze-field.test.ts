import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeField, FIELD_SEPARATOR, stemChunks, STEMS_PER_FIELD, TAIL_STEMS_PER_FIELD } from '../../../src/analysis/analyze.ts';
import { analyzerFor, runChain } from '../../../src/analysis/chains.ts';
import { rewriteQuery } from '../../../src/analysis/query.ts';
import { exactForms } from '../../../src/analysis/filters/exact.ts';
import { tokenize } from '../../../src/analysis/filters/tokenize.ts';
import { corpusMissing, readCorpusHead } from './corpus-sample.ts';

describe('analyzeField', () => {
  it('returns no stems and no exact forms for empty or missing text', () => {
    assert.deepEqual(analyzeField(undefined, 'tr'), { stems: [], exact: '' });
    assert.deepEqual(analyzeField('', 'tr'), { stems: [], exact: '' });
    assert.deepEqual(analyzeField('', 'en'), { stems: [], exact: '' });
    assert.deepEqual(analyzeField(' ?! — ', 'tr'), { stems: [], exact: '' }); // no word at all
  });

  const rows: [string, string, string[], string][] = [
    // Meilisearch cuts `Kılıçdaroğlu'nun` at the apostrophe, so `kilicdaroglu` is a word of the
    // field already; it keeps `Kılıçdaroğluʼnun` (U+02BC) whole, so there the stem is needed.
    // Exact spellings only where a query asks for them (spellingMatters): `açıklama` is a
    // verbal noun (broad root); a noun's inflections (`kılıçdaroğlu`, `seçimler…`) get none.
    ["Kılıçdaroğlu'nun açıklaması", 'tr', ['aciklama'], 'acxixklamasixq'],
    ['Kılıçdaroğluʼnun açıklaması', 'tr', ['kilicdaroglu aciklama'], 'acxixklamasixq'],
    // Each stem once, in order of first use.
    ['Seçimlerde belediyeler, seçimlerin', 'tr', ['secim belediye'], ''],
    ['The mayors of Istanbul', 'en', ['mayor'], ''],
    // Words written as their stem need none; exact forms are distinct and stay. `sik` is a word
    // with a Turkish-letter twin, so it has an exact spelling too.
    // Their roots fold alike (sik: sık, şık, sik), so each also carries its root's code (`qr…q`).
    ['sık sık şık sik', 'tr', [], 'sixkq sxixkq sikq qrsixkq qrsxixkq qrsikq'],
    // ASCII twins only in Turkish text: English `gol` is no Turkish word written without its letters.
    ['sis şiş gol göl', 'tr', [], 'sisq sxisxq golq goxlq qrsisq qrsxisxq qrgolq qrgoxlq'],
    // Every form of öl (die) carries öl's code; ol (be) shares its folded stem `ol`. The reading
    // of the ASCII-typed form (`oldu`) is the word as Meilisearch indexes it: no stem needed.
    ['Adam öldü, kırlarda', 'tr', ['ol kir'], 'oxlduxq kixrlardaq qroxlq qrkixrq'],
    ['sis gol', 'en', [], ''],
    // A word whose spelling gives another root than its ASCII-typed form is stored under both,
    // the root as spelled first: `saldirisi` (read saldırış + ı) still finds `saldırısı`.
    ['İdlib saldırısı', 'tr', ['saldiri saldiris'], ''],
  ];
  // Written with spaces here; the fields join their words with FIELD_SEPARATOR.
  const joined = (words: string) => words.split(' ').join(FIELD_SEPARATOR);
  for (const [text, lang, stems, exact] of rows) {
    it(`${lang}: ${JSON.stringify(text)} → ${JSON.stringify({ stems, exact })}`, () => {
      assert.deepEqual(analyzeField(text, lang), { stems: stems.map(joined), exact: joined(exact) });
    });
  }

  it('joins the words of a field with a hard separator, so Meilisearch stores no word pairs for it', () => {
    // Meilisearch counts 8 positions across `.`, past its proximity window of 7.
    assert.equal(FIELD_SEPARATOR.trim(), '.');
    assert.deepEqual(analyzeField('Seçimlerde belediyeler', 'tr').stems, ['secim. belediye']);
  });

  it('drops stop words from the stems but keeps their exact spelling (şu ≠ su)', () => {
    assert.ok(analyzerFor('tr').stop.has('şu'), 'şu is a Turkish stop word');
    const r = analyzeField('şu belediyeler', 'tr');
    assert.deepEqual(r.stems, ['belediye']);
    assert.ok(!r.stems.join(FIELD_SEPARATOR).split(FIELD_SEPARATOR).includes('su'));
    assert.equal(r.exact, 'sxuq');
    // `sular` (waters) is a content word: it has a stem (and, read as an aorist, the verb `sula`),
    // and `su` an exact spelling of its own (`şu` is its twin). Its root's fold is shared too
    // (su, şu), so each form carries its root's code as well.
    assert.deepEqual(analyzeField('sular', 'tr'), { stems: [joined('su sula')], exact: 'qrsuq' });
    assert.deepEqual(analyzeField('su', 'tr'), { stems: [], exact: joined('suq qrsuq') });
    // A field of stop words only has no stems at all, yet keeps the exact spellings a query asks
    // for (`şu` above); `için` folds to no other word, so none is asked for.
    assert.deepEqual(analyzeField('ve ile için', 'tr'), { stems: [], exact: '' });
  });

  it(`cuts the stems into chunks of ${STEMS_PER_FIELD} (Meilisearch’s per-attribute position limit)`, () => {
    // 8 positions a stem (FIELD_SEPARATOR) within 65,535 positions an attribute.
    assert.ok(STEMS_PER_FIELD * 8 < 65_535 && TAIL_STEMS_PER_FIELD < 65_535);
    const n = STEMS_PER_FIELD + 5;
    const stems = Array.from({ length: n }, (_, i) => `s${i}`);
    const chunks = stemChunks(stems);
    assert.equal(chunks.length, 2);
    const first = chunks[0]!.split(FIELD_SEPARATOR);
    // Further chunks are joined by spaces (see TAIL_STEMS_PER_FIELD), in order.
    assert.deepEqual(first, stems.slice(0, STEMS_PER_FIELD));
    assert.deepEqual(chunks[1]!.split(' '), stems.slice(STEMS_PER_FIELD));
    assert.deepEqual(stemChunks(stems.slice(0, STEMS_PER_FIELD)), [stems.slice(0, STEMS_PER_FIELD).join(FIELD_SEPARATOR)]);
    assert.deepEqual(stemChunks([]), []);
  });

  it('gives a long text one stem per distinct stem, and its exact forms once', () => {
    const content = ['belediyeler', 'seçimlerde', 'ekonomisi', 'hükümetin', 'başkanı', 'yatırımlar', 'işsizliği'];
    const words: string[] = [];
    // Stop words between the content words are no stems.
    for (let i = 0; i < STEMS_PER_FIELD + 5; i++) words.push(content[i % content.length]!, i % 3 === 0 ? 've' : 'için');
    const r = analyzeField(words.join(' '), 'tr');
    assert.deepEqual(r.stems, [['belediye', 'secim', 'ekonomi', 'hukumet', 'baskan', 'yatirim', 'issizlik'].join(FIELD_SEPARATOR)]);
    // The spellings and root codes of the words whose fold is shared (başkan/baskan,
    // hükümet/hükûmet, işsizlik/issizlik); the other nouns' inflections get none.
    assert.deepEqual(r.exact.split(FIELD_SEPARATOR).sort(), ['basxkanixq', 'huxkuxmetinq', 'isxsizligxiq', 'qrbasxkanq', 'qrhuxkuxmetq', 'qrisxsizlikq']);
  });

  it('stores every exact spelling a query asks for: each word of 300 Turkish articles, searched alone', { skip: corpusMissing('tr') }, async () => {
    const tr = analyzerFor('tr');
    const words = new Set<string>();
    for (const d of await readCorpusHead('tr', 300)) for (const w of tokenize(`${d.title} ${d.body}`)) words.add(w);
    let asked = 0;
    const missing: string[] = [];
    for (const w of words) {
      // The word's own spellings (filters/exact.ts); root codes (`qr…`) are stored as before.
      const spellings = new Set(exactForms(runChain([w], tr.normalize), tr.exact));
      const codes = rewriteQuery(w, 'tr').q.split(' ').filter((t) => spellings.has(t));
      if (!codes.length) continue;
      asked++;
      const stored = new Set(analyzeField(w, 'tr').exact.split(FIELD_SEPARATOR));
      for (const c of codes) if (!stored.has(c)) missing.push(`${w} → ${c}`);
    }
    assert.ok(asked > 500, `only ${asked} words asked for their spelling`);
    assert.deepEqual(missing.slice(0, 20), []);
  });
});
