import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { dropIndex } from '../src/meili/documents.ts';
import { ensureIndex } from '../src/meili/settings.ts';
import { Checkpoint } from './checkpoint.ts';
import { Connection, type Relocate } from './connection.ts';
import { DEFAULT_LIMITS, type RecordLimits } from './input/limits.ts';
import { silentProgress, type Progress } from './progress.ts';
import { RejectsFile } from './rejects.ts';
import { Batcher } from './stages/batch.ts';
import { Builder, where } from './stages/build.ts';
import { discover, type InputFile } from './stages/discover.ts';
import { Pusher, type Entry, type SettledEntry } from './stages/push.ts';
import { ShardedPusher } from './stages/shard.ts';
import { Spool } from './stages/spool.ts';
import { checkSettings, describeSettingsProblem } from '../src/cluster/settings.ts';
import type { ClusterNode } from '../src/cluster/topology.ts';
import { log } from '../src/log.ts';
import { createClient } from '../src/meili/client.ts';
import { readFile } from './stages/read.ts';
import { Ledger } from './stages/settle.ts';
import type { Failure, Summary } from './types.ts';

export interface IndexOptions {
  paths: string[];
  client: Meilisearch;
  indexUid: string;
  /** Drop the index first. */
  reset?: boolean;
  /** Language for documents that give none (skips detection). */
  lang?: string;
  batchSize?: number;
  /** Cap on a batch's JSON size; Meilisearch refuses payloads over 100 MB by default. */
  batchBytes?: number;
  /**
   * Cap on the bytes of the batches sent and not yet settled (their documents are held until
   * then): estimated JSON in memory, or bytes written to the spool (with stateDir).
   */
  inFlightBytes?: number;
  progress?: (totalBytes: number) => Progress;
  /**
   * Folder for the checkpoint of an interrupted run and the spool of batches in flight;
   * without it, no checkpoint is kept and batches in flight are held in memory (four at most).
   */
  stateDir?: string;
  /** Continue an interrupted run from its checkpoint (default true when stateDir is set). */
  resume?: boolean;
  /** NDJSON file for failed documents (with their reasons); none when unset. */
  rejectsFile?: string;
  /** How long to keep retrying while Meilisearch is unreachable. */
  retryForMs?: number;
  /** Where Meilisearch is now, asked before each retry (an embedded engine restarted on a new port). */
  relocate?: Relocate;
  /** Size and nesting limits of one record. */
  limits?: Partial<RecordLimits>;
  /** Cluster mode (MEILI_NODES): each document goes to the node placement.ts names; `client` is unused. */
  nodes?: readonly ClusterNode[];
}

/** Drops (with reset) and prepares the index on every node; nodes that cannot be reached are given up. */
async function prepareCluster(nodes: readonly ClusterNode[], opts: IndexOptions, pusher: ShardedPusher): Promise<void> {
  const reachable: ClusterNode[] = [];
  await Promise.all(
    nodes.map(async (n) => {
      const conn = new Connection(createClient(n, 60_000), Math.min(opts.retryForMs ?? 300_000, 30_000));
      try {
        if (opts.reset) await conn.call('drop index', (c) => dropIndex(c, opts.indexUid));
        await conn.call('prepare index', (c) => ensureIndex(c, opts.indexUid));
        reachable.push(n);
      } catch (err) {
        log.error({ node: n.name, err: (err as Error).message }, 'cluster node unreachable: its documents will be recorded as failed');
        pusher.giveUp(n.name, `node ${n.name} unavailable: ${(err as Error).message}`);
      }
    }),
  );
  const report = await checkSettings(reachable, opts.indexUid);
  if (report.differing.length) throw new Error(`refusing to index: ${describeSettingsProblem(report)}`);
}

/**
 * Documents held in memory for batches Meilisearch has not finished (estimated JSON bytes),
 * when no spool holds them: two full batches. The four batches in flight allowed otherwise
 * could hold 64 MB of estimate, four 10 MiB records with their stems and input records; a
 * corpus batch (1,000 articles) is ~8 MB.
 */
export const DEFAULT_IN_FLIGHT_BYTES = 32_000_000;
const IN_MEMORY_TASKS = 4;

