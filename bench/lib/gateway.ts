// The gateway as its own process, for benchmarks and load tests that drive it from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A port nobody listens on now (the OS picks it), rather than a random guess that may collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The log lines of a gateway done with the short-prefix completions it asks for ahead (src/gateway.ts): asked, or not. */
export const COMPLETIONS_AHEAD_DONE = ['short-prefix completions asked ahead', 'short-prefix completions not asked ahead'];

/**
 * The gateway as in production: its own process, no rate limit (one client IP sends it all).
 * `afterLog`: also wait (at most `readyWithinMs`) for a log line with one of those messages,
 * such as COMPLETIONS_AHEAD_DONE, so that timing starts after the gateway's own start-up requests.
 */
export async function startGatewayProcess(env: Record<string, string>, readyWithinMs = 180_000, afterLog?: readonly string[]): Promise<{ url: string; child: ChildProcess; logged?: Record<string, unknown> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOAD_SAMPLES: 'false', LOG_LEVEL: afterLog ? 'info' : 'warn' },
    stdio: ['ignore', 'inherit', afterLog ? 'pipe' : 'inherit'],
  });
  /** The awaited log entry, once seen. */
  let entryLogged: Record<string, unknown> | undefined;
  const logged = () => !afterLog || entryLogged !== undefined;
  if (afterLog) {
    // The log (stderr): info lines are read for the one awaited; warnings and errors are shown as before.
    createInterface({ input: child.stderr! }).on('line', (line) => {
      let entry: { level?: number; msg?: string; [field: string]: unknown } = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        // not a log line
      }
      if (entry.msg !== undefined && afterLog.includes(entry.msg)) entryLogged = entry;
      if ((entry.level ?? 40) >= 40) process.stderr.write(`${line}\n`);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  // Generous: tsx compiling the gateway on a busy machine takes seconds, not milliseconds.
  for (const deadline = Date.now() + readyWithinMs; Date.now() < deadline; ) {
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) {
      while (!logged() && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      if (logged()) return { url, child, ...(entryLogged ? { logged: entryLogged } : {}) };
      break;
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(logged() ? 'the gateway did not become ready' : `the gateway did not log "${afterLog!.join('" or "')}"`);
}
