// HTML safety and match offsets of /search and /suggest on a real Meilisearch, over an
// XSS corpus and Turkish text: the gateway's <mark> must be the only markup that survives,
// and `matches` must index the plain text in UTF-16 code units (what JS `slice` uses).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('api_highlight');
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;

const SCRIPT_TITLE = 'Council <script>alert(1)</script> notice';
const HARBOUR_FILLER = 'Boats and ferries crossed the calm water while tourists watched from the long pier near the old station';
const docs = [
  {
    id: 'xss-en',
    lang: 'en',
    title: SCRIPT_TITLE,
    body: `The council said <script>alert(1)</script> twice. <img src=x onerror=alert(1)> then 1 &lt; 2 as an entity, <a href="x" title='y'>council page</a> and a literal <mark>council</mark> tag.`,
  },
  {
    id: 'xss-tr',
    lang: 'tr',
    title: `Belediye "duyurusu" <b onmouseover='alert(2)'>kalın</b> & O'Reilly`,
    body: `Belediye duyurusu: <iframe src="javascript:alert(3)"></iframe> &amp; &#60;mark&#62; yazıldı.`,
  },
  { id: 'tr-secim', lang: 'tr', title: 'Sonuçlar açıklandı', body: "Yerel seçimlerde İstanbul'da oy verme işlemi sabah başladı ve akşam bitti." },
  // Astral-plane emoji, a ZWJ sequence, a flag and Turkish letters before the matches: UTF-16
  // offsets differ from code-point and byte offsets here.
  { id: 'utf16', lang: 'tr', title: "🎉🇹🇷 Çığ düştü 𝒳 şoför İstanbul'da seçimlerde ödül", body: "👩‍👩‍👧 ğüşıöç 😀 Kadıköy sahilinde 🚢 İstanbul'da seçimlerde 🗳️ sandık kuruldu." },
  // A long body with one match in the middle, for cropLength.
  { id: 'crop', lang: 'en', title: 'A day by the sea', body: `${HARBOUR_FILLER} and the harbour bell rang. ${HARBOUR_FILLER} until night came.` },
];

let tmp: string;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'api-highlight-'));
  const file = path.join(tmp, 'xss.ndjson');
  await writeFile(file, docs.map((d) => JSON.stringify(d)).join('\n'));
  const summary = await runIndexer({ paths: [file], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.indexed, docs.length);
  assert.equal(summary.failed, 0);
});
after(async () => {
  await cleanup(index);
  await rm(tmp, { recursive: true, force: true });
});

