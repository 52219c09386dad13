// npm run bench:index / bench:scale — cost as the archive grows. The corpus is replicated to
// each size (unique ids, dates spread over the years), then pushed (a) raw, with the official
// client in byte-sized NDJSON batches, and (b) through the project's indexer CLI, each into
// its own fresh embedded engine (so each engine's peak RSS and disk belong to one side),
// back to back in the same run. bench:scale then also times searches on both indexes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { Meilisearch } from 'meilisearch';
import { INDEXER_NODE_ARGS } from '../indexer/input/limits.ts';
import { buildDocument } from '../src/documents/build.ts';
import { compactDataDir } from '../src/engine/compact.ts';
import { defaultIndexingThreads } from '../src/engine/launch.ts';
import { folderBytes } from '../src/util/folder-bytes.ts';
import { startEmbedded, type EmbeddedMeili } from '../src/engine/embedded.ts';
import { ensureIndex } from '../src/meili/settings.ts';
import { waitForTask } from '../src/meili/tasks.ts';
import { loadCorpus, type CorpusDoc } from './lib/corpus.ts';
import { COMPLETIONS_AHEAD_DONE, startGatewayProcess } from './lib/gateway.ts';
import { percentile } from './lib/metrics.ts';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './lib/cpu-profile.ts';
import { rawSearchBody, rawSuggestBody } from './lib/raw.ts';
import { rng } from './lib/rng.ts';
import { typedQueries } from './lib/queries.ts';
import { fetchOk, timeInterleaved } from './lib/concurrency.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '40785,100000,250000' },
    docs: { type: 'string' },
    search: { type: 'boolean', default: false },
    queries: { type: 'string', default: '300' },
    'batch-bytes': { type: 'string', default: String(16 * 1024 * 1024) },
    label: { type: 'string' },
    'indexer-args': { type: 'string', default: '' },
    seed: { type: 'string', default: '20261202' },
    combine: { type: 'string' },
    floor: { type: 'boolean', default: false },
    compact: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    'indexing-threads': { type: 'string' },
    out: { type: 'string', default: path.join(HERE, 'results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'Usage: npm run bench:index -- [--sizes 40785,100000,250000 | --docs N] [--batch-bytes B] [--label L]\n' +
      '       npm run bench:scale -- [--sizes …] [--queries N]   (bench:index plus search latency)\n' +
      'Replicates ../shared/corpus to each size in a temp folder, then indexes it raw (official client,\n' +
      'NDJSON batches of --batch-bytes) and through `npm run index`, each into a fresh embedded engine.\n' +
      '--indexer-args="…": extra options for the indexer CLI (e.g. --indexer-args="--batch-size 2000"), to try one.\n' +
      '--docs N: one size, the first N corpus documents (a slice, for measuring a change quickly).\n' +
      '--floor: also the project\'s documents built beforehand (timed apart) and pushed as the raw side is,\n' +
      '  into an index with the project\'s settings: the engine\'s own cost of the project\'s fields, apart\n' +
      '  from the indexer\'s pace.\n' +
      '--compact: at the end, both engines stopped and their folders compacted (`npm run compact`): the\n' +
      '  database files before and after, and the compaction\'s time.\n' +
      '--cpu-prof: the indexer runs under node --cpu-prof; its self time by module and by function is\n' +
      '  added to the report (the profiler costs some CPU, so that run\'s times are not a clean figure).\n' +
      '--indexing-threads N: every engine of the run indexes with N threads (--max-indexing-threads);\n' +
      '  default: the embedded engine\'s own, half the cores.\n' +
      '--combine a.json,b.json: no run; one report (--label) of the rows of earlier runs, e.g. sizes run one at a time.\n' +
      'Reports wall time, documents/s, engine peak RSS, disk, indexer peak RSS, and ratios, the\n' +
      'indexer\'s and the engine\'s CPU seconds, and Meilisearch\'s own batch timings per step; with\n' +
      '--search also /search and /suggest p50/p99 at 1 and 10 connections, gateway vs raw (/suggest\n' +
      'also with SUGGEST_CACHE_SECONDS=0: one- and two-letter completions asked each time).\n' +
      'Writes bench/results/<label>.md and .json (label: index or scale).\n',
  );
  process.exit(0);
}

