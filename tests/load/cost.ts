// npm run test:faults — what the costliest requests cost the gateway, on the corpus (issue 10,
// item 1): gateway CPU per request (from /proc/<pid>/stat, utime + stime, 10 ms ticks, averaged
// over repeats), and /health latency while 4 clients send those requests back to back.
// `--gateway-root DIR` runs another checkout's gateway (e.g. the code before the limits) on the
// same engine and index. `--docs N` indexes a slice (the first N/2 Turkish and N/2 English
// articles) instead of the whole corpus, for a machine that is shared. Timings on a shared
// machine are noisy: compare runs of one session.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CORPUS_FILES, loadCorpus } from '../../bench/lib/corpus.ts';
import { buildProjectIndex } from '../../bench/lib/engine.ts';
import { buildDocument } from '../../src/documents/build.ts';
import { connectMeili } from '../../src/engine/connect.ts';
import { freePort } from '../../src/engine/launch.ts';
import { readEnv } from '../../src/env.ts';
import { assertSucceeded, createClient } from '../../src/meili/client.ts';
import { enqueueDocuments, fetchDocument, waitForTask } from '../../src/meili/documents.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({
  options: {
    'gateway-root': { type: 'string', default: ROOT },
    label: { type: 'string', default: 'this checkout' },
    seconds: { type: 'string', default: '15' },
    repeats: { type: 'string', default: '5' },
    out: { type: 'string' },
    docs: { type: 'string' },
    port: { type: 'string' },
    // Extra node options for the gateway, e.g. `--node-arg=--cpu-prof --node-arg=--cpu-prof-dir=/tmp/prof`.
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const SLICE = args.docs ? Number(args.docs) : undefined;
const INDEX = SLICE ? `cost_corpus_${SLICE}` : 'cost_corpus';
const ADMIN = 'cost-admin-key-0123456789';
const HUGE_WORD = 'zzyzxhuge';
const TICK_MS = 10;

async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

interface Attack {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  admin?: boolean;
}

async function send(url: string, a: Attack): Promise<{ status: number; bytes: number }> {
  const res = await fetch(url + a.path, {
    method: a.method,
    headers: { 'content-type': 'application/json', ...(a.admin ? { authorization: `Bearer ${ADMIN}` } : {}) },
    body: a.body,
  });
  const buf = await res.arrayBuffer();
  return { status: res.status, bytes: buf.byteLength };
}

function attacks(titleWords: string[]): Attack[] {
  const everything = { indexUid: INDEX, limit: 25, attributesToHighlight: ['*'], attributesToCrop: ['*:200'], showMatchesPosition: true, facets: ['*'] };
  const q = (i: number) => titleWords[i % titleWords.length]!;
  const hugeBody = 'Belediye meclisinde bütçe görüşmeleri sürüyor ve seçim takvimi tartışılıyor. '.repeat(Math.ceil(9_500_000 / 78));
  const allowedBody = 'Belediye meclisinde bütçe görüşmeleri sürüyor ve seçim takvimi tartışılıyor. '.repeat(Math.floor(100_000 / 78));
  return [
    { name: 'issue 10: multi-search 20 × 25 hits, all highlighted/cropped/positioned, all facets', method: 'POST', path: '/meili/multi-search', body: JSON.stringify({ queries: Array.from({ length: 20 }, (_, i) => ({ ...everything, q: q(i) })) }) },
    {
      name: 'worst allowed multi-search: 24 hits × 5 windows + 9 facet queries',
      method: 'POST',
      path: '/meili/multi-search',
      body: JSON.stringify({
        queries: [
          { indexUid: INDEX, q: q(1), limit: 24, attributesToHighlight: ['*'], attributesToCrop: ['body:200'], showMatchesPosition: true, facets: ['*'] },
          ...Array.from({ length: 9 }, (_, i) => ({ indexUid: INDEX, q: q(i + 2), limit: 0, facets: ['*'] })),
        ],
      }),
    },
    { name: '/meili search hitting a 9.5 MB document, highlight *', method: 'POST', path: `/meili/indexes/${INDEX}/search`, body: JSON.stringify({ q: HUGE_WORD, attributesToHighlight: ['*'], showMatchesPosition: true }) },
    { name: 'same, retrieving id and title only', method: 'POST', path: `/meili/indexes/${INDEX}/search`, body: JSON.stringify({ q: HUGE_WORD, attributesToRetrieve: ['id', 'title'], attributesToHighlight: ['*'], showMatchesPosition: true }) },
    { name: 'GET /search, 100 hits, 100-word snippets', method: 'GET', path: `/search?q=${encodeURIComponent(q(3))}&perPage=100&cropLength=100` },
    // Found by Meilisearch's typo tolerance, matched by none of the gateway's words: every head is read whole, then bodies are sought.
    { name: 'GET /search, 100 hits of a mistyped word (no head holds it)', method: 'GET', path: `/search?q=governmenx&perPage=100&cropLength=100` },
    {
      name: '/meili multi-search, 2 × 100 whole documents (attributesToRetrieve *)',
      method: 'POST',
      path: '/meili/multi-search',
      body: JSON.stringify({ queries: ['government', 'ekonomi'].map((w) => ({ indexUid: INDEX, q: w, limit: 100, attributesToRetrieve: ['*'] })) }),
    },
    { name: 'POST /documents, one 9.5 MB document', method: 'POST', path: '/documents', admin: true, body: JSON.stringify({ id: 'cost-post-huge', title: 'x', body: hugeBody, lang: 'tr' }) },
    { name: 'POST /documents, one 100,000-character document', method: 'POST', path: '/documents', admin: true, body: JSON.stringify({ id: 'cost-post-100k', title: 'x', body: allowedBody, lang: 'tr' }) },
  ];
}

/** Written by loop-monitor.mjs inside the gateway: one line per phase (ended by SIGUSR2). */
interface LoopPhase {
  maxMs: number;
  p99Ms: number;
  holds: [number, number][];
}

async function startGateway(root: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = args.port ? Number(args.port) : await freePort();
  const monitor = path.join(ROOT, 'tests', 'load', 'loop-monitor.mjs');
  const child = spawn(process.execPath, [...args['node-arg']!, '--import', monitor, '--import', 'tsx', path.join(root, 'src', 'server.ts')], {
    cwd: root,
    // A generous Meilisearch deadline: on a busy machine the point is the gateway's work, not 503s.
    env: { ...process.env, ...env, MEILI_TIMEOUT_MS: '20000', PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOAD_SAMPLES: 'false', LOG_LEVEL: 'error', ADMIN_API_KEY: ADMIN },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) return { url, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the gateway did not become ready');
}

/** Until Meilisearch has no task left: indexing would take the CPU the measurements need. */
async function idle(client: ReturnType<typeof createClient>): Promise<void> {
  for (;;) {
    const { results } = await client.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 });
    if (results.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  const env = readEnv({ MEILI_DATA_DIR: 'data/cost-meili', ...process.env });
  const conn = await connectMeili(env, 'indexer');
  const client = createClient(conn, 120_000);
  let gateway: { url: string; child: ChildProcess } | undefined;
  try {
    let corpus = await loadCorpus();
    let files = CORPUS_FILES;
    let tmp: string | undefined;
    if (SLICE) {
      corpus = [...corpus.filter((d) => d.lang === 'tr').slice(0, SLICE / 2), ...corpus.filter((d) => d.lang === 'en').slice(0, SLICE / 2)];
      tmp = await mkdtemp(path.join(os.tmpdir(), 'cost-slice-'));
      files = [path.join(tmp, 'slice.ndjson')];
      await writeFile(files[0]!, corpus.map((d) => JSON.stringify(d)).join('\n'));
    }
    process.stderr.write(`cost: index ${INDEX} (${corpus.length} documents, reused when built)\n`);
    // Built once; the 9.5 MB document added after it marks it complete (its count is then the corpus + 1).
    if (!(await fetchDocument(client, INDEX, 'cost-huge', ['id']).catch(() => undefined))) {
      await buildProjectIndex(client, INDEX, files, corpus.length, env.dataDir, false);
    }
    if (tmp) await rm(tmp, { recursive: true, force: true });
    if (!(await fetchDocument(client, INDEX, 'cost-huge', ['id']))) {
      const body = corpus.slice(0, 6000).map((d) => d.body).join('\n').slice(0, 9_500_000);
      const doc = buildDocument({ id: 'cost-huge', lang: 'tr', title: `${HUGE_WORD} büyük belge`, body: `${HUGE_WORD} ${body}` });
      assertSucceeded(await waitForTask(client, (await enqueueDocuments(client, INDEX, [doc])).taskUid, 600_000));
    }
    const loopFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'cost-loop-')), 'loop.ndjson');
    gateway = await startGateway(path.resolve(args['gateway-root']!), { MEILI_URL: conn.url, MEILI_MASTER_KEY: conn.key, MEILI_INDEX: INDEX, LOOP_MONITOR_OUT: loopFile });
    const pid = gateway.child.pid!;
    const child = gateway.child;
    /** Ends the gateway's current loop-monitor phase and returns what it saw. */
    const phase = async (): Promise<LoopPhase> => {
      const lines = async () => (await readFile(loopFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      const n = (await lines()).length;
      child.kill('SIGUSR2');
      for (let i = 0; i < 600; i++) {
        const now = await lines();
        if (now.length > n) return JSON.parse(now.at(-1)!) as LoopPhase;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the gateway wrote no loop-monitor line');
    };
    const holdsOf = (p: LoopPhase) => (p.holds.length ? p.holds.map(([, ms]) => ms).sort((a, b) => b - a).slice(0, 5).join(', ') : '–');
    const startup = await phase();
    const words = corpus.slice(0, 200).map((d) => d.title.split(/\s+/)[0]!.replace(/[^\p{L}]/gu, '')).filter((w) => w.length > 3);
    const list = attacks(words);
    const rows: string[] = [];
    for (const a of list) {
      await idle(client);
      await send(gateway.url, a); // warm-up
      await phase();
      const cpu: number[] = [];
      let last = { status: 0, bytes: 0 };
      for (let i = 0; i < Number(args.repeats); i++) {
        const before = await cpuMs(pid);
        last = await send(gateway.url, a);
        cpu.push((await cpuMs(pid)) - before);
      }
      const loop = await phase();
      const avg = cpu.reduce((x, y) => x + y, 0) / cpu.length;
      rows.push(`| ${a.name} | ${last.status} | ${last.bytes} | ${avg.toFixed(0)} | ${Math.max(...cpu)} | ${loop.maxMs.toFixed(0)} |`);
      process.stderr.write(`${rows.at(-1)}\n`);
    }
    // /health while 4 clients send the heavy requests (the document writes excluded: they need the admin key).
    const heavy = list.filter((a) => !a.admin);
    await idle(client);
    const until = Date.now() + Number(args.seconds) * 1000;
    let sent = 0;
    const statuses: Record<number, number> = {};
    const client4 = async (k: number) => {
      for (let i = k; Date.now() < until; i++) {
        const r = await send(gateway!.url, heavy[i % heavy.length]!).catch(() => ({ status: 0, bytes: 0 }));
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        sent++;
      }
    };
    // The prober has its own thread: reading the attackers' answers must not delay its timings.
    const probe = new Promise<number[]>((resolve, reject) => {
      const w = new Worker(
        `const { parentPort, workerData: { url, until } } = require('node:worker_threads');
        (async () => {
          const out = [];
          while (Date.now() < until) {
            const t = performance.now();
            await fetch(url).then((r) => r.arrayBuffer());
            out.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, 25));
          }
          parentPort.postMessage(out);
        })();`,
        { eval: true, workerData: { url: `${gateway!.url}/health`, until } },
      );
      w.once('message', (m: number[]) => resolve(m)).once('error', reject);
    });
    await phase();
    const cpu0 = await cpuMs(pid);
    const [health] = await Promise.all([probe, client4(0), client4(1), client4(2), client4(3)]);
    const busy = ((await cpuMs(pid)) - cpu0) / (Number(args.seconds) * 1000);
    const attackLoop = await phase();
    const report = [
      `# Request cost (${args.label}), ${new Date().toISOString()}`,
      '',
      `Gateway: ${args['gateway-root']}; index ${INDEX}: ${SLICE ? 'a slice of ' : ''}the corpus (${corpus.length} documents) plus one 9.5 MB document. CPU = the gateway process's utime+stime around each request (10 ms ticks), ${args.repeats} repeats after a warm-up; loop = the longest the gateway's event loop was held meanwhile (tests/load/loop-monitor.mjs); shared 2-core machine, noisy.`,
      '',
      '| request | status | answer bytes | CPU ms (avg) | CPU ms (max) | loop held, max ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `/health under attack: 4 clients sent ${sent} of the ${heavy.length} public requests above for ${args.seconds} s (statuses ${JSON.stringify(statuses)}); gateway CPU busy ${(busy * 100).toFixed(0)}%; ` +
        `/health ${health.length} probes (from their own thread): p50 ${pct(health, 50).toFixed(1)} ms, p99 ${pct(health, 99).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms. ` +
        `Gateway event loop meanwhile: delay p99 ${attackLoop.p99Ms} ms, max ${attackLoop.maxMs} ms; ${attackLoop.holds.length} holds over 50 ms (longest: ${holdsOf(attackLoop)} ms).`,
      '',
      `Start-up (process start to the first request): the loop was held up to ${startup.maxMs} ms (holds over 50 ms: ${holdsOf(startup)} ms).`,
      '',
    ].join('\n');
    process.stdout.write(report);
    if (args.out) await writeFile(args.out, report);
  } finally {
    gateway?.child.kill('SIGTERM');
    await conn.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`cost: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
