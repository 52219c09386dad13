import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FormatError } from '../formats/errors.ts';
import { parseHtml } from '../formats/html.ts';
import { parseMarkdown } from '../formats/markdown.ts';
import { parseText } from '../formats/text.ts';
import { decodeJsonRecord, decodeUtf8 } from '../input/json-record.ts';
import { splitJsonArray } from '../input/json-array.ts';
import { DEFAULT_LIMITS, type RecordLimits } from '../input/limits.ts';
import { splitLines } from '../input/lines.ts';
import { binaryReason, SNIFF_BYTES } from '../input/sniff.ts';
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

class NotText extends Error {}

/** The stream's chunks, after refusing it when its first bytes are not text. */
async function* sniffed(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const head: Buffer[] = [];
  let size = 0;
  let checked = false;
  for await (const chunk of stream) {
    if (checked) {
      yield chunk;
      continue;
    }
    head.push(chunk);
    size += chunk.length;
    if (size < SNIFF_BYTES) continue;
    checked = true;
    const reason = binaryReason(Buffer.concat(head).subarray(0, SNIFF_BYTES));
    if (reason) throw new NotText(reason);
    yield* head;
  }
  if (!checked) {
    const all = Buffer.concat(head);
    const reason = binaryReason(all);
    if (reason) throw new NotText(reason);
    if (all.length) yield all;
  }
}

const MAX_RAW = 10_000;
const rawText = (b: Buffer) => b.subarray(0, MAX_RAW * 4).toString('utf8').slice(0, MAX_RAW);

/** Where reading got to, for the message of a file that breaks off. */
interface Position {
  line: number;
}

async function* ndjson(file: InputFile, chunks: AsyncIterable<Buffer>, after: number, limits: RecordLimits, pos: Position): AsyncGenerator<ParsedItem> {
  for await (const l of splitLines(chunks, limits.maxRecordBytes)) {
    pos.line = l.line;
    if (l.line <= after) continue;
    const origin = { file: file.path, line: l.line };
    if ('tooLarge' in l) {
      yield { origin, error: `record of ${l.tooLarge} bytes is over the limit of ${limits.maxRecordBytes} (--max-record-bytes)` };
      continue;
    }
    if (isBlank(l.bytes)) continue;
    const d = decodeJsonRecord(l.bytes, limits);
    yield 'value' in d ? { origin, record: d.value } : { origin, error: d.error, raw: rawText(l.bytes) };
  }
}

function isBlank(b: Buffer): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xef && c !== 0xbb && c !== 0xbf) return false;
  return true;
}

async function* json(file: InputFile, chunks: AsyncIterable<Buffer>, after: number, limits: RecordLimits, pos: Position): AsyncGenerator<ParsedItem> {
  for await (const p of splitJsonArray(chunks, limits)) {
    if (p.line !== undefined) pos.line = p.line;
    // For a JSON array, `line` is the 1-based position of the element.
    if (p.line !== undefined && p.line <= after) continue;
    const origin = p.line === undefined ? { file: file.path } : { file: file.path, line: p.line };
    if ('broken' in p) yield { origin, error: `invalid JSON: ${p.broken}`, fatal: true };
    else if ('tooLarge' in p) yield { origin, error: `record of ${p.tooLarge} bytes is over the limit of ${limits.maxRecordBytes} (--max-record-bytes)` };
    else if ('tooDeep' in p) yield { origin, error: `invalid JSON: nested deeper than ${limits.maxDepth} levels` };
    else {
      const d = decodeJsonRecord(p.bytes, limits);
      yield 'value' in d ? { origin, record: d.value } : { origin, error: d.error, raw: rawText(p.bytes) };
    }
  }
}

/**
 * A text file's id: its name without extension; for a file found in a folder, its path below
 * that folder (`2024/01/index`), so same-named files in different folders stay apart.
 */
export function fileId(file: Pick<InputFile, 'path' | 'root'>): string {
  const rel = file.root === undefined ? path.basename(file.path) : path.relative(file.root, file.path);
  return rel.split(path.sep).join('/').replace(/\.gz$/i, '').replace(/\.[^./]+$/, '');
}

/** A whole text file as one document, read only up to the record limit. */
async function* single(file: InputFile, chunks: AsyncIterable<Buffer>, limits: RecordLimits, parse: (s: string) => object): AsyncGenerator<ParsedItem> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > limits.maxRecordBytes) {
      yield { origin: { file: file.path }, error: `file of more than ${limits.maxRecordBytes} bytes is over the record limit (--max-record-bytes)` };
      return;
    }
    parts.push(c);
  }
  const bytes = Buffer.concat(parts, size);
  const text = decodeUtf8(bytes);
  if ('error' in text) {
    const at = Number(/byte (\d+)/.exec(text.error)?.[1] ?? 0);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
    yield { origin: { file: file.path, line }, error: text.error };
    return;
  }
  let fields: object;
  try {
    fields = parse(text.text);
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    yield { origin: { file: file.path }, error: err.message };
    return;
  }
  yield { origin: { file: file.path }, record: { id: fileId(file), ...fields } };
}

/**
 * Every record of one file, or an error per bad record; a read error ends the file. Memory is
 * bounded by the record limit whatever the file holds; binary files are refused up front.
 * Records up to line (or array element) `after` are skipped: an earlier run handled them.
 */
export async function* readFile(file: InputFile, onBytes: (n: number) => void = () => {}, after = 0, limits: RecordLimits = DEFAULT_LIMITS): AsyncGenerator<ParsedItem> {
  const stream = open(file, onBytes);
  const chunks = sniffed(stream as AsyncIterable<Buffer>);
  const pos: Position = { line: 0 };
  try {
    switch (file.format) {
      case 'ndjson':
      case 'jsonl':
        yield* ndjson(file, chunks, after, limits, pos);
        break;
      case 'json':
        yield* json(file, chunks, after, limits, pos);
        break;
      case 'txt':
        yield* single(file, chunks, limits, parseText);
        break;
      case 'md':
      case 'markdown':
        yield* single(file, chunks, limits, parseMarkdown);
        break;
      case 'html':
      case 'htm':
        yield* single(file, chunks, limits, parseHtml);
        break;
    }
  } catch (err) {
    if (err instanceof NotText) {
      yield { origin: { file: file.path }, error: `rejected: ${err.message}`, fatal: true };
    } else {
      // Whatever followed the last whole record is lost: say where, so the count can be checked.
      const tail = pos.line > 0 ? ` after line ${pos.line} (the rest of the file, from line ${pos.line + 1}, was not read)` : '';
      yield { origin: { file: file.path, ...(pos.line > 0 ? { line: pos.line + 1 } : {}) }, error: `cannot read file${tail}: ${(err as Error).message}`, fatal: true };
    }
  } finally {
    stream.destroy();
  }
}
