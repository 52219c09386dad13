// Three local Meilisearch nodes holding corpus documents placed by placement.ts, against one
// node holding the same documents: the gateway's cluster search path (Meilisearch's own
// federation on one healthy node, src/cluster/cluster.ts) must answer alike, lose only a missing
// node's hits, and come within the gateway's deadline when a node hangs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MultiSearchQuery } from 'meilisearch';
import { rewriteQuery } from '../../src/analysis/index.ts';
import { Cluster } from '../../src/cluster/cluster.ts';
import { adaptNetworkResponse, networkRequest, type MergedResult, type NodeResult } from '../../src/cluster/federated.ts';
import { partialOf } from '../../src/meili/search.ts';
import { keysByNode, reshard } from '../../src/cluster/reshard.ts';
import { checkSettings } from '../../src/cluster/settings.ts';
import { STORED_FIELDS, type SearchDocument } from '../../src/documents/types.ts';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { postJson } from '../../src/meili/http.ts';
import { corpusDocuments, indexSharded, indexSingle, startTestCluster, type TestCluster } from '../helpers/cluster.ts';
import { cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';
import { corpusMissing } from '../unit/analysis/corpus-sample.ts';

const PER_LANG = 200;
const FACETS = ['lang', 'year', 'source_key', 'category_key'];
// Meilisearch's network waits ~5 s for a hung remote; the gateway must answer before. As long
// as that allows: on a loaded machine healthy nodes answer slowly too, and the probes after the
// first attempt must not call them all down.
const DEADLINE_MS = 3500;
const REMOTE_TIMEOUT_MS = 5000;

const missing = corpusMissing('tr') || corpusMissing('en');
const uid = uniqueIndex('cluster');
let cluster: TestCluster;
let docs: SearchDocument[];
let placed: Map<string, SearchDocument[]>;

type Hit = Record<string, unknown>;

async function single(queries: MultiSearchQuery[]): Promise<NodeResult[]> {
  const t = testTarget();
  const res = await postJson<{ results: NodeResult[] }>(t.url, t.key, '/multi-search', { queries }, AbortSignal.timeout(30_000));
  return res.results;
}

/** The batch through the gateway's cluster path, with whether any node was left out. */
async function federatedOn(nodes: TestCluster['nodes'], queries: MultiSearchQuery[], deadlineMs = 30_000, probeTimeoutMs = 2000): Promise<{ results: MergedResult[]; partial: boolean; missingNodes: string[] }> {
  const c = new Cluster(nodes, { probeTimeoutMs });
  await c.probe();
  const results = await c.multiSearch(queries, Date.now() + deadlineMs);
  const p = partialOf(results);
  return { results, partial: !!p.partial, missingNodes: p.missingNodes ?? [] };
}
const federated = (queries: MultiSearchQuery[], deadlineMs?: number, probeTimeoutMs?: number) => federatedOn(cluster.nodes, queries, deadlineMs, probeTimeoutMs);

/** Gateway-like queries: rewritten words from the documents' titles, filters, date sort, browsing. */
function queryWords(): string[] {
  const words = new Set<string>();
  for (const d of docs) {
    const w = d.title.split(/\s+/).find((x) => x.length >= 6 && /^\p{L}+$/u.test(x));
    if (w) words.add(w);
    if (words.size >= 12) break;
  }
  return [...words];
}

function variants(word: string, hitsPerPage: number, page = 1): MultiSearchQuery[] {
  const q = rewriteQuery(word).q;
  const base = { indexUid: uid, hitsPerPage, page, facets: FACETS, attributesToRetrieve: [...STORED_FIELDS, 'date_ts'], showRankingScore: true };
  return [
    { ...base, q },
    { ...base, q, filter: 'lang = "tr"' },
    { ...base, q, sort: ['date_ts:desc'] },
    { ...base, q: '', sort: ['date_ts:desc'], filter: 'lang = "en"' },
  ];
}

const ids = (hits: Hit[]) => hits.map((h) => String(h.id));
const holder = (id: string) => [...placed].find(([, list]) => list.some((d) => d.id === id))![0];

/**
 * Same hits in the same order, up to hits one index ranks as equals (same score; for a date
 * sort, same date and score): those may come in another order, and at the end of a window
 * which of them make the cut may differ (one node breaks ties by its internal document order).
 */
function assertSameAnswer(got: NodeResult, want: NodeResult, label: string, sorted: boolean) {
  assert.equal(got.totalHits, want.totalHits, `${label}: totalHits`);
  assert.equal(got.totalPages, want.totalPages, `${label}: totalPages`);
  assert.deepEqual(got.facetDistribution, want.facetDistribution, `${label}: facet counts`);
  // Scores that crossed a remote come back with the last bits of the float rounded off.
  const score = (h: Hit) => Number(h._rankingScore).toFixed(12);
  const key = (h: Hit) => (sorted ? `${h.date_ts}|${score(h)}` : score(h));
  assert.deepEqual(got.hits.map(key), want.hits.map(key), `${label}: order by score${sorted ? ' and date' : ''}`);
  const last = want.hits.at(-1);
  const complete = want.hits.length === want.totalHits;
  const decided = (hits: Hit[]) => new Set(ids(hits.filter((h) => complete || key(h) !== key(last!))));
  assert.deepEqual(decided(got.hits), decided(want.hits), `${label}: hit set`);
}

describe('federated search over three local nodes', { skip: missing }, () => {
  before(async () => {
    docs = await corpusDocuments(PER_LANG);
    cluster = await startTestCluster(3);
    placed = await indexSharded(cluster.nodes, uid, docs);
    await indexSingle(testTarget(), uid, docs);
  });
  after(async () => {
    await cluster?.stop();
    await cleanup(uid);
  });

  it('holds every document exactly once, on the node placement names, with identical settings', async () => {
    const counts = await Promise.all(cluster.nodes.map((n) => countDocuments(createClient(n, 30_000), uid)));
    assert.deepEqual(counts, cluster.nodes.map((n) => placed.get(n.name)!.length));
    assert.equal(counts.reduce((a, b) => a + b, 0), docs.length);
    assert.ok(counts.every((c) => c > docs.length / 6), `spread ${counts}`);
    const report = await checkSettings(cluster.nodes, uid);
    assert.equal(report.consistent, true, JSON.stringify(report));
  });

  it('names the node whose settings drifted', async () => {
    const client = createClient(cluster.nodes[1]!, 30_000);
    await client.index(uid).updateSettings({ stopWords: ['ve'] }).waitTask({ timeout: 60_000 });
    try {
      const report = await checkSettings(cluster.nodes, uid);
      assert.equal(report.consistent, false);
      assert.deepEqual(report.differing, ['ms-1']);
    } finally {
      await client.index(uid).updateSettings({ stopWords: [] }).waitTask({ timeout: 60_000 });
    }
    assert.equal((await checkSettings(cluster.nodes, uid)).consistent, true);
  });

  it('answers like one node: hits, ranking order, totals and facet counts', async () => {
    assert.equal(queryWords().length, 12);
    for (const word of queryWords()) {
      const queries = variants(word, 1000);
      const [merged, want] = await Promise.all([federated(queries), single(queries)]);
      assert.equal(merged.partial, false);
      queries.forEach((q, i) => assertSameAnswer(merged.results[i]!, want[i]!, `${JSON.stringify(q.q)} ${q.filter ?? ''} ${q.sort ?? ''}`, !!q.sort));
      assert.ok(want.some((r) => r.hits.length > 0), `${word} finds something`);
    }
  });

  it('pages without duplicates or gaps', async () => {
    for (const word of queryWords().slice(0, 4)) {
      for (const [i, whole] of (await single(variants(word, 1000))).entries()) {
        const seen: string[] = [];
        const pages = Math.max(1, Math.ceil((whole.totalHits ?? 0) / 7));
        for (let page = 1; page <= pages; page++) {
          const res = (await federated(variants(word, 7, page))).results[i]!;
          assert.equal(res.page, page);
          assert.equal(res.totalHits, whole.totalHits);
          seen.push(...ids(res.hits));
        }
        assert.equal(new Set(seen).size, seen.length, `${word} #${i}: duplicates across pages`);
        assert.deepEqual(new Set(seen), new Set(ids(whole.hits)), `${word} #${i}: pages cover every hit`);
      }
    }
  });

  it('answers partial, with the other nodes\' hits, when a node is down; full again when it is back', async () => {
    const word = queryWords()[0]!;
    const queries = variants(word, 1000);
    const want = await single(queries);
    cluster.kill(1);
    try {
      // A dead node refuses the connection at once; the long default deadline only keeps a
      // loaded CI machine from dropping the live nodes too.
      const res = await federated(queries);
      assert.equal(res.partial, true);
      assert.deepEqual(res.missingNodes, ['ms-1']);
      queries.forEach((_, i) => {
        const got = res.results[i]!;
        const expected = ids(want[i]!.hits).filter((id) => holder(id) !== 'ms-1');
        assert.deepEqual(new Set(ids(got.hits)), new Set(expected));
        assert.equal(got.totalHits, expected.length);
        assert.equal(got.partial, true);
        assert.deepEqual(got.missingNodes, ['ms-1']);
      });
      // Meilisearch's own federation reports the down remote at once, as remoteErrors.
      const body = networkRequest(queries[0]!, cluster.nodes);
      const raw = await postJson<NodeResult & { remoteErrors?: Record<string, unknown> }>(cluster.nodes[0]!.url, cluster.nodes[0]!.key, '/multi-search', body, AbortSignal.timeout(30_000));
      const adapted = adaptNetworkResponse(queries[0]!, raw);
      assert.deepEqual(adapted.missingNodes, ['ms-1']);
      assert.deepEqual(new Set(ids(adapted.hits)), new Set(ids(res.results[0]!.hits)));
    } finally {
      await cluster.restart(1);
    }
    const back = await federated(queries);
    assert.equal(back.partial, false);
    queries.forEach((q, i) => assertSameAnswer(back.results[i]!, want[i]!, `after restart #${i}`, !!q.sort));
  });

  it('answers within the gateway deadline when a node hangs (SIGSTOP), and fully after SIGCONT', async (t) => {
    const queries = variants(queryWords()[1]!, 20);
    const want = await single(queries);
    // Every node answered its last probe: the hang comes between two probes, so the first
    // federated request waits on it, is aborted at its share of the deadline, the nodes are
    // probed (short probes here) and it is asked again without ms-2.
    const c = new Cluster(cluster.nodes, { probeTimeoutMs: 1000 });
    await c.probe();
    assert.deepEqual(c.down(), []);
    cluster.pause(2);
    let elapsed: number;
    let res: Awaited<ReturnType<typeof federated>>;
    try {
      const started = Date.now();
      const results = await c.multiSearch(queries, Date.now() + DEADLINE_MS);
      elapsed = Date.now() - started;
      const p = partialOf(results);
      res = { results, partial: !!p.partial, missingNodes: p.missingNodes ?? [] };
    } finally {
      cluster.resume(2);
    }
    t.diagnostic(`answered after ${elapsed} ms with ms-2 hung (deadline ${DEADLINE_MS} ms)`);
    assert.ok(elapsed < REMOTE_TIMEOUT_MS, `answered after ${elapsed} ms, not before Meilisearch's ${REMOTE_TIMEOUT_MS} ms remote timeout`);
    assert.equal(res.partial, true);
    assert.ok(res.missingNodes.includes('ms-2'), `missing ${res.missingNodes}`);
    for (const r of res.results) for (const id of ids(r.hits)) assert.notEqual(holder(id), 'ms-2');
    const back = await federated(queries);
    assert.equal(back.partial, false);
    queries.forEach((q, i) => assertSameAnswer(back.results[i]!, want[i]!, `after SIGCONT #${i}`, !!q.sort));
  });

  it('reshards 3 → 2 → 3 without losing a document', async () => {
    const uid2 = uniqueIndex('reshard');
    await indexSharded(cluster.nodes, uid2, docs);
    const all = new Set(docs.map((d) => d.pk));
    const three = cluster.nodes;
    const two = three.slice(0, 2);
    const twoWay = await reshard(three, two, uid2, { batchSize: 50 });
    assert.equal(twoWay.total, docs.length);
    assert.equal(twoWay.after['ms-2'], 0);
    assert.equal(twoWay.moved, placed.get('ms-2')!.length, 'only the removed node\'s documents move');
    assert.equal(twoWay.after['ms-0']! + twoWay.after['ms-1']!, docs.length);
    let keys = await keysByNode(three, uid2);
    assert.deepEqual(new Set([...keys.values()].flat()), all);
    const back = await reshard(two, three, uid2, { batchSize: 50 });
    assert.equal(back.total, docs.length);
    assert.deepEqual(back.after, Object.fromEntries([...placed].map(([n, list]) => [n, list.length])), 'back where placement first put them');
    keys = await keysByNode(three, uid2);
    assert.deepEqual(new Set([...keys.values()].flat()), all);
    assert.equal([...keys.values()].flat().length, docs.length, 'each document once');
    // Still searchable as a whole: the copies kept their analysed fields.
    const q: MultiSearchQuery = { indexUid: uid2, q: rewriteQuery(queryWords()[0]!).q, page: 1, hitsPerPage: 1000 };
    const [merged, want] = await Promise.all([federatedOn(three, [q]), single([{ ...q, indexUid: uid }])]);
    assert.equal(merged.results[0]!.totalHits, want[0]!.totalHits);
    assert.ok((want[0]!.totalHits ?? 0) > 0);
  });
});
