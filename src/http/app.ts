import express, { type Express, type RequestHandler } from 'express';
import { requireKey } from './auth.ts';
import { errorHandler, HttpError, notFound } from './errors.ts';
import type { RouteDef } from './route.ts';

export interface AppOptions {
  /** Enables the admin routes (documents, stats). */
  adminKey?: string;
  /** Largest accepted JSON body. */
  bodyLimitBytes?: number;
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

const requireJson: RequestHandler = (req, _res, next) =>
  next(req.is('application/json') ? undefined : new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.', 'body'));

/** The Express app without listen(), so tests drive it in-process with supertest. */
export function createApp(routes: RouteDef[], opts: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const json = express.json({ limit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT, strict: false });
  const admin = requireKey(opts.adminKey, 'admin');
  const router = express.Router();
  for (const r of routes) {
    const chain: RequestHandler[] = [];
    if (r.access === 'admin') chain.push(admin);
    // Parsed only after authentication: an anonymous client cannot make us parse 10 MB.
    if (r.body) chain.push(requireJson, json);
    router[r.method](r.path, ...chain, r.handler);
  }
  app.use(router);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
