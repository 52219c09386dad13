import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeField, FIELD_SEPARATOR, STEMS_PER_FIELD, TAIL_STEMS_PER_FIELD } from '../../../src/analysis/analyze.ts';
import { analyzerFor } from '../../../src/analysis/chains.ts';

describe('analyzeField', () => {
  it('returns no stems and no exact forms for empty or missing text', () => {
    assert.deepEqual(analyzeField(undefined, 'tr'), { stems: [], exact: '' });
    assert.deepEqual(analyzeField('', 'tr'), { stems: [], exact: '' });
    assert.deepEqual(analyzeField('', 'en'), { stems: [], exact: '' });
    assert.deepEqual(analyzeField(' ?! — ', 'tr'), { stems: [], exact: '' }); // no word at all
  });

  const rows: [string, string, string[], string][] = [
    ["Kılıçdaroğlu'nun açıklaması", 'tr', ['kilicdaroglu aciklama'], 'kixlixcxdarogxluq acxixklamasixq'],
    ['Seçimlerde belediyeler', 'tr', ['secim belediye'], 'secximlerdeq'],
    ['The mayors of Istanbul', 'en', ['mayor istanbul'], ''],
    // Stems keep every position, exact forms are distinct; `sik` is a word with a Turkish-letter
    // twin, so it has an exact spelling too.
    // Their roots fold alike (sik: sık, şık, sik), so each also carries its root's code (`qr…q`).
    ['sık sık şık sik', 'tr', ['sik sik sik sik'], 'sixkq sxixkq sikq qrsixkq qrsxixkq qrsikq'],
    // ASCII twins only in Turkish text: English `gol` is no Turkish word written without its letters.
    ['sis şiş gol göl', 'tr', ['sis sis gol gol'], 'sisq sxisxq golq goxlq qrsisq qrsxisxq qrgolq qrgoxlq'],
    // Every form of öl (die) carries öl's code; ol (be) shares its folded stem `ol`.
    ['Adam öldü, kırlarda', 'tr', ['adam ol oldu kir'], 'oxlduxq kixrlardaq qroxlq qrkixrq'],
    ['sis gol', 'en', ['sis gol'], ''],
    // A word whose spelling gives another root than its ASCII-typed form is stored under both,
    // the root as spelled first: `saldirisi` (read saldırış + ı) still finds `saldırısı`.
    ['İdlib saldırısı', 'tr', ['idlib saldiri saldiris'], 'saldixrixsixq'],
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
    const r = analyzeField('şu belediye', 'tr');
    assert.deepEqual(r.stems, ['belediye']);
    assert.ok(!r.stems.join(FIELD_SEPARATOR).split(FIELD_SEPARATOR).includes('su'));
    assert.equal(r.exact, 'sxuq');
    // `su` (water) is a content word: it has a stem, and an exact spelling of its own (`şu` is its twin).
    // Its root's fold is shared too, so it carries its root's code as well.
    assert.deepEqual(analyzeField('su', 'tr'), { stems: ['su'], exact: joined('suq qrsuq') });
    // A field of stop words only has no stems at all, yet keeps the exact spellings.
    assert.deepEqual(analyzeField('ve ile için', 'tr'), { stems: [], exact: 'icxinq' });
  });

  it(`cuts the stems into chunks of ${STEMS_PER_FIELD} (Meilisearch’s per-attribute position limit)`, () => {
    // 8 positions a stem (FIELD_SEPARATOR) within 65,535 positions an attribute.
    assert.ok(STEMS_PER_FIELD * 8 < 65_535 && TAIL_STEMS_PER_FIELD < 65_535);
    const content = ['belediye', 'seçimlerde', 'ekonomisi', 'hükümetin', 'başkanı', 'yatırımlar', 'işsizlik'];
    const stemOf: Record<string, string> = {
      belediye: 'belediye', seçimlerde: 'secim', ekonomisi: 'ekonomi', hükümetin: 'hukumet',
      başkanı: 'baskan', yatırımlar: 'yatirim', işsizlik: 'issizlik',
    };
    const n = STEMS_PER_FIELD + 5;
    const words: string[] = [];
    // Stop words between the content words must not count against the chunk size.
    for (let i = 0; i < n; i++) words.push(content[i % content.length]!, i % 3 === 0 ? 've' : 'için');
    const r = analyzeField(words.join(' '), 'tr');

    assert.equal(r.stems.length, 2);
    const first = r.stems[0]!.split(FIELD_SEPARATOR);
    // Further chunks are joined by spaces (see TAIL_STEMS_PER_FIELD).
    const second = r.stems[1]!.split(' ');
    assert.equal(first.length, STEMS_PER_FIELD);
    assert.equal(second.length, 5);
    // In order: the second chunk holds the stems of the last five content words.
    const expected = Array.from({ length: n }, (_, i) => stemOf[content[i % content.length]!]!);
    assert.deepEqual(second, expected.slice(STEMS_PER_FIELD));
    assert.deepEqual(first.slice(0, 7), expected.slice(0, 7));
    assert.equal(first.at(-1), expected[STEMS_PER_FIELD - 1]);
    // Exact forms are distinct, so a long text still gives one short string.
    // With the codes of the roots whose fold is shared (başkan/baskan, hükümet/hükûmet, işsizlik/issizlik).
    assert.deepEqual(r.exact.split(FIELD_SEPARATOR).sort(), ['basxkanixq', 'huxkuxmetinq', 'icxinq', 'isxsizlikq', 'qrbasxkanq', 'qrhuxkuxmetq', 'qrisxsizlikq', 'secximlerdeq', 'yatixrixmlarq']);
  });

  it(`keeps exactly ${STEMS_PER_FIELD} stems in one chunk`, () => {
    const r = analyzeField(Array.from({ length: STEMS_PER_FIELD }, () => 'seçim').join(' '), 'tr');
    assert.equal(r.stems.length, 1);
    assert.equal(r.stems[0]!.split(FIELD_SEPARATOR).length, STEMS_PER_FIELD);
    assert.equal(r.exact, 'secximq');
  });
});
