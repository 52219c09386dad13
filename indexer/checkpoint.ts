import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputFile } from './stages/discover.ts';

// An interrupted run (Ctrl-C, SIGKILL, Meilisearch gone for too long) leaves a checkpoint:
// per input file, how far every document was handled (indexed, or rejected and written to
// the rejects file). The next run on the same index resumes from there; a run that ends
// deletes it, so a plain re-run re-indexes everything (ids make that idempotent).

interface FileState {
  size: number;
  mtimeMs: number;
  /** Every record up to this line (NDJSON) or element (JSON array) was handled. */
  line: number;
  done: boolean;
}

interface State {
  version: 1;
  index: string;
  files: Record<string, FileState>;
  /** Documents the interrupted runs could not index, and the rejects files that hold them. */
  failed: number;
  rejectsFiles: string[];
}

export class Checkpoint {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private state: State,
  ) {}

  static path(dir: string, index: string): string {
    return path.join(dir, `checkpoint-${index}.json`);
  }

  /** The checkpoint of an interrupted run on `index`, or a fresh one. */
  static async open(dir: string, index: string, resume: boolean): Promise<Checkpoint> {
    const file = Checkpoint.path(dir, index);
    let state: State = { version: 1, index, files: {}, failed: 0, rejectsFiles: [] };
    if (resume) {
      const saved = await readFile(file, 'utf8').then((s) => JSON.parse(s) as State, () => undefined);
      if (saved?.version === 1 && saved.index === index) state = { ...state, ...saved };
    }
    await mkdir(dir, { recursive: true });
    return new Checkpoint(file, state);
  }

  private entry(f: InputFile): FileState | undefined {
    const s = this.state.files[path.resolve(f.path)];
    // A file changed since the checkpoint is read again from the start.
    return s && s.size === f.size && s.mtimeMs === f.mtimeMs ? s : undefined;
  }

  isDone(f: InputFile): boolean {
    return this.entry(f)?.done ?? false;
  }

  /** Records up to this line were handled by an earlier run. */
  handledUpTo(f: InputFile): number {
    return this.entry(f)?.line ?? 0;
  }

  handled(f: InputFile, line: number, done = false): void {
    const key = path.resolve(f.path);
    const prev = this.entry(f);
    this.state.files[key] = { size: f.size, mtimeMs: f.mtimeMs, line: Math.max(prev?.line ?? 0, line), done: done || (prev?.done ?? false) };
  }

  /** What the interrupted runs before this one failed to index. */
  get earlier(): { failed: number; rejectsFiles: string[] } {
    return { failed: this.state.failed, rejectsFiles: [...this.state.rejectsFiles] };
  }

  /** Counts this run's failures too, so a run resumed after them still reports them. */
  failures(failed: number, rejectsFile: string | undefined): void {
    this.state.failed = failed;
    if (rejectsFile && !this.state.rejectsFiles.includes(rejectsFile)) this.state.rejectsFiles.push(rejectsFile);
  }

  /** Writes atomically (temp file + rename): a kill mid-write leaves the previous state. */
  save(): Promise<void> {
    const body = JSON.stringify(this.state);
    this.writing = this.writing.then(async () => {
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, this.file);
    });
    return this.writing;
  }

  /** The run ended: nothing to resume. */
  async clear(): Promise<void> {
    await this.writing;
    await rm(this.file, { force: true });
  }
}