const MiB = 1024 * 1024;
const sizes = (args.docs ?? args.sizes!).split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${args.docs ? '--docs' : '--sizes'}: whole numbers, comma-separated`);
const label = args.label ?? (args.search ? 'scale' : 'index');
if (args['indexing-threads'] !== undefined && !/^[1-9]\d*$/.test(args['indexing-threads'])) throw new Error('--indexing-threads: a whole number of threads, 1 or more');

/** Peak resident set of a live process (kernel's high-water mark), in bytes. */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

const TICKS = 100; // USER_HZ: Linux reports /proc CPU times in 1/100 s on every mainstream build

/** CPU seconds (user, sys) of a live process, or with `children`, of its waited-for children. */
async function cpu(pid: number | 'self', children = false): Promise<{ user: number; sys: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces), counted from state (field 3).
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  const [u, s] = children ? [f[13]!, f[14]!] : [f[11]!, f[12]!];
  return { user: u / TICKS, sys: s / TICKS };
}

/** Rust's Duration debug form as Meilisearch prints it in progressTrace: 1.2s, 3.4ms, 5µs, 6ns. */
function traceSeconds(v: string): number {
  const m = /^([\d.]+)\s*(ns|µs|us|ms|s|m|h)$/.exec(v.trim());
  if (!m) return NaN;
  const k = { ns: 1e-9, 'µs': 1e-6, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }[m[2] as 'ns'];
  return Number(m[1]) * k;
}

/** ISO 8601 duration as the batch's `duration` (PT12.345S, PT1M2.3S). */
function isoSeconds(v: string | null | undefined): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(v ?? '');
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
}

interface EngineTimings {
  batches: number;
  /** Sum of the batches' durations: the engine's own time on this index. */
  seconds: number;
  /** progressTrace steps summed over the batches, seconds, largest first. */
  steps: Record<string, number>;
  /** Why each batch closed (batchStrategy), counted. */
  strategies: Record<string, number>;
  /**
   * The batches that added documents, in order: how many each received and how long it took.
   * Their sizes show how far the pushes ran ahead of the engine (each batch takes what waits).
   */
  documentBatches?: { documents: number; seconds: number }[];
  /** GET /stats: the database file and the part of it in use (the rest is free pages). */
  databaseSize: number;
  usedDatabaseSize: number;
}

/**
 * Meilisearch's own account of where indexing went: every batch that touched the index
 * (GET /batches), its duration and the per-step durations of stats.progressTrace.
 */
async function engineTimings(meili: EmbeddedMeili, indexUid: string): Promise<EngineTimings> {
  const headers = { Authorization: `Bearer ${meili.key}` };
  const out: EngineTimings = { batches: 0, seconds: 0, steps: {}, strategies: {}, documentBatches: [], databaseSize: NaN, usedDatabaseSize: NaN };
  let from: number | null | undefined;
  do {
    const q = new URLSearchParams({ indexUids: indexUid, limit: '100', ...(from != null ? { from: String(from) } : {}) });
    const res = await fetch(`${meili.url}/batches?${q}`, { headers });
    if (!res.ok) throw new Error(`GET /batches: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { results: { duration?: string | null; batchStrategy?: string; details?: { receivedDocuments?: number }; stats?: { progressTrace?: Record<string, string> } }[]; next: number | null };
    for (const b of page.results) {
      const received = b.details?.receivedDocuments ?? 0;
      // GET /batches pages newest first.
      if (received > 0) out.documentBatches!.unshift({ documents: received, seconds: isoSeconds(b.duration) });
      out.batches++;
      const why = b.batchStrategy ?? '?';
      out.strategies[why] = (out.strategies[why] ?? 0) + 1;
      out.seconds += isoSeconds(b.duration);
      for (const [step, d] of Object.entries(b.stats?.progressTrace ?? {})) {
        const sec = traceSeconds(d);
        if (Number.isFinite(sec)) out.steps[step] = (out.steps[step] ?? 0) + sec;
      }
    }
    from = page.next;
  } while (from != null);
  out.steps = Object.fromEntries(Object.entries(out.steps).sort((a, b) => b[1] - a[1]));
  const stats = (await (await fetch(`${meili.url}/stats`, { headers })).json()) as { databaseSize: number; usedDatabaseSize: number };
  out.databaseSize = stats.databaseSize;
  out.usedDatabaseSize = stats.usedDatabaseSize;
  return out;
}


