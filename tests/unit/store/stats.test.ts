// GET /stats on a cluster whose nodes are all down answers 503 (the client's error) and leaves
// no request behind whose failure nobody waits for (an unhandled rejection ends the process).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Meilisearch } from 'meilisearch';
import { NodeDownError } from '../../../src/cluster/cluster.ts';
import { MeiliUnavailableError } from '../../../src/meili/errors.ts';
import { indexStats, type StoreContext } from '../../../src/store/documents.ts';
import { unhandledAround } from '../../helpers/unhandled.ts';

describe('indexStats with every cluster node down', () => {
  const ctx: StoreContext = {
    get client(): Meilisearch {
      throw new MeiliUnavailableError('no cluster node answers (ms-1, ms-2)');
    },
    indexUid: 'documents',
    writeTimeoutMs: 1000,
    shard: {
      home: () => {
        throw new NodeDownError(['ms-1']);
      },
      all: () => {
        throw new NodeDownError(['ms-1', 'ms-2']);
      },
    },
  };

  it('rejects with the client error, and leaves no rejection unhandled', async () => {
    const { error, unhandled } = await unhandledAround(() => indexStats(ctx));
    assert.ok(error instanceof MeiliUnavailableError, String(error));
    assert.deepEqual(unhandled, []);
  });
});
