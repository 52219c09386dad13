import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { log } from '../log.ts';
import { availableCores, availableMemory } from '../util/machine.ts';
import { EmbeddedMeiliError } from './errors.ts';
import { identify, type ProcessIdentity } from './proc.ts';

// One run of the engine binary: launch, wait for health, stop. Restarts are the supervisor's.

export interface LaunchOptions {
  dataDir: string;
  /** Absolute path of a prepared binary (binary.ts). */
  binary: string;
  key: string;
  port: number;
  /** The data folder's locked descriptor: the engine keeps it, so the folder stays locked while it lives. */
  lockFd?: number;
  startTimeoutMs?: number;
  maxIndexingMemory?: number;
  maxIndexingThreads?: number;
  /** Another database folder than `<dataDir>/data.ms` (compaction's new copy). */
  dbPath?: string;
  /** A snapshot to import into the (new) database folder before serving. */
  importSnapshot?: string;
}

export interface EngineExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EngineProcess {
  url: string;
  pid: number;
  identity: ProcessIdentity;
  exited: Promise<EngineExit>;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it is gone. */
  stop(): Promise<EngineExit>;
}

/**
 * Left alone, Meilisearch sizes its indexing memory from the machine's RAM (6.7 GiB peak
 * indexing the 40k corpus on a 24 GiB machine), which starves everything else on a shared
 * host. One eighth of RAM (a container's memory limit, when lower), between 256 MiB and 2 GiB,
 * keeps the engine's footprint bounded.
 */
export function defaultIndexingMemory(totalMem = availableMemory()): number {
  const MiB = 1024 * 1024;
  return Math.min(2048 * MiB, Math.max(256 * MiB, Math.floor(totalMem / 8)));
}

/**
 * Half the cores (a container's CPU quota, when lower), at least one: what Meilisearch takes
 * when the flag is unset (its MaxThreads default, num_cpus ÷ 2, which counts a cgroup quota),
 * written down so the README's figure is the code's. The other half keeps searches answering
 * while a bulk load runs, and leaves the indexer's analysis a core when it runs on the same
 * machine. All cores index faster (the corpus on 2 cores: raw ~46 → ~31 s, the indexer ~74 →
 * 62.7 s) at the cost of searches waiting on the indexing threads; MEILI_MAX_INDEXING_THREADS
 * chooses.
 */
export function defaultIndexingThreads(cores = availableCores()): number {
  return Math.max(1, Math.floor(cores / 2));
}

export function freePort(): Promise<number> {
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
// would otherwise silently reconfigure the embedded engine. The one process.env read outside
// src/env.ts: it copies the environment for the child (PATH, locale…) and reads no setting.
function childEnv(key: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MEILI_')) env[k] = v;
  env.MEILI_MASTER_KEY = key; // env, not argv: argv is visible to every user in `ps`
  return env;
}

// The engine must not outlive its owner, even one killed by SIGKILL (which runs no handler).
// Linux's PR_SET_PDEATHSIG is not reachable from Node, so a tiny shell watchdog reads a pipe
// from this process: the kernel closes the pipe when we die, however we die, and the watchdog
// then stops the engine (SIGTERM, SIGKILL 5 s later). While we live, we kill the watchdog
// ourselves when the engine exits. One `sh`, no busy loop: `read` blocks on the pipe.
const WATCHDOG = `while read -r _; do :; done
kill -TERM "$1" 2>/dev/null || exit 0
i=0; while [ $i -lt 50 ] && kill -0 "$1" 2>/dev/null; do sleep 0.1; i=$((i+1)); done
kill -KILL "$1" 2>/dev/null; exit 0`;

function startWatchdog(pid: number): ChildProcess {
  const dog = spawn('sh', ['-c', WATCHDOG, 'meilisearch-watchdog', String(pid)], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  dog.on('error', (err) => log.warn({ err: err.message }, 'engine watchdog could not start'));
  // Neither the watchdog nor its pipe may keep this process alive.
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return dog;
}

/** Starts Meilisearch as a child process on loopback and waits for /health. */
export async function launchEngine(opts: LaunchOptions): Promise<EngineProcess> {
  const { dataDir, port } = opts;
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path', opts.dbPath ?? path.join(dataDir, 'data.ms'),
    '--dump-dir', path.join(dataDir, 'dumps'),
    '--snapshot-dir', path.join(dataDir, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    '--env', 'production',
    '--no-analytics',
    '--log-level', 'ERROR', // WARN logs every 4xx answer, such as our own index-exists probe
    '--max-indexing-memory', String(opts.maxIndexingMemory ?? defaultIndexingMemory()),
  ];
  args.push('--max-indexing-threads', String(opts.maxIndexingThreads ?? defaultIndexingThreads()));
  if (opts.importSnapshot) args.push('--import-snapshot', opts.importSnapshot);
  const stdio: ('ignore' | 'pipe' | number)[] = ['ignore', 'pipe', 'pipe'];
  if (opts.lockFd !== undefined) stdio.push(opts.lockFd);
  // cwd = dataDir: Meilisearch reads ./config.toml from its working directory.
  // Its own process group: a Ctrl-C meant for us must not reach it before we stop it in order.
  const child = spawn(opts.binary, args, { cwd: dataDir, env: childEnv(opts.key), stdio, detached: true });
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
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<EngineExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const dog = child.pid !== undefined ? startWatchdog(child.pid) : undefined;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => {
    process.off('exit', killOnExit);
    dog?.kill('SIGKILL');
  });

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  let dead: string | undefined;
  void exited.then(() => (dead = 'exited'));
  void spawnFailed.then((err) => (dead = `could not be run (${err.message})`));
  while (!(await isHealthy(url, 500))) {
    if (dead || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmbeddedMeiliError(`Embedded Meilisearch ${dead ?? 'did not become healthy'} (data: ${dataDir}).\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const identity = await identify(child.pid!, opts.binary);
  if (!identity) throw new EmbeddedMeiliError(`Embedded Meilisearch exited right after start (data: ${dataDir}).\n${tail.join('\n')}`);
  return {
    url,
    pid: child.pid!,
    identity,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}
