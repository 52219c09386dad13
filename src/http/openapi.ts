import { z } from 'zod';
import type { RouteDef } from './route.ts';

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
 * The OpenAPI 3.1 document of the given routes, generated from the same zod schemas that
 * validate their requests.
 */
export function openApiDocument(routes: RouteDef[], info: { title: string; version: string; description?: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([status, spec]) => [
        status,
        { description: spec.description, ...(spec.schema ? { content: { 'application/json': { schema: jsonSchema(spec.schema, 'output') } } } : {}) },
      ]),
    );
    (paths[path] ??= {})[r.method] = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.access === 'admin' ? { security: [{ adminKey: [] }] } : {}),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: { securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY' } } },
  };
}
