import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryMatcher, rewriteQuery } from '../../../src/analysis/index.ts';
import { bestWindow, escapeHtml, highlightAll, markRanges, seekSnippet, snippet } from '../../../src/search/highlight.ts';
import { tokenSpans } from '../../../src/analysis/index.ts';

const words = (...ws: string[]) => (w: string) => ws.indexOf(w);
const matcherFor = (q: string, lang: string, qLang?: string) => {
  const m = queryMatcher(rewriteQuery(q, qLang));
  return (w: string) => m(w, lang);
};

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('markRanges', () => {
  const rows: [string, string, { start: number; length: number }[], string][] = [
    ['marks ranges', 'Ekrem İmamoğlu konuştu', [{ start: 6, length: 8 }], 'Ekrem <mark>İmamoğlu</mark> konuştu'],
    ['escapes a <script> outside the marks', '<script>alert(1)</script> seçim', [{ start: 26, length: 5 }], '&lt;script&gt;alert(1)&lt;/script&gt; <mark>seçim</mark>'],
    ['escapes a literal <mark> of the document', '<mark>sahte</mark> gerçek', [{ start: 19, length: 6 }], '&lt;mark&gt;sahte&lt;/mark&gt; <mark>gerçek</mark>'],
    ['escapes inside a mark', "İBB'nin", [{ start: 0, length: 7 }], '<mark>İBB&#39;nin</mark>'],
    ['keeps &lt; entities as text', 'a &lt; b', [], 'a &amp;lt; b'],
    ['leaves plain text alone', 'Kılıçdaroğlu', [], 'Kılıçdaroğlu'],
  ];
  for (const [name, text, ranges, html] of rows) it(name, () => assert.equal(markRanges(text, ranges), html));
});

describe('highlightAll', () => {
  it('gives ranges in UTF-16 code units of the original text', () => {
    const text = '🇹🇷 İstanbul’da “seçim” günü';
    const h = highlightAll(text, matcherFor('istanbul seçim', 'tr'));
    assert.deepEqual(
      h.ranges.map((r) => text.slice(r.start, r.start + r.length)),
      ['İstanbul’da', 'seçim'],
    );
    assert.equal(h.html, '🇹🇷 <mark>İstanbul’da</mark> “<mark>seçim</mark>” günü');
  });

  it('marks words matched through their stem, not only as typed', () => {
    assert.equal(highlightAll("Seçimlerde İstanbul'da oy", matcherFor('seçim istanbulda', 'tr')).html, "<mark>Seçimlerde</mark> <mark>İstanbul&#39;da</mark> oy");
    assert.equal(highlightAll('ISTANBUL seçimi', matcherFor('İSTANBUL', 'tr')).html, '<mark>ISTANBUL</mark> seçimi');
    assert.equal(highlightAll('The mayors met', matcherFor('mayor', 'en')).html, 'The <mark>mayors</mark> met');
  });

  it('marks by prefix the last word Meilisearch prefix-matches (an unknown word, perhaps still being typed)', () => {
    assert.equal(highlightAll('Kılıçdaroğlu ve İstanbul', matcherFor('kilicd', 'tr')).html, '<mark>Kılıçdaroğlu</mark> ve İstanbul');
    // A complete word is not prefix-matched: `kil` (clay) does not mark Kılıçdaroğlu.
    assert.equal(highlightAll('Kılıçdaroğlu ve İstanbul', matcherFor('kil', 'tr')).html, 'Kılıçdaroğlu ve İstanbul');
  });

  it('marks nothing for an empty query', () => {
    assert.deepEqual(highlightAll('İstanbul', matcherFor('', 'tr')).ranges, []);
  });

  it('escapes markup that a matched word sits in', () => {
    const text = '<img src=x onerror=alert(1)> imamoğlu "quoted"';
    const h = highlightAll(text, matcherFor('imamoglu onerror', 'tr'));
    assert.equal(h.html, '&lt;img src=x <mark>onerror</mark>=alert(1)&gt; <mark>imamoğlu</mark> &quot;quoted&quot;');
    assert.ok(!/<(?!\/?mark>)/.test(h.html), 'no tag but <mark>');
  });
});

describe('bestWindow', () => {
  const text = 'a b c d e f g h i j';
  const spans = tokenSpans(text);
  const hitAt = (...is: number[]) => spans.map((_, i) => (is.includes(i) ? 0 : -1));
  it('is the start when nothing matched', () => assert.deepEqual(bestWindow(text, spans, hitAt(), 4), [0, 4]));
  it('is everything when the text is short', () => assert.deepEqual(bestWindow(text, spans, hitAt(3), 20), [0, 10]));
  it('centres a single match', () => assert.deepEqual(bestWindow(text, spans, hitAt(5), 3), [4, 7]));
  it('prefers the window with most distinct matches', () => {
    const t = 'x y z x q q q q x y z';
    const s = tokenSpans(t);
    const hit = s.map((w) => ['x', 'y', 'z'].indexOf(w.token));
    assert.deepEqual(bestWindow(t, s, hit, 3), [0, 3]);
  });
  it('starts at a sentence start between its start and its first match', () => {
    const t = 'one two. three four five six seven';
    const s = tokenSpans(t);
    assert.deepEqual(bestWindow(t, s, s.map((w) => (w.token === 'four' ? 0 : -1)), 5), [2, 7]);
  });
});

