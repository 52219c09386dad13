import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import bundled from '../../../config/meilisearch.json' with { type: 'json' };
import { verifyBinary } from '../../../src/engine/binary.ts';
import { startEmbedded } from '../../../src/engine/embedded.ts';
import { EmbeddedMeiliError } from '../../../src/engine/errors.ts';
import { defaultIndexingMemory, defaultIndexingThreads } from '../../../src/engine/launch.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-test-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('embedded Meilisearch launcher', () => {
  it('refuses a binary whose SHA-256 differs from the recorded one', async () => {
    const fake = path.join(dir, 'meilisearch');
    await writeFile(fake, '#!/bin/sh\necho not meilisearch\n');
    await assert.rejects(verifyBinary(fake, bundled.sha256), (err: Error) => {
      assert.ok(err instanceof EmbeddedMeiliError);
      assert.match(err.message, /Refusing to run .*SHA-256 is [0-9a-f]{64}, expected 5354d854/);
      return true;
    });
  });

  it('records the SHA-256 measured on the pinned package', () => {
    assert.equal(bundled.sha256, '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0');
    assert.equal(bundled.packageVersion, '1.3.0-1.21.0');
  });

  it('rejects a MEILISEARCH_BIN that is not executable', async () => {
    const notExec = path.join(dir, 'not-exec');
    await writeFile(notExec, 'data');
    await assert.rejects(startEmbedded({ dataDir: path.join(dir, 'd1'), binary: notExec }), /is not an executable file/);
  });

  it('reports an engine that exits at start with its output', async () => {
    const failing = path.join(dir, 'failing');
    await writeFile(failing, '#!/bin/sh\necho "Error: database is locked" >&2\nexit 1\n');
    await chmod(failing, 0o755);
    await assert.rejects(startEmbedded({ dataDir: path.join(dir, 'd2'), binary: failing, startTimeoutMs: 10_000 }), (err: Error) => {
      assert.ok(err instanceof EmbeddedMeiliError);
      assert.match(err.message, /exited/);
      assert.match(err.message, /database is locked/);
      return true;
    });
  });
});

describe('engine resources by default', () => {
  it('indexes on half the cores, at least one', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 64].map((cores) => defaultIndexingThreads(cores)), [1, 1, 1, 2, 4, 32]);
  });
  it('indexes in an eighth of the RAM, between 256 MiB and 2 GiB', () => {
    const MiB = 1024 * 1024;
    assert.deepEqual([1024, 8192, 24 * 1024, 64 * 1024].map((ram) => defaultIndexingMemory(ram * MiB) / MiB), [256, 1024, 2048, 2048]);
  });
});
