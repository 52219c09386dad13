// npm run cluster:local -- --nodes 3: N bundled Meilisearch processes on loopback, networked
// (Community `network` feature), in the foreground until Ctrl-C or SIGTERM. The node list with
// its keys goes to a 0600 file, not to the terminal: MEILI_NODES takes that file's path.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { startLocalCluster } from '../src/cluster/local.ts';

function intIn(min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`an integer from ${min} to ${max}`);
    return n;
  };
}

const program = new Command()
  .name('cluster:local')
  .description(
    'Starts N Meilisearch nodes (the bundled, SHA-256-checked binary) on 127.0.0.1, each with its own data folder ' +
      'and master key, enables the `network` experimental feature on each and configures PATCH /network (self and ' +
      'every node as a remote with a search-only key). Writes the node list to <dir>/nodes.json (mode 0600) and prints ' +
      'the MEILI_NODES value to use. Stays in the foreground; Ctrl-C or SIGTERM stops every node.',
  )
  .option('--nodes <n>', 'number of nodes', intIn(1, 16), 3)
  .option('--dir <dir>', 'parent data folder: node i in <dir>/node-i', 'data/cluster')
  .option('--base-port <port>', 'node i listens on base-port + i (default: free ports)', intIn(1024, 65000))
  .showHelpAfterError();

async function main(): Promise<void> {
  const opts = program.parse().opts<{ nodes: number; dir: string; basePort?: number }>();
  const dir = path.resolve(opts.dir);
  const cluster = await startLocalCluster({ count: opts.nodes, dir, basePort: opts.basePort, binary: process.env.MEILISEARCH_BIN });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping ${cluster.nodes.length} nodes…\n`);
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const file = path.join(dir, 'nodes.json');
  const list = cluster.nodes.map((n) => ({ name: n.name, url: n.url, key: n.key }));
  await writeFile(file, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
  const lines = cluster.nodes.map((n, i) => `  ${n.name}  ${n.url}  pid ${cluster.engines[i]!.pid}  data ${path.join(dir, `node-${i}`)}`);
  process.stdout.write(
    `${cluster.nodes.length} Meilisearch nodes ready, network configured on each:\n${lines.join('\n')}\n\n` +
      `MEILI_NODES=${file}\n\n(the file holds each node's master key; mode 0600). Ctrl-C stops the nodes.\n`,
  );
}

main().catch((err: Error) => {
  process.stderr.write(`cluster:local: ${err.message}\n`);
  process.exit(1);
});
