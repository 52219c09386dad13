// npm run bench:analysis — cost of the text analysis on one core: query rewrite latency
// and document analysis throughput, on the real corpus.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage, rewriteQuery } from '../src/analysis/index.ts';
import { buildDocument } from '../src/documents/build.ts';
import { loadCorpus } from './lib/corpus.ts';
import { percentile } from './lib/metrics.ts';
import { rng, sample } from './lib/rng.ts';

const TARGET_P50_US = 50;
const TARGET_MB_PER_S = 5;

async function main() {
  const corpus = await loadCorpus();
  const rand = rng(20261125);

  // Queries as people type them: 1 to 5 words from titles, in both languages.
  const queries = sample(rand, corpus, 5000).map((d) => {
    const words = d.title.split(/\s+/);
    const n = 1 + Math.floor(rand() * 5);
    const start = Math.floor(rand() * Math.max(1, words.length - n));
    return words.slice(start, start + n).join(' ');
  });
  for (const q of queries) rewriteQuery(q); // warm-up: JIT and stem caches, as in a running gateway
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const t = process.hrtime.bigint();
      rewriteQuery(q);
      times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);

  // Documents: full indexing analysis (fields, dates, stems, exact forms), language given.
  const docs = corpus.slice(0, 20000);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.body), 0);
  const t0 = performance.now();
  for (const d of docs) buildDocument(d);
  const secs = (performance.now() - t0) / 1000;
  const mbps = bytes / 1e6 / secs;

  // Language detection alone (documents without a lang field).
  const t1 = performance.now();
  for (const d of docs) detectLanguage(`${d.title}\n${d.body}`);
  const detectMbps = bytes / 1e6 / ((performance.now() - t1) / 1000);

  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  const report = [
    `# Analysis benchmark`,
    ``,
    `Run ${new Date().toISOString().slice(0, 10)} on one core (Node ${process.version}), the shared corpus.`,
    ``,
    `- query rewrite: ${times.length} rewrites, p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs (target p50 < ${TARGET_P50_US} µs: ${ok(p50 < TARGET_P50_US)})`,
    `- document analysis: ${docs.length} documents, ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(2)} s = ${mbps.toFixed(1)} MB/s (target ≥ ${TARGET_MB_PER_S} MB/s: ${ok(mbps >= TARGET_MB_PER_S)})`,
    `- language detection: ${detectMbps.toFixed(1)} MB/s`,
    '',
  ].join('\n');
  process.stdout.write(report);
  await writeFile(path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'analysis.md'), report);
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack}\n`);
  process.exit(1);
});
