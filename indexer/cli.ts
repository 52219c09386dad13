import { Command, InvalidArgumentError, Option } from 'commander';
import { createClient } from '../src/meili/client.ts';
import { connectMeili } from '../src/meili/connect.ts';
import { readEnv } from '../src/env.ts';
import { normalizeLang } from '../src/documents/build.ts';
import { formatSummary, runIndexer } from './pipeline.ts';
import { createProgress } from './progress.ts';

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
  .addOption(new Option('--lang <code>', 'language of documents that do not give one (skips detection)').argParser((v) => {
    try {
      return normalizeLang(v);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  }))
  .option('--batch-size <n>', 'documents per Meilisearch request', positiveInt(100_000), 1000)
  .option('--index <name>', 'index name (default: MEILI_INDEX or "documents")')
  .option('--json', 'print the summary as JSON (every failure listed)')
  .addHelpText(
    'after',
    '\nExit status: 0 when every document was indexed, 1 when any failed, 2 on a usage or connection error.\n' +
      'Examples:\n  npm run index -- ../shared/seeds/seeds.ndjson\n  npm run index -- --reset --lang tr articles/\n',
  )
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

async function main(): Promise<number> {
  program.parse();
  const opts = program.opts<{ reset?: boolean; lang?: string; batchSize: number; index?: string; json?: boolean }>();
  const env = readEnv();
  const conn = await connectMeili(env, 'indexer');
  const stop = () => void conn.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const summary = await runIndexer({
      paths: program.args,
      client: createClient(conn, 60_000),
      indexUid: opts.index ?? env.MEILI_INDEX,
      reset: opts.reset,
      lang: opts.lang,
      batchSize: opts.batchSize,
      progress: (total) => createProgress(total),
    });
    process.stdout.write(`${opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary)}\n`);
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  },
);
