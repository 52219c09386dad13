// The gateway's cluster logic against stand-in nodes (node:http servers answering /health and
// /multi-search as Meilisearch's federation does): which nodes go into the federation, what
// the answer says is missing, and the one re-ask when a node hangs between probes.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Cluster, NodeDownError, SettingsMismatchError } from '../../../src/cluster/cluster.ts';
import { placeKey } from '../../../src/cluster/placement.ts';
import { clusterNode, type ClusterNode } from '../../../src/cluster/topology.ts';

interface Stub {
  server: Server;
  node: ClusterNode;
  /** 'ok', 'down' (health 503), or 'hang' (no answer at all). */
  mode: 'ok' | 'down' | 'hang';
  /** Remotes named in the federated requests this node coordinated. */
  asked: string[][];
}

const stubs: Stub[] = [];

async function stub(name: string): Promise<Stub> {
  const s: Stub = { server: createServer(), node: undefined as never, mode: 'ok', asked: [] };
  s.server.on('request', (req, res) => {
    if (s.mode === 'hang') return; // a SIGSTOPped process: the connection stays open, silent
    if (req.url === '/health') {
      res.writeHead(s.mode === 'ok' ? 200 : 503, { 'Content-Type': 'application/json' }).end('{"status":"available"}');
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { queries: { federationOptions: { remote: string } }[] };
      const remotes = parsed.queries.map((q) => q.federationOptions.remote);
      s.asked.push(remotes);
      // Each remote contributes one hit named after it; a stub marked down is a remote error.
      const down = remotes.filter((r) => stubs.find((x) => x.node.name === r)?.mode !== 'ok');
      const hits = remotes.filter((r) => !down.includes(r)).map((r) => ({ id: `doc-${r}`, _federation: { remote: r } }));
      const answer = { hits, processingTimeMs: 1, limit: 20, offset: 0, estimatedTotalHits: hits.length, remoteErrors: Object.fromEntries(down.map((r) => [r, { code: 'remote_could_not_send_request' }])) };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  s.server.listen(0, '127.0.0.1');
  await once(s.server, 'listening');
  s.node = clusterNode(name, `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`, `key-${name}`);
  stubs.push(s);
  return s;
}

// Long enough that a loaded machine does not call a healthy stand-in down.
const PROBE_MS = 1000;
const nodes = () => stubs.map((s) => s.node);
const query = { indexUid: 'documents', q: 'x', page: 1, hitsPerPage: 20 };
const reset = () => stubs.forEach((s) => ((s.mode = 'ok'), (s.asked = [])));

describe('Cluster (stand-in nodes)', () => {
  before(async () => {
    for (const n of ['ms-0', 'ms-1', 'ms-2']) await stub(n);
  });
  after(() => {
    for (const s of stubs) {
      s.server.closeAllConnections();
      s.server.close();
    }
  });

  it('probes /health: a failing node is down, an answering one up again, announced once back', async () => {
    reset();
    const c = new Cluster(nodes(), { probeTimeoutMs: PROBE_MS });
    const back: string[] = [];
    c.onNodeBack = (n) => back.push(n);
    stubs[1]!.mode = 'down';
    stubs[2]!.mode = 'hang';
    // One failed scheduled probe is not enough (a stalled event loop fails them all at once)…
    await c.probe();
    assert.deepEqual(c.down(), []);
    assert.match(c.status()[1]!.error!, /503/);
    // …two in a row are; a probe taken because a search failed on the node is enough alone.
    await c.probe();
    assert.deepEqual(c.down(), ['ms-1', 'ms-2']);
    assert.match(c.status()[2]!.error!, /within 1000 ms/);
    reset();
    await c.probe();
    assert.deepEqual(c.down(), []);
    assert.deepEqual(back.sort(), ['ms-1', 'ms-2']);
  });

  it('leaves nodes that failed their probe out of the federation and names them', async () => {
    reset();
    const c = new Cluster(nodes(), { probeTimeoutMs: PROBE_MS });
    stubs[1]!.mode = 'down';
    await c.probe(['ms-1'], { suspect: true });
    stubs[1]!.mode = 'ok';
    const [r] = await c.multiSearch([query], Date.now() + 5000);
    assert.deepEqual(r!.missingNodes, ['ms-1']);
    assert.equal(r!.partial, true);
    assert.deepEqual(r!.hits.map((h) => h.id).sort(), ['doc-ms-0', 'doc-ms-2']);
    assert.deepEqual(stubs.flatMap((s) => s.asked), [['ms-0', 'ms-2']]);
    assert.equal(r!.totalHits, 2);
  });

  it('marks remoteErrors as missing and answers full when every node is in', async () => {
    reset();
    const c = new Cluster(nodes(), { probeTimeoutMs: PROBE_MS });
    await c.probe();
    const [full] = await c.multiSearch([query], Date.now() + 5000);
    assert.equal(full!.partial, undefined);
    assert.equal(full!.hits.length, 3);
    stubs[2]!.mode = 'down'; // down since the last probe: Meilisearch reports it
    const [r] = await c.multiSearch([query], Date.now() + 5000);
    assert.deepEqual(r!.missingNodes, ['ms-2']);
  });

  it('re-asks once without a node that hung between probes, within the deadline', async () => {
    reset();
    const c = new Cluster(nodes(), { probeTimeoutMs: PROBE_MS });
    await c.probe();
    // Whichever node coordinates, the hung one holds the request until the first share passes.
    stubs[0]!.mode = 'hang';
    const results = await Promise.all([0, 1, 2].map(() => c.multiSearch([query], Date.now() + 6000)));
    for (const [r] of results) {
      assert.deepEqual(r!.missingNodes, ['ms-0']);
      assert.ok(r!.hits.every((h) => h.id !== 'doc-ms-0'));
    }
    assert.deepEqual(c.down(), ['ms-0']);
    reset();
  });

  it('probes within a fractional budget (what is left of a deadline, halved)', async () => {
    reset();
    const c = new Cluster(nodes(), { probeTimeoutMs: PROBE_MS });
    await c.probe(undefined, { suspect: true, timeoutMs: 700.5 });
    assert.deepEqual(c.down(), [], JSON.stringify(c.status()));
  });

  it('sends each document to its node and refuses a down node by name', async () => {
    reset();
    const c = new Cluster(nodes(), { probeTimeoutMs: PROBE_MS });
    await c.probe();
    const pk = 'some-key';
    const home = placeKey(pk, ['ms-0', 'ms-1', 'ms-2']);
    assert.equal(c.homeOf(pk).name, home);
    stubs.find((s) => s.node.name === home)!.mode = 'down';
    await c.probe();
    await c.probe();
    assert.throws(() => c.homeOf(pk), (err: unknown) => err instanceof NodeDownError && err.nodes.join() === home && err.message.includes(home));
    assert.throws(() => c.all(), NodeDownError);
    reset();
  });

  it('refuses everything while settings differ', async () => {
    reset();
    const c = new Cluster(nodes());
    c.refusal = 'index settings differ on ms-1';
    await assert.rejects(c.multiSearch([query], Date.now() + 1000), (err: unknown) => err instanceof SettingsMismatchError && /ms-1/.test((err as Error).message));
    assert.throws(() => c.homeOf('x'), SettingsMismatchError);
  });
});
