import type { Meilisearch, Settings } from 'meilisearch';
import indexConfig from '../../config/index-settings.json' with { type: 'json' };
import synonymConfig from '../../config/synonyms.json' with { type: 'json' };
import { log } from '../log.ts';
import { assertSucceeded, meiliCall } from './client.ts';
import { waitForTask } from './tasks.ts';

export const PRIMARY_KEY = indexConfig.primaryKey;

/** Multi-way groups become Meilisearch's one-way map, every member to every other. */
export function synonymsFromGroups(groups: string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) out[term] = [...new Set([...(out[term] ?? []), ...group.filter((t) => t !== term)])];
  }
  return out;
}

/** The settings this project wants on its index: config/index-settings.json + synonyms. */
export function desiredSettings(): Settings {
  return { ...(indexConfig.settings as Settings), synonyms: synonymsFromGroups(synonymConfig.groups) };
}

// Meilisearch answers most list settings sorted (filterableAttributes, typoTolerance's
// disableOnAttributes…); only these lists mean something in their order.
const ORDERED = new Set(['searchableAttributes', 'rankingRules']);

function sameValue(key: string, a: unknown, b: unknown): boolean {
  const ordered = ORDERED.has(key);
  return JSON.stringify(normalizeForCompare(a, ordered)) === JSON.stringify(normalizeForCompare(b, ordered));
}

function normalizeForCompare(v: unknown, ordered: boolean): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => normalizeForCompare(x, ordered));
    return ordered ? items : items.map((x) => JSON.stringify(x)).sort();
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, val]) => [k, normalizeForCompare(val, ordered)]),
    );
  }
  return v;
}

/** Only the settings whose current value differs; unchanged ones would still cost a task. */
export function settingsDiff(current: Settings, desired: Settings): Settings {
  const diff: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(desired)) {
    const have = (current as Record<string, unknown>)[key];
    // Meilisearch returns nested objects in full: compare only the keys we set.
    const haveComparable =
      want && typeof want === 'object' && !Array.isArray(want) && have && typeof have === 'object' && !Array.isArray(have)
        ? Object.fromEntries(Object.keys(want).map((k) => [k, (have as Record<string, unknown>)[k]]))
        : have;
    if (!sameValue(key, key === 'synonyms' ? (have ?? {}) : haveComparable, want)) {
      diff[key] = want;
    }
  }
  return diff as Settings;
}

export function currentSettings(client: Meilisearch, uid: string): Promise<Settings> {
  return meiliCall(() => client.index(uid).getSettings());
}

/**
 * Creates the index if missing and brings its settings to the desired state, waiting for
 * Meilisearch to finish (on a large index a changed setting means a re-index: minutes).
 */
export async function ensureIndex(client: Meilisearch, uid: string, waitMs = 600_000): Promise<void> {
  await meiliCall(async () => {
    const exists = await client.index(uid).getRawInfo().then(() => true, (err: { cause?: { code?: string } }) => {
      if (err?.cause?.code === 'index_not_found') return false;
      throw err;
    });
    if (!exists) {
      assertSucceeded(await waitForTask(client, (await client.createIndex(uid, { primaryKey: PRIMARY_KEY })).taskUid, waitMs));
      log.info({ index: uid }, 'created index');
    }
    const diff = settingsDiff(await client.index(uid).getSettings(), desiredSettings());
    if (Object.keys(diff).length === 0) return;
    log.info({ index: uid, settings: Object.keys(diff) }, 'updating index settings');
    assertSucceeded(await waitForTask(client, (await client.index(uid).updateSettings(diff)).taskUid, waitMs));
  });
}

/** How far pagination reaches: Meilisearch counts and pages at most this many hits per query. */
export const MAX_TOTAL_HITS: number = indexConfig.settings.pagination.maxTotalHits;
