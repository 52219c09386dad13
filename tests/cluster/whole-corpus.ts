// npm run test:cluster — issue #12's whole-corpus check, through the gateway. Not part of
// `npm test`: it indexes the whole ../shared corpus twice (one node, and sharded over three
// local nodes) and takes many minutes.
//
//  1. Both indexes are built by the product's indexer (`indexer/cli.ts`, as `npm run index`
//     runs it), at the same time, so four engines index at once: peak memory of each is shown.
//  2. Two gateway processes (src/server.ts): one on the single node, one with MEILI_NODES.
//  3. Queries derived from the corpus by a seeded sample (title words; plain, two words, a
//     language filter, date sort, a source filter) — not picked by hand. For each: /search's
//     total, facet and disjunctive facet counts must be identical; the hits, read through
//     /meili/indexes/documents/search with ranking scores to --depth, must be the same list up
//     to order among equal ranking scores (equal date and score for date sorts); a tie group cut
//     by the depth may hold different members. One allowance, for a whole result only (nothing
//     cut by the depth): Meilisearch scores a typo-derived match by the words of the index the
//     document is in (tests/integration/cluster-scoring.test.ts), so a shard can score a
//     document otherwise than one index of the corpus. Such a query still has to give the single
//     node's hit set, none twice, in exactly the order of the nodes' own scores (each node asked
//     alone through an in-process single-node gateway, itself checked against the single node's
//     answer); it is reported with the documents re-scored, and counted apart.
//  4. A node SIGKILLed: every answer 200, partial, naming it, within the deadline, with exactly
//     the other nodes' hits; restarted: full answers again (all queries compared again).
//  5. A node SIGSTOPped: the same, within the deadline; SIGCONT: full answers again.
//  6. Reshard 3 -> 2 -> 3: counts and ids kept, each on its node; every query compared again
//     on two nodes and back on three.
// Exits 1 on any mismatch, after a summary.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_FILES, loadCorpus, type CorpusDoc } from '../../bench/lib/corpus.ts';
import { rng, sample } from '../../bench/lib/rng.ts';
import { localIndexingMemory, nodeDir, startLocalCluster } from '../../src/cluster/local.ts';
import { placeId } from '../../src/cluster/placement.ts';
import { keysByNode, reshard, verifyPlacement } from '../../src/cluster/reshard.ts';
import type { ClusterNode } from '../../src/cluster/topology.ts';
import { startEmbedded, type EmbeddedMeili } from '../../src/engine/embedded.ts';
import { canon, rankedDifference, rescoredDifference, type Ranked } from './compare.ts';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { startDictionaryWorker } from '../../src/analysis/lang-dict.ts';
import { createGateway } from '../../src/gateway.ts';
import { defaultIndexingMemory } from '../../src/engine/launch.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({
  options: {
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261203' },
    // Hits compared per query (pages of 100 through /meili), ranking scores included.
    depth: { type: 'string', default: '500' },
    // The gateway's MEILI_TIMEOUT_MS: the production default.
    'deadline-ms': { type: 'string', default: '1500' },
    // Ports base .. base+5: single node, three nodes, two gateways. Fixed: the machine is shared.
    'base-port': { type: 'string', default: '17750' },
    // A slice of the corpus (the first N records), to try the check quickly; default: all of it.
    docs: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write('Usage: npm run test:cluster -- [--queries 200] [--depth 500] [--deadline-ms 1500] [--base-port 17750] [--seed N] [--docs N]\n');
  process.exit(0);
}

const UID = 'documents';
const QUERIES = Number(args.queries);
const DEPTH = Number(args.depth);
const DEADLINE_MS = Number(args['deadline-ms']);
const BASE = Number(args['base-port']);
const FACETS = ['lang', 'year', 'month', 'source', 'category'];
// What a loaded machine adds between the gateway's deadline and this client seeing the answer.
const CLIENT_SLACK_MS = 500;
const PARTIAL_PROBES = 20;

