// The product on three local Meilisearch nodes (MEILI_NODES mode): the indexer shards the
// documents, the gateway answers /search, /suggest and /meili/* through Meilisearch's own
// federation, the document API follows placement, /ready reports degraded or refuses, and a
// node killed or hung gives partial answers within the gateway's deadline.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { placeId } from '../../src/cluster/placement.ts';
import { primaryKeyFor } from '../../src/documents/ids.ts';
import { createGateway, type Gateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments, fetchDocument } from '../../src/meili/documents.ts';
import { startTestCluster, type TestCluster } from '../helpers/cluster.ts';
import { ANSWER_TIMEOUT_MS, cleanup, indexDocs, testTarget, uniqueIndex, waitUntil } from '../helpers/meili.ts';
import { corpusMissing, readCorpusHead, type CorpusDoc } from '../unit/analysis/corpus-sample.ts';

const PER_LANG = 150;
// Meilisearch's network waits ~5 s for a hung remote: a gateway answer must come before.
const REMOTE_TIMEOUT_MS = 5000;
const ADMIN = 'cluster-admin-key-0123456789';

const missing = corpusMissing('tr') || corpusMissing('en');
const uid = uniqueIndex('cgw');
let cluster: TestCluster;
let raw: CorpusDoc[];
let single: Gateway;
let gw: Gateway;
const gateways: Gateway[] = [];

/** A cluster gateway; probes patient enough for a loaded machine unless a test wants them short. */
function clusterGateway(timeoutMs = ANSWER_TIMEOUT_MS, probeTimeoutMs = 2000): Gateway {
  const g = createGateway({ nodes: cluster.nodes }, { indexUid: uid, timeoutMs, loadSamples: false, adminKey: ADMIN, cluster: { probeEveryMs: 500, probeTimeoutMs } });
  gateways.push(g);
  return g;
}

