import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { alive } from '../../src/engine/proc.ts';
import type { Entry } from './push.ts';

/** Where one batch's entries lie in the spool: a file of its own. */
export interface SpoolRef {
  file: string;
  length: number;
}

const PREFIX = 'spool-';

/**
 * The entries of the batches Meilisearch has accepted and not yet indexed, on disk: the indexer
 * keeps every batch until its task is done (to send it again if the task is lost, to find the bad
 * document of a failed one, to write rejects), and holding them in memory bounded how many tasks
 * could wait in Meilisearch's queue. Meilisearch indexes the waiting tasks as one batch, and
 * each batch costs it a fixed share (prefix post-processing, commit): 24 batches for the corpus
 * with four tasks in flight, 8 with the queue left to fill (bench:index). One file per batch
 * (a few MB each; the pipeline bounds their count and bytes), deleted once the batch has
 * settled; the folder goes at close, and a folder left by a killed run is removed by the next.
 */
export class Spool {
  private written = 0;
  /** Bytes of the batches written and not yet released. */
  bytes = 0;

  private constructor(readonly dir: string) {}

  static async open(parent: string): Promise<Spool> {
    await mkdir(parent, { recursive: true });
    await removeAbandoned(parent);
    return new Spool(await mkdtemp(path.join(parent, `${PREFIX}${process.pid}-`)));
  }

  async write(entries: readonly Entry[]): Promise<SpoolRef> {
    const buf = Buffer.from(JSON.stringify(entries));
    const ref = { file: path.join(this.dir, `${this.written++}.json`), length: buf.length };
    await writeFile(ref.file, buf);
    this.bytes += ref.length;
    return ref;
  }

  async read(ref: SpoolRef): Promise<Entry[]> {
    return JSON.parse(await readFile(ref.file, 'utf8')) as Entry[];
  }

  /** The batch has settled: its file is no longer needed. */
  async release(ref: SpoolRef): Promise<void> {
    this.bytes -= ref.length;
    await rm(ref.file, { force: true });
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Spool folders of indexer processes that no longer run (killed before they could clean up). */
async function removeAbandoned(parent: string): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^spool-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}
