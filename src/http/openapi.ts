import { z } from 'zod';
import { errorBody, meiliErrorBody } from '../api/index.ts';
import { isMeiliPath } from './meili-errors.ts';
import type { ResponseSpec, RouteDef } from './route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Query or path parameters from an object schema, one per property. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const obj = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(obj.properties ?? {}).map(([name, prop]) => {
    const { description, example, ...rest } = prop;
    // Numbers arrive as digit strings; the schema documents the number they stand for.
    if (rest.type === 'integer') delete rest.pattern;
    return {
      name,
      in: where,
      required: where === 'path' || (obj.required ?? []).includes(name),
      ...(description ? { description } : {}),
      ...(example !== undefined ? { example } : {}),
      schema: rest,
    };
  });
}

/**
 * The answers the app's middleware sends before a route runs (src/http/app.ts, auth.ts,
 * security.ts), which the route's own list does not name: key checks, the rate limit, body
 * parsing. Only the ones that can happen on this route.
 */
function middlewareResponses(r: RouteDef): Record<number, ResponseSpec> {
  const meili = isMeiliPath(r.path);
  const schema = meili ? meiliErrorBody : errorBody;
  const out: Record<number, ResponseSpec> = {};
  if (r.access === 'public') {
    out[401] = {
      description: meili
        ? 'Only when PUBLIC_API_KEY is set: no Authorization header (code missing_authorization_header, as Meilisearch).'
        : 'Only when PUBLIC_API_KEY is set: no or a wrong `Authorization: Bearer <PUBLIC_API_KEY>` (code unauthorized).',
      schema,
    };
    if (meili) out[403] = { description: 'Only when PUBLIC_API_KEY is set: a wrong key (code invalid_api_key, as Meilisearch).', schema };
  }
  if (r.access === 'admin') {
    out[401] = { description: 'No or a wrong `Authorization: Bearer <ADMIN_API_KEY>` (code unauthorized).', schema };
    out[403] = { description: 'ADMIN_API_KEY is not set: the admin API is disabled (code admin_api_disabled).', schema };
  }
  if (r.access !== 'open') out[429] = { description: 'Only when RATE_LIMIT_PER_MINUTE is set: too many requests from this address (code rate_limited); RateLimit and Retry-After headers tell when to retry.', schema };
  if (r.query || r.params) out[400] = { description: 'Invalid parameter (named in error.param).', schema };
  if (r.body) {
    out[400] = { description: 'Invalid parameter or body (named in error.param), or a body that is not JSON.', schema };
    out[413] = { description: 'The body is larger than the limit (code payload_too_large).', schema };
    out[415] = { description: 'The body is not sent as application/json (code unsupported_media_type).', schema };
  }
  return out;
}

const SECURITY: Record<RouteDef['access'], JsonSchema[]> = {
  // The public key is optional: without PUBLIC_API_KEY the read routes are open.
  public: [{ publicKey: [] }, {}],
  admin: [{ adminKey: [] }],
  open: [],
};

/**
 * The OpenAPI 3.1 document of the given routes, generated from the same zod schemas that
 * validate their requests.
 */
export function openApiDocument(
  routes: RouteDef[],
  info: { title: string; version: string; description?: string; license?: { name: string; identifier?: string } },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const all = { ...middlewareResponses(r), ...r.responses };
    const responses = Object.fromEntries(
      Object.entries(all).map(([status, spec]) => [
        status,
        { description: spec.description, ...(spec.schema ? { content: { 'application/json': { schema: jsonSchema(spec.schema, 'output') } } } : {}) },
      ]),
    );
    (paths[path] ??= {})[r.method] = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      security: SECURITY[r.access],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { license: { name: 'MIT', identifier: 'MIT' }, ...info },
    // Relative: the document describes whichever gateway serves it.
    servers: [{ url: '/', description: 'The gateway that serves this document' }],
    paths,
    components: {
      securitySchemes: {
        publicKey: { type: 'http', scheme: 'bearer', description: 'PUBLIC_API_KEY: needed by the read routes only when the gateway sets it.' },
        adminKey: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY: the document API and /stats.' },
      },
    },
  };
}
