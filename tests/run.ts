// The test command: starts one real Meilisearch for the whole run (the bundled binary,
// or the one at MEILI_URL), then runs every test file (unit, integration, browser) with
// Node's test runner.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, type EmbeddedMeili } from '../src/engine/embedded.ts';

const root = path.dirname(fileURLToPath(import.meta.url));
const unitOnly = process.argv.includes('--unit');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f)).sort();
}

async function main(): Promise<number> {
  let files = await testFiles(path.join(root, 'unit'));
  if (!unitOnly) {
    files.push(...(await testFiles(path.join(root, 'integration'))));
    // Headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) with the widget.
    files.push(...(await testFiles(path.join(root, 'browser'))));
  }
  if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));

  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };
  let engine: EmbeddedMeili | undefined;
  let dataDir: string | undefined;
  if (!unitOnly && !process.env.MEILI_URL) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'search-test-meili-'));
    engine = await startEmbedded({ dataDir, binary: process.env.MEILISEARCH_BIN });
    env.MEILI_URL = engine.url;
    env.MEILI_MASTER_KEY = engine.key;
  }
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
      { stdio: 'inherit', env },
    );
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
