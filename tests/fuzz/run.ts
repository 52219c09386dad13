import { rng } from '../../bench/lib/rng.ts';
import { generate, type FuzzRequest } from './generate.ts';

export interface FuzzReport {
  requests: number;
  seed: number;
  durationMs: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  /** Requests that got a 5xx, a body that is not JSON, or no answer at all. */
  problems: { request: FuzzRequest; status: number; body: string }[];
}

/** Sends `count` generated requests to a running gateway, `concurrency` at a time. */
export async function runFuzz(opts: {
  baseUrl: string;
  count: number;
  seed: number;
  adminKey: string;
  indexUid: string;
  concurrency?: number;
  /** A request with no answer by then is reported as a hang. */
  answerTimeoutMs?: number;
}): Promise<FuzzReport> {
  const rand = rng(opts.seed);
  const requests = Array.from({ length: opts.count }, () => generate(rand, opts.adminKey, opts.indexUid));
  const report: FuzzReport = { requests: opts.count, seed: opts.seed, durationMs: 0, byStatus: {}, byKind: {}, problems: [] };
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 8 }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        report.byKind[request.kind] = (report.byKind[request.kind] ?? 0) + 1;
        let status = 0;
        let body = '';
        try {
          const res = await fetch(opts.baseUrl + request.path, {
            method: request.method,
            headers: request.headers,
            body: request.body,
            signal: AbortSignal.timeout(opts.answerTimeoutMs ?? 10_000),
          });
          status = res.status;
          body = await res.text();
        } catch (err) {
          body = `no answer: ${(err as Error).message}`;
        }
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
        let json = true;
        try {
          const parsed = JSON.parse(body) as { error?: { code?: unknown } };
          if (status >= 400 && typeof parsed.error?.code !== 'string') json = false;
        } catch {
          json = false;
        }
        if (status === 0 || status >= 500 || !json) report.problems.push({ request, status, body: body.slice(0, 300) });
      }
    }),
  );
  report.durationMs = Math.round(performance.now() - started);
  return report;
}
