import { EmbeddedMeiliError } from './errors.ts';
import { readInstance } from './instance.ts';
import { tryLockDataDir, type DataLock } from './lock.ts';
import { log } from '../log.ts';
import { alive, isSameProcess } from './proc.ts';

// Who may use a data folder: the one process holding its lock (lock.ts), once the engine of
// an owner that died without stopping it is gone.

async function reap(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

/**
 * The data folder's lock, after reaping the engine of a dead owner (a gateway killed by
 * SIGKILL, before its watchdog stopped the engine). The reaper acts only on the process
 * instance.json names when its PID, /proc start time and binary all still match: never on a
 * process that merely has `meilisearch` in its command line.
 */
export async function ownDataDir(dataDir: string): Promise<DataLock> {
  for (let attempt = 0; ; attempt++) {
    const lock = await tryLockDataDir(dataDir);
    if (lock) return lock;
    const inst = await readInstance(dataDir);
    const owner = typeof inst?.ownerPid === 'number' && alive(inst.ownerPid) ? inst.ownerPid : undefined;
    if (owner === undefined && attempt < 3) {
      const proof = { pid: inst?.meiliPid, startTime: inst?.meiliStartTime, binary: inst?.binary };
      if (await isSameProcess(proof)) {
        log.warn({ pid: inst!.meiliPid }, 'stopping the embedded Meilisearch of a dead owner');
        await reap(inst!.meiliPid!);
      } else {
        // The engine may be exiting on its own (its watchdog saw the owner die): give it a moment.
        await new Promise((r) => setTimeout(r, 1000));
      }
      continue;
    }
    const who =
      owner !== undefined
        ? `: its embedded Meilisearch is already run by process ${owner}${inst?.meiliPid ? ` (engine PID ${inst.meiliPid})` : ''}`
        : ' (not by an engine this project can prove it started: `npm run compact` holds it while it runs)';
    throw new EmbeddedMeiliError(
      `The data folder ${dataDir} is locked by another process${who}; refusing to start a second Meilisearch on the same database. ` +
        'Stop that one first, or set MEILI_DATA_DIR to another folder.',
    );
  }
}

