import { TextDecoder } from 'node:util';
import type { RecordLimits } from './limits.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type Decoded = { value: unknown } | { error: string };

/**
 * The deepest nesting of arrays and objects in JSON bytes, counted outside strings, stopping
 * as soon as it passes `limit`: a cheap pass that keeps `[[[[…` 100,000 deep away from
 * JSON.parse and from everything after it that walks the value recursively.
 */
export function nestingOver(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Where the first byte that is not UTF-8 is, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    utf8.decode(bytes);
    return -1;
  } catch {
    // Rare path: find the offset by decoding ever longer prefixes would be quadratic; walk instead.
    for (let i = 0; i < bytes.length; ) {
      const n = sequenceLength(bytes, i);
      if (n === 0) return i;
      i += n;
    }
    return bytes.length;
  }
}

/** Length of the valid UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
export const stripBom = (b: Buffer): Buffer => (b.subarray(0, 3).equals(BOM) ? b.subarray(3) : b);

/**
 * Strict UTF-8 text of a record: invalid bytes are refused, not replaced by U+FFFD, because
 * a replaced byte silently changes the text (and an id) that is then indexed as if it were right.
 */
export function decodeUtf8(bytes: Buffer): { text: string } | { error: string } {
  try {
    return { text: utf8.decode(stripBom(bytes)) };
  } catch {
    const at = firstInvalidUtf8(stripBom(bytes));
    return { error: `invalid UTF-8 at byte ${at} (re-encode the file as UTF-8)` };
  }
}

/** One JSON record from its bytes, within the limits; every way it can be wrong is an error string. */
export function decodeJsonRecord(bytes: Buffer, limits: RecordLimits): Decoded {
  if (bytes.length > limits.maxRecordBytes) return { error: `record of ${bytes.length} bytes is over the limit of ${limits.maxRecordBytes}` };
  const text = decodeUtf8(bytes);
  if ('error' in text) return text;
  if (nestingOver(bytes, limits.maxDepth)) return { error: `invalid JSON: nested deeper than ${limits.maxDepth} levels` };
  try {
    return { value: JSON.parse(text.text) };
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
}
