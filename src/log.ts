import pino from 'pino';

// JSON lines on stderr: stdout stays free for CLI output (the indexer's summary).
// Read before src/env.ts validates it (modules log while loading): an unknown level falls back
// to info here, and readEnv then names LOG_LEVEL as invalid.
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const level = LEVELS.includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL! : 'info';

export const log = pino(
  {
    level,
    base: undefined,
    // Defence in depth: no key may reach a log line even if passed by mistake.
    redact: { paths: ['key', '*.key', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
  },
  pino.destination(2),
);
