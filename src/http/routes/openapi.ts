import pkg from '../../../package.json' with { type: 'json' };
import { openApiDocument } from '../openapi.ts';
import { defineRoute, type RouteDef } from '../route.ts';

/** GET /openapi.json: the document of every route of the app, this one included. */
export function openApiRoute(routes: () => RouteDef[]): RouteDef {
  let doc: unknown;
  return defineRoute(
    {
      method: 'get',
      path: '/openapi.json',
      tag: 'operations',
      access: 'open',
      summary: 'This API as an OpenAPI 3.1 document, generated from the schemas that validate requests',
      responses: { 200: { description: 'The OpenAPI document.' } },
    },
    () =>
      (doc ??= openApiDocument(routes(), {
        title: 'Turkish/English search gateway',
        version: pkg.version,
        description: pkg.description,
      })),
  );
}
