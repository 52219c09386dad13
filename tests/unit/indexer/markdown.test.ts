import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../indexer/formats/markdown.ts';

describe('parseMarkdown', () => {
  it('reads front matter fields, quotes removed', () => {
    const r = parseMarkdown('---\ntitle: "Seçim sonuçları"\ndate: 2024-03-31\nlang: tr\nSource: Duvar\n---\nGövde metni.\n');
    assert.deepEqual(r, { title: 'Seçim sonuçları', body: '', date: '2024-03-31', lang: 'tr', source: 'Duvar' });
  });

  it('takes the first heading as title and leaves it out of the body', () => {
    const r = parseMarkdown("# İmamoğlu'nun açıklaması\n\nİlk paragraf.\n\n## Alt başlık\n\nSon.");
    assert.equal(r.title, "İmamoğlu'nun açıklaması");
    assert.match(r.body!, /^İlk paragraf\.\s+Alt başlık\s+Son\.$/);
  });

  it('lets a front-matter title win over the heading', () => {
    const r = parseMarkdown('---\ntitle: Künye\n---\n# Başlık\n\nGövde.');
    assert.equal(r.title, 'Künye');
    assert.equal(r.body, 'Gövde.');
  });

  it('strips links, images, emphasis, quotes and list markers', () => {
    const r = parseMarkdown(
      '# T\n\n**Kalın** ve _eğik_ bir [bağlantı](https://example.org) ile ![resim](a.png) `kod`.\n> Alıntı\n- madde bir\n* madde iki',
    );
    assert.equal(r.body, 'Kalın ve eğik bir bağlantı ile resim kod.\nAlıntı\nmadde bir\nmadde iki');
  });

  it('removes fenced code blocks', () => {
    const r = parseMarkdown('# T\n\nÖnce.\n\n```js\nconst secret = 1;\n```\n\nSonra.\n\n```\nmore code\n```\n');
    assert.doesNotMatch(r.body!, /secret|more code|```/);
    assert.match(r.body!, /^Önce\.\s+Sonra\.$/);
  });

  it('falls back to the plain-text rules without a heading', () => {
    assert.deepEqual(parseMarkdown('Başlıksız bir metin.\r\nİkinci satır.'), { title: 'Başlıksız bir metin.', body: 'İkinci satır.', date: undefined });
  });

  it('reads YAML front matter as YAML: dates, quotes, comments, unknown keys left out', () => {
    const r = parseMarkdown(
      '---\n# künye\ntitle: \'Görüş: "çok" önemli\'\ndate: 2025-11-03\ncategory: Gündem\nlang: tr\nsource: Yerel Gazete\ntags: [a, b]\n---\n\n# Başlık\n\nİlk paragraf **kalın** ve [bağlantı](https://example.org).\n\n> Alıntı `kod`\n\n```\nkod bloğu\n```\n\n<div>ham html</div>\n',
    );
    assert.deepEqual(r, {
      title: 'Görüş: "çok" önemli',
      date: '2025-11-03',
      category: 'Gündem',
      lang: 'tr',
      source: 'Yerel Gazete',
      body: 'İlk paragraf kalın ve bağlantı.\nAlıntı kod',
    });
  });

  it('a line of dashes later in the text is not front matter, and a Setext heading is a heading', () => {
    const r = parseMarkdown('Başlık\n======\n\nMetin.\n\n---\n\nSon.');
    assert.equal(r.title, 'Başlık');
    assert.equal(r.body, 'Metin.\nSon.');
  });

  it('never runs JavaScript front matter, and says why the file is refused', () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    assert.throws(() => parseMarkdown('---js\n{ title: (globalThis.pwned = true, "x") }\n---\nMetin.'), /invalid front matter: JavaScript front matter is not read/);
    assert.equal((globalThis as { pwned?: boolean }).pwned, false);
    assert.throws(() => parseMarkdown('---\ntitle: [kapanmamış\n---\nMetin.'), /invalid front matter/);
  });
});