describe('snippet', () => {
  const body = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');

  it('crops around the match with markers at both cut ends', () => {
    const s = snippet(body, words('w50'), 5);
    assert.equal(s.text, '…w48 w49 w50 w51 w52…');
    assert.equal(s.html, '…w48 w49 <mark>w50</mark> w51 w52…');
    assert.deepEqual(s.ranges, [{ start: 9, length: 3 }]);
    assert.equal(s.text.slice(9, 12), 'w50');
  });

  it('has no leading marker at the start and no trailing marker at the end', () => {
    assert.equal(snippet(body, words('w0'), 3).text, 'w0 w1 w2…');
    assert.equal(snippet(body, words('w99'), 3).text, '…w97 w98 w99');
  });

  it('is the beginning when nothing matched, and the whole of a short text', () => {
    assert.equal(snippet(body, words(), 3).text, 'w0 w1 w2…');
    assert.equal(snippet('Kısa metin.', words('metin'), 30).html, 'Kısa <mark>metin</mark>.');
  });

  it('keeps punctuation that clings to the edge words and flattens line breaks', () => {
    const s = snippet('Giriş.\n"Kılıçdaroğlu," dedi ki: son.', words('Kılıçdaroğlu'), 2);
    assert.equal(s.text, '…"Kılıçdaroğlu," dedi…');
    assert.equal(s.text.slice(s.ranges[0]!.start, s.ranges[0]!.start + s.ranges[0]!.length), 'Kılıçdaroğlu');
  });

  it('escapes everything it does not mark', () => {
    const s = snippet('<script>alert("x")</script> seçim & sonuç', words('seçim'), 30);
    assert.equal(s.html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>seçim</mark> &amp; sonuç');
  });

  it('keeps symbols before the first word and after the last when nothing is cut', () => {
    assert.equal(snippet('👩‍👩‍👧 😀 Kadıköy sahilinde yürüyüş 🌊', words('Kadıköy'), 30).text, '👩‍👩‍👧 😀 Kadıköy sahilinde yürüyüş 🌊');
  });

  it('stops reading once a window holds every term, and still marks the cut', () => {
    let read = 0;
    const counting = (w: string) => (read++, ['w10', 'w11'].indexOf(w));
    const s = snippet(body, counting, 5, '…', 2);
    assert.equal(s.text, '…w9 w10 w11 w12 w13…');
    assert.ok(read < 30, `read ${read} of 100 words`);
    read = 0;
    assert.equal(snippet(body, counting, 5, '…', 3).text, '…w9 w10 w11 w12 w13…', 'a term the text lacks: same window, whole text read');
    assert.equal(read, 100);
  });

  it('reads only the first words when the query has no terms', () => {
    let read = 0;
    assert.equal(snippet(body, () => (read++, -1), 3, '…', 0).text, 'w0 w1 w2…');
    assert.equal(read, 3);
  });

  it('is empty for an empty body', () => assert.deepEqual(snippet('', words('x'), 5), { html: '', text: '', ranges: [] }));
});

describe('seekSnippet', () => {
  // About 17,900 characters: a 1,000-character first window ends near w220.
  const body = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');

  it('is the snippet of the first window when that holds a query word', () => {
    const budget = { chars: 100 };
    assert.equal(seekSnippet(body, words('w5'), 3, '…', 1, 1000, budget).text, '…w4 w5 w6…');
    assert.equal(budget.chars, 100, 'nothing read past the first window');
  });

  it('finds a query word past the first window (Meilisearch indexes the whole body), marked and cut on both sides', () => {
    const s = seekSnippet(body, words('w2500'), 3, '…', 1, 1000, { chars: 100_000 });
    assert.equal(s.text, '…w2499 w2500 w2501…');
    assert.equal(s.text.slice(s.ranges[0]!.start, s.ranges[0]!.start + s.ranges[0]!.length), 'w2500');
    assert.equal(s.html, '…w2499 <mark>w2500</mark> w2501…');
    assert.equal(seekSnippet(body, words('w2999'), 3, '…', 1, 1000, { chars: 100_000 }).text, '…w2997 w2998 w2999', 'no trailing marker at the end of the body');
  });

  it('reads no more than its budget, shared by the hits of a request, and falls back to the opening words', () => {
    const budget = { chars: 5000 };
    assert.equal(seekSnippet(body, words('w2500'), 3, '…', 1, 1000, budget).text, 'w0 w1 w2…');
    assert.ok(budget.chars <= 0);
    assert.equal(seekSnippet(body, words('w300'), 3, '…', 1, 1000, budget).text, 'w0 w1 w2…', 'budget spent: the first window only');
    assert.equal(seekSnippet(body, words('w100'), 3, '…', 1, 1000, budget).text, '…w99 w100 w101…');
  });
});
