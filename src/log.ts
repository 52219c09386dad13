import pino from 'pino';

// JSON lines on stderr: stdout stays free for CLI output (the indexer's summary).
export const log = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: undefined,
    // Defence in depth: no key may reach a log line even if passed by mistake.
    redact: { paths: ['key', '*.key', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
  },
  pino.destination(2),
);