async function indexFile(records: readonly object[], nodes = cluster.nodes, retryForMs?: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cgw-'));
  try {
    const file = path.join(dir, 'docs.ndjson');
    await writeFile(file, records.map((d) => JSON.stringify(d)).join('\n'));
    return await runIndexer({ paths: [file], client: createClient(nodes[0]!, 60_000), indexUid: uid, nodes, ...(retryForMs ? { retryForMs } : {}) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const nodeOf = (id: string) => placeId(id, cluster.nodes.map((n) => n.name));
const nodeIndex = (name: string) => cluster.nodes.findIndex((n) => n.name === name);
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

function queryWords(): string[] {
  const words = new Set<string>();
  for (const d of raw) {
    const w = String(d.title ?? '').split(/\s+/).find((x) => x.length >= 6 && /^\p{L}+$/u.test(x));
    if (w) words.add(w);
    if (words.size >= 6) break;
  }
  return [...words];
}

async function waitReady(g: Gateway, status: string) {
  await waitUntil(`/ready ${status}`, async () => (await request(g.app).get('/ready')).body.status === status, 60_000, 100);
}

describe('the gateway and the indexer on three local nodes (MEILI_NODES)', { skip: missing }, () => {
  before(async () => {
    raw = [...(await readCorpusHead('tr', PER_LANG)), ...(await readCorpusHead('en', PER_LANG))];
    cluster = await startTestCluster(3);
    await indexDocs(uid, raw);
    single = createGateway(testTarget(), { indexUid: uid, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false });
    await single.bootstrap();
  });
  after(async () => {
    for (const g of gateways) g.close();
    await cluster?.stop();
    await cleanup(uid);
  });

  it('indexes each document on the node placement names, through the indexer', async () => {
    const summary = await indexFile(raw);
    assert.equal(summary.failed, 0, JSON.stringify(summary.failures.slice(0, 3)));
    assert.equal(summary.indexed, raw.length);
    for (const [i, n] of cluster.nodes.entries()) {
      const want = raw.filter((d) => nodeOf(String(d.id)) === n.name).length;
      assert.equal(await countDocuments(createClient(n, 30_000), uid), want, `${n.name}`);
      assert.ok(want > 0, `node ${i} holds some`);
    }
    gw = clusterGateway();
    await gw.bootstrap();
  });

  it('answers /search like one node: totals, facet counts, hits (federated by Meilisearch)', async () => {
    for (const word of queryWords()) {
      for (const extra of ['', '&sort=date:desc', '&lang=tr']) {
        const url = `/search?q=${encodeURIComponent(word)}&perPage=100${extra}`;
        const [got, want] = await Promise.all([request(gw.app).get(url), request(single.app).get(url)]);
        assert.equal(got.status, 200, JSON.stringify(got.body));
        assert.equal(got.body.partial, undefined);
        assert.equal(got.body.total, want.body.total, `${url}: total`);
        assert.deepEqual(got.body.facets, want.body.facets, `${url}: facets`);
        assert.deepEqual(got.body.disjunctiveFacets, want.body.disjunctiveFacets, `${url}: disjunctive facets`);
        if (want.body.total <= 100) assert.deepEqual(new Set(ids(got.body.hits)), new Set(ids(want.body.hits)), `${url}: hits`);
        if (extra.includes('sort')) assert.deepEqual(got.body.hits.map((h: { date: string }) => h.date), want.body.hits.map((h: { date: string }) => h.date), `${url}: date order`);
      }
    }
    // Browsing (no query) pages by date across the nodes without duplicates.
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) seen.push(...ids((await request(gw.app).get(`/search?q=&perPage=20&page=${page}`).expect(200)).body.hits));
    assert.equal(new Set(seen).size, 60);
  });

  it('answers /suggest and the /meili surface through the cluster', async () => {
    const word = queryWords()[0]!;
    const q = `/suggest?q=${encodeURIComponent(word.slice(0, 4))}`;
    const [got, want] = await Promise.all([request(gw.app).get(q), request(single.app).get(q)]);
    assert.equal(got.status, 200);
    const terms = (b: { suggestions: { type: string; text: string; count?: number }[] }) => b.suggestions.filter((s) => s.type === 'term').map((s) => `${s.text}:${s.count}`);
    assert.deepEqual(terms(got.body), terms(want.body), 'term completions and their counts');
    const body = { queries: [{ indexUid: uid, q: word, limit: 50 }] };
    const [m, w] = await Promise.all([request(gw.app).post('/meili/multi-search').send(body), request(single.app).post('/meili/multi-search').send(body)]);
    assert.equal(m.status, 200, JSON.stringify(m.body));
    assert.equal(m.body.results[0].estimatedTotalHits, w.body.results[0].estimatedTotalHits);
    const fed = { federation: { limit: 50 }, queries: [{ indexUid: uid, q: word }, { indexUid: uid, q: queryWords()[1]! }] };
    const [f, fw] = await Promise.all([request(gw.app).post('/meili/multi-search').send(fed), request(single.app).post('/meili/multi-search').send(fed)]);
    assert.equal(f.status, 200, JSON.stringify(f.body));
    assert.equal(f.body.estimatedTotalHits, fw.body.estimatedTotalHits);
    assert.deepEqual(new Set(f.body.hits.map((h: { _federation: { queriesPosition: number } }) => h._federation.queriesPosition)), new Set(fw.body.hits.map((h: { _federation: { queriesPosition: number } }) => h._federation.queriesPosition)));
    // Facet search (a fan-out: Meilisearch 1.21 does not federate it) counts like one node, not partial.
    for (const fs of [{ facetName: 'lang', facetQuery: '' }, { facetName: 'source', facetQuery: '' }]) {
      const [c, s1] = await Promise.all([request(gw.app).post(`/meili/indexes/${uid}/facet-search`).send(fs), request(single.app).post(`/meili/indexes/${uid}/facet-search`).send(fs)]);
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.deepEqual(c.body.facetHits, s1.body.facetHits, `${fs.facetName} facet search`);
      assert.equal(c.body.partial, undefined);
    }
    const corr = (await request(gw.app).get(`/suggest?mode=correct&q=${encodeURIComponent(word)}`).expect(200)).body;
    assert.equal(corr.partial, undefined);
    // Stats add the nodes up; health answers while a node does.
    assert.equal((await request(gw.app).get(`/meili/indexes/${uid}/stats`).expect(200)).body.numberOfDocuments, raw.length);
    assert.equal((await request(gw.app).get('/meili/stats').expect(200)).body.indexes[uid].numberOfDocuments, raw.length);
    await request(gw.app).get('/meili/health').expect(200);
    const r = await request(gw.app).get('/ready').expect(200);
    assert.equal(r.body.status, 'ready');
    assert.deepEqual(r.body.nodes.map((n: { up: boolean }) => n.up), [true, true, true]);
  });

  it('writes, reads and deletes a document on its node; 503 naming the node when it is down', async () => {
    const auth = { Authorization: `Bearer ${ADMIN}` };
    // /stats adds the nodes up, language counts included (a federated count).
    const stats = (await request(gw.app).get('/stats').set(auth).expect(200)).body;
    assert.equal(stats.documents, raw.length);
    assert.equal(Object.values(stats.languages as Record<string, number>).reduce((a, b) => a + b, 0), raw.length);
    assert.equal(stats.settingsUpToDate, true);
    const id = 'cluster-doc-1';
    const home = nodeOf(id);
    await request(gw.app).post('/documents').set(auth).send({ id, title: 'Küme belgesi', body: 'Bir düğümde duran belge.', lang: 'tr' }).expect(200);
    for (const n of cluster.nodes) {
      const found = await fetchDocument(createClient(n, 30_000), uid, primaryKeyFor(id), ['id']);
      assert.equal(!!found, n.name === home, `${id} on ${n.name}`);
    }
    assert.equal((await request(gw.app).get(`/documents/${id}`).set(auth).expect(200)).body.id, id);
    await request(gw.app).delete(`/documents/${id}`).set(auth).expect(200);
    await request(gw.app).get(`/documents/${id}`).set(auth).expect(404);

    const i = nodeIndex(home);
    cluster.kill(i);
    try {
      await waitReady(gw, 'degraded');
      const put = await request(gw.app).post('/documents').set(auth).send({ id, title: 'x', body: 'y', lang: 'tr' });
      assert.equal(put.status, 503);
      assert.match(put.body.error.message, new RegExp(home));
      assert.equal((await request(gw.app).get(`/documents/${id}`).set(auth)).status, 503);
      // A document placed on a node that is up is still written.
      const other = Array.from({ length: 50 }, (_, k) => `cluster-doc-${k + 2}`).find((x) => nodeOf(x) !== home)!;
      await request(gw.app).post('/documents').set(auth).send({ id: other, title: 'Başka', body: 'Başka belge.', lang: 'tr' }).expect(200);
      await request(gw.app).delete(`/documents/${other}`).set(auth).expect(200);
    } finally {
      await cluster.restart(i);
    }
    await waitReady(gw, 'ready');
  });

  it('snippets a hit whose match lies past the body head from the node that holds it', async () => {
    // The body beyond the stored head is read by primary key: from the document's own node (node 0 was asked, found nothing, and the snippet missed the match).
    const auth = { Authorization: `Bearer ${ADMIN}` };
    const id = Array.from({ length: 50 }, (_, k) => `cluster-long-${k}`).find((x) => nodeOf(x) !== 'ms-0')!;
    const body = `${'Giriş cümlesi burada duruyor. '.repeat(600)}Sonunda zeytinyağlısarmaşık geçiyor.`;
    await request(gw.app).post('/documents').set(auth).send({ id, title: 'Uzun belge', body, lang: 'tr' }).expect(200);
    try {
      const res = (await request(gw.app).get('/search').query({ q: 'zeytinyağlısarmaşık', highlight: 'none' }).expect(200)).body;
      assert.deepEqual(ids(res.hits), [id]);
      assert.match(res.hits[0].snippet, /zeytinyağlısarmaşık/);
    } finally {
      await request(gw.app).delete(`/documents/${id}`).set(auth).expect(200);
    }
  });

  it('answers partial when a node is killed, degraded on /ready, full again when it is back', async () => {
    const word = queryWords()[0]!;
    const url = `/search?q=${encodeURIComponent(word)}&perPage=100`;
    const want = (await request(single.app).get(url).expect(200)).body;
    cluster.kill(1);
    try {
      // Before the next probe Meilisearch reports it in remoteErrors; after, it is left out: partial either way.
      const res = (await request(gw.app).get(url).expect(200)).body;
      assert.equal(res.partial, true);
      assert.deepEqual(res.missingNodes, ['ms-1']);
      const expected = ids(want.hits).filter((id) => nodeOf(id) !== 'ms-1');
      assert.deepEqual(new Set(ids(res.hits)), new Set(expected));
      assert.equal(res.total, expected.length);
      await waitReady(gw, 'degraded');
      const ready = (await request(gw.app).get('/ready').expect(200)).body;
      assert.deepEqual(ready.missingNodes, ['ms-1']);
      const sug = (await request(gw.app).get(`/suggest?q=${encodeURIComponent(word)}`).expect(200)).body;
      assert.equal(sug.partial, true);
      assert.deepEqual(sug.missingNodes, ['ms-1']);
      // Facet search too: its counts lack the node's documents, and it says so.
      const langs = (await request(gw.app).post(`/meili/indexes/${uid}/facet-search`).send({ facetName: 'lang', facetQuery: '' }).expect(200)).body;
      assert.equal(langs.partial, true);
      assert.deepEqual(langs.missingNodes, ['ms-1']);
      const others: Record<string, number> = {};
      for (const d of raw) if (nodeOf(String(d.id)) !== 'ms-1') others[String(d.lang)] = (others[String(d.lang)] ?? 0) + 1;
      assert.deepEqual(Object.fromEntries(langs.facetHits.map((h: { value: string; count: number }) => [h.value, h.count])), others, 'lang counts of the other nodes');
      const sources = (await request(gw.app).post(`/meili/indexes/${uid}/facet-search`).send({ facetName: 'source', facetQuery: '' }).expect(200)).body;
      assert.equal(sources.partial, true);
      assert.deepEqual(sources.missingNodes, ['ms-1']);
      const corr = (await request(gw.app).get(`/suggest?mode=correct&q=${encodeURIComponent(word)}`).expect(200)).body;
      assert.equal(corr.partial, true);
      assert.deepEqual(corr.missingNodes, ['ms-1']);
    } finally {
      await cluster.restart(1);
    }
    await waitReady(gw, 'ready');
    const back = (await request(gw.app).get(url).expect(200)).body;
    assert.equal(back.partial, undefined);
    assert.equal(back.total, want.total);
    assert.equal((await request(gw.app).post(`/meili/indexes/${uid}/facet-search`).send({ facetName: 'lang', facetQuery: '' }).expect(200)).body.partial, undefined);
  });

  it('answers within the gateway deadline when a node hangs (SIGSTOP), full after SIGCONT', async (t) => {
    // A deadline below Meilisearch's 5 s remote timeout, as long as that allows (a loaded machine
    // slows the healthy nodes' probes too): this test is about not waiting out that timeout.
    const fast = clusterGateway(3500, 1000);
    await fast.bootstrap();
    const url = `/search?q=${encodeURIComponent(queryWords()[1]!)}&perPage=50`;
    const want = (await request(single.app).get(url).expect(200)).body;
    cluster.pause(2);
    let elapsed: number;
    let res: request.Response;
    try {
      const started = Date.now();
      res = await request(fast.app).get(url);
      elapsed = Date.now() - started;
    } finally {
      cluster.resume(2);
    }
    t.diagnostic(`answered ${res.status} after ${elapsed} ms with ms-2 hung (deadline 3500 ms)`);
    assert.equal(res.status, 200, `${JSON.stringify(res.body)}; nodes then: ${JSON.stringify(fast.cluster!.status())}`);
    assert.ok(elapsed < REMOTE_TIMEOUT_MS, `answered after ${elapsed} ms, not before Meilisearch's ${REMOTE_TIMEOUT_MS} ms remote timeout`);
    assert.equal(res.body.partial, true);
    assert.ok(res.body.missingNodes.includes('ms-2'), `missing ${res.body.missingNodes}`);
    for (const id of ids(res.body.hits)) assert.notEqual(nodeOf(id), 'ms-2');
    await waitReady(fast, 'ready');
    const back = (await request(gw.app).get(url).expect(200)).body;
    assert.equal(back.partial, undefined);
    assert.equal(back.total, want.total);
  });

  it('refuses to serve while the nodes\' settings differ, naming the node', async () => {
    const client = createClient(cluster.nodes[1]!, 30_000);
    await client.index(uid).updateSettings({ stopWords: ['ve'] }).waitTask({ timeout: 60_000 });
    try {
      const g = clusterGateway();
      await g.bootstrap();
      const ready = await request(g.app).get('/ready');
      assert.equal(ready.status, 503);
      assert.match(ready.body.problem, /ms-1/);
      // Every time, not only until a breaker opens and hides the reason.
      for (let k = 0; k < 5; k++) {
        const s = await request(g.app).get('/search?q=test');
        assert.equal(s.status, 503);
        assert.equal(s.body.error.code, 'cluster_settings_differ');
        assert.match(s.body.error.message, /ms-1/);
      }
      // Fixed on the node: the gateway serves again by itself, no restart.
      await client.index(uid).updateSettings({ stopWords: [] }).waitTask({ timeout: 60_000 });
      await waitReady(g, 'ready');
      await request(g.app).get('/search?q=test').expect(200);
    } finally {
      await client.index(uid).updateSettings({ stopWords: [] }).waitTask({ timeout: 60_000 });
    }
  });

  it('indexer: a node down makes its documents failures naming it; the others are indexed', async () => {
    const extra = raw.slice(0, 60).map((d) => ({ ...d, id: `again-${d.id}` }));
    cluster.kill(0);
    let summary: Awaited<ReturnType<typeof indexFile>>;
    try {
      summary = await indexFile(extra, cluster.nodes, 1000);
    } finally {
      await cluster.restart(0);
    }
    const onZero = extra.filter((d) => nodeOf(d.id) === 'ms-0');
    assert.ok(onZero.length > 0);
    assert.equal(summary.failed, onZero.length);
    assert.equal(summary.indexed, extra.length - onZero.length);
    for (const f of summary.failures) assert.match(f.reason, /node ms-0/);
    assert.deepEqual(new Set(summary.failures.map((f) => f.id)), new Set(onZero.map((d) => d.id)));
  });
});
