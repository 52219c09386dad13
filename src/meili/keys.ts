import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import { log } from '../log.ts';
import { meiliCall } from './client.ts';
import { MeiliRejectedError } from './errors.ts';

// The master key stays at start-up: the gateway talks to Meilisearch with the narrowest keys
// that do the job, scoped to its one index, so a leaked search key can only search.

export interface ScopedKeys {
  /** Search, multi-search and facet search on the index: the public read routes. */
  search: string;
  /** Documents, settings, tasks, stats and version: start-up, the document API, /ready, /meili reads. */
  admin: string;
}

export const KEY_ACTIONS: Record<keyof ScopedKeys, string[]> = {
  search: ['search'],
  admin: [
    'search',
    'documents.add',
    'documents.get',
    'documents.delete',
    'indexes.create',
    'indexes.get',
    'settings.get',
    'settings.update',
    'tasks.get',
    'stats.get',
    'version',
  ],
};

const KEY_NAME = 'turkce-search gateway';

/** A stable UUID for a key of this index and role: restarts find the key they made before. */
export function keyUid(indexUid: string, role: keyof ScopedKeys): string {
  const h = createHash('sha256').update(`${indexUid}\u0000${role}\u0000${KEY_ACTIONS[role].join(',')}`).digest('hex');
  // Shaped as a version-4 UUID, which is what Meilisearch accepts as a key uid.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function ensureKey(master: Meilisearch, indexUid: string, role: keyof ScopedKeys): Promise<string> {
  const uid = keyUid(indexUid, role);
  try {
    return (await meiliCall(() => master.getKey(uid))).key;
  } catch (err) {
    if (!(err instanceof MeiliRejectedError && err.code === 'api_key_not_found')) throw err;
  }
  const created = await meiliCall(() =>
    master.createKey({
      uid,
      name: `${KEY_NAME} ${role} (${indexUid})`,
      description: `Created by the gateway for its ${role} calls on index ${indexUid}.`,
      actions: KEY_ACTIONS[role],
      indexes: [indexUid],
      expiresAt: null,
    }),
  );
  log.info({ role, index: indexUid, uid }, 'created a scoped Meilisearch key');
  return created.key;
}

/** The gateway's two keys for the index, made from the master key when missing. */
export async function ensureScopedKeys(master: Meilisearch, indexUid: string): Promise<ScopedKeys> {
  return { search: await ensureKey(master, indexUid, 'search'), admin: await ensureKey(master, indexUid, 'admin') };
}
