import type { ClusterNode } from '../../src/cluster/topology.ts';
import { partition } from '../../src/cluster/placement.ts';
import { log } from '../../src/log.ts';
import { createClient } from '../../src/meili/client.ts';
import { Connection } from '../connection.ts';
import type { Failure } from '../types.ts';
import { Pusher, settledOf, type Entry, type PushOptions } from './push.ts';

/**
 * The push stage on a cluster (MEILI_NODES): each batch is split by placement.ts (the node a
 * document's primary key hashes to) and each part is pushed to its node by that node's own
 * Pusher, in parallel. The batch settles once every part has, so the ledger and checkpoint
 * still see batches in input order. A node that stays unreachable past the retry budget is
 * given up for the rest of the run: its documents become failures naming the node (in the
 * rejects file, to index again), the other nodes' documents are still indexed.
 */
export class ShardedPusher {
  private readonly pushers = new Map<string, Pusher>();
  /** Failures of the part being settled, per node (each node's Pusher is used by one batch at a time). */
  private readonly collected = new Map<string, Failure[]>();
  /** Nodes given up in this run, and why. */
  private readonly lost = new Map<string, string>();
  private readonly names: string[];

  constructor(
    nodes: readonly ClusterNode[],
    uid: string,
    retryForMs: number,
    private readonly opts: PushOptions = {},
  ) {
    this.names = nodes.map((n) => n.name);
    for (const n of nodes) {
      const conn = new Connection(createClient(n, 60_000), retryForMs);
      this.pushers.set(n.name, new Pusher(conn, uid, { ...opts, onSettled: (_entries, failures) => void this.collected.get(n.name)!.push(...failures) }));
    }
  }

  get indexed(): number {
    return [...this.pushers.values()].reduce((n, p) => n + p.indexed, 0);
  }

  /** Marks a node as given up before the run starts (down while the index was prepared). */
  giveUp(node: string, reason: string): void {
    this.lost.set(node, reason);
  }

  async push(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const failures: Failure[] = [];
    const parts = partition(entries, (e) => e.doc.pk, this.names);
    await Promise.all(
      [...parts].map(async ([node, part]) => {
        if (part.length === 0) return;
        const fail = (reason: string) => failures.push(...part.map((e) => ({ ...e.origin, id: e.doc.id, reason, record: e.record })));
        const lost = this.lost.get(node);
        if (lost) return fail(lost);
        this.collected.set(node, []);
        try {
          const pusher = this.pushers.get(node)!;
          await pusher.push(part);
          await pusher.flush();
          failures.push(...this.collected.get(node)!);
        } catch (err) {
          const reason = `node ${node} unavailable: ${(err as Error).message}`;
          log.error({ node, err: (err as Error).message }, 'cluster node unreachable: its documents are recorded as failed for the rest of the run');
          this.lost.set(node, reason);
          fail(reason);
        }
      }),
    );
    await this.opts.onSettled?.(settledOf(entries), failures);
  }

  /** Every batch is settled when push returns. */
  async flush(): Promise<void> {}
}
