// npm run cluster:network: prepares the nodes MEILI_NODES lists for the gateway, idempotently:
// turns on Meilisearch's `network` experimental feature on each and tells each node itself and
// the others (PATCH /network, a search-only key per node), then creates the index with the
// project's settings on every node and verifies them by digest. What `cluster:local` does for
// its own processes, for nodes started elsewhere (docker-compose.cluster.yml runs it once
// before the gateway). Every node must answer: a network set on some nodes only would leave
// the others unable to federate.
import { configureNetwork } from '../src/cluster/network.ts';
import { applySettingsEverywhere, describeSettingsProblem } from '../src/cluster/settings.ts';
import { loadTopology } from '../src/cluster/topology.ts';
import { readEnv } from '../src/env.ts';
import { retry } from '../src/util/retry.ts';
import { isTransient } from '../src/meili/errors.ts';

async function main(): Promise<void> {
  const env = readEnv();
  const topology = await loadTopology(env.MEILI_NODES);
  if (topology.mode !== 'cluster') throw new Error('MEILI_NODES is not set: there is no cluster to configure');
  // Nodes may still be starting (compose starts them together): retried for a minute.
  await retry(() => configureNetwork(topology.nodes), { forMs: 60_000, retryable: isTransient });
  const report = await applySettingsEverywhere(topology.nodes, env.MEILI_INDEX);
  if (!report.consistent) throw new Error(describeSettingsProblem(report));
  process.stdout.write(`network configured and index "${env.MEILI_INDEX}" settings verified on ${topology.nodes.map((n) => n.name).join(', ')}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`cluster:network: ${err.message}\n`);
  process.exit(1);
});
