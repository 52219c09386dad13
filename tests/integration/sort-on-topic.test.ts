// Sorted by date, the first page must still be about the query: every hit holds a query word or
// a form of the same root. Before, any loose match (a shared 5-letter prefix, a typo) counted as a
// match and the sort then put it on top. Queries are chosen from the corpus slice itself: frequent
// words that share their first five letters with other frequent words of other roots, the words
// a prefix or a typo confuses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { analyzerFor, foldDiacritics, queryMatcher, rewriteQuery, tokenize } from '../../src/analysis/index.ts';
import { runChain } from '../../src/analysis/chains.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, indexDocs, testTarget, uniqueIndex } from '../helpers/meili.ts';
import { corpusMissing, readCorpusHead, type CorpusDoc } from '../unit/analysis/corpus-sample.ts';

const skip = corpusMissing('tr') || corpusMissing('en') ? 'needs ../shared/corpus beside the project' : false;
const index = uniqueIndex('sort_on_topic');
const client = createClient(testTarget(), 120_000);
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;
const PER_PAGE = 20;
const PER_LANG = 5;
const docs = new Map<string, CorpusDoc>();
const queries: { lang: string; q: string }[] = [];

/**
 * The least frequent words in at least PER_PAGE documents (so a clean first page exists) that share their
 * first five letters with a word of another root found in 5+ documents: `deprem`/`depresyon`.
 */
function confusableWords(slice: CorpusDoc[], lang: string): string[] {
  const analyzer = analyzerFor(lang);
  const df = new Map<string, number>();
  for (const d of slice) {
    for (const t of new Set(runChain(tokenize(`${d.title}\n${d.body}`), analyzer.filters))) if (/^\p{L}{6,}$/u.test(t)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const frequent = [...df].filter(([, n]) => n >= PER_PAGE).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const byPrefix = new Map<string, Set<string>>();
  for (const [w, n] of df) {
    if (n < 5) continue; // a neighbour frequent enough to crowd a page
    const p = foldDiacritics(w).slice(0, 5);
    if (!byPrefix.has(p)) byPrefix.set(p, new Set());
    byPrefix.get(p)!.add(analyzer.stem(w));
  }
  return frequent.filter((w) => byPrefix.get(foldDiacritics(w).slice(0, 5))!.size > 1).slice(0, PER_LANG);
}

/** An independent check: does the document hold a word of the query under the gateway's rules? */
function holdsQueryWord(id: string, q: string): boolean {
  const d = docs.get(id)!;
  const m = queryMatcher(rewriteQuery(q));
  return tokenize(`${d.title}\n${d.body}`).some((w) => m(w, d.lang) >= 0);
}

before(async () => {
  if (skip) return;
  const slice = [...(await readCorpusHead('tr', 2500)), ...(await readCorpusHead('en', 1500))];
  for (const d of slice) docs.set(d.id, d);
  await indexDocs(index, slice);
  for (const lang of ['tr', 'en']) {
    for (const w of confusableWords(slice.filter((d) => d.lang === lang), lang)) queries.push({ lang, q: w });
  }
});
after(async () => {
  if (skip) return;
  await cleanup(index);
});

describe('sorted results stay on topic', { skip }, () => {
  it(`finds ${PER_LANG} confusable query words per language in the slice`, () => {
    for (const lang of ['tr', 'en']) assert.equal(queries.filter((q) => q.lang === lang).length, PER_LANG, `${lang}: ${JSON.stringify(queries)}`);
  });

  for (const sort of ['date:desc', 'date:asc'] as const) {
    it(`GET /search sort=${sort}: every first-page hit holds a query word (gateway highlight and an independent check)`, async () => {
      for (const { q } of queries) {
        const body = (await request(app).get('/search').query({ q, sort, perPage: String(PER_PAGE) }).expect(200)).body;
        assert.ok(body.hits.length > 0, `${q}: no hits`);
        for (const h of body.hits as { id: string; matches: unknown[] }[]) {
          assert.ok(h.matches.length > 0, `${q} ${sort}: ${h.id} has no highlighted query word`);
          assert.ok(holdsQueryWord(h.id, q), `${q} ${sort}: ${h.id} holds no query word`);
        }
      }
    });
  }

  it('POST /meili/multi-search with sort date_ts:desc (InstantSearch): every first-page hit holds a query word', async () => {
    for (const { q } of queries) {
      const body = (
        await request(app)
          .post('/meili/multi-search')
          .send({ queries: [{ indexUid: index, q, sort: ['date_ts:desc'], limit: PER_PAGE }] })
          .expect(200)
      ).body;
      const hits = body.results[0].hits as { id: string }[];
      assert.ok(hits.length > 0, `${q}: no hits`);
      for (const h of hits) assert.ok(holdsQueryWord(h.id, q), `${q}: ${h.id} holds no query word`);
    }
  });
});
