import { readFile, readlink } from 'node:fs/promises';

// What /proc tells about a process, to prove that a PID is still the process we started:
// PIDs are reused, and a command line proves nothing (any process may be named `meilisearch`).

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Clock ticks after boot at which the process started (field 22 of /proc/<pid>/stat); undefined when gone. */
export async function startTime(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/** The executable the process runs; undefined when gone or not ours to read. */
export async function executable(pid: number): Promise<string | undefined> {
  return readlink(`/proc/${pid}/exe`).catch(() => undefined);
}

export interface ProcessIdentity {
  pid: number;
  /** startTime() when it was launched. */
  startTime: string;
  /** Absolute real path of its binary. */
  binary: string;
}

export async function identify(pid: number, binary: string): Promise<ProcessIdentity | undefined> {
  const start = await startTime(pid);
  return start === undefined ? undefined : { pid, startTime: start, binary };
}

/** True only if `pid` is still the very process recorded: same PID, same start time, same binary. */
export async function isSameProcess(id: Partial<ProcessIdentity>): Promise<boolean> {
  if (typeof id.pid !== 'number' || !id.startTime || !id.binary) return false;
  const [start, exe] = await Promise.all([startTime(id.pid), executable(id.pid)]);
  return start === id.startTime && exe === id.binary;
}
