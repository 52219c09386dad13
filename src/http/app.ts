import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { requireKey } from './auth.ts';
import { compress } from './compression.ts';
import { errorHandler, HttpError, notFound, paramDecodeErrors } from './errors.ts';
import { DEFAULT_BODY_LIMIT } from '../env.ts';
import { PUBLIC_BODY_LIMIT } from './limits.ts';
import { MEILI_PREFIX } from '../api/index.ts';
import type { RouteDef } from './route.ts';
import { cors, rateLimiter, type CorsOrigins } from './security.ts';

export interface AppOptions {
  /** Enables the admin routes (documents, stats). */
  adminKey?: string;
  /** When set, the public read routes need `Authorization: Bearer <publicKey>` too. */
  publicKey?: string;
  /** Origins whose pages may call the public routes (default: none). */
  corsOrigins?: CorsOrigins;
  /** Requests a minute per client IP on the public routes; 0 or unset: no limit. */
  rateLimitPerMinute?: number;
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP. */
  trustProxy?: boolean | number | string[];
  /** Largest accepted JSON body. */
  bodyLimitBytes?: number;
}


const requireJson: RequestHandler = (req, _res, next) =>
  next(req.is('application/json') ? undefined : new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.', 'body'));

/** The Express app without listen(), so tests drive it in-process with supertest. */
export function createApp(routes: RouteDef[], opts: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', opts.trustProxy ?? false);
  app.use(compress());
  // The API answers JSON; pages that need more (the demo page, the widget) set their own policy.
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
  const adminJson = express.json({ limit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT, strict: false });
  const publicJson = express.json({ limit: Math.min(PUBLIC_BODY_LIMIT, opts.bodyLimitBytes ?? PUBLIC_BODY_LIMIT), strict: false });
  const admin = requireKey(opts.adminKey, 'admin');
  // Admin routes are limited too: the limit also slows down anyone guessing the key.
  const adminChain: RequestHandler[] = opts.rateLimitPerMinute ? [rateLimiter(opts.rateLimitPerMinute), admin] : [admin];
  const publicChain: RequestHandler[] = [cors(opts.corsOrigins ?? [])];
  if (opts.rateLimitPerMinute) publicChain.push(rateLimiter(opts.rateLimitPerMinute));
  if (opts.publicKey) publicChain.push(requireKey(opts.publicKey, 'public'));
  const openLimiter = opts.rateLimitPerMinute ? rateLimiter(opts.rateLimitPerMinute) : undefined;
  // Every path under /meili, unknown ones included, answers CORS and preflights: a browser
  // reports a 404 without Access-Control-Allow-Origin as a CORS error, hiding the real answer.
  app.use(MEILI_PREFIX, publicChain[0]!);
  const router = express.Router();
  for (const r of routes) {
    const chain: RequestHandler[] = [];
    if (r.access === 'admin') chain.push(...adminChain);
    if (r.access === 'open' && r.rateLimited && openLimiter) chain.push(openLimiter);
    if (r.access === 'public') {
      chain.push(...publicChain);
      router.options(r.path, publicChain[0]!);
    }
    // Parsed after the key check; only admin routes take large bodies.
    if (r.body) chain.push(requireJson, r.access === 'admin' ? adminJson : publicJson);
    router[r.method](r.path, ...chain, r.handler);
  }
  app.use(router);
  app.use(notFound);
  app.use(paramDecodeErrors(routes.map((r) => r.path)));
  app.use(errorHandler);
  return app;
}
