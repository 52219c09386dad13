import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Settings } from 'meilisearch';
import { canonicalJson, compareSettings, describeSettingsProblem, settingsDigest, type NodeSettings } from '../../../src/cluster/settings.ts';
import { desiredSettings } from '../../../src/meili/settings.ts';

const read = (node: string, settings: Settings): NodeSettings => ({ node, settings, digest: settingsDigest(settings) });
// As Meilisearch answers: the project's settings plus defaults it fills in.
const served = (): Settings => ({ ...structuredClone(desiredSettings()), distinctAttribute: null, proximityPrecision: 'byWord' });

describe('settings on every node', () => {
  it('digests canonical JSON: key order does not matter, list order does', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}');
    assert.equal(settingsDigest({ stopWords: ['a'], rankingRules: ['words'] }), settingsDigest({ rankingRules: ['words'], stopWords: ['a'] }));
    assert.notEqual(settingsDigest({ rankingRules: ['words', 'typo'] }), settingsDigest({ rankingRules: ['typo', 'words'] }));
    assert.match(settingsDigest({}), /^[0-9a-f]{64}$/);
  });

  it('is consistent when every node has the project settings', () => {
    const report = compareSettings([read('ms-0', served()), read('ms-1', served()), read('ms-2', served())]);
    assert.deepEqual({ ...report, digest: undefined }, { consistent: true, digest: undefined, differing: [], unreachable: [] });
    assert.equal(report.digest, settingsDigest(served()));
    assert.equal(describeSettingsProblem(report), undefined);
  });

  it('names the node whose settings differ', () => {
    const drifted = { ...served(), stopWords: ['ve'] };
    const report = compareSettings([read('ms-0', served()), read('ms-1', drifted), read('ms-2', served())]);
    assert.equal(report.consistent, false);
    assert.deepEqual(report.differing, ['ms-1']);
    assert.equal(report.digest, settingsDigest(served()));
    assert.equal(describeSettingsProblem(report), 'index settings differ on ms-1');
  });

  it('catches a cluster where every node drifted alike (against config/index-settings.json)', () => {
    const drifted = { ...served(), rankingRules: ['words'] };
    const report = compareSettings([read('ms-0', drifted), read('ms-1', drifted)]);
    assert.equal(report.consistent, false);
    assert.deepEqual(report.differing, ['ms-0', 'ms-1']);
  });

  it('reports unreadable nodes as not consistent', () => {
    const report = compareSettings([read('ms-0', served()), { node: 'ms-1', error: 'Meilisearch unreachable: ECONNREFUSED' }]);
    assert.equal(report.consistent, false);
    assert.deepEqual(report.differing, []);
    assert.deepEqual(report.unreachable, [{ node: 'ms-1', error: 'Meilisearch unreachable: ECONNREFUSED' }]);
    assert.equal(describeSettingsProblem(report), 'settings unreadable on ms-1');
    assert.equal(compareSettings([]).consistent, false);
  });
});
