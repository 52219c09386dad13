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

  async write(f: Failure): Promise<void> {
    if (!this.out) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.out = createWriteStream(this.file, { flags: 'a' });
    }
    const rejected = { file: f.file, ...(f.line ? { line: f.line } : {}), ...(f.id ? { id: f.id } : {}), reason: f.reason, at: new Date().toISOString() };
    const record = f.record !== null && typeof f.record === 'object' && !Array.isArray(f.record) ? f.record : f.record === undefined ? {} : { value: f.record };
    const line = JSON.stringify({ ...record, _rejected: { ...rejected, ...(f.raw !== undefined ? { raw: f.raw } : {}) } });
    this.count++;
    if (!this.out.write(`${line}\n`)) await new Promise<void>((r) => this.out!.once('drain', () => r()));
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
