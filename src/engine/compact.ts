import { existsSync } from 'node:fs';
import { rename, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { log } from '../log.ts';
import { assertSucceeded, createClient, meiliCall } from '../meili/client.ts';
import { waitForTask } from '../meili/tasks.ts';
import { folderBytes } from '../util/folder-bytes.ts';
import { prepareBinary } from './binary.ts';
import { ownDataDir } from './owner.ts';
import { EmbeddedMeiliError } from './errors.ts';
import { readMasterKey, removeInstance } from './instance.ts';
import { freePort, launchEngine, type EngineProcess } from './launch.ts';

// Giving the database file's free pages back (Meilisearch 1.21 has no compaction route; its
// snapshots are written compacted): with the data folder locked the whole time, a snapshot of
// the database, an import of it into a new folder, the same documents counted in both, then
// two renames. The folder is never left without a database that opens: a run stopped at any
// point leaves either the old database in place or the new, verified one (recoverCompaction,
// which every start of the embedded engine runs, finishes or undoes a half-done swap).

const DB = 'data.ms';
/** The imported, compacted database before the swap. */
const NEXT = 'data.ms.compact';
/** The old database between the two renames, and until it is deleted. */
const PREVIOUS = 'data.ms.pre-compact';
const SNAPSHOT = path.join('snapshots', `${DB}.snapshot`);
/** A snapshot of a large database takes minutes on one core (150 s at 250,000 documents). */
const SNAPSHOT_WAIT_MS = 24 * 3_600_000;
/** Each request of the compaction to its own engine. */
const REQUEST_MS = 30_000;

export interface DatabaseState {
  /** Bytes of every file of the database folder (what the disk holds). */
  fileBytes: number;
  /** Documents per index. */
  indexes: Record<string, number>;
}

export interface CompactionReport {
  before: DatabaseState;
  after: DatabaseState;
  snapshotSeconds: number;
  importSeconds: number;
}

export interface CompactOptions {
  dataDir: string;
  /** MEILISEARCH_BIN: another binary than the bundled one. */
  binary?: string;
  /** Keep the snapshot file (data/meili/snapshots/data.ms.snapshot) afterwards. */
  keepSnapshot?: boolean;
  onProgress?: (step: string) => void;
  /** How long the engine may take to start, including the snapshot's import. */
  startTimeoutMs?: number;
}

/**
 * Finishes or undoes a compaction that stopped half-way. Must run with the data folder locked.
 * Without `data.ms` the old database is put back (the new one may not be whole); beside a
 * `data.ms` the leftovers of either side are deleted: the swap only ever puts a verified
 * database in place.
 */
export async function recoverCompaction(dataDir: string): Promise<'none' | 'restored' | 'cleaned'> {
  const at = (name: string) => path.join(dataDir, name);
  const hasDb = existsSync(at(DB));
  const hasPrevious = existsSync(at(PREVIOUS));
  const hasNext = existsSync(at(NEXT));
  if (!hasPrevious && !hasNext) return 'none';
  if (!hasDb && hasPrevious) {
    await rename(at(PREVIOUS), at(DB));
    await rm(at(NEXT), { recursive: true, force: true });
    log.warn({ dataDir }, 'a compaction stopped between its two renames: the database from before it is back in place');
    return 'restored';
  }
  await rm(at(NEXT), { recursive: true, force: true });
  await rm(at(PREVIOUS), { recursive: true, force: true });
  log.info({ dataDir }, 'removed what an interrupted compaction left');
  return 'cleaned';
}

async function documentCounts(client: Meilisearch): Promise<Record<string, number>> {
  const stats = await meiliCall(() => client.getStats());
  return Object.fromEntries(Object.entries(stats.indexes).map(([uid, s]) => [uid, s.numberOfDocuments]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** The snapshot task, waited for however long it takes (indexing still queued goes first: the snapshot holds it). */
async function snapshot(client: Meilisearch, progress: (s: string) => void): Promise<void> {
  const { taskUid } = await meiliCall(() => client.createSnapshot());
  const ticker = setInterval(() => progress('snapshot: still running'), 10_000);
  try {
    assertSucceeded(await waitForTask(client, taskUid, SNAPSHOT_WAIT_MS, 500));
  } finally {
    clearInterval(ticker);
  }
}

const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b);

/** Progress as both compaction commands print it (`npm run compact`, `npm run index -- --compact`): the step and the seconds since the start. */
export function stderrProgress(started = Date.now()): (step: string) => void {
  return (step) => process.stderr.write(`compact: ${step} (${Math.round((Date.now() - started) / 1000)} s)\n`);
}

/**
 * Compacts the embedded engine's database in `dataDir`. Refuses while the folder is in use
 * (a running gateway or indexer holds its lock) and when the disk cannot hold a snapshot and
 * a copy. Nothing is changed unless the new database opens and counts the same documents.
 */
export async function compactDataDir(opts: CompactOptions): Promise<CompactionReport> {
  const dataDir = path.resolve(opts.dataDir);
  const progress = opts.onProgress ?? (() => {});
  if (!existsSync(path.join(dataDir, DB)) && !existsSync(path.join(dataDir, PREVIOUS))) {
    throw new EmbeddedMeiliError(`${dataDir} holds no embedded Meilisearch database (${DB})`);
  }
  const key = await readMasterKey(dataDir);
  if (!key) throw new EmbeddedMeiliError(`${dataDir} has no master.key`);
  const binary = await prepareBinary(dataDir, opts.binary);
  const lock = await ownDataDir(dataDir);
  const launch = async (extra: { dbPath?: string; importSnapshot?: string } = {}) =>
    launchEngine({ dataDir, binary, key, port: await freePort(), lockFd: lock.fd, startTimeoutMs: opts.startTimeoutMs ?? 3_600_000, ...extra });
  let engine: EngineProcess | undefined;
  try {
    // Its owner is gone (we hold the lock): an indexer must not take its URL for a live engine.
    await removeInstance(dataDir);
    await recoverCompaction(dataDir);
    await rm(path.join(dataDir, SNAPSHOT), { force: true });
    const beforeBytes = await folderBytes(path.join(dataDir, DB));

    progress('starting the engine on the current database');
    engine = await launch();
    let client = createClient({ url: engine.url, key }, REQUEST_MS);
    const stats = await meiliCall(() => client.getStats());
    const fs = await statfs(dataDir);
    // The snapshot and the imported copy each hold about the pages in use.
    const need = 2 * stats.usedDatabaseSize;
    if (fs.bavail * fs.bsize < need) {
      throw new EmbeddedMeiliError(`not enough free disk beside ${dataDir}: ${Math.ceil(need / 2 ** 20)} MiB needed (a snapshot and a copy), ${Math.floor((fs.bavail * fs.bsize) / 2 ** 20)} MiB free`);
    }
    progress('taking a snapshot (the engine writes it compacted)');
    let t = performance.now();
    await snapshot(client, progress);
    const snapshotSeconds = (performance.now() - t) / 1000;
    const indexes = await documentCounts(client);
    await engine.stop();
    engine = undefined;

    progress('importing the snapshot into a new database');
    await rm(path.join(dataDir, NEXT), { recursive: true, force: true });
    t = performance.now();
    engine = await launch({ dbPath: path.join(dataDir, NEXT), importSnapshot: path.join(dataDir, SNAPSHOT) });
    const importSeconds = (performance.now() - t) / 1000;
    client = createClient({ url: engine.url, key }, REQUEST_MS);
    const imported = await documentCounts(client);
    await engine.stop();
    engine = undefined;
    if (!same(indexes, imported)) {
      throw new EmbeddedMeiliError(`the imported database counts other documents (${JSON.stringify(imported)} against ${JSON.stringify(indexes)}); the database is left as it was`);
    }
    const afterBytes = await folderBytes(path.join(dataDir, NEXT));

    await rename(path.join(dataDir, DB), path.join(dataDir, PREVIOUS));
    await rename(path.join(dataDir, NEXT), path.join(dataDir, DB));
    await rm(path.join(dataDir, PREVIOUS), { recursive: true, force: true });
    if (!opts.keepSnapshot) await rm(path.join(dataDir, SNAPSHOT), { force: true });
    return { before: { fileBytes: beforeBytes, indexes }, after: { fileBytes: afterBytes, indexes: imported }, snapshotSeconds, importSeconds };
  } catch (err) {
    // A copy that was not swapped in is only disk (the old database is still in place).
    await engine?.stop().catch(() => undefined);
    engine = undefined;
    if (existsSync(path.join(dataDir, DB))) await rm(path.join(dataDir, NEXT), { recursive: true, force: true }).catch(() => undefined);
    // As large as the pages in use: not left behind unless asked for.
    if (!opts.keepSnapshot) await rm(path.join(dataDir, SNAPSHOT), { force: true }).catch(() => undefined);
    throw err;
  } finally {
    lock.release();
  }
}
