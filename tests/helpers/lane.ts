// One of tests/run.ts's test processes ("lanes"). Each lane takes the next test file from a
// queue the lanes share, runs it, and takes another, until the queue is empty: a tsx process
// and its imports cost ~1.5–2 s of CPU, more than most files' tests (33 integration files
// used 124 s of CPU in their own processes, 51 s in one), and taking files as a lane frees
// up balances the lanes without knowing how long each file runs.
//
// A file runs inside a suite named by its path, so its top-level hooks (before, after,
// beforeEach) apply to its own tests only. Files share the process's globals: a file must not
// leave state behind (no process.env changes, every server and timer closed).
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const queue = process.env.TEST_QUEUE_DIR;
if (!queue) throw new Error('TEST_QUEUE_DIR names no queue: run the tests with `npm test`');

/**
 * The next file nobody has taken: a rename within one folder is atomic, so of lanes racing
 * for an entry exactly one gets it (the others see it gone and try the next).
 */
function claim(dir: string): string | undefined {
  for (const name of readdirSync(dir).sort()) {
    if (name.includes('.taken-')) continue;
    const taken = path.join(dir, `${name}.taken-${process.pid}`);
    try {
      renameSync(path.join(dir, name), taken);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    return readFileSync(taken, 'utf8');
  }
  return undefined;
}

// Named by its file (lane-1.mjs …), which tests/run.ts writes.
test(path.basename(process.argv[1] ?? 'lane', '.mjs'), async () => {
  for (let file = claim(queue); file; file = claim(queue)) {
    const target = pathToFileURL(file).href;
    // A failing file fails its own suite (and this lane); the lane still runs the rest.
    await describe(path.relative(process.cwd(), file), async () => {
      await import(target);
    }).catch(() => {});
  }
});
