// `npm run test:bombs`: the hostile inputs of issue 10 at full size, generated in a temp folder
// (never committed), each indexed by the CLI beside a good file under `/usr/bin/time -v`.
// Checks, per bomb: the run ends with a summary (exit 1: something was rejected), the good
// file's documents are indexed, the bomb is named in the summary, and the indexer's peak RSS
// stays under 500 MB. Meilisearch runs apart (MEILI_URL), so its memory is not counted.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { INDEXER_NODE_ARGS } from '../indexer/input/limits.ts';
import { startEmbedded } from '../src/engine/embedded.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_RSS_MB = 500;
const GB = 1024 ** 3;
const MB = 1024 ** 2;

const doc = (id: string) => JSON.stringify({ id, lang: 'tr', title: `Sağlam belge ${id}`, body: 'Bu belge her koşulda dizine girmeli.' });

/** Writes head, then `size` bytes of `fill`, then tail, gzipped or not, streaming. */
async function writeBomb(file: string, head: string, fill: number, size: number, tail: string, gzip: boolean): Promise<void> {
  const block = Buffer.alloc(4 * MB, fill);
  async function* parts() {
    yield Buffer.from(head);
    for (let left = size; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    yield Buffer.from(tail);
  }
  const out = createWriteStream(file);
  if (gzip) await pipeline(Readable.from(parts()), createGzip({ level: 9 }), out);
  else await pipeline(Readable.from(parts()), out);
}

interface Case {
  name: string;
  make: (dir: string) => Promise<string>;
  /** What the summary must say about the bomb (exit 1: it was rejected; symlinks reject nothing). */
  expect: RegExp;
  /** Documents the bomb adds to the good file's 100 when it is accepted, not rejected (exit 0). */
  accepted?: number;
}

/** Words of a made-up Turkish-looking vocabulary (seeded): every record holds many distinct words to analyse. */
function wordsText(bytes: number, seed: number): string {
  const syllables = ['ka', 'le', 'mi', 'şo', 'ru', 'ğa', 'tı', 'çe', 'bü', 'yo', 'nö', 'za', 'di', 'pe', 'lı', 'sa'];
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % syllables.length;
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const w = `${syllables[next()]}${syllables[next()]}${syllables[next()]} `;
    parts.push(w);
    size += Buffer.byteLength(w);
  }
  return parts.join('');
}

