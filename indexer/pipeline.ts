import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { buildDocument } from '../src/documents/build.ts';
import { DocumentError } from '../src/documents/types.ts';
import { dropIndex } from '../src/meili/documents.ts';
import { ensureIndex } from '../src/meili/settings.ts';
import { Checkpoint } from './checkpoint.ts';
import { silentProgress, type Progress } from './progress.ts';
import { RejectsFile } from './rejects.ts';
import { Batcher } from './stages/batch.ts';
import { discover, type InputFile } from './stages/discover.ts';
import { Pusher, withRetry, type Entry } from './stages/push.ts';
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
  /** Folder for the checkpoint of an interrupted run; without it, no checkpoint is kept. */
  stateDir?: string;
  /** Continue an interrupted run from its checkpoint (default true when stateDir is set). */
  resume?: boolean;
  /** NDJSON file for failed documents (with their reasons); none when unset. */
  rejectsFile?: string;
  /** How long to keep retrying while Meilisearch is unreachable. */
  retryForMs?: number;
}

const where = (o: Origin) => (o.line ? `${o.file}:${o.line}` : o.file);

/** Per input file: entries sent but not yet settled, and whether it was read to its end. */
interface FileProgress {
  file: InputFile;
  pending: number;
  read: boolean;
}

/**
 * Reads, analyses and indexes every document of the given paths; never stops at a bad one.
 * Every document ends indexed, or failed with a reason (and in the rejects file); an
 * interrupted run can be resumed from its checkpoint.
 */
export async function runIndexer(opts: IndexOptions): Promise<Summary> {
  const started = Date.now();
  const retryForMs = opts.retryForMs ?? 300_000;
  const { files, problems } = await discover(opts.paths);
  const failures: Failure[] = problems.map((p) => ({ file: p.file, reason: p.reason }));
  const skips: Failure[] = [];
  const rejects = opts.rejectsFile ? new RejectsFile(opts.rejectsFile) : undefined;
  // Every failure of a document or a file goes to the rejects file (not paths that do not exist).
  const fail = async (f: Failure) => {
    failures.push(f);
    await rejects?.write(f);
  };
  if (opts.reset) await withRetry('drop index', retryForMs, () => dropIndex(opts.client, opts.indexUid));
  await withRetry('prepare index', retryForMs, () => ensureIndex(opts.client, opts.indexUid));
  const checkpoint = opts.stateDir ? await Checkpoint.open(opts.stateDir, opts.indexUid, !opts.reset && opts.resume !== false) : undefined;
  const earlier = checkpoint?.earlier ?? { failed: 0, rejectsFiles: [] };

  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const progress = opts.progress?.(totalBytes) ?? silentProgress;
  let bytesDone = 0;
  let read = 0;
  const resumed = { files: 0, lines: 0 };
  const tracked = new Map<string, FileProgress>();
  const finishIfDone = (fp: FileProgress) => {
    if (fp.read && fp.pending === 0) checkpoint?.handled(fp.file, Number.MAX_SAFE_INTEGER, true);
  };
  const pusher = new Pusher(opts.client, opts.indexUid, {
    retryForMs,
    // Batches settle in input order, so everything before a settled entry is handled too.
    onSettled: async (entries, pushFailures) => {
      for (const f of pushFailures) await fail(f);
      for (const e of entries) {
        const fp = tracked.get(e.origin.file)!;
        fp.pending--;
        checkpoint?.handled(fp.file, e.origin.line ?? 1);
        finishIfDone(fp);
      }
      checkpoint?.failures(earlier.failed + failures.length, rejects?.count ? path.resolve(rejects.file) : undefined);
      await checkpoint?.save();
      report();
    },
  });
  const report = () => progress.update(bytesDone, { read, indexed: pusher.indexed, failed: failures.length });
  // JSON size, roughly: the text, its stems and exact forms, and UTF-8's two bytes for Turkish letters.
  const batcher = new Batcher<Entry>(opts.batchSize ?? 1000, opts.batchBytes ?? 16_000_000, (e) => (e.doc.title.length + e.doc.body.length) * 4 + 1024);
  // First place each id was seen: a later duplicate in the same run is skipped, not silently merged.
  const seen = new Map<string, string>();

  try {
    for (const file of files) {
      if (checkpoint?.isDone(file)) {
        resumed.files++;
        bytesDone += file.size;
        continue;
      }
      const after = checkpoint?.handledUpTo(file) ?? 0;
      resumed.lines += after;
      const fp: FileProgress = { file, pending: 0, read: false };
      tracked.set(file.path, fp);
      let broken = false;
      for await (const item of readFile(file, (n) => (bytesDone += n), after)) {
        if ('error' in item) {
          // A file that cannot be read on is not done: a resumed run tries the rest again.
          broken ||= item.fatal === true;
          if (!item.fatal) read++; // a line that does not parse is a document read and failed
          await fail({ ...item.origin, reason: item.error, raw: item.raw });
          continue;
        }
        read++;
        let entry: Entry;
        try {
          entry = { doc: buildDocument(item.record, { lang: opts.lang }), origin: item.origin, record: item.record };
        } catch (err) {
          if (!(err instanceof DocumentError)) throw err;
          const id = (item.record as { id?: unknown } | null)?.id;
          await fail({ ...item.origin, id: typeof id === 'string' ? id : undefined, reason: err.message, record: item.record });
          continue;
        }
        const first = seen.get(entry.doc.pk);
        if (first !== undefined) {
          skips.push({ ...item.origin, id: entry.doc.id, reason: `duplicate id "${entry.doc.id}" (first at ${first})` });
          continue;
        }
        seen.set(entry.doc.pk, where(item.origin));
        fp.pending++;
        const full = batcher.add(entry);
        if (full) await pusher.push(full);
        if (read % 500 === 0) report();
      }
      fp.read = !broken;
      finishIfDone(fp);
    }
    await pusher.push(batcher.take());
    await pusher.flush();
    // Every document is now indexed or recorded as failed: nothing is left to resume.
    await checkpoint?.clear();
  } finally {
    report();
    progress.stop();
    await rejects?.close();
  }

  return {
    files: files.length,
    read,
    indexed: pusher.indexed,
    skipped: skips.length,
    failed: failures.length,
    failures,
    skips,
    durationMs: Date.now() - started,
    ...(resumed.files || resumed.lines ? { resumed: { ...resumed, ...earlier } } : {}),
    ...(rejects?.count ? { rejectsFile: path.resolve(rejects.file) } : {}),
  };
}

export function formatSummary(s: Summary, maxListed = 50): string {
  const lines = [
    `files ${s.files}, documents read ${s.read}, indexed ${s.indexed}, skipped ${s.skipped}, failed ${s.failed} in ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  if (s.resumed) {
    lines.push(`resumed an interrupted run: ${s.resumed.files} file(s) and ${s.resumed.lines} line(s) were already done`);
    if (s.resumed.failed) lines.push(`the interrupted run(s) failed ${s.resumed.failed} document(s), written to ${s.resumed.rejectsFiles.join(', ')}`);
  }
  const list = (title: string, items: Failure[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`);
    for (const f of items.slice(0, maxListed)) lines.push(`  ${where(f)}${f.id ? ` [${f.id}]` : ''}: ${f.reason}`);
    if (items.length > maxListed) lines.push(`  … and ${items.length - maxListed} more (use --json for all)`);
  };
  list('failed', s.failures);
  list('skipped', s.skips);
  if (s.rejectsFile) lines.push(`failed documents written to ${s.rejectsFile} (fix them and index that file again)`);
  return lines.join('\n');
}
