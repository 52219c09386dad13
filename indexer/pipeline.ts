import type { Meilisearch } from 'meilisearch';
import { buildDocument } from '../src/documents/build.ts';
import { DocumentError } from '../src/documents/types.ts';
import { dropIndex } from '../src/meili/documents.ts';
import { ensureIndex } from '../src/meili/settings.ts';
import { silentProgress, type Progress } from './progress.ts';
import { Batcher } from './stages/batch.ts';
import { discover } from './stages/discover.ts';
import { Pusher, type Entry } from './stages/push.ts';
import { readFile } from './stages/read.ts';
import type { Failure, Origin, Summary } from './types.ts';

export interface IndexOptions {
  paths: string[];
  client: Meilisearch;
  indexUid: string;
  /** Drop the index first. */
  reset?: boolean;
  /** Language for documents that give none (skips detection). */
  lang?: string;
  batchSize?: number;
  /** Cap on a batch's JSON size; Meilisearch refuses payloads over 100 MB by default. */
  batchBytes?: number;
  progress?: (totalBytes: number) => Progress;
}

const where = (o: Origin) => (o.line ? `${o.file}:${o.line}` : o.file);

/** Reads, analyses and indexes every document of the given paths; never stops at a bad one. */
export async function runIndexer(opts: IndexOptions): Promise<Summary> {
  const started = Date.now();
  const { files, problems } = await discover(opts.paths);
  const failures: Failure[] = problems.map((p) => ({ file: p.file, reason: p.reason }));
  const skips: Failure[] = [];
  if (opts.reset) await dropIndex(opts.client, opts.indexUid);
  await ensureIndex(opts.client, opts.indexUid);

  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const progress = opts.progress?.(totalBytes) ?? silentProgress;
  let bytesDone = 0;
  let read = 0;
  const pusher = new Pusher(opts.client, opts.indexUid, 4, () => report());
  const report = () =>
    progress.update(bytesDone, { read, indexed: pusher.result.indexed, failed: failures.length + pusher.result.failures.length });
  const batcher = new Batcher<Entry>(opts.batchSize ?? 1000, opts.batchBytes ?? 16_000_000, (e) => e.doc.body.length * 2 + 512);
  // First place each id was seen: a later duplicate in the same run is skipped, not silently merged.
  const seen = new Map<string, string>();

  try {
    for (const file of files) {
      for await (const item of readFile(file, (n) => (bytesDone += n))) {
        read++; // a line that does not parse is a document read and failed
        if ('error' in item) {
          failures.push({ ...item.origin, reason: item.error });
          continue;
        }
        let entry: Entry;
        try {
          entry = { doc: buildDocument(item.record, { lang: opts.lang }), origin: item.origin };
        } catch (err) {
          if (!(err instanceof DocumentError)) throw err;
          const id = (item.record as { id?: unknown } | null)?.id;
          failures.push({ ...item.origin, id: typeof id === 'string' ? id : undefined, reason: err.message });
          continue;
        }
        const first = seen.get(entry.doc.pk);
        if (first !== undefined) {
          skips.push({ ...item.origin, id: entry.doc.id, reason: `duplicate id "${entry.doc.id}" (first at ${first})` });
          continue;
        }
        seen.set(entry.doc.pk, where(item.origin));
        const full = batcher.add(entry);
        if (full) await pusher.push(full);
        if (read % 500 === 0) report();
      }
    }
    await pusher.push(batcher.take());
    await pusher.flush();
  } finally {
    report();
    progress.stop();
  }

  const allFailures = [...failures, ...pusher.result.failures];
  return {
    files: files.length,
    read,
    indexed: pusher.result.indexed,
    skipped: skips.length,
    failed: allFailures.length,
    failures: allFailures,
    skips,
    durationMs: Date.now() - started,
  };
}

export function formatSummary(s: Summary, maxListed = 50): string {
  const lines = [
    `files ${s.files}, documents read ${s.read}, indexed ${s.indexed}, skipped ${s.skipped}, failed ${s.failed} in ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  const list = (title: string, items: Failure[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`);
    for (const f of items.slice(0, maxListed)) lines.push(`  ${where(f)}${f.id ? ` [${f.id}]` : ''}: ${f.reason}`);
    if (items.length > maxListed) lines.push(`  … and ${items.length - maxListed} more (use --json for all)`);
  };
  list('failed', s.failures);
  list('skipped', s.skips);
  return lines.join('\n');
}
