import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** A route is data: its schema validates requests here and documents them in OpenAPI. */
export interface RouteSpec<Q extends z.ZodType> {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  query?: Q;
}

export interface RouteDef extends RouteSpec<z.ZodType> {
  handler: RequestHandler;
}

/** The first schema problem as a 400 that names the parameter. */
export function validationError(error: z.ZodError): HttpError {
  const issue = error.issues[0]!;
  const param = issue.path.map(String).join('.') || undefined;
  return new HttpError(400, 'invalid_parameter', param ? `${param}: ${issue.message}` : issue.message, param);
}

export function defineRoute<Q extends z.ZodType>(
  spec: RouteSpec<Q>,
  handle: (input: { query: z.infer<Q> }, req: Request, res: Response) => Promise<unknown> | unknown,
): RouteDef {
  const handler: RequestHandler = async (req, res, next) => {
    try {
      let query = {} as z.infer<Q>;
      if (spec.query) {
        const parsed = spec.query.safeParse(req.query);
        if (!parsed.success) throw validationError(parsed.error);
        query = parsed.data;
      }
      const body = await handle({ query }, req, res);
      if (body !== undefined && !res.headersSent) res.json(body);
    } catch (err) {
      next(err);
    }
  };
  return { ...spec, handler };
}

export function mount(router: Router, routes: RouteDef[]): void {
  for (const r of routes) router[r.method](r.path, r.handler);
}
