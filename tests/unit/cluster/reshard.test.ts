import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeKey } from '../../../src/cluster/placement.ts';
import { allNodes, ReshardError, verifyPlacement } from '../../../src/cluster/reshard.ts';
import { clusterNode } from '../../../src/cluster/topology.ts';

const keys = Array.from({ length: 300 }, (_, i) => `doc-${i}`);
const layout = (names: string[]) => {
  const m = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const k of keys) m.get(placeKey(k, names))!.push(k);
  return m;
};

describe('reshard checks', () => {
  it('accepts a layout where every document is once, where placement says', () => {
    assert.deepEqual(verifyPlacement(layout(['a', 'b', 'c']), layout(['a', 'b']), ['a', 'b']), []);
  });

  it('names lost, duplicated, misplaced and unexpected documents', () => {
    const after = layout(['a', 'b']);
    const lost = after.get('a')!.pop()!;
    after.get('b')!.push(after.get('b')![0]!);
    after.set('c', ['stray']);
    const problems = verifyPlacement(layout(['a', 'b', 'c']), after, ['a', 'b']);
    assert.ok(problems.includes(`${lost} is lost`), problems.join('\n'));
    assert.ok(problems.some((p) => / is on b and b$/.test(p)));
    assert.ok(problems.some((p) => p.startsWith('stray is on c, placement says')));
    assert.ok(problems.includes('stray appeared on c'));
  });

  it('joins the two node lists, refusing a name with two URLs', () => {
    const a = clusterNode('a', 'http://127.0.0.1:1', 'k');
    const b = clusterNode('b', 'http://127.0.0.1:2', 'k');
    assert.deepEqual(allNodes([a, b], [a]).map((n) => n.name), ['a', 'b']);
    assert.throws(() => allNodes([a], [clusterNode('a', 'http://127.0.0.1:9', 'k')]), ReshardError);
  });
});
