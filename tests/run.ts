// The test command: starts one real Meilisearch for the whole run (the bundled binary,
// or the one at MEILI_URL), then runs the tests with Node's test runner in LANES processes
// (tests/helpers/lane.ts) that take the test files from one queue until it is empty.
// `npm test -- a b` runs only the files whose path contains `a` or `b`.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmbedded, type EmbeddedMeili } from '../src/engine/embedded.ts';
import { loadDictionaries } from '../src/analysis/lang-dict.ts';

const root = path.dirname(fileURLToPath(import.meta.url));
const LANE = path.join(root, 'helpers', 'lane.ts');
/**
 * Test processes at once, on two cores: most integration files spend part of their time
 * waiting on processes they start (an engine, a gateway, an indexer run), so more lanes than
 * cores keep the cores busy: `npm test` took 154 s with three lanes, 143 s with four.
 */
const LANES = 4;
const unitOnly = process.argv.includes('--unit');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

/** Every *.test.ts under dir, found at run time so that new files need no registration. */
async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
}

async function main(): Promise<number> {
  const unit = await testFiles(path.join(root, 'unit'));
  const engineFiles = unitOnly ? [] : [...(await testFiles(path.join(root, 'browser'))), ...(await testFiles(path.join(root, 'integration')))];
  if (unit.length + engineFiles.length === 0) {
    process.stderr.write(`tests: no test file matches ${filters.join(', ')}\n`);
    return 1;
  }

  const queueRoot = await mkdtemp(path.join(os.tmpdir(), 'search-test-queue-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', TEST_QUEUE_DIR: path.join(queueRoot, 'queue') };
  let engine: EmbeddedMeili | undefined;
  let dataDir: string | undefined;
  let starting: Promise<EmbeddedMeili> | undefined;
  if (engineFiles.length > 0 && !process.env.MEILI_URL) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'search-test-meili-'));
    starting = startEmbedded({ dataDir, binary: process.env.MEILISEARCH_BIN });
  }
  try {
    // The hunspell tables are compiled here on a fresh clone (~6 s, while the engine starts),
    // not by the first lanes at once; every later process reads them in milliseconds.
    loadDictionaries();
    if (starting) {
      engine = await starting;
      env.MEILI_URL = engine.url;
      env.MEILI_MASTER_KEY = engine.key;
    }
    // The longest first (the browser files start Chromium: engineFiles lists them first), the
    // unit files last: they are short and fill the lanes' ends.
    const files = [...engineFiles, ...unit];
    await mkdir(env.TEST_QUEUE_DIR!);
    await Promise.all(files.map((f, i) => writeFile(path.join(env.TEST_QUEUE_DIR!, String(i).padStart(4, '0')), f)));
    // Node's runner takes each path once, so each lane is a file of its own that loads lane.ts.
    const lanes = Array.from({ length: Math.min(LANES, files.length) }, (_, i) => path.join(queueRoot, `lane-${i + 1}.mjs`));
    await Promise.all(lanes.map((l) => writeFile(l, `import ${JSON.stringify(pathToFileURL(LANE).href)};\n`)));
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${lanes.length}`, ...lanes], { stdio: 'inherit', env });
    // Ctrl-C or a CI timeout reaches this process: pass it on, so the engine is still stopped below.
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    // Stopped however the run ended, also when it failed before the engine was awaited.
    await (engine ?? (await starting?.catch(() => undefined)))?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await rm(queueRoot, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`tests: ${err.message}\n`);
    process.exit(1);
  },
);
