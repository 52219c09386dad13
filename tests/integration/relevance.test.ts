// The hardest query-analysis cases, through GET /search on a real Meilisearch: inflections
// the documents do not contain, ASCII typing, root-locale casing, stop words, exact forms
// against their folded twins, phrases and exclusions; and never fewer results than raw.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { assertSucceeded, createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('relevance');
const rawIndex = uniqueIndex('relevance_raw');
const client = createClient(testTarget(), 60_000);
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;
let dir: string;

const extra = [
  { id: 'lake', lang: 'tr', title: 'Göl kıyısında temizlik', body: 'Gönüllüler göl kıyısındaki çöpleri topladı.' },
  { id: 'goal', lang: 'tr', title: 'Son dakikada gol', body: 'Ev sahibi takım son dakikada attığı gol ile kazandı.' },
  { id: 'goal-ascii', lang: 'tr', title: 'Gol sevinci', body: 'Taraftarlar golu tribunde kutladi, gol cok guzeldi.' },
  // Past Meilisearch's 65,535 positions per attribute: the last word is lost to raw search.
  { id: 'long', lang: 'tr', title: 'Uzun rapor', body: `${'kelime '.repeat(70_000)}zebrakuşu` },
];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'relevance-test-'));
  const extraFile = path.join(dir, 'extra.ndjson');
  await writeFile(extraFile, extra.map((d) => JSON.stringify(d)).join('\n'));
  const s = await runIndexer({ paths: [SEEDS_NDJSON, extraFile], client, indexUid: index });
  assert.equal(s.failed, 0);
  // Raw Meilisearch: the same documents as given, default settings.
  const seeds = (await readFile(SEEDS_NDJSON, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  assertSucceeded(await client.index(rawIndex).addDocuments([...seeds, ...extra], { primaryKey: 'id' }).waitTask({ timeout: 60_000 }));
});
after(async () => {
  await cleanup(index);
  await cleanup(rawIndex);
  await rm(dir, { recursive: true, force: true });
});

const search = async (query: Record<string, string>) => (await request(app).get('/search').query(query).expect(200)).body;
const ids = (body: { hits: { id: string }[] }) => body.hits.map((h) => h.id);
const rawTotal = async (q: string) => (await client.index(rawIndex).search(q, { page: 1, hitsPerPage: 1 })).totalHits;

describe('inflections and typing the documents do not contain', () => {
  // query, the documents it must find, how many raw Meilisearch finds (its typo tolerance
  // reaches a long name two letters off), why
  const cases: [string, string[], number, string][] = [
    ['kilicdarogluna', ['002_ae504c387682aedd'], 1, 'ASCII-typed and inflected (dative)'],
    ['KILIÇDAROĞLU’NDAN', ['002_ae504c387682aedd'], 1, 'root-locale upper case, typographic apostrophe, ablative'],
    ['seçimlerimizde', ['002_ae504c387682aedd', '003_47e463bd9ba1d372', '004_0cab67bd56ed1ee3'], 0, 'possessive + plural + locative'],
    ['belediyelerinin', ['002_ae504c387682aedd', '003_47e463bd9ba1d372', '004_0cab67bd56ed1ee3'], 0, 'plural + possessive + genitive'],
  ];
  for (const [q, expected, raw, why] of cases) {
    it(`${q} (${why})`, async () => {
      const body = await search({ q });
      assert.deepEqual(ids(body).sort(), [...expected].sort());
      assert.equal(await rawTotal(q), raw);
    });
  }

  it('known limit: a name the lexicon lacks keeps a suffix glued to it (Kağıthaneliler), so it finds only that word; with an apostrophe it is found', async () => {
    assert.equal((await search({ q: 'Kağıthaneliler' })).total, 0);
    assert.deepEqual(ids(await search({ q: "Kağıthane'de" })), ['003_47e463bd9ba1d372']);
  });

  it('i̇stanbul with a combining dot (root-locale lower case of İ) finds İstanbul', async () => {
    const body = await search({ q: 'İ'.toLowerCase() + 'stanbul', lang: 'tr' });
    assert.equal(body.total, 3);
    assert.ok(body.hits[0].snippet.includes('<mark>'));
  });
});

describe('long documents', () => {
  it('keep their last words searchable past 65,535 positions', async () => {
    const body = await search({ q: 'zebrakuşu' });
    assert.deepEqual(ids(body), ['long']);
    assert.equal(await rawTotal('zebrakuşu'), 0, 'raw Meilisearch drops words past its position limit');
  });
});

describe('stop words', () => {
  it('are dropped and reported, so a padded query finds what the bare one does', async () => {
    const padded = await search({ q: 've Kağıthane ile için' });
    assert.deepEqual(padded.rewrite.dropped, ['ve', 'ile', 'için']);
    assert.deepEqual(padded.rewrite.terms, ['kağıthane']);
    assert.deepEqual(ids(padded), ['003_47e463bd9ba1d372']);
  });

  it('are kept when the query has nothing else', async () => {
    const body = await search({ q: 've ile' });
    assert.deepEqual(body.rewrite.terms, ['ve', 'ile']);
    assert.deepEqual(body.rewrite.dropped, []);
    assert.ok(body.total > 0);
  });
});

describe('exact forms outrank their folded twins', () => {
  it('göl puts the lake first, then the goals', async () => {
    const body = await search({ q: 'göl' });
    assert.equal(body.hits[0].id, 'lake');
    assert.deepEqual(ids(body).slice(1).sort(), ['goal', 'goal-ascii']);
  });

  it('gol typed in ASCII matches all three', async () => {
    const body = await search({ q: 'gol' });
    assert.deepEqual(ids(body).sort(), ['goal', 'goal-ascii', 'lake']);
  });
});

describe('query syntax', () => {
  it('keeps a quoted phrase as a phrase', async () => {
    const body = await search({ q: '"Kemal Kılıçdaroğlu"' });
    assert.deepEqual(body.rewrite.phrases, ['"Kemal Kılıçdaroğlu"']);
    assert.deepEqual(ids(body), ['002_ae504c387682aedd']);
  });

  it('keeps the negative operator', async () => {
    const body = await search({ q: 'imamoğlu -kağıthane', lang: 'tr' });
    assert.deepEqual(body.rewrite.excluded, ['kağıthane']);
    assert.deepEqual(ids(body).sort(), ['002_ae504c387682aedd', '004_0cab67bd56ed1ee3']);
  });

  it('reports the stems searched', async () => {
    const body = await search({ q: 'seçimlerde', lang: 'tr' });
    assert.deepEqual(body.rewrite.stems, { seçimlerde: ['secim'] });
  });
});

describe('never fewer results than raw Meilisearch for the same words', () => {
  const queries = ['istanbul', 'İmamoğlu', 'Kılıçdaroğlu', 'seçim', 'belediye başkanı', 'mayor', 'election', 'Kağıthane', 'CHP', 'İBB', 'gol', 'Büyükşehir Belediye', 'IYI Party', 'tebrik'];
  for (const q of queries) {
    it(q, async () => {
      const body = await search({ q });
      assert.ok(body.total >= (await rawTotal(q)), `gateway ${body.total} < raw ${await rawTotal(q)}`);
      assert.ok(body.total > 0);
    });
  }
});
