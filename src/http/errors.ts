import type { ErrorRequestHandler, RequestHandler } from 'express';
import { log } from '../log.ts';
import { MeiliRejectedError, MeiliTaskFailedError, MeiliUnavailableError } from '../meili/errors.ts';
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

export interface ErrorDetail {
  index: number;
  id?: string;
  reason: string;
}

export interface ErrorBody {
  error: { code: string; message: string; param?: string; details?: ErrorDetail[] };
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof InvalidDocumentsError) {
    const first = err.problems[0]!;
    return new HttpError(400, 'invalid_document', err.message, `body.${first.index}`, err.problems);
  }
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

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const httpErr = toHttpError(err);
  if (httpErr.status >= 500) log.error({ err: (err as Error)?.message, path: req.path, code: httpErr.code }, 'request failed');
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

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};
