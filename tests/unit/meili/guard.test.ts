import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Breaker } from '../../../src/meili/breaker.ts';
import { MeiliBusyError, MeiliUnavailableError } from '../../../src/meili/errors.ts';
import { Limiter } from '../../../src/meili/limiter.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const down = () => Promise.reject(new MeiliUnavailableError('down'));

describe('Limiter', () => {
  it('runs at most `max` calls at once and starts the next as one ends', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const call = () =>
      limiter.run(Date.now() + 5000, async () => {
        peak = Math.max(peak, ++running);
        await sleep(20);
        running--;
        return 'ok';
      });
    assert.deepEqual(await Promise.all([call(), call(), call(), call(), call()]), ['ok', 'ok', 'ok', 'ok', 'ok']);
    assert.equal(peak, 2);
    assert.equal(limiter.queued, 0);
  });

  it('answers busy to a call that cannot get a turn before its deadline, and forgets it', async () => {
    const limiter = new Limiter(1);
    const long = limiter.run(Date.now() + 5000, () => sleep(100));
    await assert.rejects(limiter.run(Date.now() + 20, async () => 'never'), MeiliBusyError);
    assert.equal(limiter.queued, 0);
    await long;
    assert.equal(await limiter.run(Date.now() + 100, async () => 'after'), 'after');
  });

  it('gives the call a signal that aborts at the deadline', async () => {
    const limiter = new Limiter(1);
    const signal = await limiter.run(Date.now() + 30, async (s) => s);
    assert.equal(signal.aborted, false);
    await sleep(60);
    assert.equal(signal.aborted, true);
  });
});

describe('Breaker', () => {
  it('opens after consecutive outages, refuses at once, and closes when the probe succeeds', async () => {
    let up = false;
    const breaker = new Breaker(async () => up, { threshold: 2, probeEveryMs: 10 });
    for (let i = 0; i < 2; i++) await assert.rejects(breaker.run(down), MeiliUnavailableError);
    assert.equal(breaker.open, true);
    let called = false;
    await assert.rejects(breaker.run(async () => (called = true)), /waiting for it to come back/);
    assert.equal(called, false, 'an open breaker does not call Meilisearch');
    up = true;
    await sleep(50);
    assert.equal(breaker.open, false);
    assert.equal(await breaker.run(async () => 'ok'), 'ok');
  });

  it('is not opened by busy answers or by failures that are not outages, and a success resets the count', async () => {
    const breaker = new Breaker(async () => true, { threshold: 2 });
    await assert.rejects(breaker.run(down));
    await breaker.run(async () => 'ok');
    await assert.rejects(breaker.run(down));
    for (let i = 0; i < 5; i++) await assert.rejects(breaker.run(() => Promise.reject(new MeiliBusyError('busy'))));
    for (let i = 0; i < 5; i++) await assert.rejects(breaker.run(() => Promise.reject(new Error('bad filter'))));
    assert.equal(breaker.open, false);
    breaker.close();
  });
});
