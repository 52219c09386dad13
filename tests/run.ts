// The test command: starts one real Meilisearch for the whole run (the bundled binary,
// or the one at MEILI_URL), then runs the tests with Node's test runner: all unit files in
// one process (tests/helpers/unit-entry.ts), each integration and browser file in its own.
// `npm test -- a b` runs only the files whose path contains `a` or `b`.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, type EmbeddedMeili } from '../src/engine/embedded.ts';
import { loadDictionaries } from '../src/analysis/lang-dict.ts';

const root = path.dirname(fileURLToPath(import.meta.url));
const UNIT_ENTRY = path.join(root, 'helpers', 'unit-entry.ts');
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
  const separate = unitOnly ? [] : [...(await testFiles(path.join(root, 'browser'))), ...(await testFiles(path.join(root, 'integration')))];
  if (unit.length + separate.length === 0) {
    process.stderr.write(`tests: no test file matches ${filters.join(', ')}\n`);
    return 1;
  }

  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', UNIT_TEST_FILES: JSON.stringify(unit) };
  let engine: EmbeddedMeili | undefined;
  let dataDir: string | undefined;
  let starting: Promise<EmbeddedMeili> | undefined;
  if (separate.length > 0 && !process.env.MEILI_URL) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'search-test-meili-'));
    starting = startEmbedded({ dataDir, binary: process.env.MEILISEARCH_BIN });
  }
  // The hunspell tables are compiled here on a fresh clone (~6 s, while the engine starts),
  // not by the first three test processes at once; every later one reads them in milliseconds.
  loadDictionaries();
  if (starting) {
    engine = await starting;
    env.MEILI_URL = engine.url;
    env.MEILI_MASTER_KEY = engine.key;
  }
  try {
    // Three at a time on two cores: most integration files spend part of their time waiting on
    // processes they started (an engine, a gateway, an indexer run): at two, 158% of the two
    // cores was busy (`npm test` 251 s); at three, 173% (235 s). The browser file
    // is the longest: it starts first, and the unit process runs beside the integration files.
    const files = [...separate.filter((f) => f.includes(`${path.sep}browser${path.sep}`)), ...(unit.length ? [UNIT_ENTRY] : []), ...separate.filter((f) => !f.includes(`${path.sep}browser${path.sep}`))];
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=3', ...files], { stdio: 'inherit', env });
    // Ctrl-C or a CI timeout reaches this process: pass it on, so the engine is still stopped below.
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await engine?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`tests: ${err.message}\n`);
    process.exit(1);
  },
);
