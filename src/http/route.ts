import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors.ts';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

/**
 * A route is data: its schemas validate requests here and document them in OpenAPI
 * (src/http/openapi.ts), so the two cannot drift apart.
 */
export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'delete';
  /** Express syntax (`/documents/:id`). */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** `admin`: needs `Authorization: Bearer <ADMIN_API_KEY>`; `public`: the read API. */
  access: 'public' | 'admin' | 'open';
  /** An `open` route that still gets the per-IP rate limit (/ready: cheap for us, not free). */
  rateLimited?: boolean;
  query?: Q;
  params?: P;
  body?: B;
  responses: Record<number, ResponseSpec>;
}

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

export interface RouteDef extends AnySpec {
  handler: RequestHandler;
}

export interface RouteInput<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  query: z.infer<Q>;
  params: z.infer<P>;
  body: z.infer<B>;
}

/** The first schema problem as a 400 that names the parameter. */
export function validationError(error: z.ZodError, where: 'query' | 'params' | 'body'): HttpError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const param = where === 'body' ? (path ? `body.${path}` : 'body') : path || undefined;
  return new HttpError(400, 'invalid_parameter', param ? `${param}: ${issue.message}` : issue.message, param);
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: 'query' | 'params' | 'body'): z.infer<S> {
  if (!schema) return undefined as z.infer<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

export function defineRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(
  spec: RouteSpec<Q, P, B>,
  handle: (input: RouteInput<Q, P, B>, req: Request, res: Response) => Promise<unknown> | unknown,
): RouteDef {
  const handler: RequestHandler = async (req, res, next) => {
    try {
      const input = {
        query: parse(spec.query, req.query, 'query'),
        params: parse(spec.params, req.params, 'params'),
        body: parse(spec.body, req.body, 'body'),
      };
      const body = await handle(input, req, res);
      if (body !== undefined && !res.headersSent) res.json(body);
    } catch (err) {
      next(err);
    }
  };
  return { ...(spec as AnySpec), handler };
}
