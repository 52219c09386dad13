// npm run compact: gives the embedded engine's database file its free pages back (a snapshot,
// written compacted, imported into a new folder, checked, swapped in). Run it with the service
// and the indexer stopped: it refuses while either holds the data folder.
import { Command } from 'commander';
import { compactDataDir, stderrProgress } from '../src/engine/compact.ts';
import { readEnv } from '../src/env.ts';

const program = new Command()
  .name('compact')
  .description(
    'Shrinks the embedded Meilisearch database file to the pages it uses. Meilisearch 1.21 keeps the pages that ' +
      'indexing batches free in the file and has no compaction route, but writes its snapshots compacted: this takes a ' +
      'snapshot, imports it into a new folder, checks that every index counts the same documents, then swaps the folders. ' +
      'Stop the service and the indexer first (it refuses while either holds the data folder). Needs free disk for a ' +
      'snapshot and a copy (about twice the pages in use). An interrupted run leaves the old database or the new, checked one.',
  )
  .option('--data-dir <dir>', 'the embedded engine\'s data folder (default: MEILI_DATA_DIR or data/meili)')
  .option('--keep-snapshot', 'keep the snapshot file (snapshots/data.ms.snapshot in the data folder)')
  .option('--json', 'print the report as JSON')
  .showHelpAfterError();

const MiB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const opts = program.parse().opts<{ dataDir?: string; keepSnapshot?: boolean; json?: boolean }>();
  const env = readEnv();
  const report = await compactDataDir({
    dataDir: opts.dataDir ?? env.dataDir,
    binary: env.MEILISEARCH_BIN,
    keepSnapshot: opts.keepSnapshot,
    onProgress: stderrProgress(),
  });
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const counts = Object.entries(report.after.indexes).map(([uid, n]) => `${uid} ${n}`).join(', ') || 'no index';
    process.stdout.write(
      `database ${MiB(report.before.fileBytes)} → ${MiB(report.after.fileBytes)}; documents (checked in both): ${counts}; ` +
        `snapshot ${report.snapshotSeconds.toFixed(1)} s, import ${report.importSeconds.toFixed(1)} s\n`,
    );
  }
}

main().catch((err: Error) => {
  process.stderr.write(`compact: ${err.message}\n`);
  process.exit(1);
});
