// npm run bench:cluster — one Meilisearch node against three local nodes on this machine: the
// whole corpus indexed into each (placed by src/cluster/placement.ts on the three), indexing
// wall time, then the same gateway-like queries on both, interleaved, for search p50/p99 and a
// check that the federated answers match the single node's (totals, facet counts, hit sets up
// to equally ranked hits). On one machine the three nodes share the same cores: this measures
// the cost of federation, not the gain of more machines.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { MultiSearchQuery } from 'meilisearch';
import { rewriteQuery } from '../src/analysis/index.ts';
import { Cluster } from '../src/cluster/cluster.ts';
import type { NodeResult } from '../src/cluster/federated.ts';
import { localIndexingMemory, startLocalCluster } from '../src/cluster/local.ts';
import { partition } from '../src/cluster/placement.ts';
import { applySettingsEverywhere } from '../src/cluster/settings.ts';
import { buildDocument } from '../src/documents/build.ts';
import { STORED_FIELDS, type SearchDocument } from '../src/documents/types.ts';
import { assertSucceeded, createClient, type MeiliTarget } from '../src/meili/client.ts';
import { enqueueDocuments } from '../src/meili/documents.ts';
import { startEmbedded } from '../src/engine/embedded.ts';
import { postJson } from '../src/meili/http.ts';
import { ensureIndex } from '../src/meili/settings.ts';
import { waitForTask } from '../src/meili/tasks.ts';
import { loadCorpus } from './lib/corpus.ts';
import { percentile } from './lib/metrics.ts';
import { rng, sample } from './lib/rng.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '3' },
    // The whole corpus by default; a shared, loaded machine may need fewer to finish.
    docs: { type: 'string' },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261202' },
    // Fixed ports (the single node at base, node i at base + 1 + i) on a machine shared with others.
    'base-port': { type: 'string' },
    out: { type: 'string', default: path.join(HERE, 'results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write('Usage: npm run bench:cluster -- [--nodes 3] [--queries 200] [--docs N] [--seed N] [--base-port P]\nIndexes the corpus into 1 node and into N local nodes, then compares searches. Writes bench/results/cluster.md.\n');
  process.exit(0);
}
const UID = 'documents';
const BATCH = 1000;
const FACETS = ['lang', 'year', 'source_key', 'category_key'];

async function push(target: MeiliTarget, docs: SearchDocument[]): Promise<void> {
  const client = createClient(target, 120_000);
  let last: number | undefined;
  // Everything enqueued at once: Meilisearch batches the tasks itself.
  for (let i = 0; i < docs.length; i += BATCH) last = (await enqueueDocuments(client, UID, docs.slice(i, i + BATCH))).taskUid;
  // Polled every 500 ms: the client adds an abort listener per poll, and minutes at 50 ms pass Node's warning limit.
  if (last !== undefined) assertSucceeded(await waitForTask(client, last, 3_600_000, 500));
}

function queryFor(word: string): MultiSearchQuery {
  return { indexUid: UID, q: rewriteQuery(word).q, page: 1, hitsPerPage: 10, facets: FACETS, attributesToRetrieve: [...STORED_FIELDS], showRankingScore: true };
}

/** Why a federated answer differs from the single node's, or undefined when it agrees (hits compared up to ties with the page's last). */
function disagreement(got: NodeResult, want: NodeResult): string | undefined {
  if (got.totalHits !== want.totalHits) return `totalHits ${got.totalHits} vs ${want.totalHits}`;
  if (JSON.stringify(sortKeys(got.facetDistribution)) !== JSON.stringify(sortKeys(want.facetDistribution))) return 'facet counts';
  // Scores that crossed a remote come back with the float's last bits rounded: compared to 12 decimals.
  const score = (h: { _rankingScore?: number }) => Number(h._rankingScore).toFixed(12);
  const scores = (r: NodeResult) => r.hits.map(score).join();
  if (scores(got) !== scores(want)) return `scores ${scores(got)} vs ${scores(want)}`;
  const last = want.hits.at(-1);
  const decided = (r: NodeResult) => r.hits.filter((h) => !last || score(h) !== score(last)).map((h) => String(h.id)).sort().join();
  return decided(got) === decided(want) ? undefined : 'hit set';
}
function sortKeys(d: Record<string, Record<string, number>> | undefined) {
  return Object.fromEntries(Object.entries(d ?? {}).sort().map(([k, v]) => [k, Object.fromEntries(Object.entries(v).sort())]));
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const load = () => os.loadavg()[0]!.toFixed(1);
/** The process's peak resident memory (VmHWM) so far: the engines' own RAM for indexing plus mapped database pages. */
function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

async function main() {
  const n = Number(args.nodes);
  const rand = rng(Number(args.seed));
  const all = await loadCorpus();
  const corpus = args.docs ? sample(rng(Number(args.seed) + 1), all, Number(args.docs)) : all;
  const seen = new Set<string>();
  const docs: SearchDocument[] = [];
  for (const r of corpus) {
    const d = buildDocument(r);
    if (seen.has(d.pk)) continue; // the indexer's rule: the first of a repeated id wins
    seen.add(d.pk);
    docs.push(d);
  }
  const words = [...new Set(sample(rand, corpus, Math.min(2000, corpus.length)).map((d) => d.title.split(/\s+/).find((w) => w.length >= 5 && /^\p{L}+$/u.test(w))).filter((w): w is string => !!w))];
  const queries = words.slice(0, Number(args.queries)).map(queryFor);
  process.stderr.write(`${docs.length} documents, ${queries.length} queries\n`);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-cluster-'));
  const basePort = args['base-port'] ? Number(args['base-port']) : undefined;
  const one = await startEmbedded({ dataDir: path.join(dir, 'single'), port: basePort });
  let cluster: Awaited<ReturnType<typeof startLocalCluster>> | undefined;
  let federation: Cluster | undefined;
  try {
    // One at a time: indexing takes both cores either way.
    const loadBefore = load();
    let t = performance.now();
    await ensureIndex(createClient(one, 120_000), UID);
    await push(one, docs);
    const singleIndexS = (performance.now() - t) / 1000;
    process.stderr.write(`1 node: indexed in ${singleIndexS.toFixed(1)} s\n`);

    const singlePeak = peakRssMiB(one.pid);
    const loadSingle = `${loadBefore} -> ${load()}`;
    cluster = await startLocalCluster({ count: n, dir: path.join(dir, 'cluster'), basePort: basePort ? basePort + 1 : undefined });
    const loadClusterBefore = load();
    t = performance.now();
    const report = await applySettingsEverywhere(cluster.nodes, UID);
    if (!report.consistent) throw new Error(`settings differ: ${JSON.stringify(report)}`);
    const parts = partition(docs, (d) => d.pk, cluster.nodes.map((x) => x.name));
    await Promise.all(cluster.nodes.map((node) => push(node, parts.get(node.name)!)));
    const clusterIndexS = (performance.now() - t) / 1000;
    process.stderr.write(`${n} nodes: indexed in ${clusterIndexS.toFixed(1)} s\n`);
    const clusterPeaks = cluster.engines.map((e) => peakRssMiB(e.pid));
    const loadCluster = `${loadClusterBefore} -> ${load()}`;

    const single = (q: MultiSearchQuery) => postJson<{ results: NodeResult[] }>(one.url, one.key, '/multi-search', { queries: [q] }, AbortSignal.timeout(10_000)).then((r) => r.results[0]!);
    // The gateway's search path on a cluster: Meilisearch's federation on one healthy node.
    federation = new Cluster(cluster.nodes);
    await federation.start();
    const fed = (q: MultiSearchQuery) => federation!.multiSearch([q], Date.now() + 10_000).then((r) => r[0]!);
    for (const q of queries.slice(0, 30)) await Promise.all([single(q), fed(q)]); // warm-up
    const loadSearch = load();
    const lat = { single: [] as number[], cluster: [] as number[] };
    let agree = 0;
    const differing: { q: string; why: string }[] = [];
    let partial = 0;
    for (const [i, q] of queries.entries()) {
      // Interleaved, alternating which goes first, so both sides see the same machine load.
      const order = i % 2 ? (['cluster', 'single'] as const) : (['single', 'cluster'] as const);
      const got: Partial<Record<'single' | 'cluster', NodeResult>> = {};
      for (const side of order) {
        const s = performance.now();
        got[side] = side === 'single' ? await single(q) : await fed(q);
        lat[side].push(performance.now() - s);
      }
      if ((got.cluster as { partial?: boolean }).partial) partial++;
      const why = disagreement(got.cluster!, got.single!);
      if (why) differing.push({ q: q.q ?? '', why: why.slice(0, 300) });
      else agree++;
    }
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50: percentile(s, 50), p99: percentile(s, 99) };
    };
    const result = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, shared with other jobs`,
      documents: docs.length,
      nodes: n,
      perNodeDocuments: Object.fromEntries([...parts].map(([k, v]) => [k, v.length])),
      indexingMemoryPerNode: { single: 'default', cluster: localIndexingMemory(n) },
      indexWallSeconds: { single: +singleIndexS.toFixed(1), cluster: +clusterIndexS.toFixed(1) },
      enginePeakRssMiB: { single: singlePeak, cluster: clusterPeaks },
      loadAverage1m: { singleIndexing: loadSingle, clusterIndexing: loadCluster, searching: `${loadSearch} -> ${load()}` },
      queries: queries.length,
      searchMs: { single: stats(lat.single), cluster: stats(lat.cluster) },
      agreeing: agree,
      partial,
      differing,
    };
    const md =
      `# bench:cluster\n\n${result.date.slice(0, 16)}Z, ${result.machine}. ${docs.length} corpus documents${args.docs ? ` (a seeded sample of ${all.length})` : ''}; ` +
      `${n} local nodes hold ${Object.values(result.perNodeDocuments).join(' / ')}.\n\n` +
      `| | 1 node | ${n} local nodes |\n| --- | --- | --- |\n` +
      `| indexing wall time | ${singleIndexS.toFixed(1)} s | ${clusterIndexS.toFixed(1)} s |\n` +
      `| search p50 (${queries.length} queries, interleaved) | ${ms(result.searchMs.single.p50)} | ${ms(result.searchMs.cluster.p50)} |\n` +
      `| search p99 | ${ms(result.searchMs.single.p99)} | ${ms(result.searchMs.cluster.p99)} |\n` +
      `| engine peak RSS after indexing | ${singlePeak} MiB | ${clusterPeaks.join(' / ')} MiB |\n\n` +
      `Load average (1 min) before -> after: indexing on 1 node ${loadSingle}, on ${n} nodes ${loadCluster}, searching ${result.loadAverage1m.searching}.\n\n` +
      `Federated answers agreeing with the single node (totals, facet counts, hits up to ties): ${agree} of ${queries.length}; partial: ${partial}.\n`;
    await writeFile(path.join(args.out, 'cluster.md'), md);
    process.stdout.write(`${md}\n${JSON.stringify(result, null, 2)}\n`);
  } finally {
    federation?.stop();
    await cluster?.stop();
    await one.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench:cluster: ${err.stack}\n`);
  process.exit(1);
});