/** The corpus replicated to n documents: copy k gets ids `…-rk` and dates k years later. */
async function writeReplica(corpus: CorpusDoc[], n: number, file: string): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const d = corpus[i % corpus.length]!;
    const k = Math.floor(i / corpus.length);
    const doc: CorpusDoc = k === 0 ? d : { ...d, id: `${d.id}-r${k}` };
    if (k > 0 && d.date) doc.date = `${Number(d.date.slice(0, 4)) + k}${d.date.slice(4)}`.replace(/-02-29$/, '-02-28');
    const line = `${JSON.stringify(doc)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

interface SideResult {
  seconds: number;
  docsPerSecond: number;
  enginePeakRss: number;
  diskBytes: number;
  indexerPeakRss?: number;
  /** CPU seconds of the engine process over its whole life (start, settings, indexing). */
  engineCpu: { user: number; sys: number };
  /** CPU seconds of the indexer process (its own analysis, JSON, HTTP). */
  indexerCpu?: { user: number; sys: number };
  engine: EngineTimings;
  /** With --cpu-prof: the indexer's self time by module and function. */
  profile?: ProfileSummary;
}

const threads = args['indexing-threads'] ? Number(args['indexing-threads']) : undefined;

async function engine(dir: string): Promise<EmbeddedMeili> {
  return startEmbedded({ dataDir: dir, binary: process.env.MEILISEARCH_BIN, startTimeoutMs: 60_000, maxIndexingThreads: threads });
}

/** The raw side's index: what a user without this project sets up. */
async function prepareRaw(client: Meilisearch, uid: string): Promise<void> {
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 600_000 });
  await client.index(uid).updateFilterableAttributes(['lang']).waitTask({ timeout: 600_000 });
}

/** What a user without this project does: NDJSON batches of about B bytes, as given, into the index `prepare` sets up. */
async function pushRaw(meili: EmbeddedMeili, file: string, n: number, batchBytes: number, dataDir: string, uid = 'raw', prepare = prepareRaw): Promise<SideResult> {
  const client = new Meilisearch({ host: meili.url, apiKey: meili.key, timeout: 600_000 });
  await prepare(client, uid);
  const started = performance.now();
  const tasks: number[] = [];
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    const task = await client.index(uid).addDocumentsFromString(batch.join('\n'), 'application/x-ndjson');
    tasks.push(task.taskUid);
    batch = [];
    size = 0;
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    batch.push(line);
    size += line.length + 1;
    if (size >= batchBytes) await flush();
  }
  await flush();
  for (const task of tasks) {
    const t = await waitForTask(client, task, 3_600_000, 250);
    if (t.status !== 'succeeded') throw new Error(`${uid} push task ${task}: ${t.status} ${JSON.stringify(t.error)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const count = (await client.index(uid).getStats()).numberOfDocuments;
  if (count !== n) throw new Error(`${uid} index holds ${count} documents, expected ${n}`);
  return { seconds, docsPerSecond: n / seconds, enginePeakRss: await peakRss(meili.pid), diskBytes: await folderBytes(path.join(dataDir, 'data.ms')), engineCpu: await cpu(meili.pid), engine: await engineTimings(meili, uid) };
}

/**
 * The project's documents for the --floor side, built here from the replica (the indexer's own
 * analysis, one document after another) and written as NDJSON; how long and how much CPU the
 * building took, apart from any engine.
 */
async function buildAhead(file: string, out: string): Promise<{ seconds: number; cpu: { user: number; sys: number } }> {
  const started = performance.now();
  const before = process.cpuUsage();
  const w = createWriteStream(out);
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!w.write(`${JSON.stringify(buildDocument(JSON.parse(line)))}\n`)) await once(w, 'drain');
  }
  w.end();
  await once(w, 'finish');
  const used = process.cpuUsage(before);
  return { seconds: (performance.now() - started) / 1000, cpu: { user: used.user / 1e6, sys: used.system / 1e6 } };
}

