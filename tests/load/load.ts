// Load against a gateway (or raw Meilisearch) with autocannon: N connections for S seconds,
// cycling through a list of requests. Used by the CI smoke test and by `npm run test:load`.
import autocannon from 'autocannon';

export { startGatewayProcess } from '../../bench/lib/gateway.ts';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Connection errors and timeouts, and answers that were not 2xx. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  /** Send exactly this many requests instead of running for `seconds`. */
  amount?: number;
  /** Seconds after which one request counts as an error. */
  timeoutS?: number;
}

export async function load(url: string, requests: LoadRequest[], connections: number, seconds: number, opts: LoadOptions = {}): Promise<LoadResult> {
  const run = opts.amount ? { amount: opts.amount } : { duration: seconds };
  const r = await autocannon({ url, connections, ...run, requests, timeout: opts.timeoutS ?? 10 });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  return {
    requests: r.requests.total,
    perSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  };
}

/** Searches and suggestions from title words, the way a search box sends them. */
export function searchBoxRequests(titles: string[], rand: () => number): LoadRequest[] {
  return titles.map((title) => {
    const words = title.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w));
    const n = 1 + Math.floor(rand() * 3);
    const start = Math.floor(rand() * Math.max(1, words.length - n));
    const q = words.slice(start, start + n).join(' ') || 'haber';
    if (rand() < 0.2) return { method: 'GET', path: `/suggest?q=${encodeURIComponent(q.slice(0, 2 + Math.floor(rand() * 5)))}` };
    return { method: 'GET', path: `/search?q=${encodeURIComponent(q)}` };
  });
}
