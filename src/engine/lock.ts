import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedMeiliError } from './errors.ts';

// Exclusive ownership of a data folder: an flock(2) on `<dataDir>/lock`. The kernel holds it
// for as long as one process keeps the open file description (a stopped process still holds
// it) and drops it when the last one dies: nothing stale to clean up, unlike a PID file or
// an mtime-based lock (proper-lockfile would hand the folder to a second owner while the
// first is merely SIGSTOPped). Node has no flock(); util-linux's `flock` takes it on a
// descriptor we pass in, and the lock then belongs to that description, which we keep open
// and hand to the engine too, so the folder stays locked while either lives.

export const lockFilePath = (dataDir: string) => path.join(dataDir, 'lock');

export interface DataLock {
  /** The locked descriptor, to pass on to the engine (stdio slot 3). */
  fd: number;
  release(): void;
}

const CONFLICT = 75;

function runFlock(fd: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('flock', ['--nonblock', '--exclusive', '--conflict-exit-code', String(CONFLICT), '3'], { stdio: ['ignore', 'ignore', 'pipe', fd] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) =>
      reject(new EmbeddedMeiliError(`Cannot lock the data folder: the \`flock\` command (util-linux) is needed (${err.message}).`)),
    );
    child.on('exit', (code) => (code === 0 || code === CONFLICT ? resolve(code) : reject(new EmbeddedMeiliError(`flock failed (${code}): ${stderr.trim()}`))));
  });
}

/** Takes the data folder's lock, or answers undefined when another process holds it. */
export async function tryLockDataDir(dataDir: string): Promise<DataLock | undefined> {
  const fd = openSync(lockFilePath(dataDir), 'a', 0o600);
  let code: number;
  try {
    code = await runFlock(fd);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  if (code !== 0) {
    closeSync(fd);
    return undefined;
  }
  let open = true;
  return {
    fd,
    release() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
