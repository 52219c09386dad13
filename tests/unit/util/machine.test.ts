// A container's CPU quota and memory limit bound what the embedded engine is sized from.
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { availableCores, availableMemory, cpusFromCpuMax, cpusFromQuota } from '../../../src/util/machine.ts';

describe('cgroup CPU quota', () => {
  it('reads cgroup v2 cpu.max', () => {
    assert.equal(cpusFromCpuMax('200000 100000\n'), 2);
    assert.equal(cpusFromCpuMax('150000 100000'), 2, 'a part of a CPU counts as one');
    assert.equal(cpusFromCpuMax('50000 100000'), 1);
    assert.equal(cpusFromCpuMax('max 100000\n'), undefined);
    assert.equal(cpusFromCpuMax(''), undefined);
  });
  it('reads cgroup v1 quota and period (-1: none)', () => {
    assert.equal(cpusFromQuota(400000, 100000), 4);
    assert.equal(cpusFromQuota(-1, 100000), undefined);
    assert.equal(cpusFromQuota(100000, 0), undefined);
  });
});

describe('this machine', () => {
  it('counts no more cores than the scheduler gives, and at least one', () => {
    assert.ok(availableCores() >= 1 && availableCores() <= os.availableParallelism());
  });
  it('counts no more memory than the machine has', () => {
    assert.ok(availableMemory() > 0 && availableMemory() <= os.totalmem());
  });
});
