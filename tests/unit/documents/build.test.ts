import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeField, FIELD_SEPARATOR } from '../../../src/analysis/index.ts';
import { analysedPart, bodyHead, buildDocument } from '../../../src/documents/build.ts';
import { BODY_HEAD_CHARS, MAX_ANALYSED_CHARS, SNIPPET_SCAN_CHARS } from '../../../src/search/limits.ts';
import { DocumentError } from '../../../src/documents/types.ts';

const TR = { title: 'Belediye meclisi toplandı', body: 'İstanbul Büyükşehir Belediye Meclisi bugün toplandı ve bütçeyi kabul etti.' };

describe('buildDocument', () => {
  it('takes the body from body, text or content', () => {
    for (const field of ['body', 'text', 'content']) {
      assert.equal(buildDocument({ id: 'a', lang: 'tr', title: 'T', [field]: 'Gövde metni' }).body, 'Gövde metni', field);
    }
  });

  it('turns a numeric id into a string and derives the primary key', () => {
    const doc = buildDocument({ ...TR, id: 42 });
    assert.equal(doc.id, '42');
    assert.equal(doc.pk, '42');
    assert.match(buildDocument({ ...TR, id: 'haber 42' }).pk, /^h_/);
  });

  it('gives a document without id a content id', () => {
    assert.equal(buildDocument(TR).id, buildDocument({ ...TR }).id);
    assert.match(buildDocument(TR).id, /^[0-9a-f]{32}$/);
  });

  const rejected: [string, unknown, RegExp][] = [
    ['no title and no body', { id: 'a', title: '  ', body: '' }, /neither title nor body/],
    ['a non-string title', { id: 'a', title: 7, body: 'x' }, /field "title" must be a string, got number/],
    ['an array date', { id: 'a', title: 'x', date: ['2024'] }, /field "date" must be a string, got array/],
    ['an invalid lang', { id: 'a', title: 'x', lang: 'turkish' }, /lang "turkish" is not an ISO 639-1 code/],
    ['an invalid date', { id: 'a', title: 'x', date: '2023-02-29' }, /no day 29/],
    ['a fractional id', { id: 1.5, title: 'x' }, /id must be/],
    ['an array', [], /must be a JSON object/],
    ['null', null, /must be a JSON object/],
  ];
  for (const [name, record, message] of rejected) {
    it(`rejects ${name} with a DocumentError`, () => {
      assert.throws(() => buildDocument(record), (err: Error) => {
        assert.ok(err instanceof DocumentError);
        assert.match(err.message, message);
        return true;
      });
    });
  }

  it('lower-cases a given lang', () => {
    assert.equal(buildDocument({ ...TR, lang: 'TR' }).lang, 'tr');
    assert.equal(buildDocument({ ...TR, lang: ' EN ' }).lang, 'en');
  });

  it('uses opts.lang only for records without a lang, and detects otherwise', () => {
    assert.equal(buildDocument({ ...TR, lang: 'tr' }, { lang: 'en' }).lang, 'tr');
    assert.equal(buildDocument(TR, { lang: 'en' }).lang, 'en');
    assert.equal(buildDocument(TR).lang, 'tr');
    assert.equal(buildDocument({ title: 'The mayor of Istanbul', body: 'The council met on Monday and approved the budget.' }).lang, 'en');
  });

  it('stores numeric date fields', () => {
    const doc = buildDocument({ ...TR, date: '2024-06' });
    assert.equal(doc.date, '2024-06');
    assert.equal(doc.date_ts, Date.UTC(2024, 5, 1) / 1000);
    assert.equal(doc.date_end_ts, Date.UTC(2024, 6, 1) / 1000 - 1);
    assert.equal(doc.year, 2024);
    assert.equal(doc.month, '2024-06');
    const yearOnly = buildDocument({ ...TR, date: '2024' });
    assert.equal(yearOnly.year, 2024);
    assert.equal(yearOnly.month, undefined);
  });

  it('keeps source, category and url, trimmed, and drops empty ones', () => {
    const doc = buildDocument({ ...TR, source: ' Duvar ', category: '', url: 'https://example.org/a' });
    assert.equal(doc.source, 'Duvar');
    assert.equal('category' in doc, false);
    assert.equal(doc.url, 'https://example.org/a');
  });

  it("stores the analysed forms of title and body, built with the document's language", () => {
    // `reforms`, `mayors` (English) and `açıklaması`, `toplandı` (Turkish) have a stem other than the word.
    const rec = { id: 'a', title: "Kılıçdaroğlu'nun açıklaması: reforms", body: 'Belediyeler ve mayors ISPARTA için toplandı.' };
    for (const lang of ['tr', 'en']) {
      const doc = buildDocument({ ...rec, lang });
      const title = analyzeField(rec.title, lang);
      const body = analyzeField(rec.body, lang);
      assert.deepEqual(
        { title_stem: doc.title_stem, title_exact: doc.title_exact, body_stem: doc.body_stem, body_exact: doc.body_exact },
        { title_stem: title.stems.join(FIELD_SEPARATOR), title_exact: title.exact, body_stem: body.stems[0], body_exact: body.exact },
      );
      assert.notEqual(doc.title_stem, '');
      assert.notEqual(doc.body_stem, '');
    }
    assert.ok(!buildDocument({ ...rec, lang: 'tr' }).body_stem.split(FIELD_SEPARATOR).includes('ve'), 'Turkish stop word left out');
    assert.notEqual(buildDocument({ ...rec, lang: 'tr' }).body_stem, buildDocument({ ...rec, lang: 'en' }).body_stem);
  });
});

describe('bodyHead (what search hits retrieve instead of the body)', () => {
  it('is the body when it is short, its first BODY_HEAD_CHARS characters when longer', () => {
    assert.equal(buildDocument({ title: 't', body: 'kısa gövde' }).body_head, 'kısa gövde');
    const long = 'kelime '.repeat(5_000);
    const head = buildDocument({ title: 't', body: long }).body_head;
    assert.equal(head, long.slice(0, BODY_HEAD_CHARS));
    // Longer than what a snippet reads: the gateway knows the body goes on.
    assert.ok(head.length > SNIPPET_SCAN_CHARS);
    assert.equal(bodyHead('x'.repeat(SNIPPET_SCAN_CHARS)).length, SNIPPET_SCAN_CHARS);
  });

  it('never ends inside a surrogate pair', () => {
    const body = `${'a'.repeat(BODY_HEAD_CHARS - 1)}😀 and more`;
    const head = bodyHead(body);
    assert.equal(head, `${'a'.repeat(BODY_HEAD_CHARS - 1)}😀`);
    assert.ok(head.isWellFormed());
  });
});

describe('analysedPart (bounded analysis of a huge body)', () => {
  it('is the body up to MAX_ANALYSED_CHARS, cut before a word; the stored body stays whole', () => {
    const body = 'kelime '.repeat(Math.ceil((MAX_ANALYSED_CHARS + 50_000) / 7));
    const part = analysedPart(body);
    assert.ok(part.length <= MAX_ANALYSED_CHARS && part.length > MAX_ANALYSED_CHARS - 1_000);
    assert.ok(body.startsWith(part) && part.endsWith('kelime'));
    assert.equal(analysedPart('kısa gövde'), 'kısa gövde');
    const doc = buildDocument({ title: 't', body: `${body}sonkelime`, lang: 'tr' });
    assert.ok(doc.body.endsWith('sonkelime'));
  });
});
