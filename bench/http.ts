// npm run bench:http — the gateway against raw Meilisearch on the same engine, in one run:
// latency of /search and /suggest one request at a time, and throughput with concurrent
// clients, printed with ratios. The gateway runs as its own process (as in production);
// both sides are driven by this process with keep-alive connections.
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readEnv } from '../src/env.ts';
import { createClient } from '../src/meili/client.ts';
import { connectMeili } from '../src/engine/connect.ts';
import { CORPUS_FILES, loadCorpus } from './lib/corpus.ts';
import { buildProjectIndex, buildRawIndex } from './lib/engine.ts';
import { COMPLETIONS_AHEAD_DONE, startGatewayProcess } from './lib/gateway.ts';
import { rawSearchBody, rawSuggestBody } from './lib/raw.ts';
import { percentile } from './lib/metrics.ts';
import { rng } from './lib/rng.ts';
import { typedQueries } from './lib/queries.ts';
import { fetchOk, timeInterleaved } from './lib/concurrency.ts';
import { planSuggest } from '../src/search/suggest.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RAW_INDEX = 'bench_raw';
const OUR_INDEX = 'bench_project';

const { values: args } = parseArgs({
  options: {
    queries: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    seed: { type: 'string', default: '20261129' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'Usage: npm run bench:http -- [--queries N] [--seconds S] [--concurrency C] [--seed S]\n' +
      'Indexes the corpus (reusing bench:relevance indexes while unchanged), starts the gateway on it, and compares\n' +
      'GET /search and /suggest with the equivalent raw Meilisearch requests. Results in bench/results/http.md.\n',
  );
  process.exit(0);
}

interface Side {
  name: string;
  request: (q: string) => Promise<void>;
}

/** Latency of two sides, interleaved query by query (bench/lib/concurrency.ts). */
async function timePairs(a: Side, b: Side, queries: string[]): Promise<[number[], number[]]> {
  const [ta, tb] = await timeInterleaved([a.request, b.request], queries);
  return [ta!, tb!];
}

/** Requests per second with `concurrency` clients looping over the queries for `seconds`. */
async function throughput(side: Side, queries: string[], concurrency: number, seconds: number): Promise<{ rps: number; p99: number }> {
  const until = performance.now() + seconds * 1000;
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const q = queries[next++ % queries.length]!;
        const t = performance.now();
        await side.request(q);
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { rps: times.length / seconds, p99: percentile(times, 99) };
}


const ms = (n: number) => n.toFixed(2);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

async function main() {
  const env = readEnv({ MEILI_DATA_DIR: 'data/bench-meili', ...process.env });
  const conn = await connectMeili(env, 'indexer');
  const client = createClient(conn, 60_000);
  let gateway: ChildProcess | undefined;
  try {
    const corpus = await loadCorpus();
    const pairs = path.join(HERE, 'data', 'minimal-pairs.ndjson');
    const all = [...corpus, ...(await loadCorpus([pairs]))];
    await buildRawIndex(client, RAW_INDEX, all, false);
    await buildProjectIndex(client, OUR_INDEX, [...CORPUS_FILES, pairs], all.length, env.dataDir, false);
    const gw = await startGatewayProcess({ MEILI_URL: conn.url, MEILI_MASTER_KEY: conn.key, MEILI_INDEX: OUR_INDEX }, undefined, COMPLETIONS_AHEAD_DONE);
    gateway = gw.child;

    const { queries, prefixes } = typedQueries(rng(Number(args.seed)), corpus, Number(args.queries), 4);

    // No gzip, as curl or any client that does not ask for it (fetch does ask, and pays a
    // delayed-ACK stall for it; see src/meili/client.ts).
    const headers = { Authorization: `Bearer ${conn.key}`, 'Content-Type': 'application/json', 'Accept-Encoding': 'identity' };
    const raw: Side = {
      name: 'raw Meilisearch /search',
      request: (q) =>
        fetchOk(`${conn.url}/indexes/${RAW_INDEX}/search`, {
          method: 'POST',
          headers,
          body: JSON.stringify(rawSearchBody(q)),
        }),
    };
    // The gateway compresses what a client asks for (src/http/compression.ts): ask neither side.
    const plain = { headers: { 'Accept-Encoding': 'identity' } };
    const ours: Side = { name: 'gateway GET /search', request: (q) => fetchOk(`${gw.url}/search?q=${encodeURIComponent(q)}&facets=lang`, plain) };
    const rawSuggest: Side = {
      name: 'raw Meilisearch /search (prefix, 8 titles)',
      request: (q) =>
        fetchOk(`${conn.url}/indexes/${RAW_INDEX}/search`, { method: 'POST', headers, body: JSON.stringify(rawSuggestBody(q)) }),
    };
    const ourSuggest: Side = { name: 'gateway GET /suggest', request: (q) => fetchOk(`${gw.url}/suggest?q=${encodeURIComponent(q)}`, plain) };
    // What /suggest asks Meilisearch for a prefix when nothing is kept (src/search/suggest.ts's
    // plan), sent from here in parallel: the gateway's latency minus its own work.
    const post = (url: string, body: unknown) => fetchOk(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const engineSuggest: Side = {
      name: "/suggest's two Meilisearch requests",
      request: async (q) => {
        const plan = planSuggest(OUR_INDEX, { q, limit: 8 });
        if (!plan) return;
        await Promise.all([
          plan.terms ? post(`${conn.url}/indexes/${OUR_INDEX}/facet-search`, plan.terms) : undefined,
          post(`${conn.url}/multi-search`, { queries: [plan.titles] }),
        ]);
      },
    };

    // Warm-up: caches of both sides, JIT.
    await timePairs(raw, ours, queries.slice(0, 200));
    await timeInterleaved([rawSuggest.request, engineSuggest.request, ourSuggest.request], prefixes.slice(0, 200));

    const lines: string[] = [];
    const seqRow = (a: number[], b: number[], label: string) =>
      `| ${label} | ${ms(percentile(a, 50))} | ${ms(percentile(b, 50))} | ${ratio(percentile(b, 50), percentile(a, 50))} | ${ms(percentile(a, 99))} | ${ms(percentile(b, 99))} | ${ratio(percentile(b, 99), percentile(a, 99))} |`;
    const [rawT, ourT] = await timePairs(raw, ours, queries);
    const [rawS, engineS, ourS] = (await timeInterleaved([rawSuggest.request, engineSuggest.request, ourSuggest.request], prefixes)) as [number[], number[], number[]];
    lines.push(`| one request at a time (ms) | raw p50 | gateway p50 | ratio | raw p99 | gateway p99 | ratio |`, '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    lines.push(seqRow(rawT, ourT, `search (${queries.length} queries)`), seqRow(rawS, ourS, `suggest (${prefixes.length} prefixes)`));
    lines.push(
      '',
      `/suggest's two Meilisearch requests (the \`terms\` facet search and the title search, as its plan makes them, nothing kept), sent from here in parallel, interleaved with the two rows above: p50 ${ms(percentile(engineS, 50))} ms, p99 ${ms(percentile(engineS, 99))} ms (gateway /suggest ${ms(percentile(ourS, 50))} / ${ms(percentile(ourS, 99))}).`,
    );

    const c = Number(args.concurrency);
    const s = Number(args.seconds);
    const rawTp = await throughput(raw, queries, c, s);
    const ourTp = await throughput(ours, queries, c, s);
    lines.push('', `| ${c} concurrent clients, ${s} s | raw req/s | gateway req/s | ratio | raw p99 ms | gateway p99 ms |`, '| --- | ---: | ---: | ---: | ---: | ---: |');
    lines.push(`| search | ${rawTp.rps.toFixed(0)} | ${ourTp.rps.toFixed(0)} | ${ratio(ourTp.rps, rawTp.rps)} | ${ms(rawTp.p99)} | ${ms(ourTp.p99)} |`);

    const overhead = (percentile(ourT, 50) / percentile(rawT, 50) - 1) * 100;
    const report = [
      '# HTTP benchmark',
      '',
      `Run ${new Date().toISOString().slice(0, 10)} on ${all.length} documents, seed ${args.seed}; gateway and Meilisearch on one machine (loopback).`,
      'Raw: POST /indexes/bench_raw/search with limit 10, a lang facet, highlight and a 30-word crop. Gateway: GET /search?facets=lang (query analysis, facets, highlight and snippet on the original text).',
      '',
      ...lines,
      '',
      `summary: gateway /search p50 overhead over raw Meilisearch ${overhead.toFixed(0)}%; /suggest p50 ${ms(percentile(ourS, 50))} ms, p99 ${ms(percentile(ourS, 99))} ms`,
      '',
    ].join('\n');
    process.stdout.write(report);
    await mkdir(path.join(HERE, 'results'), { recursive: true });
    await writeFile(path.join(HERE, 'results', 'http.md'), report);
  } finally {
    gateway?.kill('SIGTERM');
    await conn.close();
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
