import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retry } from '../../../src/util/retry.ts';

class Away extends Error {}
class Refused extends Error {}
const policy = { forMs: 10_000, retryable: (e: unknown) => e instanceof Away, minDelayMs: 1, maxDelayMs: 2 };

describe('retry', () => {
  it('retries what is retryable until it succeeds, calling onRetry before each new attempt', async () => {
    const seen: number[] = [];
    const out = await retry(
      async (attempt) => {
        if (attempt < 4) throw new Away(`try ${attempt}`);
        return attempt;
      },
      { ...policy, onRetry: (_e, attempt) => void seen.push(attempt) },
    );
    assert.equal(out, 4);
    assert.deepEqual(seen, [1, 2, 3]);
  });

  it('gives up at once on an error that is not retryable, and rethrows it', async () => {
    let calls = 0;
    await assert.rejects(
      retry(async () => {
        calls++;
        throw new Refused('no');
      }, policy),
      Refused,
    );
    assert.equal(calls, 1);
  });

  it('gives up once the time budget is spent, with the last error', async () => {
    let calls = 0;
    await assert.rejects(
      retry(async () => {
        calls++;
        throw new Away('still away');
      }, { ...policy, forMs: 30, minDelayMs: 5, maxDelayMs: 5 }),
      /still away/,
    );
    assert.ok(calls >= 2, `${calls} attempts`);
  });

  it('rethrows a thrown non-Error unchanged in meaning', async () => {
    await assert.rejects(retry(() => Promise.reject('plain string'), policy), /plain string/);
  });
});
