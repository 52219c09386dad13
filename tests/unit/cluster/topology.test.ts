import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import pino from 'pino';
import { loadTopology, parseNodes, TopologyError } from '../../../src/cluster/topology.ts';

const SECRET = 'sekret-key-value-1234567890';
const nodes = [
  { name: 'ms-0', url: 'http://127.0.0.1:7700/', key: SECRET },
  { name: 'ms-1', url: 'http://127.0.0.1:7701', key: 'other-key' },
];

describe('cluster topology', () => {
  it('is the single embedded node when MEILI_NODES is unset or empty', async () => {
    assert.deepEqual(await loadTopology(undefined), { mode: 'single' });
    assert.deepEqual(await loadTopology('  '), { mode: 'single' });
  });

  it('reads inline JSON, as a list or as { nodes }', async () => {
    for (const json of [JSON.stringify(nodes), JSON.stringify({ nodes })]) {
      const t = await loadTopology(json);
      assert.equal(t.mode, 'cluster');
      if (t.mode !== 'cluster') return;
      assert.deepEqual(t.nodes.map((n) => [n.name, n.url, n.key]), [
        ['ms-0', 'http://127.0.0.1:7700', SECRET],
        ['ms-1', 'http://127.0.0.1:7701', 'other-key'],
      ]);
    }
  });

  it('reads a JSON file given by path', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'topology-'));
    try {
      const file = path.join(dir, 'nodes.json');
      await writeFile(file, JSON.stringify(nodes));
      const t = await loadTopology(file);
      assert.equal(t.mode === 'cluster' && t.nodes.length, 2);
      await assert.rejects(loadTopology(path.join(dir, 'missing.json')), /cannot be read \(ENOENT\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names what is invalid without echoing keys', () => {
    const cases: [unknown, RegExp][] = [
      [[], /at least one node/],
      [[{ name: 'a b', url: 'http://x:1', key: SECRET }], /MEILI_NODES\.0\.name: letters/],
      [[{ name: 'a', url: 'ftp://x', key: SECRET }], /MEILI_NODES\.0\.url/],
      [[{ name: 'a', url: 'http://x:1' }], /MEILI_NODES\.0\.key/],
      [[{ name: 'a', url: 'http://x:1', key: SECRET }, { name: 'a', url: 'http://x:2', key: SECRET }], /duplicate node name "a"/],
      [[{ name: 'a', url: 'http://x:1', key: SECRET }, { name: 'b', url: 'http://x:1/', key: SECRET }], /two nodes at http:\/\/x:1/],
      [[{ name: 'a', url: 'http://x:1', key: SECRET, extra: 1 }], /MEILI_NODES\.0: Unrecognized key/],
    ];
    for (const [value, message] of cases) {
      assert.throws(() => parseNodes(JSON.stringify(value)), (err: Error) => {
        assert.ok(err instanceof TopologyError);
        assert.match(err.message, message);
        assert.ok(!err.message.includes(SECRET), err.message);
        return true;
      });
    }
    assert.throws(() => parseNodes('[{'), /MEILI_NODES is not valid JSON/);
  });

  it('never serializes a key: JSON, inspect and pino see [redacted]', () => {
    const list = parseNodes(JSON.stringify(nodes));
    const topology = { mode: 'cluster', nodes: list };
    assert.ok(!JSON.stringify(topology).includes(SECRET));
    assert.match(JSON.stringify(list[0]), /"key":"\[redacted\]"/);
    assert.ok(!inspect(topology, { depth: 5, showHidden: false }).includes(SECRET));
    assert.ok(!`${list[0]}`.includes(SECRET));
    assert.deepEqual(Object.keys(list[0]!), ['name', 'url']);
    assert.deepEqual({ ...list[0] }, { name: 'ms-0', url: 'http://127.0.0.1:7700' });
    let out = '';
    const logger = pino({ level: 'info' }, new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }));
    logger.info({ topology, node: list[0] }, 'nodes');
    assert.match(out, /ms-0/);
    assert.ok(!out.includes(SECRET), out);
    // Usable all the same.
    assert.equal(list[0]!.key, SECRET);
  });
});