/** The project's indexer, as a user runs it (`npm run index`), its own process so its RSS is its own. */
async function pushProject(meili: EmbeddedMeili, file: string, n: number, stateDir: string, dataDir: string, profileDir?: string): Promise<SideResult> {
  // The indexer's CPU is read from this process's waited-for children (cutime/cstime), so it
  // is whole, up to exit; the engines, also children, are not waited for until the end.
  const childCpuBefore = await cpu('self', true);
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...INDEXER_NODE_ARGS, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), '--import', 'tsx', path.join(ROOT, 'indexer', 'cli.ts'), '--reset', '--index', 'project', '--state-dir', stateDir, '--json', ...args['indexer-args']!.split(/\s+/).filter(Boolean), file],
    { cwd: ROOT, env: { ...process.env, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  // VmHWM only grows; the last reading before exit is the peak (to the polling interval).
  let indexerPeak = 0;
  const poll = setInterval(() => void peakRss(child.pid!).then((r) => { if (r > indexerPeak) indexerPeak = r; }), 200);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const childCpuAfter = await cpu('self', true);
  const indexerCpu = { user: childCpuAfter.user - childCpuBefore.user, sys: childCpuAfter.sys - childCpuBefore.sys };
  if (code !== 0) throw new Error(`indexer exited ${code}: ${stdout.slice(-2000)}`);
  const summary = JSON.parse(stdout) as { indexed: number; failed: number };
  if (summary.indexed !== n || summary.failed !== 0) throw new Error(`indexer: ${summary.indexed} indexed, ${summary.failed} failed of ${n}`);
  const profile = profileDir ? await readProfile(profileDir) : undefined;
  return { seconds, docsPerSecond: n / seconds, enginePeakRss: await peakRss(meili.pid), diskBytes: await folderBytes(path.join(dataDir, 'data.ms')), indexerPeakRss: indexerPeak, indexerCpu, engineCpu: await cpu(meili.pid), engine: await engineTimings(meili, 'project'), profile };
}

/** The indexer's profiles (node writes one per thread on exit: the main one and the module loader's, where tsx's hooks run), summarised together. */
async function readProfile(dir: string): Promise<ProfileSummary> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) throw new Error(`--cpu-prof: no profile in ${dir}`);
  return summariseProfile(await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as CpuProfile)), ROOT);
}

interface Latency {
  p50: number;
  p99: number;
}

async function timeLoop(request: (q: string) => Promise<void>, queries: string[], connections: number): Promise<Latency> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < queries.length) {
        const q = queries[next++]!;
        const t = performance.now();
        await request(q);
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}


