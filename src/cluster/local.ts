// N bundled Meilisearch processes on loopback, each with its own data folder and master key,
// networked together: what `npm run cluster:local` and the cluster tests run on one machine.
import path from 'node:path';
import { startEmbedded, type EmbeddedMeili } from '../engine/embedded.ts';
import { defaultIndexingMemory } from '../engine/launch.ts';
import { configureNetwork } from './network.ts';
import { clusterNode, type ClusterNode } from './topology.ts';

export interface LocalClusterOptions {
  count: number;
  /** Parent folder: node i lives in `<dir>/node-i`. */
  dir: string;
  /** Node i listens on basePort + i (stable URLs across restarts); default: free ports. */
  basePort?: number;
  binary?: string;
  /** Per node; default: the single engine's share divided among the nodes (at least 256 MiB). */
  maxIndexingMemory?: number;
  maxIndexingThreads?: number;
}

export interface LocalCluster {
  nodes: ClusterNode[];
  engines: EmbeddedMeili[];
  stop(): Promise<void>;
}

export const nodeName = (i: number) => `ms-${i}`;
export const nodeDir = (dir: string, i: number) => path.join(dir, `node-${i}`);

/** Per-node indexing memory: N nodes on one machine share what one engine would get. */
export function localIndexingMemory(count: number): number {
  return Math.max(256 * 1024 * 1024, Math.floor(defaultIndexingMemory() / count));
}

export async function startLocalCluster(opts: LocalClusterOptions): Promise<LocalCluster> {
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new Error('count must be a positive integer');
  const engines: EmbeddedMeili[] = [];
  const stop = async () => {
    await Promise.all(engines.map((e) => e.stop()));
  };
  try {
    // One at a time: each start verifies the binary's SHA-256, which would compete for the disk.
    for (let i = 0; i < opts.count; i++) {
      engines.push(
        await startEmbedded({
          dataDir: nodeDir(opts.dir, i),
          binary: opts.binary,
          port: opts.basePort ? opts.basePort + i : undefined,
          maxIndexingMemory: opts.maxIndexingMemory ?? localIndexingMemory(opts.count),
          maxIndexingThreads: opts.maxIndexingThreads,
        }),
      );
    }
    const nodes = engines.map((e, i) => clusterNode(nodeName(i), e.url, e.key));
    await configureNetwork(nodes);
    return { nodes, engines, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
