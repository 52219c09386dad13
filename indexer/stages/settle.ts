import path from 'node:path';
import type { Checkpoint } from '../checkpoint.ts';
import type { RejectsFile } from '../rejects.ts';
import type { Failure } from '../types.ts';
import type { InputFile } from './discover.ts';
import type { SettledEntry } from './push.ts';

/** Per input file: entries sent but not yet settled, and whether it was read to its end. */
interface FileProgress {
  file: InputFile;
  pending: number;
  read: boolean;
}

/**
 * The run's books: what was read, failed, skipped; the rejects file; and the checkpoint,
 * moved on only once everything up to a line is indexed or written to the rejects file.
 */
export class Ledger {
  read = 0;
  /** Records read that could not be indexed. */
  readonly failures: Failure[] = [];
  /** Files, or tails of files, that could not be read: no record is counted for them. */
  readonly unreadable: Failure[] = [];
  readonly skips: Failure[] = [];
  private tracked = new Map<string, FileProgress>();

  constructor(
    private checkpoint: Checkpoint | undefined,
    private rejects: RejectsFile | undefined,
    private earlierFailed: number,
  ) {}

  async fail(f: Failure): Promise<void> {
    this.failures.push(f);
    await this.rejects?.write(f);
  }

  async failFile(f: Failure): Promise<void> {
    this.unreadable.push(f);
    await this.rejects?.write(f);
  }

  skip(f: Failure): void {
    this.skips.push(f);
  }

  startFile(file: InputFile): void {
    this.tracked.set(file.path, { file, pending: 0, read: false });
  }

  sent(file: InputFile): void {
    this.tracked.get(file.path)!.pending++;
  }

  /** The file was read to its end (`complete`), or broke off (a resumed run reads it again). */
  endFile(file: InputFile, complete: boolean): void {
    const fp = this.tracked.get(file.path)!;
    fp.read = complete;
    this.finishIfDone(fp);
  }

  private finishIfDone(fp: FileProgress): void {
    if (fp.read && fp.pending === 0) this.checkpoint?.handled(fp.file, Number.MAX_SAFE_INTEGER, true);
  }

  /** Batches settle in input order, so everything before a settled entry is handled too. */
  async settled(entries: SettledEntry[], pushFailures: Failure[]): Promise<void> {
    for (const f of pushFailures) await this.fail(f);
    for (const e of entries) {
      const fp = this.tracked.get(e.origin.file)!;
      fp.pending--;
      this.checkpoint?.handled(fp.file, e.origin.line ?? 1);
      this.finishIfDone(fp);
    }
    this.checkpoint?.failures(this.earlierFailed + this.failures.length + this.unreadable.length, this.rejects?.count ? path.resolve(this.rejects.file) : undefined);
    await this.checkpoint?.save();
  }
}
