
export type Line =
  | { line: number; bytes: Buffer }
  /** A line over the limit: only its length is known; its bytes were dropped as they came. */
  | { line: number; tooLarge: number };

/**
 * Splits a byte stream into lines (LF or CRLF) without ever holding more than `maxBytes` of one:
 * readline builds each line as a string first, so one 2 GB line (a gzip bomb) ends the process.
 * A line past the limit is reported by number and length, its bytes discarded as they arrive.
 */
export async function* splitLines(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let dropping = false;
  let line = 1;
  const end = (): Line => {
    const out: Line = dropping ? { line, tooLarge: size } : { line, bytes: trimCr(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)) };
    parts = [];
    size = 0;
    dropping = false;
    line++;
    return out;
  };
  for await (const chunk of stream) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const stop = nl < 0 ? chunk.length : nl;
      const piece = stop - start;
      if (!dropping && size + piece > maxBytes + 1) {
        // +1: a CRLF line of exactly maxBytes still fits
        dropping = true;
        parts = [];
      }
      if (!dropping && piece > 0) parts.push(chunk.subarray(start, stop));
      size += piece;
      if (nl < 0) break;
      yield end();
      start = nl + 1;
    }
  }
  if (size > 0 || dropping) yield end();
}

function trimCr(b: Buffer): Buffer {
  return b.length > 0 && b[b.length - 1] === 13 ? b.subarray(0, b.length - 1) : b;
}
