// The gateway as its own process, for benchmarks and load tests that drive it from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
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

/** The gateway as in production: its own process, no rate limit (one client IP sends it all). */
export async function startGatewayProcess(env: Record<string, string>, readyWithinMs = 180_000): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOAD_SAMPLES: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Generous: tsx compiling the gateway on a busy machine takes seconds, not milliseconds.
  for (const deadline = Date.now() + readyWithinMs; Date.now() < deadline; ) {
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) return { url, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the gateway did not become ready');
}
