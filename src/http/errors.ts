import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody, ErrorDetail } from '../api/index.ts';
import { log } from '../log.ts';
import { NodeDownError, SettingsMismatchError } from '../cluster/cluster.ts';
import { MeiliRejectedError, MeiliTaskFailedError, MeiliUnavailableError } from '../meili/errors.ts';
import { AnswerTooLargeError } from '../instantsearch/service.ts';
import { isMeiliPath, meiliErrorFields } from './meili-errors.ts';
import { InvalidDocumentsError } from '../store/documents.ts';

/** The one error type routes throw; rendered by `errorHandler` as `{ error: { code, message, param } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof InvalidDocumentsError) {
    const first = err.problems[0]!;
    return new HttpError(400, 'invalid_document', err.message, `body.${first.index}`, err.problems);
  }
  if (err instanceof NodeDownError) return new HttpError(503, 'node_unavailable', `${err.message}: try again once it is back.`);
  if (err instanceof SettingsMismatchError) return new HttpError(503, 'cluster_settings_differ', err.message);
  if (err instanceof AnswerTooLargeError) return new HttpError(400, 'answer_too_large', err.message, 'attributesToRetrieve');
  if (err instanceof MeiliUnavailableError) return new HttpError(503, 'search_unavailable', 'The search engine is unavailable; try again shortly.');
  if (err instanceof MeiliRejectedError) {
    if (err.code === 'index_not_found') return new HttpError(503, 'index_not_ready', 'The search index does not exist yet.');
    return new HttpError(502, 'search_backend_error', err.message);
  }
  if (err instanceof MeiliTaskFailedError) return new HttpError(502, 'search_backend_error', err.message);
  // body-parser marks its client errors with a status and a type
  const status = (err as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') return new HttpError(400, 'invalid_json', 'The request body is not valid JSON.', 'body');
    if (type === 'entity.too.large') return new HttpError(413, 'payload_too_large', `The request body is larger than ${(err as { limit?: number }).limit} bytes.`, 'body');
    return new HttpError(status, 'invalid_request', (err as Error).message, 'body');
  }
  return new HttpError(500, 'internal_error', 'Internal error.');
}

/**
 * 503s come in floods while Meilisearch is down or overloaded (thousands a minute): one line
 * per interval with their count, by code, instead of one line each.
 */
export class UnavailableLog {
  private counts = new Map<string, number>();
  private lastLogged = -Infinity;
  constructor(private readonly intervalMs = 10_000, private readonly now = () => Date.now()) {}

  /** Counts one 503; returns the counts to log (the first at once, then once per interval), else undefined. */
  count(code: string): Record<string, number> | undefined {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    const t = this.now();
    if (t - this.lastLogged < this.intervalMs) return undefined;
    this.lastLogged = t;
    const out = Object.fromEntries(this.counts);
    this.counts.clear();
    return out;
  }
}

const unavailable = new UnavailableLog();

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const httpErr = toHttpError(err);
  if (httpErr.status === 503) {
    const summary = unavailable.count(httpErr.code);
    if (summary) log.warn({ unavailable: summary, path: req.path }, 'answering 503 (counted per 10 s)');
  } else if (httpErr.status >= 500) log.error({ err: (err as Error)?.message, path: req.path, code: httpErr.code }, 'request failed');
  const body: ErrorBody = {
    error: {
      code: httpErr.code,
      message: httpErr.message,
      ...(httpErr.param ? { param: httpErr.param } : {}),
      ...(httpErr.details ? { details: httpErr.details } : {}),
    },
  };
  if (httpErr.status === 503) res.set('Retry-After', '1');
  // The Meilisearch-compatible surface answers Meilisearch's error fields too.
  res.status(httpErr.status).json(isMeiliPath(req.path) ? { ...meiliErrorFields(httpErr), ...body } : body);
};

/**
 * The router refuses a path parameter it cannot percent-decode before any route runs, with an
 * error that does not say which parameter: find it from the routes' paths, so the 400 names it.
 */
export function paramDecodeErrors(paths: string[]): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (!(err instanceof URIError)) return next(err);
    const segments = req.path.split('/');
    for (const p of paths) {
      const pattern = p.split('/');
      if (pattern.length !== segments.length || pattern.some((s, i) => !s.startsWith(':') && s !== segments[i])) continue;
      const bad = pattern.findIndex((s, i) => s.startsWith(':') && !decodes(segments[i]!));
      if (bad >= 0) return next(new HttpError(400, 'invalid_parameter', `${pattern[bad]!.slice(1)}: not valid percent-encoded UTF-8`, pattern[bad]!.slice(1)));
    }
    next(new HttpError(400, 'invalid_parameter', 'The path is not valid percent-encoded UTF-8.', 'path'));
  };
}

function decodes(s: string): boolean {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};