/**
 * With a spool (a state folder): tasks left waiting in Meilisearch's queue, and the spool's
 * bytes on disk. Meilisearch indexes what waits as one batch: with the queue free to fill, the
 * corpus went in 8 batches instead of 24 and the indexer took 1.44× a raw push instead of
 * 1.58–1.84× (bench:index). The byte bound is the one meant to bind: a count bound that
 * Meilisearch's batch can reach leaves its queue empty when that batch ends, and each batch
 * merges into the whole database. At 64 tasks a 250,000-document run made 13 batches; at
 * 1,024 every document was read and queued by the time 57,000 were indexed: 12 batches, the
 * database file 6,925 → 5,778 MiB, the merging, post-processing and commit steps 237 → 127 s
 * of engine time (bench:scale, two runs under different load).
 */
export const SPOOLED_TASKS = 1024;
export const DEFAULT_SPOOL_BYTES = 1024 * 1024 * 1024;

/** Reads one file into the batcher; pushes each batch that fills. */
async function readInto(file: InputFile, after: number, ctx: RunContext): Promise<void> {
  const { ledger, builder, batcher, pusher } = ctx;
  ledger.startFile(file);
  let complete = true;
  for await (const item of readFile(file, (n) => (ctx.bytesDone += n), after, ctx.limits)) {
    if ('error' in item) {
      if (item.fatal) {
        // A file that cannot be read on is not done: a resumed run tries the rest again.
        complete = false;
        await ledger.failFile({ ...item.origin, reason: item.error, raw: item.raw });
      } else {
        ledger.read++; // a record that does not parse is a document read and failed
        await ledger.fail({ ...item.origin, reason: item.error, raw: item.raw });
      }
      continue;
    }
    ledger.read++;
    const built = builder.build(item.record, item.origin);
    if ('failure' in built) await ledger.fail(built.failure);
    else if ('skip' in built) ledger.skip(built.skip);
    else {
      ledger.sent(file);
      const full = batcher.add(built.entry);
      if (full) await pusher.push(full);
    }
    if (ledger.read % 500 === 0) ctx.report();
  }
  ledger.endFile(file, complete);
}

interface RunContext {
  ledger: Ledger;
  builder: Builder;
  batcher: Batcher<Entry>;
  pusher: Pusher | ShardedPusher;
  limits: RecordLimits;
  bytesDone: number;
  report: () => void;
}

/**
 * Reads, analyses and indexes every document of the given paths; never stops at a bad one.
 * discover → read → build → batch → push → settle (checkpoint, rejects): every document
 * read ends indexed, failed with a reason (and in the rejects file) or skipped as a duplicate;
 * an interrupted run can be resumed from its checkpoint.
 */
