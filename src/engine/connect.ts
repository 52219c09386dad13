import type { Env } from '../env.ts';
import { log } from '../log.ts';
import type { MeiliTarget } from '../meili/client.ts';
import { startEmbedded, type EmbeddedMeili } from './embedded.ts';
import { EmbeddedMeiliError } from './errors.ts';
import { readInstance, readMasterKey } from './instance.ts';
import { tryLockDataDir } from './lock.ts';
import { alive } from './proc.ts';

export interface MeiliConnection extends MeiliTarget {
  /** How this process reached Meilisearch. */
  mode: 'external' | 'embedded' | 'shared-embedded';
  /** The engine this process runs (mode `embedded`). */
  engine?: EmbeddedMeili;
  close(): Promise<void>;
}

/**
 * Reaches Meilisearch: MEILI_URL if set; otherwise the embedded engine in MEILI_DATA_DIR,
 * reusing one that a running `npm start` owns (indexer only: two engines cannot open one
 * folder), or starting our own, supervised.
 */
export async function connectMeili(env: Env, role: 'service' | 'indexer'): Promise<MeiliConnection> {
  if (env.MEILI_URL) {
    // The indexer can work with the scoped admin key; the gateway prefers its own pair (server.ts).
    const key = env.MEILI_MASTER_KEY ?? (role === 'indexer' ? env.MEILI_ADMIN_KEY : undefined) ?? '';
    if (!key && !env.MEILI_ADMIN_KEY) log.warn('MEILI_URL is set without MEILI_MASTER_KEY: requests go unauthenticated');
    return { url: env.MEILI_URL.replace(/\/+$/, ''), key, mode: 'external', close: async () => {} };
  }
  const inst = await readInstance(env.dataDir);
  if (role === 'indexer' && inst?.url && typeof inst.ownerPid === 'number' && alive(inst.ownerPid)) {
    // Probe the lock: free means the instance file is stale (its owner's PID was reused).
    const lock = await tryLockDataDir(env.dataDir).catch(() => undefined);
    lock?.release();
    if (!lock) {
      const key = await readMasterKey(env.dataDir);
      if (key === undefined) throw new EmbeddedMeiliError(`No master.key in ${env.dataDir}`);
      log.info({ url: inst.url, owner: inst.ownerPid }, 'using the embedded Meilisearch of a running service');
      return { url: inst.url, key, mode: 'shared-embedded', close: async () => {} };
    }
  }
  const engine = await startEmbedded({
    dataDir: env.dataDir,
    binary: env.MEILISEARCH_BIN,
    maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY,
    maxIndexingThreads: env.MEILI_MAX_INDEXING_THREADS,
    supervise: true,
  });
  return {
    get url() {
      return engine.url;
    },
    key: engine.key,
    mode: 'embedded',
    engine,
    close: () => engine.stop(),
  };
}