async function searchLatency(raw: EmbeddedMeili, project: EmbeddedMeili, corpus: CorpusDoc[]) {
  const { queries, prefixes } = typedQueries(rng(Number(args.seed)), corpus, Number(args.queries), 3);
  const gatewayEnv = { MEILI_URL: project.url, MEILI_MASTER_KEY: project.key, MEILI_INDEX: 'project', MEILI_TIMEOUT_MS: '10000' };
  // Timed once it has asked for the short-prefix completions ahead, as a gateway is seconds after a start.
  const gw = await startGatewayProcess(gatewayEnv, undefined, COMPLETIONS_AHEAD_DONE);
  // /suggest with nothing kept (SUGGEST_CACHE_SECONDS=0): every one- and two-letter first
  // word's completions asked of the engine, as the first keystroke of each after a start.
  const gwNone = await startGatewayProcess({ ...gatewayEnv, SUGGEST_CACHE_SECONDS: '0' }).catch((err: Error) => {
    gw.child.kill('SIGTERM');
    throw err;
  });
  try {
    const headers = { Authorization: `Bearer ${raw.key}`, 'Content-Type': 'application/json', 'Accept-Encoding': 'identity' };
    const plain = { headers: { 'Accept-Encoding': 'identity' } };
    const rawSearch = (q: string) => fetchOk(`${raw.url}/indexes/raw/search`, { method: 'POST', headers, body: JSON.stringify(rawSearchBody(q)) });
    const rawSuggest = (q: string) => fetchOk(`${raw.url}/indexes/raw/search`, { method: 'POST', headers, body: JSON.stringify(rawSuggestBody(q)) });
    const gwSearch = (q: string) => fetchOk(`${gw.url}/search?q=${encodeURIComponent(q)}&facets=lang`, plain);
    const gwSuggest = (q: string) => fetchOk(`${gw.url}/suggest?q=${encodeURIComponent(q)}`, plain);
    const gwNoneSuggest = (q: string) => fetchOk(`${gwNone.url}/suggest?q=${encodeURIComponent(q)}`, plain);
    // Warm both sides (page cache, JIT) before timing, /suggest too: its facet search reads other
    // pages than a search, and its first requests (up to 250 ms at 40,785 documents, then 5–19
    // ms) made its p99 of 300 a cold-start figure (66 ms cold, 13.5 ms warm, same prefixes).
    await timeLoop(rawSearch, queries.slice(0, 50), 1);
    await timeLoop(gwSearch, queries.slice(0, 50), 1);
    await timeInterleaved([gwSuggest, gwNoneSuggest, rawSuggest], prefixes.slice(0, 50));
    // The /suggest sides are interleaved: timed one after the other, the second got pages the
    // first had warmed (250,000 documents: p99 36.0 ms for the first, 22.8 for the second).
    const [gateway1, uncached1, raw1] = (await timeInterleaved([gwSuggest, gwNoneSuggest, rawSuggest], prefixes)).map((t) => ({ p50: percentile(t, 50), p99: percentile(t, 99) })) as [Latency, Latency, Latency];
    return {
      search: {
        gateway1: await timeLoop(gwSearch, queries, 1),
        raw1: await timeLoop(rawSearch, queries, 1),
        gateway10: await timeLoop(gwSearch, queries, 10),
        raw10: await timeLoop(rawSearch, queries, 10),
      },
      suggest: { gateway1, raw1, uncached1 },
      // What the gateway said of the completions it asked for ahead (kept, ms), or why it did not.
      completionsAhead: gw.logged,
    };
  } finally {
    gw.child.kill('SIGTERM');
    gwNone.child.kill('SIGTERM');
  }
}

const mb = (b: number) => (b / MiB).toFixed(0);
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const ms = (l: Latency) => `${l.p50.toFixed(1)} / ${l.p99.toFixed(1)}`;

async function main() {
  if (args.combine) {
    // Sizes run one at a time (a 250k run alone holds the shared machine most of an hour) are
    // reported together, as one run would have written them.
    const rows: Record<string, unknown>[] = [];
    for (const f of args.combine.split(',')) rows.push(...(JSON.parse(await readFile(f.trim(), 'utf8')) as { rows: Record<string, unknown>[] }).rows);
    rows.sort((a, b) => (a.documents as number) - (b.documents as number));
    return report(rows, true);
  }
  const corpus = await loadCorpus();
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const dir = await mkdtemp(path.join(os.tmpdir(), `bench-scale-${n}-`));
    const engines: EmbeddedMeili[] = [];
    const loadBefore = os.loadavg()[0]!;
    try {
      const file = path.join(dir, 'docs.ndjson');
      const bytes = await writeReplica(corpus, n, file);
      process.stderr.write(`${n} documents (${mb(bytes)} MiB NDJSON): raw push…\n`);
      const rawDir = path.join(dir, 'raw-engine');
      const rawEngine = await engine(rawDir);
      engines.push(rawEngine);
      const raw = await pushRaw(rawEngine, file, n, Number(args['batch-bytes']), rawDir);
      process.stderr.write(`  raw ${raw.seconds.toFixed(1)} s; project indexer…\n`);
      const projectDir = path.join(dir, 'project-engine');
      const projectEngine = await engine(projectDir);
      engines.push(projectEngine);
      const project = await pushProject(projectEngine, file, n, path.join(dir, 'state'), projectDir, args['cpu-prof'] ? path.join(dir, 'profile') : undefined);
      process.stderr.write(`  indexer ${project.seconds.toFixed(1)} s\n`);
      const row: Record<string, unknown> = { documents: n, inputBytes: bytes, indexingThreads: threads ?? defaultIndexingThreads(), raw, project };
      if (args.floor) {
        const built = path.join(dir, 'built.ndjson');
        const building = await buildAhead(file, built);
        process.stderr.write(`  built ahead in ${building.seconds.toFixed(1)} s; pushing them as raw…\n`);
        const floorDir = path.join(dir, 'floor-engine');
        const floorEngine = await engine(floorDir);
        try {
          row.floor = { ...(await pushRaw(floorEngine, built, n, Number(args['batch-bytes']), floorDir, 'floor', (c, uid) => ensureIndex(c, uid))), building };
        } finally {
          // Stopped before any search timing: only the raw and project engines are searched.
          await floorEngine.stop().catch(() => {});
          await rm(built, { force: true });
        }
        process.stderr.write(`  floor ${(row.floor as SideResult).seconds.toFixed(1)} s\n`);
      }
      if (args.search) row.latency = await searchLatency(rawEngine, projectEngine, corpus);
      if (args.compact) {
        // Last: compaction stops the engines. Both sides, so either ratio can be read.
        const compacted: Record<string, unknown> = {};
        for (const [side, e, d] of [['raw', rawEngine, rawDir], ['project', projectEngine, projectDir]] as const) {
          await e.stop();
          const c = await compactDataDir({ dataDir: d, binary: process.env.MEILISEARCH_BIN, onProgress: (step) => process.stderr.write(`  ${side} compaction: ${step}\n`) });
          compacted[side] = { before: c.before.fileBytes, after: c.after.fileBytes, snapshotSeconds: c.snapshotSeconds, importSeconds: c.importSeconds };
        }
        row.compacted = compacted;
      }
      // The machine is shared: the 1-minute load average says how busy it was around this size.
      row.loadAverage = { start: loadBefore, end: os.loadavg()[0]! };
      rows.push(row);
    } finally {
      for (const e of engines) await e.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
    // Written after every size: a 250k run takes most of an hour, and a failure or a stop in
    // it must not lose the sizes already measured.
    await report(rows, n === sizes.at(-1));
  }
}

