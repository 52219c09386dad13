// What this process may use of the machine: a container's CPU quota and memory limit count,
// not only the host's cores and RAM. Node 20's availableParallelism() does not read cgroup CPU
// quotas, so a container limited to 2 CPUs on a 64-core host would otherwise size the engine
// for 64 cores.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** CPUs a cgroup quota allows, or undefined without one: v2 `cpu.max` ("max 100000", "200000 100000"). */
export function cpusFromCpuMax(text: string): number | undefined {
  const [quota, period] = text.trim().split(/\s+/);
  return cpusFromQuota(Number(quota), Number(period));
}

/** The same from cgroup v1's cpu.cfs_quota_us and cpu.cfs_period_us (-1: no quota). */
export function cpusFromQuota(quota: number, period: number): number | undefined {
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0) return undefined;
  return Math.max(1, Math.ceil(quota / period));
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function cgroupCpus(): number | undefined {
  const v2 = read('/sys/fs/cgroup/cpu.max');
  if (v2 !== undefined) return cpusFromCpuMax(v2);
  const quota = read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us');
  const period = read('/sys/fs/cgroup/cpu/cpu.cfs_period_us');
  return quota !== undefined && period !== undefined ? cpusFromQuota(Number(quota), Number(period)) : undefined;
}

/** Cores this process may run on: the scheduler's count, lowered by a cgroup CPU quota. */
export function availableCores(): number {
  return Math.min(os.availableParallelism(), cgroupCpus() ?? Infinity);
}

/** Bytes of memory this process may use: the machine's RAM, lowered by a cgroup memory limit. */
export function availableMemory(): number {
  // constrainedMemory() is 0 or undefined without a limit, and the largest integer when the limit is "max".
  const limit = process.constrainedMemory?.() || Infinity;
  return Math.min(os.totalmem(), limit);
}
