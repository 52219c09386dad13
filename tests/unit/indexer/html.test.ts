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
    // As browsers do (HTML5): an unknown name stays as written, NUL and out-of-range code points become U+FFFD.
    ['&unknown; &#0; &#x110000;', '&unknown; \uFFFD \uFFFD'],
    ['G&ouml;r&uuml;&scedil; &ccedil;ok', 'Görüş çok'],
    ['&Idot;stanbul &inodot;&scedil;&inodot;k g&uuml;zel &gbreve;', 'İstanbul ışık güzel ğ'],
    ['&#350;&#305;k &#x11F;&#xFC;l', 'Şık ğül'],
  ];
  for (const [input, expected] of rows) {
    it(`${input} → ${expected}`, () => assert.equal(decodeEntities(input), expected));
  }
});

describe('parseHtml on Turkish pages written with entities', () => {
  const page = `<!DOCTYPE html>
<html lang="tr">
<head>
  <meta charset="utf-8">
  <title>Site ad&inodot; | Ana sayfa</title>
  <meta property="og:title" content="G&ouml;r&uuml;&scedil; &ccedil;ok: &#304;stanbul&#039;da ya&#287;mur">
  <meta property="article:published_time" content="2025-11-03T08:30:00+03:00">
</head>
<body>
  <header><a href="/">Site ad&inodot;</a> <nav><a href="/spor">Spor</a> <a href="/ekonomi">Ekonomi</a></nav></header>
  <aside class="sidebar"><h3>En &ccedil;ok okunanlar</h3><ul><li>Ba&scedil;ka haber</li></ul></aside>
  <article>
    <h1>G&ouml;r&uuml;&scedil; &ccedil;ok</h1>
    <p>&#304;stanbul&#039;da sa&#287;anak ya&#287;&#305;&#351; <strong>etkili</strong> oldu.</p>
    <div role="navigation">Payla&scedil;: Twitter</div>
    <p>Meteoroloji uyar&inodot;yor &ndash; yar&inodot;n da s&uuml;recek&hellip;</p>
  </article>
  <footer>&copy; 2025 Site ad&inodot; &middot; T&uuml;m haklar&inodot; sakl&inodot;d&inodot;r</footer>
  <script>document.write("&lt;p&gt;gizli&lt;/p&gt;")</script>
</body>
</html>`;
  const r = parseHtml(page);

  it('decodes named and numeric entities in title and body', () => {
    assert.equal(r.title, "Görüş çok: İstanbul'da yağmur");
    assert.equal(r.body, "Görüş çok\nİstanbul'da sağanak yağış etkili oldu.\nMeteoroloji uyarıyor – yarın da sürecek…");
  });

  it('keeps the article only: no header, navigation, sidebar, footer or script', () => {
    assert.doesNotMatch(r.body!, /Spor|Ekonomi|okunanlar|Başka haber|haklar|Paylaş|gizli|Site adı/);
  });

  it('takes the date from article:published_time, or from <time datetime>', () => {
    assert.equal(r.date, '2025-11-03');
    assert.equal(parseHtml('<body><main><time datetime="2024-02-29">29 Şubat</time><p>Artık gün.</p></main></body>').date, '2024-02-29');
  });

  it('without <article>, takes <main>; without <main>, the body less its navigation', () => {
    assert.equal(parseHtml('<body><nav>Menü</nav><main><p>As&inodot;l metin</p></main><footer>Alt</footer></body>').body, 'Asıl metin');
    assert.equal(parseHtml('<body><nav>Menü</nav><p>D&uuml;z sayfa</p><footer>Alt</footer></body>').body, 'Düz sayfa');
  });
});