interface Match {
  field: 'title' | 'snippet';
  start: number;
  length: number;
}
interface Hit {
  id: string;
  title: string;
  titleHighlighted: string;
  snippet: string;
  snippetText: string;
  matches: Match[];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const MARKED = /<mark>(.*?)<\/mark>/g;

/**
 * `html` is safe and faithful: without the gateway's <mark> tags no markup character is left,
 * unescaping gives back `text` exactly (so a literal `<mark>` in the document was escaped, not
 * kept), and the marked parts are exactly the `ranges` of `text` (when ranges are given).
 */
function assertSafe(html: string, text: string, ranges?: Match[]) {
  const bare = html.replaceAll('<mark>', '').replaceAll('</mark>', '');
  assert.doesNotMatch(bare, /[<>"']/, `raw markup left in ${html}`);
  assert.equal(unescape(bare), text);
  if (ranges) {
    const marked = [...html.matchAll(MARKED)].map((m) => unescape(m[1]!));
    assert.deepEqual(marked, ranges.map((r) => text.slice(r.start, r.start + r.length)));
  }
}

function assertHitSafe(h: Hit) {
  assertSafe(h.titleHighlighted, h.title, h.matches.filter((m) => m.field === 'title'));
  assertSafe(h.snippet, h.snippetText, h.matches.filter((m) => m.field === 'snippet'));
}

const search = async (query: Record<string, string>) => (await request(app).get('/search').query({ cropLength: '100', ...query }).expect(200)).body as { hits: Hit[] };
const hit = (body: { hits: Hit[] }, id: string) => body.hits.find((h) => h.id === id) ?? assert.fail(`no hit ${id}`);

describe('HTML safety of /search', () => {
  for (const q of ['alert', 'council', 'onerror', 'mark', 'script', 'belediye', 'reilly', 'kalın', 'iframe', '"><img src=x onerror=alert(1)>']) {
    it(`q=${q}: only the gateway's <mark> survives in every hit`, async () => {
      const body = await search({ q });
      assert.ok(body.hits.length > 0, 'the query finds the XSS corpus');
      for (const h of body.hits) assertHitSafe(h);
    });
  }

  it('marks a word inside a <script> tag without un-escaping the tag', async () => {
    const h = hit(await search({ q: 'alert' }), 'xss-en');
    assert.equal(h.titleHighlighted, 'Council &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; notice');
    assert.ok(h.snippet.includes('&lt;img src=x onerror=<mark>alert</mark>(1)&gt;'), h.snippet);
  });

  it('escapes quoted attributes, entities (&lt; → &amp;lt;) and a literal <mark> of the document', async () => {
    const h = hit(await search({ q: 'council' }), 'xss-en');
    assert.ok(h.snippet.includes(`&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;<mark>council</mark> page&lt;/a&gt;`), h.snippet);
    assert.ok(h.snippet.includes('1 &amp;lt; 2'), h.snippet);
    assert.ok(h.snippet.includes('&lt;mark&gt;<mark>council</mark>&lt;/mark&gt;'), h.snippet);
    const tr = hit(await search({ q: 'belediye' }), 'xss-tr');
    assert.ok(tr.snippet.includes('&amp;amp; &amp;#60;mark&amp;#62;'), tr.snippet);
    assert.equal(tr.titleHighlighted, `<mark>Belediye</mark> &quot;duyurusu&quot; &lt;b onmouseover=&#39;alert(2)&#39;&gt;kalın&lt;/b&gt; &amp; O&#39;Reilly`);
  });
});

describe('Turkish matching in highlights', () => {
  for (const q of ['istanbulda', 'ISTANBUL']) {
    it(`q=${q} marks İstanbul'da whole`, async () => {
      const h = hit(await search({ q }), 'tr-secim');
      assert.ok(h.snippet.includes('<mark>İstanbul&#39;da</mark>'), h.snippet);
      assertHitSafe(h);
    });
  }

  it('q=seçim marks seçimlerde', async () => {
    const h = hit(await search({ q: 'seçim' }), 'tr-secim');
    assert.ok(h.snippet.includes('<mark>seçimlerde</mark>'), h.snippet);
  });
});

describe('matches are UTF-16 ranges of title and snippetText', () => {
  const matched = new Set(["İstanbul'da", 'seçimlerde']);
  for (const highlight of ['html', 'none']) {
    it(`highlight=${highlight}: every range slices a matched word, after emoji and Turkish letters`, async () => {
      const h = hit(await search({ q: 'istanbul seçim', highlight }), 'utf16');
      const slices = h.matches.map((m) => (m.field === 'title' ? h.title : h.snippetText).slice(m.start, m.start + m.length));
      assert.deepEqual(slices, ["İstanbul'da", 'seçimlerde', "İstanbul'da", 'seçimlerde']);
      assert.ok(slices.every((s) => matched.has(s)));
      // The stored title comes back unchanged, so offsets refer to the text the client has.
      assert.equal(h.title, docs[3]!.title);
      const at = h.title.indexOf("İstanbul'da");
      assert.equal(h.matches.find((m) => m.field === 'title')!.start, at);
      assert.notEqual(at, [...h.title.slice(0, at)].length, 'the data tells UTF-16 units from code points');
    });
  }
});

describe('highlight=none, cropLength and custom tags', () => {
  it('highlight=none returns plain text, unescaped, and still the matches', async () => {
    const h = hit(await search({ q: 'alert', highlight: 'none' }), 'xss-en');
    assert.equal(h.titleHighlighted, SCRIPT_TITLE);
    // The whole body fits in 100 words: the plain snippet is the body itself, unmarked, unescaped.
    assert.equal(h.snippet, docs[0]!.body);
    assert.equal(h.snippetText, docs[0]!.body);
    const titleMatches = h.matches.filter((m) => m.field === 'title');
    assert.deepEqual(titleMatches.map((m) => h.title.slice(m.start, m.start + m.length)), ['alert']);
    assert.ok(h.matches.some((m) => m.field === 'snippet'));
  });

  it('cropLength=10 cuts a snippet of at most 10 words around the match, with … on both cut ends', async () => {
    const res = await request(app).get('/search').query({ q: 'harbour', cropLength: '10' }).expect(200);
    const h = hit(res.body, 'crop');
    const words = h.snippetText.match(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu) ?? [];
    assert.ok(words.length <= 10 && words.length >= 8, `${words.length} words: ${h.snippetText}`);
    assert.ok(h.snippetText.startsWith('…') && h.snippetText.endsWith('…'), h.snippetText);
    assert.ok(h.snippet.includes('<mark>harbour</mark>'), h.snippet);
    assertHitSafe(h);
  });

  for (const [param, value] of [['highlightPreTag', '<b>'], ['highlightPostTag', '</b>'], ['cropLength', '4'], ['cropLength', '101'], ['highlight', 'markdown']]) {
    it(`${param}=${value} → 400 naming ${param}`, async () => {
      const res = await request(app).get('/search').query({ q: 'alert', [param!]: value }).expect(400).expect('content-type', /json/);
      assert.equal(res.body.error.param, param);
      assert.equal(res.body.error.code, 'invalid_parameter');
    });
  }
});

describe('HTML safety of /suggest', () => {
  for (const q of ['ale', 'council', 'scr', 'belediye duy', 'reil', '<script>ale', 'kal']) {
    it(`q=${q}: every suggestion's html is escaped text with <mark> only`, async () => {
      const res = await request(app).get('/suggest').query({ q }).expect(200);
      const suggestions = res.body.suggestions as { text: string; html: string }[];
      assert.ok(suggestions.length > 0, 'the query suggests something');
      for (const s of suggestions) assertSafe(s.html, s.text);
    });
  }

  it('a title suggestion with <script> is escaped around its <mark>', async () => {
    const res = await request(app).get('/suggest').query({ q: 'alert' }).expect(200);
    const title = (res.body.suggestions as { type: string; id?: string; html: string }[]).find((s) => s.type === 'title' && s.id === 'xss-en');
    assert.equal(title?.html, 'Council &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; notice');
  });
});
