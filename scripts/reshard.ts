// npm run reshard -- --from <nodes> --to <nodes>: moves the index's documents from one node
// list to another (each a MEILI_NODES value: inline JSON or a file path), then verifies by
// counts and ids that every document is there once, on the node placement names.
import { Command } from 'commander';
import { reshard } from '../src/cluster/reshard.ts';
import { loadTopology, type ClusterNode } from '../src/cluster/topology.ts';
import { readEnv } from '../src/env.ts';

const program = new Command()
  .name('reshard')
  .description(
    'Moves documents so that each is on the node that placement (rendezvous hashing of its id) names for the new node list. ' +
      'Copies to the new node first and deletes from the old one only after Meilisearch accepted the copy; an interrupted run can be re-run. ' +
      'Applies the index settings on the new nodes first and refuses to run if they differ. Verifies counts and ids at the end.',
  )
  .requiredOption('--from <nodes>', 'the current node list (MEILI_NODES format: JSON or a file path)')
  .requiredOption('--to <nodes>', 'the new node list (MEILI_NODES format)')
  .option('--index <name>', 'index name (default: MEILI_INDEX or "documents")')
  .option('--json', 'print the report as JSON')
  .showHelpAfterError();

async function nodesOf(value: string): Promise<readonly ClusterNode[]> {
  const t = await loadTopology(value);
  if (t.mode !== 'cluster') throw new Error('a node list is required');
  return t.nodes;
}

async function main(): Promise<void> {
  const opts = program.parse().opts<{ from: string; to: string; index?: string; json?: boolean }>();
  const uid = opts.index ?? readEnv().MEILI_INDEX;
  const report = await reshard(await nodesOf(opts.from), await nodesOf(opts.to), uid, {
    onProgress: (e) => process.stderr.write(`\r${e.node}: ${e.read} read, ${e.moved} moved   `),
  });
  process.stderr.write('\n');
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const fmt = (m: Record<string, number>) => Object.entries(m).map(([n, c]) => `${n} ${c}`).join(', ');
    process.stdout.write(`${report.total} documents, ${report.moved} moved, verified by ids.\nbefore: ${fmt(report.before)}\nafter:  ${fmt(report.after)}\n`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`reshard: ${err.message}\n`);
  process.exit(1);
});
