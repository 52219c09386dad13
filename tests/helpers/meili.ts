import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type MeiliTarget } from '../../src/meili/client.ts';
import { dropIndex } from '../../src/meili/documents.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared');
export const SEEDS_NDJSON = path.join(SHARED, 'seeds', 'seeds.ndjson');

/** The Meilisearch that tests/run.ts started (or MEILI_URL): integration tests need a real one. */
export function testTarget(): MeiliTarget {
  const url = process.env.MEILI_URL;
  if (!url) throw new Error('integration tests need MEILI_URL; run them with `npm test`');
  return { url, key: process.env.MEILI_MASTER_KEY ?? '' };
}

/** A fresh index name per test file, so files run in parallel on one engine. */
export function uniqueIndex(name: string): string {
  return `test_${name}_${randomBytes(4).toString('hex')}`;
}

export async function cleanup(uid: string): Promise<void> {
  await dropIndex(createClient(testTarget(), 30_000), uid);
}
