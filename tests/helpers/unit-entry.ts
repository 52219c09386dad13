// Every unit test file in ONE process (tests/run.ts passes their paths in UNIT_TEST_FILES).
// Starting a tsx process per file cost more than the tests themselves (38 files, two at a
// time: most of the unit suite's 97 s), and Node 20 has no --experimental-test-isolation.
// The price: unit files share globals, so a file must not leave state behind (top-level
// before/after are fine: each file's own run around its own tests; a top-level beforeEach
// would reach every file, so keep those inside a describe).
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const files = JSON.parse(process.env.UNIT_TEST_FILES ?? '[]') as string[];
if (files.length === 0) throw new Error('UNIT_TEST_FILES names no test file: run the tests with `npm test`');

for (const file of files) {
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    // A file that cannot even load fails under its own name instead of hiding the others.
    test(`loads ${path.relative(process.cwd(), file)}`, () => {
      throw err;
    });
  }
}
