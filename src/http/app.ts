import express, { type Express } from 'express';
import { errorHandler, notFound } from './errors.ts';
import { mount, type RouteDef } from './route.ts';

/** The Express app without listen(), so tests drive it in-process with supertest. */
export function createApp(routes: RouteDef[]): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const router = express.Router();
  mount(router, routes);
  app.use(router);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
