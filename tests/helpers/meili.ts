import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type MeiliTarget } from '../../src/meili/client.ts';
import { dropIndex } from '../../src/meili/documents.ts';
import { runIndexer } from '../../indexer/pipeline.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared');
export const SEEDS_NDJSON = path.join(SHARED, 'seeds', 'seeds.ndjson');

/**
 * The gateway's deadline for a Meilisearch call in tests that need answers. The default
 * (MEILI_TIMEOUT_MS, 1500 ms) turns a CPU-starved machine into 503s, which is right in
 * production and wrong for a test about what the answer says; tests of the 503 path set
 * their own, short deadline.
 */
export const ANSWER_TIMEOUT_MS = 60_000;

/** The same, for a gateway started as a process (`src/server.ts`). */
export const ANSWER_ENV = { MEILI_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS) } as const;

/**
 * Polls `check` until it returns something truthy. The deadline only bounds a test that would
 * otherwise hang: it is minutes, not a measure of speed.
 */
export async function waitUntil<T>(what: string, check: () => Promise<T> | T, timeoutMs = 180_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

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

/**
 * Indexes documents a test built in memory, through the indexer as users run it (an NDJSON
 * file, analysis, batches), into `index` on the test engine; every document must be indexed.
 */
export async function indexDocs(index: string, docs: readonly object[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${index}-`));
  try {
    const file = path.join(dir, 'docs.ndjson');
    await writeFile(file, docs.map((d) => JSON.stringify(d)).join('\n'));
    const summary = await runIndexer({ paths: [file], client: createClient(testTarget(), 60_000), indexUid: index });
    assert.equal(summary.failed, 0, JSON.stringify(summary.failures.slice(0, 3)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
