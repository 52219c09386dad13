// Answers compressed as the client asks (Accept-Encoding): brotli, else gzip, else none.
// The `compression` middleware does the negotiation, Vary and HEAD handling; this module only
// fixes the policy. /widget.js goes from ~20 kB to ~7 kB and search answers shrink ~4×
// (bench/results/compression.md), at a CPU cost per answer measured there too.
import compression from 'compression';
import { constants } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

/** Below this, the headers and the encoder's framing cost more than the bytes saved. */
export const COMPRESS_MIN_BYTES = 1024;

export function compress(): RequestHandler {
  return compression({
    threshold: COMPRESS_MIN_BYTES,
    // Quality 4: most of brotli's gain over gzip at gzip's speed; 11 costs ~30× the CPU.
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    level: 6,
    // A stream must reach the client as it is written; a compressor would hold it back.
    filter: (req: Request, res: Response) =>
      !/^text\/event-stream/i.test(String(res.getHeader('Content-Type') ?? '')) && compression.filter(req, res),
  }) as RequestHandler;
}