export async function runIndexer(opts: IndexOptions): Promise<Summary> {
  const started = Date.now();
  const conn = new Connection(opts.client, opts.retryForMs ?? 300_000, opts.relocate);
  const { files, problems, sameAs } = await discover(opts.paths);
  const rejects = opts.rejectsFile ? new RejectsFile(opts.rejectsFile) : undefined;
  const onSettled = async (entries: SettledEntry[], failures: Failure[]) => {
    await ledger.settled(entries, failures);
    ctx.report();
  };
  // JSON size, roughly: the text, its stems and exact forms, and UTF-8's two bytes for Turkish letters.
  const size = (e: Entry) => (e.doc.title.length + e.doc.body.length) * 4 + 1024;
  // On a cluster each node's pusher holds its own batches: the bound is shared out so the
  // indexer's memory stays what it is on one node (a batch past a share still goes, alone).
  const spool = opts.stateDir && !opts.nodes ? await Spool.open(opts.stateDir) : undefined;
  const inFlightBytes = opts.inFlightBytes ?? (spool ? DEFAULT_SPOOL_BYTES : DEFAULT_IN_FLIGHT_BYTES);
  const pusher = opts.nodes
    ? new ShardedPusher(opts.nodes, opts.indexUid, opts.retryForMs ?? 300_000, { size, maxInFlightBytes: inFlightBytes / opts.nodes.length, onSettled })
    : new Pusher(conn, opts.indexUid, { size, maxInFlightBytes: inFlightBytes, maxInFlight: spool ? SPOOLED_TASKS : IN_MEMORY_TASKS, spool, onSettled });
  let checkpoint: Checkpoint | undefined;
  try {
    if (opts.nodes) await prepareCluster(opts.nodes, opts, pusher as ShardedPusher);
    else {
      if (opts.reset) await conn.call('drop index', (c) => dropIndex(c, opts.indexUid));
      await conn.call('prepare index', (c) => ensureIndex(c, opts.indexUid));
    }
    checkpoint = opts.stateDir ? await Checkpoint.open(opts.stateDir, opts.indexUid, !opts.reset && opts.resume !== false) : undefined;
  } catch (err) {
    await spool?.close();
    throw err;
  }
  const earlier = checkpoint?.earlier ?? { failed: 0, rejectsFiles: [] };
  const ledger = new Ledger(checkpoint, rejects, earlier.failed);
  // Paths that do not exist or are of no known format are not written to the rejects file.
  ledger.unreadable.push(...problems.map((p) => ({ file: p.file, reason: p.reason })));

  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const progress = opts.progress?.(totalBytes) ?? silentProgress;
  const ctx: RunContext = {
    ledger,
    builder: new Builder(opts.lang),
    batcher: new Batcher<Entry>(opts.batchSize ?? 1000, opts.batchBytes ?? 16_000_000, size),
    pusher,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    bytesDone: 0,
    report: () => progress.update(ctx.bytesDone, { read: ledger.read, indexed: pusher.indexed, failed: ledger.failures.length }),
  };
  const resumed = { files: 0, lines: 0 };

  try {
    for (const file of files) {
      if (checkpoint?.isDone(file)) {
        resumed.files++;
        ctx.bytesDone += file.size;
        continue;
      }
      const after = checkpoint?.handledUpTo(file) ?? 0;
      resumed.lines += after;
      await readInto(file, after, ctx);
    }
    await pusher.push(ctx.batcher.take());
    await pusher.flush();
    // Every document is now indexed or recorded as failed: nothing is left to resume.
    await checkpoint?.clear();
  } finally {
    ctx.report();
    progress.stop();
    await rejects?.close();
    await spool?.close();
  }

  return {
    files: files.length,
    read: ledger.read,
    indexed: pusher.indexed,
    skipped: ledger.skips.length,
    failed: ledger.failures.length,
    unreadable: ledger.unreadable.length,
    failures: ledger.failures,
    skips: ledger.skips,
    unreadableFiles: ledger.unreadable,
    sameFiles: sameAs.length,
    durationMs: Date.now() - started,
    ...(resumed.files || resumed.lines ? { resumed: { ...resumed, ...earlier } } : {}),
    ...(rejects?.count ? { rejectsFile: path.resolve(rejects.file) } : {}),
  };
}

export function formatSummary(s: Summary, maxListed = 50): string {
  const lines = [
    `files ${s.files}, documents read ${s.read}, indexed ${s.indexed}, skipped ${s.skipped}, failed ${s.failed} in ${(s.durationMs / 1000).toFixed(1)} s`,
    // Said out loud so a reader can check it: every document read is in exactly one of the three.
    `read ${s.read} = indexed ${s.indexed} + failed ${s.failed} + skipped ${s.skipped} (duplicate ids)`,
  ];
  if (s.unreadable) lines.push(`${s.unreadable} file(s) or file tail(s) could not be read (no document counted for them): listed below`);
  if (s.sameFiles) lines.push(`${s.sameFiles} path(s) led to a file or folder already found (links, or named twice): read once`);
  if (s.resumed) {
    lines.push(`resumed an interrupted run: ${s.resumed.files} file(s) and ${s.resumed.lines} line(s) were already done`);
    if (s.resumed.failed) lines.push(`the interrupted run(s) failed ${s.resumed.failed} document(s), written to ${s.resumed.rejectsFiles.join(', ')}`);
  }
  const list = (title: string, items: Failure[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`);
    for (const f of items.slice(0, maxListed)) lines.push(`  ${where(f)}${f.id ? ` [${f.id}]` : ''}: ${f.reason}`);
    if (items.length > maxListed) lines.push(`  … and ${items.length - maxListed} more (use --json for all)`);
  };
  list('failed', s.failures);
  list('not read', s.unreadableFiles);
  list('skipped', s.skips);
  if (s.rejectsFile) lines.push(`failed documents written to ${s.rejectsFile} (fix them and index that file again)`);
  return lines.join('\n');
}
