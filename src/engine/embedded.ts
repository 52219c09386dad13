import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { EngineStatus as PublicEngineStatus } from '../api/index.ts';
import { log } from '../log.ts';
import type { MeiliTarget } from '../meili/client.ts';
import { prepareBinary } from './binary.ts';
import { recoverCompaction } from './compact.ts';
import { readOrCreateKey, removeInstance, writeInstance } from './instance.ts';
import { freePort, launchEngine, type EngineExit, type EngineProcess } from './launch.ts';
import { ownDataDir } from './owner.ts';

// The embedded engine's owner: takes the data folder's lock, reaps an orphan it can prove is
// its own, launches the engine, and (supervised) launches it again whenever it exits, with
// backoff, on the same port so that every URL handed out stays valid.

export interface EmbeddedOptions {
  dataDir: string;
  /** Another binary than the bundled one (MEILISEARCH_BIN); not checksummed. */
  binary?: string;
  startTimeoutMs?: number;
  /** A fixed loopback port; default: a free one. */
  port?: number;
  /** Meilisearch's --max-indexing-memory in bytes; default: defaultIndexingMemory(). */
  maxIndexingMemory?: number;
  /** Meilisearch's --max-indexing-threads; default: defaultIndexingThreads() (half the cores). */
  maxIndexingThreads?: number;
  /** Launch the engine again when it exits (the service and the indexer); tests that kill it on purpose leave it off. */
  supervise?: boolean;
  /** First restart delay, doubled after each failed attempt up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/** What /health and /ready show of the engine (src/api), and where it listens (never shown). */
export type EngineStatus = PublicEngineStatus & { url: string };

export interface EmbeddedMeili extends MeiliTarget {
  /** The engine's current PID. */
  readonly pid: number;
  status(): EngineStatus;
  /** Called when a restart had to move the engine to another port. */
  onUrlChange(listener: (url: string) => void): void;
  stop(): Promise<void>;
}

/** A run that lasted this long was healthy: the next restart starts from the first delay again. */
const STABLE_MS = 60_000;
/** Failed launches on the same port (taken meanwhile) before moving to a free one. */
const SAME_PORT_TRIES = 3;

/** Starts the embedded engine in `dataDir` (exclusively), and with `supervise` keeps it running. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedMeili> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const binary = await prepareBinary(dataDir, opts.binary);
  const key = await readOrCreateKey(dataDir);
  const lock = await ownDataDir(dataDir);
  try {
    await recoverCompaction(dataDir);
  } catch (err) {
    lock.release();
    throw err;
  }
  let port = opts.port ?? (await freePort());
  const launch = (p: number) =>
    launchEngine({
      dataDir,
      binary,
      key,
      port: p,
      lockFd: lock.fd,
      startTimeoutMs: opts.startTimeoutMs,
      maxIndexingMemory: opts.maxIndexingMemory,
      maxIndexingThreads: opts.maxIndexingThreads,
    });

  let engine: EngineProcess;
  try {
    engine = await launch(port);
  } catch (err) {
    lock.release();
    throw err;
  }
  const status: EngineStatus = { state: 'running', pid: engine.pid, url: engine.url, restarts: 0 };
  const listeners: ((url: string) => void)[] = [];
  const first = opts.restartDelayMs ?? 250;
  const max = opts.maxRestartDelayMs ?? 10_000;
  let backoff = first;
  let stopping = false;
  let launching: Promise<EngineProcess> | undefined;
  let launchedAt = Date.now();
  const record = () =>
    writeInstance(dataDir, {
      url: status.url,
      ownerPid: process.pid,
      meiliPid: engine.pid,
      meiliStartTime: engine.identity.startTime,
      binary,
      startedAt: new Date(launchedAt).toISOString(),
      restarts: status.restarts,
    });
  await record();
  log.info({ url: engine.url, dataDir, pid: engine.pid }, 'embedded Meilisearch ready');

  const restart = async (exit: EngineExit) => {
    const exitedAt = Date.now();
    status.lastExit = { code: exit.code, signal: exit.signal, at: new Date(exitedAt).toISOString(), uptimeMs: exitedAt - launchedAt };
    status.state = 'restarting';
    status.pid = undefined;
    // A crash loop backs off; an engine that ran a while is relaunched at once.
    if (exitedAt - launchedAt > STABLE_MS) backoff = first;
    let delay = backoff;
    backoff = Math.min(max, backoff * 2);
    log.warn({ code: exit.code, signal: exit.signal, restarts: status.restarts, retryInMs: delay }, 'embedded Meilisearch exited; restarting it');
    for (let tries = 1; !stopping; tries++) {
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      if (tries > SAME_PORT_TRIES) port = await freePort();
      try {
        launching = launch(port);
        engine = await launching;
      } catch (err) {
        log.warn({ err: (err as Error).message.split('\n')[0], tries, port }, 'embedded Meilisearch restart failed');
        delay = Math.min(max, delay * 2);
        continue;
      } finally {
        launching = undefined;
      }
      // stop() came while it was starting: it waits for this launch, then stops what it made.
      if (stopping) return;
      launchedAt = Date.now();
      status.restarts++;
      status.lastRecoveryMs = launchedAt - exitedAt;
      const moved = engine.url !== status.url;
      status.url = engine.url;
      // instance.json first: whoever sees the engine running (/health) finds it named there too.
      await record().catch((err: Error) => log.warn({ err: err.message }, 'cannot write instance.json'));
      if (stopping) return;
      status.state = 'running';
      status.pid = engine.pid;
      log.warn({ url: engine.url, pid: engine.pid, restarts: status.restarts, downMs: status.lastRecoveryMs }, 'embedded Meilisearch restarted');
      if (moved) for (const l of listeners) l(engine.url);
      watch();
      return;
    }
  };
  const watch = () => {
    void engine.exited.then((exit) => {
      if (stopping) return;
      if (opts.supervise) return restart(exit);
      // Unsupervised: whoever killed it restarts it; the folder is free again.
      status.state = 'stopped';
      status.lastExit = { code: exit.code, signal: exit.signal, at: new Date().toISOString(), uptimeMs: Date.now() - launchedAt };
      lock.release();
    });
  };
  watch();

  return {
    get url() {
      return status.url;
    },
    key,
    get pid() {
      return engine.pid;
    },
    status: () => ({ ...status, ...(status.lastExit ? { lastExit: { ...status.lastExit } } : {}) }),
    onUrlChange: (l) => void listeners.push(l),
    async stop() {
      if (stopping) return;
      stopping = true;
      await launching?.catch(() => undefined);
      await engine.stop();
      status.state = 'stopped';
      await removeInstance(dataDir);
      lock.release();
    },
  };
}
