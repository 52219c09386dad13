import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a running owner leaves in the data folder: the indexer finds its engine there, the reaper its orphan. */
export interface InstanceFile {
  url: string;
  /** The gateway (or indexer) that owns the engine. */
  ownerPid: number;
  meiliPid: number;
  /** /proc start time of meiliPid, and the binary it runs: with the PID, the proof that it is ours. */
  meiliStartTime: string;
  binary: string;
  startedAt: string;
  restarts: number;
}

export const instanceFilePath = (dataDir: string) => path.join(dataDir, 'instance.json');
const keyFilePath = (dataDir: string) => path.join(dataDir, 'master.key');

export async function readInstance(dataDir: string): Promise<Partial<InstanceFile> | undefined> {
  try {
    const v: unknown = JSON.parse(await readFile(instanceFilePath(dataDir), 'utf8'));
    return v && typeof v === 'object' ? (v as Partial<InstanceFile>) : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole and renamed, so a reader never sees half of it. */
export async function writeInstance(dataDir: string, info: InstanceFile): Promise<void> {
  const tmp = `${instanceFilePath(dataDir)}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(info, null, 2), { mode: 0o600 });
  await rename(tmp, instanceFilePath(dataDir));
}

export const removeInstance = (dataDir: string) => rm(instanceFilePath(dataDir), { force: true });

export async function readOrCreateKey(dataDir: string): Promise<string> {
  const file = keyFilePath(dataDir);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const key = randomBytes(32).toString('base64url');
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export async function readMasterKey(dataDir: string): Promise<string | undefined> {
  return readFile(keyFilePath(dataDir), 'utf8').then((k) => k.trim(), () => undefined);
}
