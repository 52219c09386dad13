import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseHtml } from '../formats/html.ts';
import { parseMarkdown } from '../formats/markdown.ts';
import { parseText } from '../formats/text.ts';
import type { ParsedItem } from '../types.ts';
import type { InputFile } from './discover.ts';

/** The file's bytes as a stream, decompressed; `onBytes` sees raw (on-disk) bytes for progress. */
function open(file: InputFile, onBytes: (n: number) => void): Readable {
  const raw = createReadStream(file.path);
  raw.on('data', (chunk) => onBytes(chunk.length));
  if (!file.gzip) return raw;
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  return raw.pipe(gunzip);
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const MAX_RAW = 10_000;

async function* ndjson(file: InputFile, stream: Readable, after: number): AsyncGenerator<ParsedItem> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (line <= after || !text.trim()) continue;
    const origin = { file: file.path, line };
    try {
      yield { origin, record: JSON.parse(text) };
    } catch (err) {
      yield { origin, error: `invalid JSON: ${(err as Error).message}`, raw: text.slice(0, MAX_RAW) };
    }
  }
}

async function* json(file: InputFile, stream: Readable, after: number): AsyncGenerator<ParsedItem> {
  let data: unknown;
  try {
    data = JSON.parse(await readAll(stream));
  } catch (err) {
    yield { origin: { file: file.path }, error: `invalid JSON: ${(err as Error).message}` };
    return;
  }
  if (!Array.isArray(data)) {
    yield { origin: { file: file.path }, record: data };
    return;
  }
  // For a JSON array, `line` is the 1-based position of the element.
  for (let i = after; i < data.length; i++) yield { origin: { file: file.path, line: i + 1 }, record: data[i] };
}

/**
 * A text file's id: its name without extension; for a file found in a folder, its path below
 * that folder (`2024/01/index`), so same-named files in different folders stay apart.
 */
export function fileId(file: Pick<InputFile, 'path' | 'root'>): string {
  const rel = file.root === undefined ? path.basename(file.path) : path.relative(file.root, file.path);
  return rel.split(path.sep).join('/').replace(/\.gz$/i, '').replace(/\.[^./]+$/, '');
}

async function* single(file: InputFile, stream: Readable, parse: (s: string) => object): AsyncGenerator<ParsedItem> {
  const record = { id: fileId(file), ...parse(await readAll(stream)) };
  yield { origin: { file: file.path }, record };
}

/**
 * Every record of one file, or a parse error per bad line; a read error ends the file.
 * Records up to line (or array element) `after` are skipped: an earlier run handled them.
 */
export async function* readFile(file: InputFile, onBytes: (n: number) => void = () => {}, after = 0): AsyncGenerator<ParsedItem> {
  const stream = open(file, onBytes);
  try {
    switch (file.format) {
      case 'ndjson':
      case 'jsonl':
        yield* ndjson(file, stream, after);
        break;
      case 'json':
        yield* json(file, stream, after);
        break;
      case 'txt':
        yield* single(file, stream, parseText);
        break;
      case 'md':
      case 'markdown':
        yield* single(file, stream, parseMarkdown);
        break;
      case 'html':
      case 'htm':
        yield* single(file, stream, parseHtml);
        break;
    }
  } catch (err) {
    yield { origin: { file: file.path }, error: `cannot read file: ${(err as Error).message}`, fatal: true };
  } finally {
    stream.destroy();
  }
}
