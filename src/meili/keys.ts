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

/**
 * A stable UUID derived from `seed`: a restart finds the key it made before. Shaped as a
 * version-4 UUID, which is what Meilisearch accepts as a key uid.
 */
export function stableKeyUid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The uid of the gateway's key of this index and role. */
export function keyUid(indexUid: string, role: keyof ScopedKeys): string {
  return stableKeyUid(`${indexUid}\u0000${role}\u0000${KEY_ACTIONS[role].join(',')}`);
}

export interface KeySpec {
  uid: string;
  name: string;
  description: string;
  actions: string[];
  indexes: string[];
}

/**
 * The key with `spec.uid`, created (never expiring) when Meilisearch does not have it; returns
 * the key's secret. Both the gateway's scoped keys and cluster mode's network keys are made so.
 */
export async function ensureKey(client: Meilisearch, spec: KeySpec): Promise<{ key: string; created: boolean }> {
  try {
    return { key: (await meiliCall(() => client.getKey(spec.uid))).key, created: false };
  } catch (err) {
    if (!(err instanceof MeiliRejectedError && err.code === 'api_key_not_found')) throw err;
  }
  const created = await meiliCall(() => client.createKey({ ...spec, expiresAt: null }));
  return { key: created.key, created: true };
}

async function ensureScopedKey(master: Meilisearch, indexUid: string, role: keyof ScopedKeys): Promise<string> {
  const uid = keyUid(indexUid, role);
  const { key, created } = await ensureKey(master, {
    uid,
    name: `${KEY_NAME} ${role} (${indexUid})`,
    description: `Created by the gateway for its ${role} calls on index ${indexUid}.`,
    actions: KEY_ACTIONS[role],
    indexes: [indexUid],
  });
  if (created) log.info({ role, index: indexUid, uid }, 'created a scoped Meilisearch key');
  return key;
}

/** The gateway's two keys for the index, made from the master key when missing. */
export async function ensureScopedKeys(master: Meilisearch, indexUid: string): Promise<ScopedKeys> {
  return { search: await ensureScopedKey(master, indexUid, 'search'), admin: await ensureScopedKey(master, indexUid, 'admin') };
}
