// /suggest completes what was typed, on a small index of real corpus documents that hold the
// words Meilisearch's facet search confuses: Kılıçdaroğlu / Kiichi / Kilisesi,
// Cumhurbaşkanı / Cumhuriyet, deprem / depresyon / Depression.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createGateway } from '../../src/gateway.ts';
import { tokenize } from '../../src/analysis/index.ts';
import { completesPrefix } from '../../src/search/prefix.ts';
import { ANSWER_TIMEOUT_MS, cleanup, indexDocs, testTarget, uniqueIndex } from '../helpers/meili.ts';
import { corpusMissing, readCorpusHead, type CorpusDoc } from '../unit/analysis/corpus-sample.ts';

const skip = corpusMissing('tr') || corpusMissing('en') ? 'needs ../shared/corpus beside the project' : false;
const index = uniqueIndex('suggest_prefix');
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;

const WORDS: [lang: 'tr' | 'en', word: RegExp][] = [
  ['tr', /Kılıçdaroğlu/],
  ['tr', /Kilisesi/],
  ['tr', /Cumhurbaşkanı/],
  ['tr', /Cumhuriyet/],
  ['tr', /deprem/i],
  ['tr', /depresyon/i],
  ['en', /Kiichi/],
  ['en', /Depression/],
];

interface Suggestion {
  type: 'term' | 'title';
  text: string;
}
const suggest = async (q: string) => ((await request(app).get('/suggest').query({ q }).expect(200)).body as { suggestions: Suggestion[] }).suggestions;
const wordsOf = (s: Suggestion) => tokenize(s.text);

before(async () => {
  if (skip) return;
  const docs: CorpusDoc[] = [];
  const corpus = { tr: await readCorpusHead('tr', 20_000), en: await readCorpusHead('en', 20_780) };
  for (const [lang, re] of WORDS) {
    for (const d of corpus[lang].filter((x) => re.test(`${x.title} ${x.body}`)).slice(0, 30)) if (!docs.includes(d)) docs.push(d);
  }
  await indexDocs(index, docs);
});
after(async () => {
  if (skip) return;
  await cleanup(index);
});

describe('GET /suggest: every completion starts with what was typed', { skip }, () => {
  const cases: [typed: string, want: string, never: RegExp][] = [
    ['kılıç', 'Kılıçdaroğlu', /^(kiichi|kilise|kilic)/i],
    ['kilic', 'Kılıçdaroğlu', /^(kiichi|kilise)/i],
    ['cumhurb', 'Cumhurbaşkanı', /^cumhuriyet/i],
    ['deprem', 'deprem', /^(depresyon|depression)/i],
  ];
  for (const [typed, want, never] of cases) {
    it(`${typed} → ${want}…, never ${never.source}`, async () => {
      const all = await suggest(typed);
      const terms = all.filter((s) => s.type === 'term').map((s) => s.text);
      assert.ok(terms.some((t) => t.toLocaleLowerCase('tr').startsWith(want.toLocaleLowerCase('tr'))), JSON.stringify(terms));
      for (const t of terms) assert.ok(completesPrefix(t, typed) && !never.test(t), `term ${t}`);
      // A title is suggested only when one of its words completes the prefix.
      for (const s of all.filter((x) => x.type === 'title')) {
        assert.ok(wordsOf(s).some((w) => completesPrefix(w, typed)), `title ${s.text}`);
      }
    });
  }

  it('the words before the last are kept, and only the last is completed', async () => {
    const all = await suggest('kemal kılıç');
    const terms = all.filter((s) => s.type === 'term').map((s) => s.text);
    assert.ok(terms.length > 0);
    for (const t of terms) assert.ok(t.startsWith('kemal ') && completesPrefix(t.slice(6), 'kılıç'), t);
  });
});
