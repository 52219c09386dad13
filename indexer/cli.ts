import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { MeiliConnection } from '../src/engine/connect.ts';
import { normalizeLang } from '../src/documents/lang.ts';
import { DEFAULT_LIMITS } from './input/limits.ts';

const positiveInt = (max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected an integer from 1 to ${max}`);
  return n;
};

const program = new Command()
  .name('npm run index --')
  .description(
    'Index documents into Meilisearch: NDJSON/JSONL, JSON arrays, plain text, Markdown and HTML files\n' +
      '(optionally gzipped), or folders of them. Without MEILI_URL it uses the embedded Meilisearch\n' +
      'of a running `npm start`, or starts one for the run.',
  )
  .argument('<paths...>', 'files or folders to index')
  .option('--reset', 'drop the index first and index from scratch')
  .addOption(new Option('--lang <code>', 'ISO 639-1 language of documents that do not give one (skips detection)').argParser((v) => {
    try {
      return normalizeLang(v);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  }))
  .option('--batch-size <n>', 'documents per Meilisearch request', positiveInt(100_000), 1000)
  .option('--index <name>', 'index name (default: MEILI_INDEX or "documents")')
  .option('--json', 'print the summary as JSON (every failure listed)')
  .option('--state-dir <dir>', 'where the checkpoint of an interrupted run, the rejects files and the spool of batches waiting in Meilisearch go', 'data/indexer')
  .option('--no-resume', 'ignore the checkpoint of an interrupted run and read everything again')
  .option('--rejects <file>', 'NDJSON file for failed documents with their reasons (default: <state-dir>/rejects-<index>-<time>.ndjson)')
  .option('--retry-for <seconds>', 'how long to keep retrying while Meilisearch is unreachable', positiveInt(86_400), 300)
  .option('--compact', 'when the run started the embedded engine itself (no `npm start` running), compact its database at the end, as `npm run compact` does')
  .option('--max-record-bytes <n>', 'largest record (NDJSON line, JSON array element, text file) read; larger ones are rejected', positiveInt(1024 * 1024 * 1024), DEFAULT_LIMITS.maxRecordBytes)
  .addHelpText(
    'after',
    '\nExit status: 0 when every document was indexed, 1 when any failed, 2 on a usage or connection error\n' +
      '(and after a failed --compact, which leaves the database as indexing left it, even when documents failed too).\n' +
      'An interrupted run (Ctrl-C, kill, Meilisearch away longer than --retry-for) leaves a checkpoint in\n' +
      '--state-dir; running the same command again resumes it. A finished run leaves none.\n' +
      'Examples:\n  npm run index -- ../shared/seeds/seeds.ndjson\n  npm run index -- --reset --lang tr articles/\n' +
      '  npm run index -- data/indexer/rejects-documents-2026-11-29T10-00-00.ndjson   # after fixing them\n',
  )
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

async function main(): Promise<number> {
  program.parse();
  // Loaded once the arguments are known good: the analysis, the engine and the pipeline cost
  // ~1.5 s of CPU to load, which `--help` and a mistyped option need not wait for.
  const [{ createClient }, { connectMeili }, { loadTopology }, { readEnv }, { formatSummary, runIndexer }, { createProgress }, { relocator }] = await Promise.all([
    import('../src/meili/client.ts'),
    import('../src/engine/connect.ts'),
    import('../src/cluster/topology.ts'),
    import('../src/env.ts'),
    import('./pipeline.ts'),
    import('./progress.ts'),
    import('./relocate.ts'),
  ]);
  const env = readEnv();
  const opts = program.opts<{
    reset?: boolean;
    lang?: string;
    batchSize: number;
    index?: string;
    json?: boolean;
    stateDir: string;
    resume: boolean;
    rejects?: string;
    retryFor: number;
    maxRecordBytes: number;
    compact?: boolean;
  }>();
  const indexUid = opts.index ?? env.MEILI_INDEX;
  const topology = await loadTopology(env.MEILI_NODES);
  // On a cluster each document goes to its node; no single engine is started or reached.
  const conn: Pick<MeiliConnection, 'url' | 'key' | 'mode' | 'close'> =
    topology.mode === 'cluster' ? { url: topology.nodes[0]!.url, key: topology.nodes[0]!.key, mode: 'external', close: async () => {} } : await connectMeili(env, 'indexer');
  if (opts.compact && conn.mode !== 'embedded') {
    await conn.close();
    // Compaction needs the data folder to itself; refused before any work, not after an hour of it.
    throw new Error(
      conn.mode === 'shared-embedded'
        ? '--compact: another process (the service, or another indexer run) holds the embedded engine; stop it first, or run `npm run compact` later with both stopped'
        : '--compact works on the embedded engine only (MEILI_URL or MEILI_NODES is set); for an external Meilisearch see the README\'s Operations',
    );
  }
  let compacting = false;
  const stop = () => {
    // The database is safe either way (the next start restores or cleans, src/engine/compact.ts); say so.
    if (compacting) process.stderr.write('compact: interrupted; the next start of the engine finds the database as indexing left it\n');
    void conn.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const client = createClient(conn, 60_000);
  try {
    const summary = await runIndexer({
      paths: program.args,
      client,
      indexUid,
      reset: opts.reset,
      lang: opts.lang,
      batchSize: opts.batchSize,
      progress: (total) => createProgress(total),
      stateDir: opts.stateDir,
      resume: opts.resume,
      rejectsFile: opts.rejects ?? path.join(opts.stateDir, `rejects-${indexUid}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.ndjson`),
      retryForMs: opts.retryFor * 1000,
      relocate: conn.mode === 'shared-embedded' ? relocator(env.dataDir, conn.url) : undefined,
      limits: { maxRecordBytes: opts.maxRecordBytes },
      ...(topology.mode === 'cluster' ? { nodes: topology.nodes } : {}),
    });
    // The JSON summary names failures; the records themselves are in the rejects file.
    const names = (list: typeof summary.failures) => list.map(({ record: _r, raw: _w, ...f }) => f);
    const json = () => JSON.stringify({ ...summary, failures: names(summary.failures), unreadableFiles: names(summary.unreadableFiles) }, null, 2);
    process.stdout.write(`${opts.json ? json() : formatSummary(summary)}\n`);
    const code = summary.failed > 0 || summary.unreadable > 0 || (summary.resumed?.failed ?? 0) > 0 ? 1 : 0;
    if (opts.compact) {
      compacting = true;
      return (await compactAfter(conn, env)) ? code : 2;
    }
    if (conn.mode !== 'external') await compactionHint(client);
    // Failures of the interrupted runs a resume finished count too: those documents are not indexed.
    return code;
  } finally {
    await conn.close();
  }
}

/** The run's own engine stopped, its folder compacted (src/engine/compact.ts); false when that failed. */
async function compactAfter(conn: Pick<MeiliConnection, 'close' | 'mode'>, env: { dataDir: string; MEILISEARCH_BIN?: string }): Promise<boolean> {
  // Checked at the start too; here again because env.dataDir is only this engine's folder when the run owns it.
  if (conn.mode !== 'embedded') throw new Error(`--compact: the run does not own the engine (${conn.mode})`);
  await conn.close();
  const { compactDataDir, stderrProgress } = await import('../src/engine/compact.ts');
  const started = Date.now();
  try {
    const r = await compactDataDir({ dataDir: env.dataDir, binary: env.MEILISEARCH_BIN, onProgress: stderrProgress(started) });
    const MiB = 2 ** 20;
    process.stderr.write(`compacted: database ${(r.before.fileBytes / MiB).toFixed(1)} → ${(r.after.fileBytes / MiB).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  } catch (err) {
    process.stderr.write(`compact: ${(err as Error).message}; the database is as indexing left it\n`);
    return false;
  }
}

/**
 * Meilisearch 1.21 keeps the pages its indexing batches free in the database file; an
 * operator would not know that `npm run compact` gives them back (the embedded engine only).
 */
async function compactionHint(client: { getStats(): Promise<{ databaseSize: number; usedDatabaseSize: number }> }): Promise<void> {
  const stats = await client.getStats().catch(() => undefined);
  if (!stats) return;
  const free = stats.databaseSize - stats.usedDatabaseSize;
  const MiB = 2 ** 20;
  if (free < 256 * MiB || free < 0.3 * stats.databaseSize) return;
  process.stderr.write(
    `the database file is ${Math.round(stats.databaseSize / MiB)} MiB, ${Math.round(stats.usedDatabaseSize / MiB)} in use: ` +
      `\`npm run compact\`, with the service and the indexer stopped, gives the ${Math.round(free / MiB)} MiB of free pages back ` +
      `(\`--compact\` does it at the end of a run that starts the engine itself)\n`,
  );
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  },
);