const failures: string[] = [];
const summary: string[] = [];
function fail(what: string) {
  failures.push(what);
  if (failures.length <= 40) process.stderr.write(`MISMATCH ${what}\n`);
}
const say = (line: string) => {
  summary.push(line);
  process.stdout.write(`${line}\n`);
};
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

// ---- processes --------------------------------------------------------------------------

const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Peak resident memory seen for each pid, sampled each 500 ms, and VmHWM where the process is still there. */
const peaks = new Map<number, number>();
function rssKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
function sampleMemory(pids: () => number[]): () => void {
  const t = setInterval(() => {
    for (const pid of pids()) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rssKiB(pid, 'VmRSS'), rssKiB(pid, 'VmHWM')));
  }, 500);
  return () => clearInterval(t);
}
const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;

interface IndexRun {
  seconds: number;
  summary: { read: number; indexed: number; failed: number };
  pid: number;
}

/** `npm run index` as it runs (256 MB heap), on the engine or the nodes the environment names. */
function runIndexer(env: Record<string, string>, files: string[], stateDir: string): Promise<IndexRun> {
  const started = performance.now();
  const child = track(
    spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', path.join(ROOT, 'indexer', 'cli.ts'), '--reset', '--json', '--no-resume', '--state-dir', stateDir, ...files], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      try {
        const s = JSON.parse(out) as IndexRun['summary'];
        if (code !== 0) return reject(new Error(`indexer exited ${code}: ${out.slice(0, 2000)}`));
        resolve({ seconds, summary: s, pid: child.pid! });
      } catch {
        reject(new Error(`indexer exited ${code}, no JSON summary: ${out.slice(0, 2000)}`));
      }
    }),
  );
}

/** The environment without any MEILI_* of the caller's shell: each child gets exactly its own. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_') && k !== 'PORT' && k !== 'HOST'));
}

interface GatewayProc {
  url: string;
  child: ChildProcess;
}

async function startGateway(port: number, env: Record<string, string>): Promise<GatewayProc> {
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOAD_SAMPLES: 'false', LOG_LEVEL: 'warn', MEILI_TIMEOUT_MS: String(DEADLINE_MS) },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, 'ready', 180_000, child);
  return { url, child };
}

async function stopGateway(g: GatewayProc): Promise<void> {
  if (g.child.exitCode !== null) return;
  const exited = new Promise((r) => g.child.once('exit', r));
  g.child.kill('SIGTERM');
  await exited;
}

/**
 * A single-node gateway in this process on one engine (a cluster node asked alone, or the
 * single node for the self-check): the same code and query analysis as src/server.ts, with the
 * query-language dictionaries this process loaded.
 */
async function localGateway(target: { url: string; key: string }): Promise<{ url: string; close: () => void }> {
  const g = createGateway(target, { indexUid: UID, timeoutMs: 60_000, loadSamples: false, rateLimitPerMinute: 0 });
  await g.bootstrap();
  const server = g.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      g.close();
      server.close();
      server.closeAllConnections();
    },
  };
}

async function waitReady(url: string, status: string, withinMs: number, child?: ChildProcess): Promise<number> {
  const started = Date.now();
  for (const until = started + withinMs; Date.now() < until; ) {
    const body = await fetch(`${url}/ready`).then((r) => r.json() as Promise<{ status?: string; ready?: boolean }>, () => undefined);
    if (body && (body.status === status || (status === 'ready' && body.ready === true && body.status === undefined))) return Date.now() - started;
    if (child && child.exitCode !== null) throw new Error(`the gateway on ${url} exited ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/ready did not say ${status} within ${withinMs} ms`);
}

// ---- queries ------------------------------------------------------------------------------

interface Query {
  label: string;
  /** /search query string. */
  search: string;
  /** The same search on the /meili surface. */
  meili: Record<string, unknown>;
  sorted: boolean;
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '')}"`;

