import { readFile } from 'node:fs/promises';
import type { Env } from '../env.ts';
import { log } from '../log.ts';
import type { MeiliTarget } from './client.ts';
import { EmbeddedMeiliError } from './errors.ts';
import { instanceFilePath, isHealthy, readMasterKey, startEmbedded, type InstanceFile } from './embedded.ts';

export interface MeiliConnection extends MeiliTarget {
  /** How this process reached Meilisearch. */
  mode: 'external' | 'embedded' | 'shared-embedded';
  close(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readInstance(dataDir: string): Promise<InstanceFile | undefined> {
  try {
    return JSON.parse(await readFile(instanceFilePath(dataDir), 'utf8')) as InstanceFile;
  } catch {
    return undefined;
  }
}

async function isMeiliProcess(pid: number): Promise<boolean> {
  const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmd.includes('meilisearch');
}

// An engine whose owner was SIGKILLed keeps the data folder locked: stop it before starting anew.
async function reapOrphan(inst: InstanceFile): Promise<void> {
  if (!alive(inst.meiliPid) || !(await isMeiliProcess(inst.meiliPid))) return;
  log.warn({ pid: inst.meiliPid }, 'stopping an embedded Meilisearch left behind by a dead process');
  process.kill(inst.meiliPid, 'SIGTERM');
  for (let i = 0; i < 200 && alive(inst.meiliPid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(inst.meiliPid)) process.kill(inst.meiliPid, 'SIGKILL');
}

/**
 * Reaches Meilisearch: MEILI_URL if set; otherwise the embedded engine in MEILI_DATA_DIR,
 * reusing one that a running `npm start` owns (indexer only: two engines cannot open one
 * folder), or starting our own.
 */
export async function connectMeili(env: Env, role: 'service' | 'indexer'): Promise<MeiliConnection> {
  if (env.MEILI_URL) {
    // The indexer can work with the scoped admin key; the gateway prefers its own pair (server.ts).
    const key = env.MEILI_MASTER_KEY ?? (role === 'indexer' ? env.MEILI_ADMIN_KEY : undefined) ?? '';
    if (!key && !env.MEILI_ADMIN_KEY) log.warn('MEILI_URL is set without MEILI_MASTER_KEY: requests go unauthenticated');
    return { url: env.MEILI_URL.replace(/\/+$/, ''), key, mode: 'external', close: async () => {} };
  }
  const inst = await readInstance(env.dataDir);
  if (inst && alive(inst.ownerPid) && (await isHealthy(inst.url))) {
    if (role === 'service') {
      throw new EmbeddedMeiliError(
        `The embedded Meilisearch in ${env.dataDir} is already run by process ${inst.ownerPid}. Stop it, or set MEILI_DATA_DIR to another folder.`,
      );
    }
    const key = await readMasterKey(env.dataDir);
    if (key === undefined) throw new EmbeddedMeiliError(`No master.key in ${env.dataDir}`);
    log.info({ url: inst.url, owner: inst.ownerPid }, 'using the embedded Meilisearch of a running service');
    return { url: inst.url, key, mode: 'shared-embedded', close: async () => {} };
  }
  if (inst && !alive(inst.ownerPid)) await reapOrphan(inst);
  const engine = await startEmbedded({
    dataDir: env.dataDir,
    binary: env.MEILISEARCH_BIN,
    maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY,
    maxIndexingThreads: env.MEILI_MAX_INDEXING_THREADS,
  });
  return { url: engine.url, key: engine.key, mode: 'embedded', close: () => engine.stop() };
}