const CASES: Case[] = [
  {
    name: 'gzip bomb: 2 GB line of zeros, gzipped',
    make: async (dir) => {
      const f = path.join(dir, 'bomb.ndjson.gz');
      await writeBomb(f, `${doc('before')}\n{"id":"bomb","body":"`, 0x30, 2 * GB, `"}\n${doc('after')}\n`, true);
      return f;
    },
    expect: /record of 2147483\d+ bytes is over the limit/,
  },
  {
    name: 'gzip bomb: 2 GB of NUL bytes in one line, gzipped',
    make: async (dir) => {
      const f = path.join(dir, 'nul-bomb.ndjson.gz');
      await writeBomb(f, '', 0, 2 * GB, '\n', true);
      return f;
    },
    expect: /binary file \(NUL bytes\)/,
  },
  {
    name: '50 MB line',
    make: async (dir) => {
      const f = path.join(dir, 'big-line.ndjson');
      await writeBomb(f, `${doc('before')}\n{"id":"big","body":"`, 0x61, 50 * MB, `"}\n${doc('after')}\n`, false);
      return f;
    },
    expect: /record of 524288\d+ bytes is over the limit/,
  },
  {
    name: 'JSON nested 100,000 deep (NDJSON line)',
    make: async (dir) => {
      const f = path.join(dir, 'deep.ndjson');
      await writeFile(f, `${doc('before')}\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n${doc('after')}\n`);
      return f;
    },
    expect: /nested deeper than 64 levels/,
  },
  {
    name: '.json bomb: 1 GB element in an array, gzipped',
    make: async (dir) => {
      const f = path.join(dir, 'bomb.json.gz');
      await writeBomb(f, `[${doc('before')},{"id":"bomb","body":"`, 0x61, GB, `"},${doc('after')}]`, true);
      return f;
    },
    expect: /record of 10737418\d+ bytes is over the limit/,
  },
  {
    name: '.json bomb: array nested 10,000,000 deep, gzipped',
    make: async (dir) => {
      const f = path.join(dir, 'deep.json.gz');
      await writeBomb(f, `[${doc('before')},`, 0x5b, 10_000_000, `${']'.repeat(10_000_000)},${doc('after')}]`, true);
      return f;
    },
    expect: /nested deeper than 64 levels/,
  },
  {
    name: 'binary: 3,000 random bytes as .txt, a PNG as .txt',
    make: async (dir) => {
      const sub = path.join(dir, 'binary');
      await mkdir(sub);
      await writeFile(path.join(sub, 'noise.txt'), randomBytes(3000));
      await writeFile(path.join(sub, 'photo.txt'), Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(5000)]));
      return sub;
    },
    expect: /binary file/,
  },
  {
    name: 'six documents just under the 10 MiB record limit, accepted',
    make: async (dir) => {
      const f = path.join(dir, 'large-docs.ndjson');
      const records = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `large-${i}`, lang: 'tr', title: `Büyük belge ${i}`, body: wordsText(10 * MB - 4096, i + 1) }));
      await writeFile(f, `${records.join('\n')}\n`);
      return f;
    },
    expect: /"indexed": 106/,
    accepted: 6,
  },
  {
    name: 'symlinks: a loop of three folder links, one file with 41 links',
    make: async (dir) => {
      const sub = path.join(dir, 'links');
      await mkdir(path.join(sub, 'a', 'b', 'c'), { recursive: true });
      await writeFile(path.join(sub, 'a', 'b', 'c', 'one.ndjson'), `${doc('linked')}\n`);
      await symlink(path.join(sub, 'a'), path.join(sub, 'a', 'b', 'c', 'up-a'));
      await symlink(path.join(sub, 'a', 'b'), path.join(sub, 'a', 'b', 'c', 'up-b'));
      await symlink(path.join(sub, 'a', 'b', 'c'), path.join(sub, 'a', 'down-c'));
      for (let i = 0; i < 41; i++) await symlink(path.join(sub, 'a', 'b', 'c', 'one.ndjson'), path.join(sub, `l${i}.ndjson`));
      return sub;
    },
    expect: /"sameFiles": 44/,
  },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'indexer-bombs-'));
  const engine = await startEmbedded({ dataDir: path.join(dir, 'meili') });
  let failures = 0;
  try {
    const good = path.join(dir, 'good.ndjson');
    await writeFile(good, Array.from({ length: 100 }, (_, i) => doc(`good-${i}`)).join('\n'));
    const rows: string[] = ['| input | exit | indexed | rejected | peak RSS | wall | ok |', '|---|---|---|---|---|---|---|'];
    for (const [i, c] of CASES.entries()) {
      if (only.length && !only.some((o) => c.name.includes(o))) continue;
      process.stderr.write(`generating: ${c.name}\n`);
      const input = await c.make(dir);
      const index = `bombs_${i}`;
      const started = Date.now();
      const r = spawnSync(
        '/usr/bin/time',
        ['-v', process.execPath, ...INDEXER_NODE_ARGS, '--import', 'tsx', 'indexer/cli.ts', '--json', '--index', index, '--state-dir', path.join(dir, `state-${i}`), good, input],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.key, LOG_LEVEL: 'warn' }, maxBuffer: 64 * MB },
      );
      const wall = ((Date.now() - started) / 1000).toFixed(1);
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
      let summary: { indexed?: number; failed?: number; unreadable?: number } = {};
      try {
        summary = JSON.parse(r.stdout);
      } catch {
        /* checked below */
      }
      const rssMb = rssKb / 1024;
      const expectedIndexed = c.accepted !== undefined ? 100 + c.accepted : c.name.startsWith('symlinks') ? 101 : c.name.startsWith('binary') || c.name.includes('NUL') ? 100 : 102;
      const ok = r.status === (c.name.startsWith('symlinks') || c.accepted !== undefined ? 0 : 1) && summary.indexed === expectedIndexed && c.expect.test(r.stdout) && rssMb <= MAX_RSS_MB;
      if (!ok) {
        failures++;
        process.stderr.write(`FAILED ${c.name}: exit ${r.status}\n${r.stdout.slice(0, 3000)}\n${r.stderr.slice(-3000)}\n`);
      }
      rows.push(`| ${c.name} | ${r.status} | ${summary.indexed} | ${(summary.failed ?? 0) + (summary.unreadable ?? 0)} | ${rssMb.toFixed(0)} MB | ${wall} s | ${ok ? 'yes' : 'NO'} |`);
      await rm(input, { recursive: true, force: true });
    }
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bombs: ${err.stack}\n`);
    process.exit(1);
  },
);
