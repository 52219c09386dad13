import { mkdir, mkdtemp, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Entry } from './push.ts';

interface Segment {
  path: string;
  handle: FileHandle;
  /** Bytes written (the next batch's offset). */
  size: number;
  /** Batches written here and not yet released. */
  live: number;
}

/** Where one batch's entries lie in the spool. */
export interface SpoolRef {
  segment: Segment;
  offset: number;
  length: number;
}

const PREFIX = 'spool-';

/** Whether a process with this id still runs (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The entries of the batches Meilisearch has accepted and not yet indexed, on disk: the indexer
 * keeps every batch until its task is done (to send it again if the task is lost, to find the bad
 * document of a failed one, to write rejects), and holding them in memory bounded how many tasks
 * could wait in Meilisearch's queue. Meilisearch indexes the waiting tasks as one batch, and
 * each batch costs it a fixed share (prefix post-processing, commit): 24 batches for the corpus
 * with four tasks in flight, 8 with the queue left to fill (bench:index). Append-only segment
 * files, each deleted once every batch in it has settled; the folder goes at close, and a
 * folder left by a killed run is removed by the next one.
 */
export class Spool {
  private current?: Segment;
  private segments = 0;
  /** Bytes of the batches written and not yet released. */
  bytes = 0;

  private constructor(
    readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  static async open(parent: string, segmentBytes = 64 * 1024 * 1024): Promise<Spool> {
    await mkdir(parent, { recursive: true });
    await removeAbandoned(parent);
    const dir = await mkdtemp(path.join(parent, `${PREFIX}${process.pid}-`));
    return new Spool(dir, segmentBytes);
  }

  async write(entries: readonly Entry[]): Promise<SpoolRef> {
    const buf = Buffer.from(JSON.stringify(entries));
    if (!this.current || this.current.size >= this.segmentBytes) await this.rotate();
    const segment = this.current!;
    const ref = { segment, offset: segment.size, length: buf.length };
    segment.size += buf.length;
    segment.live++;
    this.bytes += buf.length;
    await segment.handle.write(buf, 0, buf.length, ref.offset);
    return ref;
  }

  async read(ref: SpoolRef): Promise<Entry[]> {
    const buf = Buffer.alloc(ref.length);
    await ref.segment.handle.read(buf, 0, ref.length, ref.offset);
    return JSON.parse(buf.toString('utf8')) as Entry[];
  }

  /** The batch has settled: its bytes are no longer needed. */
  async release(ref: SpoolRef): Promise<void> {
    const segment = ref.segment;
    segment.live--;
    this.bytes -= ref.length;
    if (segment.live === 0 && segment !== this.current) await this.drop(segment);
  }

  async close(): Promise<void> {
    if (this.current) await this.current.handle.close().catch(() => undefined);
    this.current = undefined;
    await rm(this.dir, { recursive: true, force: true });
  }

  private async rotate(): Promise<void> {
    const previous = this.current;
    const file = path.join(this.dir, `${this.segments++}.json`);
    this.current = { path: file, handle: await open(file, 'w+'), size: 0, live: 0 };
    if (previous && previous.live === 0) await this.drop(previous);
  }

  private async drop(segment: Segment): Promise<void> {
    await segment.handle.close();
    await rm(segment.path, { force: true });
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
