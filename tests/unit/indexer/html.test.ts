import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEntities, parseHtml } from '../../../indexer/formats/html.ts';

const PAGE = `<!doctype html>
<html lang="tr-TR">
<head>
  <title>Seçim &amp; sonuç</title>
  <meta name="date" content="2024-03-31T20:00:00+03:00">
  <meta property="og:site_name" content="Türkiye'nin Sesi">
  <meta property="article:section" content="Siyaset">
  <link rel="canonical" href="https://example.org/secim">
  <style>p { color: red }</style>
</head>
<body>
  <h1>Başlık</h1>
  <p>İstanbul&#39;da seçim &#x15F;ehir&nbsp;merkezinde &lt;b&gt;</p>
  <script>var secret = "<p>gizli</p>";</script>
  <!-- yorum -->
  <p>İkinci paragraf</p>
</body>
</html>`;

describe('parseHtml', () => {
  const r = parseHtml(PAGE);

  it('takes <title>, decoded, as title', () => assert.equal(r.title, 'Seçim & sonuç'));
  it('takes the language from <html lang="tr-TR">', () => assert.equal(r.lang, 'tr'));
  it('takes the date from a meta tag, cut to the day', () => assert.equal(r.date, '2024-03-31'));
  it('keeps an apostrophe inside a double-quoted meta content', () => assert.equal(r.source, "Türkiye'nin Sesi"));
  it('reads category and canonical url', () => {
    assert.equal(r.category, 'Siyaset');
    assert.equal(r.url, 'https://example.org/secim');
  });
  it('keeps visible text only, one line per block, entities decoded', () => {
    assert.equal(r.body, "Başlık\nİstanbul'da seçim şehir merkezinde <b>\nİkinci paragraf");
  });

  it('falls back to the first <h1> for the title', () => {
    assert.equal(parseHtml('<html><body><h1>Yalnız <em>h1</em></h1><p>x</p></body></html>').title, 'Yalnız h1');
  });

  it('ignores a meta date that is not a date', () => {
    assert.equal(parseHtml('<meta name="date" content="dün"><body>x</body>').date, undefined);
  });
});

describe('decodeEntities', () => {
  const rows: [string, string][] = [
    ['&amp;lt;', '&lt;'],
    ['&#304;&#x131;', 'İı'],
    ['&QUOT;x&quot;', '"x"'],
    ['&unknown; &#0; &#x110000;', '&unknown; &#0; &#x110000;'],
  ];
  for (const [input, expected] of rows) {
    it(`${input} → ${expected}`, () => assert.equal(decodeEntities(input), expected));
  }
});