/** Seeded, from the corpus: a word (or two adjacent words) of a sampled article's title, in five shapes. */
function deriveQueries(corpus: CorpusDoc[], n: number, seed: number): Query[] {
  const rand = rng(seed);
  const out: Query[] = [];
  const seen = new Set<string>();
  for (const d of sample(rand, corpus, corpus.length)) {
    if (out.length >= n) break;
    const words = d.title.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
    const at = words.map((w, i) => (w.length >= 4 && /^\p{L}+$/u.test(w) ? i : -1)).filter((i) => i >= 0);
    if (!at.length) continue;
    const i = at[Math.floor(rand() * at.length)]!;
    const shape = out.length % 5;
    const next = words[i + 1];
    const q = shape === 1 && next && /^\p{L}{2,}$/u.test(next) ? `${words[i]} ${next}` : words[i]!;
    const base = { q, limit: 100, showRankingScore: true, attributesToRetrieve: ['id', 'date_ts'] };
    let query: Query;
    if (shape === 2) query = { label: `${q} [lang=${d.lang}]`, search: `q=${encodeURIComponent(q)}&lang=${d.lang}`, meili: { ...base, filter: `lang = ${quote(d.lang)}` }, sorted: false };
    else if (shape === 3) query = { label: `${q} [date:desc]`, search: `q=${encodeURIComponent(q)}&sort=date:desc`, meili: { ...base, sort: ['date_ts:desc'] }, sorted: true };
    else if (shape === 4 && d.source && !/["\\,]/.test(d.source)) query = { label: `${q} [source=${d.source}]`, search: `q=${encodeURIComponent(q)}&source=${encodeURIComponent(d.source)}`, meili: { ...base, filter: `source = ${quote(d.source)}` }, sorted: false };
    else query = { label: q, search: `q=${encodeURIComponent(q)}`, meili: base, sorted: false };
    if (seen.has(query.label.toLocaleLowerCase('tr'))) continue;
    seen.add(query.label.toLocaleLowerCase('tr'));
    out.push(query);
  }
  return out;
}

// ---- comparing answers ---------------------------------------------------------------------

interface SearchAnswer {
  status: number;
  ms: number;
  body: {
    total: number;
    hits: { id: string }[];
    facets: unknown;
    disjunctiveFacets: unknown;
    partial?: boolean;
    missingNodes?: string[];
    error?: { code: string; message: string };
  };
}

async function search(base: string, qs: string, perPage = 100): Promise<SearchAnswer> {
  const started = performance.now();
  const res = await fetch(`${base}/search?${qs}&perPage=${perPage}&facets=${FACETS.join(',')}&highlight=none&cropLength=5`);
  const body = (await res.json()) as SearchAnswer['body'];
  return { status: res.status, ms: performance.now() - started, body };
}

/** The query's hits to `depth` (or its end), in order, each with its order key: score to 12 decimals (and date when sorted). */
async function ranked(base: string, q: Query, total: number): Promise<{ hits: Ranked[]; facets: unknown; partial: boolean }> {
  const hits: Ranked[] = [];
  let facets: unknown;
  let partial = false;
  for (let offset = 0; offset < Math.min(total, DEPTH); offset += 100) {
    const body = { ...q.meili, offset, limit: Math.min(100, DEPTH - offset), ...(offset === 0 ? { facets: FACETS } : {}) };
    const res = await fetch(`${base}/meili/indexes/${UID}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { hits: { id: string; date_ts?: number; _rankingScore: number }[]; facetDistribution?: unknown; partial?: boolean };
    if (res.status !== 200) throw new Error(`/meili search ${q.label} at ${offset}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    if (offset === 0) facets = json.facetDistribution;
    partial ||= !!json.partial;
    for (const h of json.hits) hits.push({ id: h.id, key: `${q.sorted ? `${h.date_ts ?? 'none'}|` : ''}${h._rankingScore.toFixed(12)}` });
    if (json.hits.length === 0) break;
  }
  return { hits, facets, partial };
}


interface Baseline {
  q: Query;
  search: SearchAnswer['body'];
  ranked: Ranked[];
}

async function baseline(single: string, queries: Query[]): Promise<Baseline[]> {
  const out: Baseline[] = [];
  for (const q of queries) {
    const s = await search(single, q.search);
    if (s.status !== 200) throw new Error(`single node: ${q.label}: ${s.status} ${JSON.stringify(s.body).slice(0, 300)}`);
    out.push({ q, search: s.body, ranked: (await ranked(single, q, s.body.total)).hits });
  }
  return out;
}

/** Where compareAll asks one engine alone: each node of the phase's cluster, and the single node (self-check). */
interface Alone {
  nodes: string[];
  single: string;
}

/** Every query on the cluster gateway against the single node's answers; returns how many agree. */
async function compareAll(phase: string, cluster: string, base: Baseline[], singleUrl: string, alone: Alone): Promise<number> {
  let agree = 0;
  let facetAgree = 0;
  const rescoredQueries: string[] = [];
  for (const b of base) {
    const problems: string[] = [];
    const s = await search(cluster, b.q.search);
    if (s.status !== 200) problems.push(`/search ${s.status} ${JSON.stringify(s.body).slice(0, 200)}`);
    else {
      if (s.body.partial) problems.push(`partial, missing ${s.body.missingNodes}`);
      if (s.body.total !== b.search.total) problems.push(`total ${s.body.total} vs ${b.search.total}`);
      const facetsOk = canon(s.body.facets) === canon(b.search.facets) && canon(s.body.disjunctiveFacets) === canon(b.search.disjunctiveFacets);
      if (facetsOk) facetAgree++;
      else problems.push(`facet counts ${canon(s.body.facets).slice(0, 300)} vs ${canon(b.search.facets).slice(0, 300)}`);
      // The page of /search: a complete hit set when it holds every hit.
      if (b.search.total <= 100) {
        const want = new Set(b.search.hits.map((h) => h.id));
        const got = s.body.hits.map((h) => h.id);
        if (got.length !== want.size || got.some((id) => !want.has(id))) problems.push('/search hit set');
      }
      const r = await ranked(cluster, b.q, s.body.total);
      if (r.partial) problems.push('/meili partial');
      const cut = b.search.total > DEPTH;
      const why = rankedDifference(r.hits, b.ranked, cut);
      if (why) {
        const rescored = cut ? undefined : await explainRescored(r.hits, b, alone);
        if (rescored && 'rescored' in rescored && rescored.rescored.length > 0) {
          const single = new Map(b.ranked.map((h) => [h.id, h.key]));
          rescoredQueries.push(`"${b.q.label}" (${b.search.total} hits; ${rescored.rescored.map((h) => `${h.id} ${Number(single.get(h.id)!.split('|').at(-1)).toFixed(4)} on the single node, ${Number(h.key.split('|').at(-1)).toFixed(4)} on its node`).join(', ')})`);
        } else {
          // Ask the single node again: a difference it makes with itself is not the cluster's.
          const again = (await ranked(singleUrl, b.q, b.search.total)).hits;
          problems.push(`hits: ${why}${rankedDifference(again, b.ranked, cut) ? ' (the single node differs from itself too)' : ''}${rescored && 'why' in rescored ? `; ${rescored.why}` : ''}`);
        }
      }
    }
    if (problems.length) fail(`${phase}: "${b.q.label}": ${problems.join('; ')}`);
    else agree++;
  }
  const exact = agree - rescoredQueries.length;
  say(
    `${phase}: ${agree}/${base.length} queries agree (totals, facet counts, hits to ${DEPTH} up to equal scores): ${exact} exactly, ` +
      `${rescoredQueries.length} with the single node's hit set ranked by its nodes' own scores${rescoredQueries.length ? `: ${rescoredQueries.join('; ')}` : ''}; facet counts identical in ${facetAgree}/${base.length}`,
  );
  return agree;
}

/**
 * A whole result that differs from the single node's order: each node of the phase asked alone
 * (same /meili request, through a single-node gateway in this process), after checking that such
 * a gateway answers the single node exactly as its own process does.
 */
async function explainRescored(got: Ranked[], b: Baseline, alone: Alone): Promise<{ why: string } | { rescored: Ranked[] }> {
  const self = rankedDifference((await ranked(alone.single, b.q, b.search.total)).hits, b.ranked, false);
  if (self) return { why: `an in-process gateway on the single node answers otherwise than its process (${self}): the nodes could not be asked alone` };
  const nodes = await Promise.all(alone.nodes.map(async (url) => (await ranked(url, b.q, b.search.total)).hits));
  return rescoredDifference(got, b.ranked, nodes);
}

/** With `node` gone: each answer 200, partial naming it, in time, and exactly the other nodes' hits. */
async function checkPartial(phase: string, cluster: string, base: Baseline[], node: string, names: string[]): Promise<void> {
  const small = base.filter((b) => b.search.total <= 100 && b.search.total > 0).slice(0, PARTIAL_PROBES);
  const times: number[] = [];
  let ok = 0;
  for (const b of small) {
    const s = await search(cluster, b.q.search);
    times.push(Math.round(s.ms));
    const problems: string[] = [];
    if (s.status !== 200) problems.push(`status ${s.status} ${JSON.stringify(s.body).slice(0, 200)}`);
    else {
      if (s.body.partial !== true) problems.push('not partial');
      if (canon(s.body.missingNodes) !== canon([node])) problems.push(`missingNodes ${canon(s.body.missingNodes)}`);
      const want = new Set(b.search.hits.map((h) => h.id).filter((id) => placeId(id, names) !== node));
      const got = s.body.hits.map((h) => h.id);
      if (got.length !== want.size || got.some((id) => !want.has(id))) problems.push(`hits ${got.length} vs the other nodes' ${want.size}`);
      if (s.body.total !== want.size) problems.push(`total ${s.body.total} vs ${want.size}`);
    }
    if (s.ms > DEADLINE_MS + CLIENT_SLACK_MS) problems.push(`answered after ${Math.round(s.ms)} ms (deadline ${DEADLINE_MS} ms)`);
    if (problems.length) fail(`${phase}: "${b.q.label}": ${problems.join('; ')}`);
    else ok++;
  }
  say(`${phase}: ${ok}/${small.length} answers partial naming ${node} with exactly the other nodes' hits; times ${times.join(', ')} ms (first right after the fault; deadline ${DEADLINE_MS} ms, load ${load()})`);
}

// ---- the run -------------------------------------------------------------------------------

async function writeNodes(file: string, nodes: readonly ClusterNode[]): Promise<void> {
  await writeFile(file, JSON.stringify(nodes.map((n) => ({ name: n.name, url: n.url, key: n.key }))), { mode: 0o600 });
}

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cluster-check-'));
  let single: EmbeddedMeili | undefined;
  let cluster: Awaited<ReturnType<typeof startLocalCluster>> | undefined;
  const gateways: GatewayProc[] = [];
  const locals: { close: () => void }[] = [];
  const paused = new Set<number>();
  let stopSampling = () => {};
  try {
    let corpus = await loadCorpus();
    let files = CORPUS_FILES;
    if (args.docs) {
      corpus = corpus.slice(0, Number(args.docs));
      files = [path.join(dir, 'slice.ndjson')];
      await writeFile(files[0]!, corpus.map((d) => JSON.stringify(d)).join('\n'));
    }
    const ids = new Set(corpus.map((d) => d.id));
    say(`test:cluster ${new Date().toISOString().slice(0, 16)}Z: ${corpus.length} records (${ids.size} distinct ids), ${os.cpus().length} cores; load ${load()}`);

    single = await startEmbedded({ dataDir: path.join(dir, 'single'), port: BASE });
    cluster = await startLocalCluster({ count: 3, dir: path.join(dir, 'cluster'), basePort: BASE + 1 });
    const nodes = cluster.nodes;
    const names = nodes.map((n) => n.name);
    const nodesFile = path.join(dir, 'nodes.json');
    await writeNodes(nodesFile, nodes);

    // Both at once: four engines indexing on one machine, each with its --max-indexing-memory.
    const indexerPids: number[] = [];
    stopSampling = sampleMemory(() => [single!.pid, ...cluster!.engines.map((e) => e.pid), ...indexerPids]);
    await mkdir(path.join(dir, 'state-single'));
    await mkdir(path.join(dir, 'state-cluster'));
    const loadBefore = load();
    const runs = [
      runIndexer({ MEILI_URL: single.url, MEILI_MASTER_KEY: single.key }, files, path.join(dir, 'state-single')),
      runIndexer({ MEILI_NODES: nodesFile }, files, path.join(dir, 'state-cluster')),
    ];
    // The pids are known once spawned: the children set holds both.
    for (const c of children) indexerPids.push(c.pid!);
    const [one, three] = (await Promise.all(runs)) as [IndexRun, IndexRun];
    stopSampling();
    const enginePeak = (e: EmbeddedMeili) => Math.max(peaks.get(e.pid) ?? 0, rssKiB(e.pid, 'VmHWM'));
    say(`indexed at once (load ${loadBefore} -> ${load()}): 1 node ${one.summary.indexed} in ${one.seconds.toFixed(1)} s, 3 nodes ${three.summary.indexed} in ${three.seconds.toFixed(1)} s; failed ${one.summary.failed} / ${three.summary.failed}`);
    say(
      `peak RSS: single engine ${mib(enginePeak(single))} (--max-indexing-memory ${mib(defaultIndexingMemory() / 1024)}), ` +
        `nodes ${cluster.engines.map((e) => mib(enginePeak(e))).join(' / ')} (each ${mib(localIndexingMemory(3) / 1024)}), indexers ${indexerPids.map((p) => mib(peaks.get(p) ?? 0)).join(' / ')}`,
    );
    if (one.summary.indexed !== ids.size || three.summary.indexed !== ids.size) fail(`indexed ${one.summary.indexed} / ${three.summary.indexed}, want ${ids.size}`);

    const singleKeys = await keysByNode([{ name: 'single', url: single.url, key: single.key } as ClusterNode], UID);
    const original = await keysByNode(nodes, UID);
    const placed = verifyPlacement(singleKeys, original, names);
    say(`placement: ${names.map((n) => `${n} ${original.get(n)!.length}`).join(', ')}; ${placed.length ? `${placed.length} problems: ${placed.slice(0, 3).join('; ')}` : 'every document once, on its node, none missing'}`);
    for (const p of placed.slice(0, 20)) fail(`placement: ${p}`);

    const singleGw = await startGateway(BASE + 4, { MEILI_URL: single.url, MEILI_MASTER_KEY: single.key });
    gateways.push(singleGw);
    let clusterGw = await startGateway(BASE + 5, { MEILI_NODES: nodesFile });
    gateways.push(clusterGw);

    // Each engine alone, for explaining a re-ranked result (see compareAll).
    await startDictionaryWorker({ answerWaitMs: 60_000 });
    const singleAlone = await localGateway({ url: single.url, key: single.key });
    locals.push(singleAlone);
    const nodeAlone = await Promise.all(nodes.map((n) => localGateway({ url: n.url, key: n.key })));
    locals.push(...nodeAlone);
    const all3: Alone = { nodes: nodeAlone.map((g) => g.url), single: singleAlone.url };
    const first2: Alone = { nodes: nodeAlone.slice(0, 2).map((g) => g.url), single: singleAlone.url };

    const queries = deriveQueries(corpus, QUERIES, Number(args.seed));
    const base = await baseline(singleGw.url, queries);
    const totals = base.map((b) => b.search.total).sort((a, b) => a - b);
    say(`${queries.length} queries (seed ${args.seed}): totals from ${totals[0]} to ${totals.at(-1)}, median ${totals[Math.floor(totals.length / 2)]}; ${totals.filter((t) => t <= DEPTH).length} compared in full`);

    await compareAll('3 nodes', clusterGw.url, base, singleGw.url, all3);

    // kill -9 one node
    const restart = async (i: number) => {
      const port = Number(new URL(nodes[i]!.url).port);
      cluster!.engines[i] = await startEmbedded({ dataDir: nodeDir(path.join(dir, 'cluster'), i), port, maxIndexingMemory: localIndexingMemory(3) });
    };
    process.kill(cluster.engines[1]!.pid, 'SIGKILL');
    await checkPartial('ms-1 SIGKILLed', clusterGw.url, base, 'ms-1', names);
    await restart(1);
    say(`ms-1 restarted: /ready ready again after ${await waitReady(clusterGw.url, 'ready', 120_000)} ms`);
    await compareAll('after ms-1 is back', clusterGw.url, base, singleGw.url, all3);

    // SIGSTOP one node (hung, not gone)
    process.kill(cluster.engines[2]!.pid, 'SIGSTOP');
    paused.add(2);
    await checkPartial('ms-2 SIGSTOPped', clusterGw.url, base, 'ms-2', names);
    process.kill(cluster.engines[2]!.pid, 'SIGCONT');
    paused.delete(2);
    say(`ms-2 SIGCONT: /ready ready again after ${await waitReady(clusterGw.url, 'ready', 120_000)} ms`);
    await compareAll('after ms-2 resumed', clusterGw.url, base, singleGw.url, all3);

    // reshard 3 -> 2 -> 3
    await stopGateway(clusterGw);
    const two = nodes.slice(0, 2);
    const checkReshard = async (label: string, to: readonly ClusterNode[], report: Awaited<ReturnType<typeof reshard>>) => {
      const after = await keysByNode(nodes, UID);
      const problems = verifyPlacement(singleKeys, after, to.map((n) => n.name));
      const count = [...after.values()].reduce((a, k) => a + k.length, 0);
      say(`reshard ${label}: ${report.moved} moved; ${[...after].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, k]) => `${n} ${k.length}`).join(', ')} = ${count} (want ${ids.size}); ${problems.length ? `${problems.length} problems` : 'same ids, each once, on its node'}`);
      if (count !== ids.size) fail(`reshard ${label}: ${count} documents, want ${ids.size}`);
      for (const p of problems.slice(0, 20)) fail(`reshard ${label}: ${p}`);
      return after;
    };
    await checkReshard('3 -> 2', two, await reshard(nodes, two, UID));
    const twoFile = path.join(dir, 'nodes-2.json');
    await writeNodes(twoFile, two);
    clusterGw = await startGateway(BASE + 5, { MEILI_NODES: twoFile });
    gateways.push(clusterGw);
    await compareAll('2 nodes after reshard', clusterGw.url, base, singleGw.url, first2);
    await stopGateway(clusterGw);
    const back = await checkReshard('2 -> 3', nodes, await reshard(two, nodes, UID));
    const sameNodes = names.every((n) => canon([...back.get(n)!].sort()) === canon([...original.get(n)!].sort()));
    say(`reshard 3 -> 2 -> 3: every document back on its original node: ${sameNodes}`);
    if (!sameNodes) fail('reshard 3 -> 2 -> 3: documents not back on their original nodes');
    clusterGw = await startGateway(BASE + 5, { MEILI_NODES: nodesFile });
    gateways.push(clusterGw);
    await compareAll('3 nodes after reshard back', clusterGw.url, base, singleGw.url, all3);
  } finally {
    stopSampling();
    for (const g of gateways) await stopGateway(g);
    for (const g of locals) g.close();
    for (const i of paused) if (cluster?.engines[i]) process.kill(cluster.engines[i]!.pid, 'SIGCONT');
    for (const c of children) c.kill('SIGKILL');
    await cluster?.stop();
    await single?.stop();
    await rm(dir, { recursive: true, force: true });
  }
  say(failures.length ? `FAILED: ${failures.length} mismatches` : 'PASSED: no mismatch');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`test:cluster: ${err.stack}\n`);
    process.exit(1);
  },
);
