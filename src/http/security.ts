import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpError } from './errors.ts';

/** Origins allowed to call the public read routes from a browser: a list, or any (`*`). */
export type CorsOrigins = readonly string[] | '*';

export function parseOrigins(value: string | undefined, production: boolean): CorsOrigins {
  if (value === undefined) return production ? [] : '*';
  const list = value.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  return list.includes('*') ? '*' : list;
}

// instant-meilisearch and the meilisearch client send these; Authorization carries PUBLIC_API_KEY.
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Meilisearch-Client';

/** CORS for the public read routes only: allowed origins get an answer, others get none. */
export function cors(origins: CorsOrigins): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin && (origins === '*' || origins.includes(origin))) {
      res.set('Access-Control-Allow-Origin', origins === '*' ? '*' : origin);
      if (req.method === 'OPTIONS') {
        res.set({
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
        });
      }
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

/**
 * Requests per minute per client IP on the public routes; 429 with Retry-After past it.
 * The client IP is the socket's unless TRUST_PROXY says which proxies to believe.
 */
export function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, next) => {
      next(new HttpError(429, 'rate_limited', `More than ${perMinute} requests a minute from this address; slow down.`));
    },
  });
}

/** TRUST_PROXY as Express takes it: false, true, a hop count, or a list of addresses/subnets. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
