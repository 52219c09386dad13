// npm run bench:compression — bytes on the wire and gateway CPU per answer, uncompressed
// (no Accept-Encoding) against gzip and brotli, for /widget.js and typical /search answers.
// Its own Meilisearch (temp folder) with the seeds and the first documents of each corpus
// file; the gateway in its own process, so /proc/<pid>/stat gives its CPU alone. The three
// variants are interleaved round by round, so machine noise hits them alike.
// Writes bench/results/compression.{md,json}.
import { request as httpRequest, Agent } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { runIndexer } from '../indexer/pipeline.ts';
import { createClient } from '../src/meili/client.ts';
import { startEmbedded } from '../src/engine/embedded.ts';
import { startGatewayProcess } from './lib/gateway.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(HERE, '..', '..', 'shared');
const PER_FILE = Number(process.env.BENCH_DOCS_PER_FILE ?? 1500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 60);

const VARIANTS = [
  { name: 'none', header: undefined },
  { name: 'gzip', header: 'gzip' },
  { name: 'br', header: 'br' },
] as const;

/** Gateway CPU (user + system) in ms, from /proc: clock ticks are 1/100 s on Linux. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request; the answer's header and body bytes as they came over the socket. */
function get(port: number, p: string, encoding: string | undefined): Promise<{ status: number; body: number; headers: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = encoding ? { 'Accept-Encoding': encoding } : {};
    const req = httpRequest({ host: '127.0.0.1', port, path: p, headers, agent }, (res) => {
      let body = 0;
      res.on('data', (c: Buffer) => (body += c.length));
      res.on('end', () => {
        const head = res.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0) + 20;
        resolve({ status: res.statusCode!, body, headers: head, encoding: String(res.headers['content-encoding'] ?? 'none') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function firstLines(file: string, n: number): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim()) lines.push(line);
    if (lines.length >= n) break;
  }
  rl.close();
  return lines;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-compression-'));
  const engine = await startEmbedded({ dataDir: path.join(dir, 'meili') });
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    const lines = [
      ...(await firstLines(path.join(SHARED, 'corpus', 'tr-news.ndjson.gz'), PER_FILE)),
      ...(await firstLines(path.join(SHARED, 'corpus', 'en-news.ndjson.gz'), PER_FILE)),
    ];
    const input = path.join(dir, 'docs.ndjson');
    await writeFile(input, `${lines.join('\n')}\n`);
    const summary = await runIndexer({ paths: [input, path.join(SHARED, 'seeds', 'seeds.ndjson')], client: createClient(engine, 120_000), indexUid: 'bench_compression' });
    gateway = await startGatewayProcess({ MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.key, MEILI_INDEX: 'bench_compression', MEILI_TIMEOUT_MS: '60000' });
    const port = Number(new URL(gateway.url).port);
    const pid = gateway.child.pid!;

    // Queries from titles, one to three words, as a search box sends them (the widget asks for facets).
    const titles = lines.map((l) => (JSON.parse(l) as { title: string }).title);
    const queries = titles
      .filter((_, i) => i % Math.max(1, Math.floor(titles.length / PER_ROUND)) === 0)
      .slice(0, PER_ROUND)
      .map((t) => t.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w)).slice(0, 1 + (t.length % 3)).join(' ') || 'haber');
    const targets = [
      { name: '/widget.js', paths: Array.from({ length: PER_ROUND }, () => '/widget.js') },
      { name: '/search (widget: 10 hits, facets lang,year)', paths: queries.map((q) => `/search?q=${encodeURIComponent(q)}&facets=lang,year`) },
      { name: '/search (10 hits, no facets)', paths: queries.map((q) => `/search?q=${encodeURIComponent(q)}`) },
    ];

    type Acc = { n: number; body: number; headers: number; cpu: number; wall: number; encodings: Set<string> };
    const acc = new Map<string, Acc>();
    const key = (t: string, v: string) => `${t}\u0000${v}`;
    // Warm-up: JIT, Meilisearch caches, the widget bundle.
    for (const t of targets) for (const p of t.paths.slice(0, 10)) for (const v of VARIANTS) await get(port, p, v.header);
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        for (const v of VARIANTS) {
          const a = acc.get(key(t.name, v.name)) ?? { n: 0, body: 0, headers: 0, cpu: 0, wall: 0, encodings: new Set<string>() };
          const cpu0 = await cpuMs(pid);
          const t0 = performance.now();
          for (const p of t.paths) {
            const r = await get(port, p, v.header);
            if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
            a.n++;
            a.body += r.body;
            a.headers += r.headers;
            a.encodings.add(r.encoding);
          }
          a.wall += performance.now() - t0;
          a.cpu += (await cpuMs(pid)) - cpu0;
          acc.set(key(t.name, v.name), a);
        }
      }
    }

    const rows: Record<string, unknown>[] = [];
    const md = [
      '# HTTP compression',
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), a machine shared with other work (load average ${os.loadavg()[0]!.toFixed(1)} at the end): CPU and time figures are noisy, bytes are exact.`,
      `Index: ${summary.indexed} documents (the first ${PER_FILE} of each corpus file, and the seeds). ${ROUNDS} rounds × ${PER_ROUND} requests per row, the three variants interleaved; one keep-alive connection; gateway CPU from /proc/<pid>/stat (10 ms ticks, summed over ${ROUNDS * PER_ROUND} requests).`,
      '',
      '| answer | Accept-Encoding | sent as | body bytes (mean) | header bytes | vs none | gateway CPU ms / request | wall ms / request |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const t of targets) {
      const none = acc.get(key(t.name, 'none'))!;
      for (const v of VARIANTS) {
        const a = acc.get(key(t.name, v.name))!;
        const row = {
          answer: t.name,
          acceptEncoding: v.header ?? '(none)',
          sentAs: [...a.encodings].join(','),
          bodyBytes: Math.round(a.body / a.n),
          headerBytes: Math.round(a.headers / a.n),
          ratio: a.body / none.body,
          cpuMsPerRequest: a.cpu / a.n,
          wallMsPerRequest: a.wall / a.n,
          requests: a.n,
        };
        rows.push(row);
        md.push(
          `| ${t.name} | ${row.acceptEncoding} | ${row.sentAs} | ${row.bodyBytes.toLocaleString('en')} | ${row.headerBytes} | ${(row.ratio * 100).toFixed(0)}% | ${row.cpuMsPerRequest.toFixed(2)} | ${row.wallMsPerRequest.toFixed(2)} |`,
        );
      }
    }
    md.push('', 'Small answers (under 1 kB: /health, errors) are never compressed; `bench:http` and `test:load` send no Accept-Encoding on either side, so they compare uncompressed answers.', '');
    await writeFile(path.join(HERE, 'results', 'compression.md'), md.join('\n'));
    await writeFile(path.join(HERE, 'results', 'compression.json'), `${JSON.stringify({ date: new Date().toISOString(), documents: summary.indexed, rounds: ROUNDS, perRound: PER_ROUND, rows }, null, 2)}\n`);
    process.stdout.write(`${md.join('\n')}\n`);
  } finally {
    gateway?.child.kill('SIGTERM');
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench:compression: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
