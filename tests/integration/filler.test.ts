// Query filler on a small index of real corpus documents (earthquake and news stories, and
// others): a padded query answers what its content words answer, and a query made only of
// filler still finds documents.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createGateway } from '../../src/gateway.ts';
import { ANSWER_TIMEOUT_MS, cleanup, indexDocs, testTarget, uniqueIndex } from '../helpers/meili.ts';
import { corpusMissing, readCorpusHead, type CorpusDoc } from '../unit/analysis/corpus-sample.ts';

const skip = corpusMissing('tr') || corpusMissing('en') ? 'needs ../shared/corpus beside the project' : false;
const index = uniqueIndex('filler');
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;

/** Up to `n` documents whose text matches `re`, and every 50th of the rest, in corpus order. */
function pick(docs: CorpusDoc[], re: RegExp, n: number): CorpusDoc[] {
  const hits = docs.filter((d) => re.test(`${d.title} ${d.body}`)).slice(0, n);
  const rest = docs.filter((d, i) => i % 50 === 0 && !hits.includes(d)).slice(0, 150);
  return [...hits, ...rest];
}

interface Hit {
  id: string;
  matches: unknown[];
}
const search = async (q: string) => (await request(app).get('/search').query({ q }).expect(200)).body as { total: number; hits: Hit[]; rewrite: { dropped: string[] } };
const top5 = async (q: string) => (await search(q)).hits.slice(0, 5).map((h) => h.id);

before(async () => {
  if (skip) return;
  const tr = pick(await readCorpusHead('tr', 20_000), /deprem|haber|son dakika/i, 200);
  const en = pick(await readCorpusHead('en', 20_780), /earthquake|news/i, 150);
  await indexDocs(index, [...tr, ...en]);
});
after(async () => {
  if (skip) return;
  await cleanup(index);
});

describe('filler does not decide the results', { skip }, () => {
  it('deprem haberleri gives the top 5 of deprem', async () => {
    const plain = await top5('deprem');
    assert.equal(plain.length, 5);
    assert.deepEqual(await top5('deprem haberleri'), plain);
    assert.deepEqual(await top5('son dakika deprem'), plain);
    assert.deepEqual(await top5('deprem ne zaman'), plain);
    assert.deepEqual((await search('deprem haberleri')).rewrite.dropped, ['haberleri']);
  });

  it('latest earthquake news gives the top 5 of earthquake', async () => {
    const plain = await top5('earthquake');
    assert.ok(plain.length > 0);
    assert.deepEqual(await top5('latest earthquake news'), plain);
    assert.deepEqual(await top5('earthquake news'), plain);
  });

  it('a query made only of filler still finds documents holding it', async () => {
    for (const q of ['haberler', 'news', 'son dakika', 'güncel haberler', 'latest news']) {
      const r = await search(q);
      assert.ok(r.total > 0, q);
      assert.ok(r.hits[0]!.matches.length > 0, `${q}: the first hit shows a matched word`);
    }
  });
});
