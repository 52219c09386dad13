import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Meilisearch } from 'meilisearch';
import { runIndexer } from '../../indexer/pipeline.ts';
import { assertSucceeded } from '../../src/meili/client.ts';
import { countDocuments, dropIndex } from '../../src/meili/documents.ts';
import { waitForTask } from '../../src/meili/tasks.ts';
import type { CorpusDoc } from './corpus.ts';
import { CONFIG_FILE } from '../../src/analysis/config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A digest of everything that shapes the project's index: analysis code, document building, config. */
export async function analysisDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['src/analysis', 'src/documents', 'config']) {
    // Query-side code does not change what is indexed.
    const files = (await readdir(path.join(ROOT, dir), { recursive: true }))
      .filter((f) => /\.(ts|json|ndjson)$/.test(f) && !/(query|detect-lang|lang-dict|filler)\.(ts|json)$/.test(f))
      .sort();
    for (const f of files) hash.update(f).update(await readFile(path.join(ROOT, dir, f)));
  }
  if (CONFIG_FILE) hash.update(await readFile(CONFIG_FILE));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Raw Meilisearch: documents as given, default settings — what a user gets without this
 * project — except `lang` filterable, so bench:http can ask it for the same facet (filterable
 * attributes do not change ranking).
 */
export async function buildRawIndex(client: Meilisearch, uid: string, docs: CorpusDoc[], force: boolean): Promise<'reused' | 'built'> {
  if (!force && (await countDocuments(client, uid).catch(() => -1)) === docs.length) {
    if (!((await client.index(uid).getFilterableAttributes()) ?? []).includes('lang')) {
      assertSucceeded(await client.index(uid).updateFilterableAttributes(['lang']).waitTask({ timeout: 600_000 }));
    }
    return 'reused';
  }
  await dropIndex(client, uid);
  assertSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 600_000 }));
  assertSucceeded(await client.index(uid).updateFilterableAttributes(['lang']).waitTask({ timeout: 600_000 }));
  const tasks = [];
  for (let i = 0; i < docs.length; i += 5000) tasks.push(await client.index(uid).addDocuments(docs.slice(i, i + 5000)));
  for (const t of tasks) assertSucceeded(await waitForTask(client, t.taskUid, 900_000, 200));
  return 'built';
}

/** The project's index, built by the indexer; reused while the analysis digest is unchanged. */
export async function buildProjectIndex(
  client: Meilisearch,
  uid: string,
  paths: string[],
  expected: number,
  markerDir: string,
  force: boolean,
): Promise<'reused' | 'built'> {
  const digest = await analysisDigest();
  const marker = path.join(markerDir, `${uid}.digest`);
  const previous = await readFile(marker, 'utf8').catch(() => '');
  if (!force && previous === digest && (await countDocuments(client, uid).catch(() => -1)) === expected) return 'reused';
  const summary = await runIndexer({ paths, client, indexUid: uid, reset: true });
  if (summary.failed > 0) throw new Error(`indexer failed on ${summary.failed} documents: ${summary.failures[0]?.reason}`);
  await writeFile(marker, digest);
  return 'built';
}
