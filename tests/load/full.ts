// npm run test:load — 100 connections for 60 s against the gateway on the full corpus, and
// the same load on raw Meilisearch in the same run, with ratios. Results in bench/results/load.md.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_FILES, loadCorpus } from '../../bench/lib/corpus.ts';
import { buildProjectIndex, buildRawIndex } from '../../bench/lib/engine.ts';
import { rawSearchBody, rawSuggestBody } from '../../bench/lib/raw.ts';
import { rng, sample } from '../../bench/lib/rng.ts';
import { readEnv } from '../../src/env.ts';
import { createClient } from '../../src/meili/client.ts';
import { connectMeili } from '../../src/engine/connect.ts';
import { load, searchBoxRequests, startGatewayProcess, type LoadRequest, type LoadResult } from './load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write('Usage: npm run test:load -- [--connections N] [--seconds S]\n');
  process.exit(0);
}

const row = (name: string, r: LoadResult) =>
  `| ${name} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} |`;

async function main() {
  const env = readEnv({ MEILI_DATA_DIR: 'data/bench-meili', ...process.env });
  const conn = await connectMeili(env, 'indexer');
  const client = createClient(conn, 60_000);
  const connections = Number(args.connections);
  const seconds = Number(args.seconds);
  try {
    const corpus = await loadCorpus();
    const pairs = path.join(ROOT, 'bench', 'data', 'minimal-pairs.ndjson');
    const all = [...corpus, ...(await loadCorpus([pairs]))];
    await buildRawIndex(client, 'bench_raw', all, false);
    await buildProjectIndex(client, 'bench_project', [...CORPUS_FILES, pairs], all.length, env.dataDir, false);
    const gateway = await startGatewayProcess({ MEILI_URL: conn.url, MEILI_MASTER_KEY: conn.key, MEILI_INDEX: 'bench_project' });
    try {
      const requests = searchBoxRequests(sample(rng(20261129), corpus, 2000).map((d) => d.title), rng(1));
      // The same queries straight to Meilisearch: search → POST search with a facet and a crop, suggest → 8 titles.
      const raw: LoadRequest[] = requests.map((r) => {
        const q = new URL(r.path, 'http://x').searchParams.get('q') ?? '';
        const body = r.path.startsWith('/suggest') ? rawSuggestBody(q) : rawSearchBody(q);
        return { method: 'POST', path: '/indexes/bench_raw/search', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${conn.key}` } };
      });
      process.stderr.write(`load: ${connections} connections for ${seconds} s on the gateway, then on raw Meilisearch\n`);
      const ours = await load(gateway.url, requests, connections, seconds);
      const theirs = await load(conn.url, raw, connections, seconds);
      const report = [
        '# Load test',
        '',
        `Run ${new Date().toISOString().slice(0, 10)}: ${connections} connections for ${seconds} s each, loopback, ${all.length} documents; 80% /search, 20% /suggest (2,000 queries from sampled titles). Gateway in its own process (rate limit off, MEILI_CONCURRENCY ${env.MEILI_CONCURRENCY}); raw: the equivalent POST /indexes/bench_raw/search.`,
        '',
        '| target | requests | req/s | p50 ms | p99 ms | max ms | errors | non-2xx |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        row('gateway', ours),
        row('raw Meilisearch', theirs),
        '',
        `summary: gateway ${ours.perSecond.toFixed(0)} req/s (${(ours.perSecond / theirs.perSecond).toFixed(2)}× raw Meilisearch), p50 ${ours.p50} ms, p99 ${ours.p99} ms, ${ours.errors + ours.non2xx} errors`,
        '',
      ].join('\n');
      process.stdout.write(report);
      await mkdir(path.join(ROOT, 'bench', 'results'), { recursive: true });
      await writeFile(path.join(ROOT, 'bench', 'results', 'load.md'), report);
      if (ours.errors + ours.non2xx > 0) process.exitCode = 1;
    } finally {
      gateway.child.kill('SIGTERM');
    }
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  process.stderr.write(`load: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
