// The widget's text pieces: ranges → segments, the allowlist reader of suggestion HTML, links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarked, safeUrl, segments, suggestionSegments } from '../../../widget/marks.ts';

describe('segments', () => {
  it('cuts text at UTF-16 ranges, in order', () => {
    assert.deepEqual(segments('Ekrem İmamoğlu ve İBB', [{ start: 18, length: 3 }, { start: 6, length: 8 }]), [
      { text: 'Ekrem ', mark: false },
      { text: 'İmamoğlu', mark: true },
      { text: ' ve ', mark: false },
      { text: 'İBB', mark: true },
    ]);
  });

  it('counts an astral character as two units', () => {
    assert.deepEqual(segments('😀 seçim', [{ start: 3, length: 5 }]), [
      { text: '😀 ', mark: false },
      { text: 'seçim', mark: true },
    ]);
  });

  it('drops ranges out of bounds, empty, negative or overlapping an earlier one', () => {
    const text = 'abc def';
    assert.deepEqual(segments(text, [{ start: 4, length: 10 }, { start: -1, length: 2 }, { start: 1, length: 0 }, { start: 0, length: 3 }, { start: 2, length: 3 }]), [
      { text: 'abc', mark: true },
      { text: ' def', mark: false },
    ]);
  });

  it('keeps markup in the text as text', () => {
    assert.deepEqual(segments('<img src=x onerror=alert(1)>', []), [{ text: '<img src=x onerror=alert(1)>', mark: false }]);
  });
});

describe('parseMarked (allowlist: text, five entities, <mark>)', () => {
  it('reads what the gateway escaper writes', () => {
    assert.deepEqual(parseMarked('<mark>İstanbul</mark>&#39;da &amp; &lt;b&gt; &quot;x&quot;'), [
      { text: 'İstanbul', mark: true },
      { text: `'da & <b> "x"`, mark: false },
    ]);
  });

  it('gives up on anything else', () => {
    for (const bad of ['<img src=x onerror=alert(1)>', '<mark onclick="x">a</mark>', '<MARK>a</MARK>', 'a &nbsp; b', 'a & b', '<mark><mark>a</mark></mark>', '<mark>a', 'a</mark>', '<script>alert(1)</script>', '&#60;']) {
      assert.equal(parseMarked(bad), null, bad);
    }
  });

  it('suggestionSegments falls back to the plain text when html is refused or does not spell text', () => {
    assert.deepEqual(suggestionSegments('<mark>ima</mark>moğlu', 'imamoğlu'), [
      { text: 'ima', mark: true },
      { text: 'moğlu', mark: false },
    ]);
    assert.deepEqual(suggestionSegments('<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'), [{ text: '<img src=x onerror=alert(1)>', mark: false }]);
    assert.deepEqual(suggestionSegments('<mark>other</mark>', 'imamoğlu'), [{ text: 'imamoğlu', mark: false }]);
  });
});

describe('safeUrl', () => {
  it('keeps http(s) links only', () => {
    assert.equal(safeUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(safeUrl('http://example.com'), 'http://example.com/');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '', null]) {
      assert.equal(safeUrl(bad), null, String(bad));
    }
  });
});
