// A request that arrives before the gateway has a Meilisearch client (start-up) answers the
// client's error, and starts no request whose failure nobody waits for: an unhandled rejection
// ends a Node process.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Meilisearch } from 'meilisearch';
import { MeiliUnavailableError } from '../../../src/meili/errors.ts';
import { createCompletionCache } from '../../../src/search/completions.ts';
import type { SearchContext } from '../../../src/search/service.ts';
import { suggest } from '../../../src/search/suggest.ts';
import { unhandledAround } from '../../helpers/unhandled.ts';

describe('suggest before the gateway has a client', () => {
  const starting: SearchContext = {
    get client(): Meilisearch {
      throw new MeiliUnavailableError('the gateway is still starting');
    },
    indexUid: 'documents',
    completions: createCompletionCache(60_000),
  };

  for (const q of ['x', 'xyz', 'ekrem ima']) {
    it(`q=${q}: rejects with the client's error, and leaves no rejection unhandled`, async () => {
      const { error, unhandled } = await unhandledAround(() => suggest(starting, { q, limit: 8 }));
      assert.ok(error instanceof MeiliUnavailableError, String(error));
      assert.deepEqual(unhandled, []);
    });
  }
});
