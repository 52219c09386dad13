// npm run bench:startup — what a client sees while the gateway starts (issue 10: the hunspell
// dictionaries held the event loop for seconds right after listen, so a request arriving then
// stalled). Starts `src/server.ts` of a checkout `--runs` times against one Meilisearch
// (MEILI_URL/MEILI_MASTER_KEY, or the embedded engine in a temporary folder), probes /health
// every 20 ms from the moment the process is spawned, and reports per run: when the port
// opened, when /ready first answered 200, the slowest /health answer once the port was open,
// and the longest the event loop was held after listen (tests/load/loop-monitor.mjs).
// `--gateway-root DIR` measures another checkout (e.g. the code before a change).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    'gateway-root': { type: 'string', default: ROOT },
    label: { type: 'string', default: 'this checkout' },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '17930' },
    out: { type: 'string' },
  },
});

interface Run {
  listenedMs: number;
  firstHealthMs: number;
  readyMs: number;
  slowestHealthMs: number;
  loopHeldAfterListenMs: number;
}

async function once(root: string, port: number): Promise<Run> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-'));
  const loopFile = path.join(tmp, 'loop.ndjson');
  const spawned = performance.now();
  const child = spawn(process.execPath, ['--import', path.join(ROOT, 'tests', 'load', 'loop-monitor.mjs'), '--import', 'tsx', path.join(root, 'src', 'server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOAD_SAMPLES: 'false',
      LOG_LEVEL: 'warn',
      LOOP_MONITOR_OUT: loopFile,
      ...(process.env.MEILI_URL ? {} : { MEILI_DATA_DIR: path.join(tmp, 'meili') }),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let firstHealth: number | undefined;
  let ready: number | undefined;
  let slowest = 0;
  try {
    for (const deadline = Date.now() + 180_000; ready === undefined && Date.now() < deadline; ) {
      if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode})`);
      const t = performance.now();
      const health = await fetch(`${url}/health`).then((r) => r.ok, () => false);
      if (health) {
        firstHealth ??= t - spawned;
        slowest = Math.max(slowest, performance.now() - t);
        if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) ready = performance.now() - spawned;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (ready === undefined) throw new Error('the gateway did not become ready');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  const phase = JSON.parse((await readFile(loopFile, 'utf8')).split('\n')[0]!) as { holds: [number, number][]; listenedAt: number };
  await rm(tmp, { recursive: true, force: true });
  // Only what lay after listen: a hold that began before it counts from then on.
  const after = phase.holds.map(([at, ms]) => Math.min(ms, at + ms - phase.listenedAt)).filter((ms) => ms > 0);
  return {
    listenedMs: Math.round(phase.listenedAt),
    firstHealthMs: Math.round(firstHealth!),
    readyMs: Math.round(ready),
    slowestHealthMs: Math.round(slowest),
    loopHeldAfterListenMs: after.length ? Math.max(...after) : 0,
  };
}

async function main() {
  const root = path.resolve(args['gateway-root']!);
  const runs: Run[] = [];
  for (let i = 0; i < Number(args.runs); i++) {
    runs.push(await once(root, Number(args.port)));
    process.stderr.write(`${JSON.stringify(runs.at(-1))}\n`);
  }
  const report = [
    `# Start-up (${args.label}), ${new Date().toISOString()}`,
    '',
    `Gateway: ${root}; Meilisearch: ${process.env.MEILI_URL ? 'MEILI_URL (already running)' : 'embedded, a fresh data folder each run'}. ` +
      'Times in ms from spawning the process; /health probed every 20 ms; loop = the longest hold of the event loop after listen (holds over 50 ms).',
    '',
    '| run | port open (listen) | first /health | /ready 200 | slowest /health | loop held after listen |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r, i) => `| ${i + 1} | ${r.listenedMs} | ${r.firstHealthMs} | ${r.readyMs} | ${r.slowestHealthMs} | ${r.loopHeldAfterListenMs} |`),
    '',
  ].join('\n');
  process.stdout.write(report);
  if (args.out) await writeFile(args.out, report);
}

main().catch((err: Error) => {
  process.stderr.write(`bench:startup: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
