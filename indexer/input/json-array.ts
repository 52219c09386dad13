import type { RecordLimits } from './limits.ts';

export type JsonPiece =
  /** One element of a top-level array (`line` = its 1-based position), or the file's single value (no line). */
  | { line?: number; bytes: Buffer }
  | { line?: number; tooLarge: number }
  | { line?: number; tooDeep: true }
  /** The file's structure is broken (unterminated array, data after it): nothing more can be read. */
  | { line?: number; broken: string };

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Splits a `.json` file into its top-level array elements as they stream in, tracking only
 * strings and nesting, so that a file of any size costs at most one element (`maxRecordBytes`)
 * of memory: JSON.parse of the whole file needs the whole file, twice. Elements past the size
 * or depth limit are reported and their bytes dropped; each kept element is parsed alone later.
 * A file that is not an array is one value, within the same limits.
 */
export async function* splitJsonArray(stream: AsyncIterable<Buffer>, limits: RecordLimits): AsyncGenerator<JsonPiece> {
  let phase: 'start' | 'array' | 'single' | 'done' = 'start';
  let parts: Buffer[] = [];
  let size = 0;
  let dropping = false;
  let tooDeep = false;
  let nonBlank = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let index = 0;
  let offset = 0; // bytes before this chunk, to skip a BOM at the very start
  let trailing = false;

  const append = (chunk: Buffer, from: number, to: number) => {
    if (to <= from) return;
    size += to - from;
    if (!dropping && size > limits.maxRecordBytes) {
      dropping = true;
      parts = [];
    }
    if (!dropping && !tooDeep) parts.push(chunk.subarray(from, to));
  };
  const finish = (line: number | undefined): JsonPiece | undefined => {
    const piece: JsonPiece | undefined = !nonBlank
      ? undefined
      : tooDeep
        ? { line, tooDeep: true }
        : dropping
          ? { line, tooLarge: size }
          : { line, bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts, size) };
    parts = [];
    size = 0;
    dropping = tooDeep = nonBlank = false;
    return piece;
  };

  for await (const chunk of stream) {
    let seg = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (phase === 'array') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
          continue;
        }
        if (isWs(c)) continue;
        if (c === 0x2c && depth === 1) {
          append(chunk, seg, i);
          const p = finish(index + 1);
          if (p) {
            index++;
            yield p;
          }
          seg = i + 1;
          continue;
        }
        if (c === 0x5d || c === 0x7d) {
          if (--depth === 0) {
            append(chunk, seg, i);
            const p = finish(index + 1);
            if (p) {
              index++;
              yield p;
            }
            phase = 'done';
            seg = i + 1;
          }
          continue;
        }
        nonBlank = true;
        if (c === 0x22) inString = true;
        else if ((c === 0x5b || c === 0x7b) && ++depth - 1 > limits.maxDepth && !tooDeep) {
          tooDeep = true;
          parts = [];
        }
      } else if (phase === 'start') {
        if (isWs(c) || (offset + i < 3 && c === [0xef, 0xbb, 0xbf][offset + i])) continue;
        if (c === 0x5b) {
          phase = 'array';
          depth = 1;
          seg = i + 1;
        } else {
          phase = 'single';
          nonBlank = true;
          seg = i;
          break;
        }
      } else if (phase === 'done') {
        if (!isWs(c)) trailing = true;
        seg = chunk.length;
        break;
      } else break;
    }
    if (phase === 'array' || phase === 'single') append(chunk, seg, chunk.length);
    offset += chunk.length;
  }
  if (phase === 'single') {
    const p = finish(undefined);
    if (p) yield p;
  } else if (phase === 'array') {
    yield { line: index + 1, broken: `unexpected end of file in the array (element ${index + 1} is incomplete or missing \`]\`)` };
  } else if (trailing) {
    yield { line: index, broken: 'data after the end of the top-level array' };
  }
}
