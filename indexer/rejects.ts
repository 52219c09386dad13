import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Failure } from './types.ts';

/**
 * Failed documents, one JSON object a line: the original record with a `_rejected` field
 * saying where it came from and why. The indexer ignores unknown fields, so the file can be
 * fixed and fed back as input. Created only when something fails.
 */
export class RejectsFile {
  private out: WriteStream | undefined;
  count = 0;

  constructor(readonly file: string) {}

  /** Resolves once the line is handed to the system, so a checkpoint saved after it never covers a lost line. */
  async write(f: Failure): Promise<void> {
    if (!this.out) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.out = createWriteStream(this.file, { flags: 'a' });
      // Errors also reach each write's callback; without a listener they would crash the process.
      this.out.on('error', () => {});
    }
    const rejected = { file: f.file, ...(f.line ? { line: f.line } : {}), ...(f.id ? { id: f.id } : {}), reason: f.reason, at: new Date().toISOString() };
    const record = f.record !== null && typeof f.record === 'object' && !Array.isArray(f.record) ? f.record : f.record === undefined ? {} : { value: f.record };
    const line = JSON.stringify({ ...record, _rejected: { ...rejected, ...(f.raw !== undefined ? { raw: f.raw } : {}) } });
    await new Promise<void>((resolve, reject) =>
      this.out!.write(`${line}\n`, (err) => (err ? reject(new Error(`cannot write the rejects file ${this.file}: ${err.message}`)) : resolve())),
    );
    this.count++;
  }

  async close(): Promise<void> {
    // A stream that failed was destroyed: its error was already reported by write().
    if (!this.out || this.out.destroyed) return;
    const out = this.out;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
