import pino from 'pino';
import { logLevel } from './env.ts';

// JSON lines on stderr: stdout stays free for CLI output (the indexer's summary).
export const log = pino(
  {
    // Modules log while loading, before readEnv runs: the level is read on its own.
    level: logLevel(),
    base: undefined,
    // Defence in depth: no key may reach a log line even if passed by mistake.
    redact: { paths: ['key', '*.key', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
  },
  pino.destination(2),
);
