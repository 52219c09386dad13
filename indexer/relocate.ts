import { readFile } from 'node:fs/promises';
import type { Meilisearch } from 'meilisearch';
import { createClient } from '../src/meili/client.ts';
import { instanceFilePath, readMasterKey, type InstanceFile } from '../src/engine/instance.ts';
import { isHealthy } from '../src/engine/launch.ts';
import type { Relocate } from './connection.ts';

/**
 * Follows the embedded engine of a running `npm start` when it is restarted on another port:
 * its owner rewrites `instance.json` in the data folder, which is read again before a retry.
 * Only a healthy engine at a new address is taken; otherwise the retries go on where they were.
 */
export function relocator(dataDir: string, initialUrl: string, timeoutMs = 60_000): Relocate {
  let url = initialUrl;
  return async (): Promise<Meilisearch | undefined> => {
    const inst = await readFile(instanceFilePath(dataDir), 'utf8').then((s) => JSON.parse(s) as Partial<InstanceFile>, () => undefined);
    if (typeof inst?.url !== 'string' || inst.url === url || !(await isHealthy(inst.url))) return undefined;
    const key = await readMasterKey(dataDir);
    if (key === undefined) return undefined;
    url = inst.url;
    return createClient({ url, key }, timeoutMs);
  };
}
