// A three-node local cluster for tests: started with the same code as `npm run cluster:local`
// in a temporary folder, the index's settings applied on every node, and corpus documents
// placed by placement.ts. Every process it starts is stopped by `stop()`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalCluster, nodeDir, type LocalCluster } from '../../src/cluster/local.ts';
import { partition } from '../../src/cluster/placement.ts';
import { applySettingsEverywhere } from '../../src/cluster/settings.ts';
import { buildDocument } from '../../src/documents/build.ts';
import type { SearchDocument } from '../../src/documents/types.ts';
import { assertSucceeded, createClient, type MeiliTarget } from '../../src/meili/client.ts';
import { enqueueDocuments, waitForTask } from '../../src/meili/documents.ts';
import { startEmbedded } from '../../src/engine/embedded.ts';
import { ensureIndex } from '../../src/meili/settings.ts';
import { readCorpusHead } from '../unit/analysis/corpus-sample.ts';

const MiB = 1024 * 1024;

export interface TestCluster extends LocalCluster {
  dir: string;
  /** SIGKILL node i (a crash), or start it again on its port and folder. */
  kill(i: number): void;
  restart(i: number): Promise<void>;
  /** SIGSTOP / SIGCONT node i (a hung process). */
  pause(i: number): void;
  resume(i: number): void;
}

export async function startTestCluster(count = 3): Promise<TestCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cluster-test-'));
  // Small and single-threaded: three engines share a two-core machine with other test files.
  const cluster = await startLocalCluster({ count, dir, maxIndexingMemory: 256 * MiB, maxIndexingThreads: 1 });
  const paused = new Set<number>();
  const self: TestCluster = {
    ...cluster,
    dir,
    kill: (i) => process.kill(cluster.engines[i]!.pid, 'SIGKILL'),
    restart: async (i) => {
      const port = Number(new URL(cluster.nodes[i]!.url).port);
      cluster.engines[i] = await startEmbedded({ dataDir: nodeDir(dir, i), port, maxIndexingMemory: 256 * MiB, maxIndexingThreads: 1 });
    },
    pause: (i) => {
      process.kill(cluster.engines[i]!.pid, 'SIGSTOP');
      paused.add(i);
    },
    resume: (i) => {
      process.kill(cluster.engines[i]!.pid, 'SIGCONT');
      paused.delete(i);
    },
    stop: async () => {
      for (const i of paused) process.kill(cluster.engines[i]!.pid, 'SIGCONT');
      await Promise.all(cluster.engines.map((e) => e.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
  return self;
}

/** The first `perLang` Turkish and English corpus articles, as the indexer builds them. */
export async function corpusDocuments(perLang: number): Promise<SearchDocument[]> {
  const raw = [...(await readCorpusHead('tr', perLang)), ...(await readCorpusHead('en', perLang))];
  return raw.map((r) => buildDocument(r));
}

async function addAll(target: MeiliTarget, uid: string, docs: SearchDocument[]): Promise<void> {
  const client = createClient(target, 120_000);
  if (docs.length === 0) return;
  const task = await enqueueDocuments(client, uid, docs);
  assertSucceeded(await waitForTask(client, task.taskUid, 300_000));
}

/** Settings on every node, then each document on the node placement.ts names. */
export async function indexSharded(nodes: LocalCluster['nodes'], uid: string, docs: SearchDocument[]): Promise<Map<string, SearchDocument[]>> {
  const report = await applySettingsEverywhere(nodes, uid, 300_000);
  if (!report.consistent) throw new Error(`settings differ after applying them: ${JSON.stringify(report)}`);
  const parts = partition(docs, (d) => d.pk, nodes.map((n) => n.name));
  await Promise.all(nodes.map((n) => addAll(n, uid, parts.get(n.name)!)));
  return parts;
}

/** The same documents in one index of one node: what the cluster must answer like. */
export async function indexSingle(target: MeiliTarget, uid: string, docs: SearchDocument[]): Promise<void> {
  await ensureIndex(createClient(target, 120_000), uid, 300_000);
  await addAll(target, uid, docs);
}
