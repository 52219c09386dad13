// The CPU-profile summary bench:index prints for the indexer (--cpu-prof): self time per module
// and per function, idle left out, each sample weighted by the time to the next one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleOf, summariseProfile, type CpuProfile } from '../../../bench/lib/cpu-profile.ts';

const ROOT = '/repo';
const frame = (functionName: string, url: string) => ({ functionName, url });

// root → analyse (project file) → stem (project file); root → parse (npm package); idle; GC.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 5, 6] },
    { id: 2, callFrame: frame('analyse', 'file:///repo/src/analysis/analyze.ts'), children: [3] },
    { id: 3, callFrame: frame('stem', 'file:///repo/src/analysis/filters/stem.ts') },
    { id: 4, callFrame: frame('parse', 'file:///repo/node_modules/@scope/pkg/index.js') },
    { id: 5, callFrame: frame('(idle)', '') },
    { id: 6, callFrame: frame('(garbage collector)', '') },
  ],
  startTime: 0,
  endTime: 100_000,
  // timeDeltas[i] is the time before sample i, so sample i is weighted by timeDeltas[i + 1]
  // (the last sample, which has no next, by its own).
  samples: [2, 3, 3, 4, 5, 6],
  timeDeltas: [0, 10_000, 20_000, 30_000, 5_000, 40_000],
};

describe('moduleOf', () => {
  it('names a project file by its path in the repository', () => assert.equal(moduleOf('file:///repo/indexer/cli.ts', ROOT), 'indexer/cli.ts'));
  it('names an npm package, scoped or not', () => {
    assert.equal(moduleOf('file:///repo/node_modules/@scope/pkg/lib/a.js', ROOT), 'npm: @scope/pkg');
    assert.equal(moduleOf('file:///repo/node_modules/tsx/dist/x.mjs', ROOT), 'npm: tsx');
  });
  it("groups node's own code", () => assert.equal(moduleOf('node:internal/streams/readable', ROOT), 'node internals'));
  it('groups frames without a script (GC, program)', () => assert.equal(moduleOf('', ROOT), '(V8 and native)'));
  it('keeps a path outside the repository whole', () => assert.equal(moduleOf('file:///elsewhere/x.js', ROOT), '/elsewhere/x.js'));
});

describe('summariseProfile', () => {
  const s = summariseProfile(profile, ROOT);
  it('adds up self time, idle excluded', () => assert.equal(s.totalMs, 10 + 20 + 30 + 5 + 40));
  it('ranks modules by self time', () =>
    assert.deepEqual(s.modules, [
      { name: 'src/analysis/filters/stem.ts', ms: 50 },
      { name: '(V8 and native)', ms: 40 },
      { name: 'src/analysis/analyze.ts', ms: 10 },
      { name: 'npm: @scope/pkg', ms: 5 },
    ]));
  it('names functions with their module', () => {
    assert.equal(s.functions[0]!.name, 'stem (src/analysis/filters/stem.ts)');
    assert.equal(s.functions[0]!.ms, 50);
    assert.ok(s.functions.some((f) => f.name === '(garbage collector)' && f.ms === 40));
  });
  it('adds the profiles of several threads together', () => {
    const both = summariseProfile([profile, profile], ROOT);
    assert.equal(both.totalMs, 2 * s.totalMs);
    assert.equal(both.modules[0]!.ms, 100);
  });
  it('keeps only the top N', () => assert.equal(summariseProfile(profile, ROOT, 2).functions.length, 2));
});