async function report(rows: Record<string, unknown>[], last: boolean) {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const lines = [
    `# bench:${label}`,
    '',
    `Machine: ${machine}. Engine: embedded Meilisearch, default --max-indexing-memory (RAM ÷ 8, at most 2 GiB), --max-indexing-threads ${[...new Set(rows.map((r) => r.indexingThreads ?? 'not recorded'))].join(' / ')} (default: half the cores). Raw: official client, NDJSON batches of ${mb(Number(args['batch-bytes']))} MiB, default settings (+ lang filterable). Indexer: \`npm run index\` (analysis, stem/exact fields, facets).`,
    '',
    '| docs | raw s | indexer s | time ratio | raw docs/s | indexer docs/s | raw disk MiB | project disk MiB | disk ratio | raw engine peak MiB | project engine peak MiB | indexer peak RSS MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows as { documents: number; raw: SideResult; project: SideResult }[]) {
    lines.push(
      `| ${r.documents} | ${r.raw.seconds.toFixed(1)} | ${r.project.seconds.toFixed(1)} | ${x(r.project.seconds, r.raw.seconds)} | ${r.raw.docsPerSecond.toFixed(0)} | ${r.project.docsPerSecond.toFixed(0)} | ${mb(r.raw.diskBytes)} | ${mb(r.project.diskBytes)} | ${x(r.project.diskBytes, r.raw.diskBytes)} | ${mb(r.raw.enginePeakRss)} | ${mb(r.project.enginePeakRss)} | ${mb(r.project.indexerPeakRss ?? NaN)} |`,
    );
  }
  lines.push('', '## Where the time goes', '', 'Indexer CPU: the indexer process\'s own user+sys seconds (analysis, JSON, HTTP). Engine CPU: the Meilisearch process\'s user+sys over its life (indexing threads add up, so it can exceed wall time). Engine batches: the sum of the index\'s batch durations (GET /batches); the steps are their `stats.progressTrace`, summed over batches (a step\'s time includes its sub-steps; steps under 1% of the project\'s batch time left out).');
  for (const r of rows as { documents: number; raw: SideResult; project: SideResult; loadAverage?: { start: number; end: number } }[]) {
    const c = (v?: { user: number; sys: number }) => (v ? `${(v.user + v.sys).toFixed(1)} (${v.user.toFixed(1)} user, ${v.sys.toFixed(1)} sys)` : '–');
    const load = r.loadAverage ? ` (1-minute load average ${r.loadAverage.start.toFixed(1)} at start, ${r.loadAverage.end.toFixed(1)} at end)` : '';
    lines.push('', `### ${r.documents} documents${load}`, '', '| | raw | project |', '| --- | ---: | ---: |');
    lines.push(`| wall s | ${r.raw.seconds.toFixed(1)} | ${r.project.seconds.toFixed(1)} |`);
    lines.push(`| indexer CPU s | – | ${c(r.project.indexerCpu)} |`);
    lines.push(`| engine CPU s | ${c(r.raw.engineCpu)} | ${c(r.project.engineCpu)} |`);
    lines.push(`| engine batches: count, s | ${r.raw.engine.batches}, ${r.raw.engine.seconds.toFixed(1)} | ${r.project.engine.batches}, ${r.project.engine.seconds.toFixed(1)} |`);
    const sizes = (e: EngineTimings) => e.documentBatches?.map((b) => b.documents.toLocaleString('en-US')).join(' · ') ?? '–';
    lines.push(`| documents per batch, in order | ${sizes(r.raw.engine)} | ${sizes(r.project.engine)} |`);
    lines.push(`| database MiB: file, in use | ${mb(r.raw.engine.databaseSize)}, ${mb(r.raw.engine.usedDatabaseSize)} | ${mb(r.project.engine.databaseSize)}, ${mb(r.project.engine.usedDatabaseSize)} |`);
    const floor = r.project.engine.seconds / 100;
    const steps = [...new Set([...Object.keys(r.project.engine.steps), ...Object.keys(r.raw.engine.steps)])]
      .filter((k) => Math.max(r.project.engine.steps[k] ?? 0, r.raw.engine.steps[k] ?? 0) >= floor)
      .sort((a, b) => a.localeCompare(b));
    const f = (v?: number) => (v === undefined ? '–' : v.toFixed(1));
    for (const k of steps) lines.push(`| ${k.replace(/\|/g, '/')} | ${f(r.raw.engine.steps[k])} | ${f(r.project.engine.steps[k])} |`);
  }
  const floors = (rows as { documents: number; raw: SideResult; project: SideResult; floor?: SideResult & { building: { seconds: number; cpu: { user: number; sys: number } } } }[]).filter((r) => r.floor);
  if (floors.length) {
    lines.push(
      '',
      '## The engine\'s own cost of the project\'s fields (--floor)',
      '',
      'Floor: the project\'s documents built beforehand (building timed apart, below) and pushed as the raw side is, into an index with the project\'s settings, into a fresh engine. Floor ÷ raw is what the extra fields and settings cost the engine; indexer ÷ floor is what the indexer\'s pace adds (the engine indexes what waits in its queue as one batch, so a slower feed makes more, smaller batches, each merged into the whole database).',
      '',
      '| docs | raw s | floor s | indexer s | floor ÷ raw | indexer ÷ floor | floor batches | building alone s (CPU s) | raw disk MiB | floor disk MiB | project disk MiB | floor disk ÷ raw |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of floors) {
      const f = r.floor!;
      const batches = f.engine.documentBatches?.map((b) => b.documents.toLocaleString('en-US')).join(' · ') ?? '–';
      lines.push(`| ${r.documents} | ${r.raw.seconds.toFixed(1)} | ${f.seconds.toFixed(1)} | ${r.project.seconds.toFixed(1)} | ${x(f.seconds, r.raw.seconds)} | ${x(r.project.seconds, f.seconds)} | ${batches} | ${f.building.seconds.toFixed(1)} (${(f.building.cpu.user + f.building.cpu.sys).toFixed(1)}) | ${mb(r.raw.diskBytes)} | ${mb(f.diskBytes)} | ${mb(r.project.diskBytes)} | ${x(f.diskBytes, r.raw.diskBytes)} |`);
    }
  }
  const profiled = (rows as { documents: number; project: SideResult }[]).filter((r) => r.project.profile);
  if (profiled.length) {
    lines.push('', '## The indexer\'s CPU profile (--cpu-prof)', '', 'Self time (ms) of the indexer process as V8 sampled it, by module and by function; (V8 and native) is garbage collection and code outside any script. The profiler itself costs some CPU, so this run\'s wall times are not a clean figure.');
    for (const r of profiled) {
      const p = r.project.profile!;
      const share = (ms: number) => `${((100 * ms) / p.totalMs).toFixed(1)}%`;
      lines.push('', `### ${r.documents} documents: ${(p.totalMs / 1000).toFixed(1)} s sampled`, '', '| module | ms | share |', '| --- | ---: | ---: |');
      for (const m of p.modules) lines.push(`| ${m.name} | ${m.ms.toFixed(0)} | ${share(m.ms)} |`);
      lines.push('', '| function | ms | share |', '| --- | ---: | ---: |');
      for (const f of p.functions) lines.push(`| ${f.name.replace(/\|/g, '/')} | ${f.ms.toFixed(0)} | ${share(f.ms)} |`);
    }
  }
  const compactions = (rows as { documents: number; compacted?: Record<'raw' | 'project', { before: number; after: number; snapshotSeconds: number; importSeconds: number }> }[]).filter((r) => r.compacted);
  if (compactions.length) {
    lines.push(
      '',
      '## After `npm run compact` (--compact)',
      '',
      'Each side\'s whole database folder (`data.ms`) as indexing left it and after `npm run compact` (a snapshot, written compacted, imported into a new folder, the document counts checked, the folders swapped), with the engines stopped.',
      '',
      '| docs | raw MiB | raw compacted MiB | project MiB | project compacted MiB | project compacted ÷ raw | project compacted ÷ raw compacted | project snapshot + import s |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of compactions) {
      const { raw, project } = r.compacted!;
      lines.push(`| ${r.documents} | ${mb(raw.before)} | ${mb(raw.after)} | ${mb(project.before)} | ${mb(project.after)} | ${x(project.after, raw.before)} | ${x(project.after, raw.after)} | ${project.snapshotSeconds.toFixed(1)} + ${project.importSeconds.toFixed(1)} |`);
    }
  }
  const per100k = rows.at(-1) as { documents: number; project: SideResult } | undefined;
  if (per100k) {
    const f = 100_000 / per100k.documents;
    lines.push('', `Per 100k documents (from the ${per100k.documents} row): disk ${mb(per100k.project.diskBytes * f)} MiB, indexing ${(per100k.project.seconds * f).toFixed(0)} s; engine peak RSS ${mb(per100k.project.enginePeakRss)} MiB (RSS counts the database's memory-mapped pages too, so it can exceed --max-indexing-memory).`);
  }
  if (rows.some((r) => r.latency)) {
    lines.push('', '## Search latency (ms, p50 / p99)', '', '| docs | gateway /search 1 conn | raw 1 conn | gateway /search 10 conn | raw 10 conn | gateway /suggest 1 conn | /suggest, nothing kept | raw prefix 1 conn |', '| ---: | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows as { documents: number; latency: Awaited<ReturnType<typeof searchLatency>> }[]) {
      const l = r.latency;
      lines.push(`| ${r.documents} | ${ms(l.search.gateway1)} | ${ms(l.search.raw1)} | ${ms(l.search.gateway10)} | ${ms(l.search.raw10)} | ${ms(l.suggest.gateway1)} | ${l.suggest.uncached1 ? ms(l.suggest.uncached1) : '–'} | ${ms(l.suggest.raw1)} |`);
    }
    const ahead = (rows as { documents: number; latency: { completionsAhead?: { kept?: number; ms?: number } } }[]).filter((r) => r.latency.completionsAhead?.ms !== undefined);
    if (ahead.length) lines.push('', `Short-prefix completions asked ahead by the gateway after its start, before timing: ${ahead.map((r) => `${r.documents} documents ${r.latency.completionsAhead!.kept} kept in ${r.latency.completionsAhead!.ms} ms`).join('; ')}.`);
  }
  await mkdir(args.out!, { recursive: true });
  await writeFile(path.join(args.out!, `${label}.json`), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  await writeFile(path.join(args.out!, `${label}.md`), `${lines.join('\n')}\n`);
  if (last) process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bench:${label}: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
