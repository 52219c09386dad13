// The embedded engine as an operator meets it (issue 10, items 6 and 8): `npm start` and the
// gateway as real processes on a temporary data folder. Deadlines are generous bounds that only
// keep a broken build from hanging the suite; nothing here measures speed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../src/engine/launch.ts';
import { alive } from '../../src/engine/proc.ts';
import { PROJECT_ROOT, waitUntil } from '../helpers/meili.ts';

let dir: string;
const started: ChildProcess[] = [];
const pids: number[] = [];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'engine-process-test-'));
});
after(async () => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  await rm(dir, { recursive: true, force: true });
});


const health = async (port: number) => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? ((await res.json()) as { engine?: { pid?: number; state: string } }) : undefined;
  } catch {
    return undefined;
  }
};

const instance = async (dataDir: string) =>
  JSON.parse(await readFile(path.join(dataDir, 'instance.json'), 'utf8')) as { ownerPid: number; meiliPid: number };

function launch(command: string, args: string[], dataDir: string, port: number) {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MEILI_URL: '', MEILI_MASTER_KEY: '', MEILI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOAD_SAMPLES: 'false', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Starts a gateway with its engine and waits until both serve; answers their PIDs. */
async function startGateway(command: string, args: string[], dataDir: string) {
  const port = await freePort();
  const run = launch(command, args, dataDir, port);
  const h = await waitUntil('the gateway and its engine', async () => {
    if (run.child.exitCode !== null) throw new Error(`the gateway exited:\n${run.output()}`);
    const body = await health(port);
    return body?.engine?.state === 'running' ? body : undefined;
  }, 120_000, 200);
  const inst = await instance(dataDir);
  assert.equal(inst.meiliPid, h.engine!.pid);
  pids.push(inst.ownerPid, inst.meiliPid);
  return { ...run, port, gatewayPid: inst.ownerPid, enginePid: inst.meiliPid };
}

describe('embedded engine processes', () => {
  it('a second start on a data folder whose engine is SIGSTOPped refuses, and starts no second engine', async () => {
    const dataDir = path.join(dir, 'stopped');
    const a = await startGateway(process.execPath, ['--import', 'tsx', 'src/server.ts'], dataDir);
    process.kill(a.enginePid, 'SIGSTOP');
    try {
      const b = launch(process.execPath, ['--import', 'tsx', 'src/server.ts'], dataDir, await freePort());
      // unref: the bound, left pending once b exits, kept this file's process (and a test slot) alive 100 s after its tests.
      const code = await Promise.race([b.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 120_000).unref())]);
      assert.equal(code, 1, b.output());
      assert.match(b.output(), /locked by another process: its embedded Meilisearch is already run by process \d+.*refusing to start a second Meilisearch/s);
      assert.equal((await instance(dataDir)).meiliPid, a.enginePid, 'instance.json still names engine A');
    } finally {
      process.kill(a.enginePid, 'SIGCONT');
    }
    a.child.kill('SIGTERM');
    assert.equal(await a.exited, 0);
    await waitUntil('engine A to stop', () => !alive(a.enginePid), 120_000, 200);
  });

  it('SIGTERM to `npm start` stops npm, the gateway and the engine', async () => {
    const run = await startGateway('npm', ['start', '--silent'], path.join(dir, 'npm'));
    run.child.kill('SIGTERM'); // the npm process itself, as a service manager or `docker stop` sends it
    await run.exited;
    await waitUntil('the gateway to exit', () => !alive(run.gatewayPid), 120_000, 200);
    await waitUntil('the engine to exit', () => !alive(run.enginePid), 120_000, 200);
    assert.match(run.output(), /shutting down/);
  });

  it('SIGKILL of the gateway: its watchdog stops the engine, and the next start owns the folder', async () => {
    const dataDir = path.join(dir, 'killed');
    const run = await startGateway(process.execPath, ['--import', 'tsx', 'src/server.ts'], dataDir);
    run.child.kill('SIGKILL');
    await waitUntil('the orphaned engine to exit', () => !alive(run.enginePid), 120_000, 200);
    const next = await startGateway(process.execPath, ['--import', 'tsx', 'src/server.ts'], dataDir);
    next.child.kill('SIGTERM');
    assert.equal(await next.exited, 0);
  });
});
