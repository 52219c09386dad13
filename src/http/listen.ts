import { createServer, type RequestListener, type Server } from 'node:http';
import { answerClientErrors } from './client-errors.ts';

/**
 * How long a client may hold a connection, chosen rather than inherited. Node's defaults let
 * a client that sends its headers a byte at a time hold a socket ~75 s (60 s headers timeout,
 * checked every 30 s).
 */
export const SERVER_TIMEOUTS = {
  /** Headers must be complete within this: a real client sends them at once. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included (MAX_BODY_BYTES over a slow link). */
  requestTimeoutMs: 60_000,
  /** Idle keep-alive: above the 60 s idle timeout of common load balancers, so they close first. */
  keepAliveTimeoutMs: 65_000,
  /** How often Node checks the two deadlines above. */
  checkIntervalMs: 1_000,
};

export type ServerTimeouts = typeof SERVER_TIMEOUTS;

export function createHttpServer(app: RequestListener, timeouts: ServerTimeouts = SERVER_TIMEOUTS): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    app,
  );
  answerClientErrors(server);
  return server;
}
