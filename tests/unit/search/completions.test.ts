// The short-prefix completion cache (src/search/completions.ts) with a stand-in for Meilisearch:
// what is kept, what is answered past its age, and what asking ahead asks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCompletionCache, WARM_PREFIXES, type TermHits } from '../../../src/search/completions.ts';

const hits = (...values: string[]): TermHits => ({ facetHits: values.map((value) => ({ value, count: 1 })) });
const values = (t: TermHits) => t.facetHits.map((h) => h.value);
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('completion cache', () => {
  it('keeps a whole, non-empty answer, per filter and prefix', async () => {
    const cache = createCompletionCache(60_000)!;
    let asked = 0;
    const ask = (v: string) => async () => (asked++, hits(v));
    assert.deepEqual(values(await cache.answer([], 'c', ask('cumhur'))), ['cumhur']);
    assert.deepEqual(values(await cache.answer([], 'c', ask('changed'))), ['cumhur']);
    assert.deepEqual(values(await cache.answer(['lang = "en"'], 'c', ask('court'))), ['court'], 'another filter, another entry');
    assert.equal(asked, 2);
  });

  it('does not keep an empty or partial answer, and gives it as it came', async () => {
    const cache = createCompletionCache(60_000)!;
    let asked = 0;
    const partial: TermHits = { ...hits('zafer'), partial: true, missingNodes: ['ms-1'] };
    assert.deepEqual(await cache.answer([], 'z', async () => (asked++, partial)), partial);
    assert.deepEqual(await cache.answer([], 'z', async () => (asked++, hits())), hits());
    assert.deepEqual(values(await cache.answer([], 'z', async () => (asked++, hits('zafer')))), ['zafer']);
    assert.equal(asked, 3);
  });

  it('past its age answers the kept completions while one request replaces them', async () => {
    const cache = createCompletionCache(20)!;
    await cache.answer([], 'd', async () => hits('deprem'));
    await new Promise((r) => setTimeout(r, 40));
    let asked = 0;
    let release!: () => void;
    const slow = () => new Promise<TermHits>((resolve) => {
      asked++;
      release = () => resolve(hits('deprem', 'dolar'));
    });
    assert.deepEqual(values(await cache.answer([], 'd', slow)), ['deprem'], 'stale, at once');
    assert.deepEqual(values(await cache.answer([], 'd', slow)), ['deprem'], 'stale while the refresh runs');
    assert.equal(asked, 1, 'one refresh');
    release();
    await tick();
    assert.deepEqual(values(await cache.answer([], 'd', slow)), ['deprem', 'dolar']);
  });

  it('keeps answering the old completions when the refresh fails', async () => {
    const cache = createCompletionCache(20)!;
    await cache.answer([], 'e', async () => hits('ekonomi'));
    await new Promise((r) => setTimeout(r, 40));
    const down = async (): Promise<TermHits> => {
      throw new Error('Meilisearch is down');
    };
    assert.deepEqual(values(await cache.answer([], 'e', down)), ['ekonomi']);
    await tick();
    assert.deepEqual(values(await cache.answer([], 'e', down)), ['ekonomi']);
    // With nothing kept the failure is the caller's.
    await assert.rejects(cache.answer([], 'f', down), /down/);
  });

  it('a call that finds another call asking gets an answer too, kept or not', async () => {
    const cache = createCompletionCache(60_000)!;
    const partial: TermHits = { ...hits('gol'), partial: true, missingNodes: ['ms-2'] };
    let asked = 0;
    const ask = async () => (asked++, await tick(), partial);
    const [a, b] = await Promise.all([cache.answer([], 'g', ask), cache.answer([], 'g', ask)]);
    assert.deepEqual(values(a), ['gol']);
    assert.deepEqual(values(b), ['gol']);
  });

  it('asks ahead for every letter and digit, then every two letters, one at a time', async () => {
    const cache = createCompletionCache(60_000)!;
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    const kept = await cache.warm([], async (prefix) => {
      asked.push(prefix);
      most = Math.max(most, ++inFlight);
      await Promise.resolve();
      inFlight--;
      return prefix.startsWith('q') ? hits() : hits(`${prefix}x`);
    });
    assert.equal(asked.length, 36 + 26 * 26);
    assert.deepEqual(asked, [...WARM_PREFIXES]);
    assert.deepEqual(asked.slice(0, 3), ['a', 'b', 'c']);
    assert.ok(asked.includes('9') && asked.includes('zz'));
    assert.equal(most, 1);
    assert.equal(kept, asked.length - 27, 'q and q? found nothing');
    let again = 0;
    assert.deepEqual(values(await cache.answer([], 'ab', async () => (again++, hits('other')))), ['abx']);
    assert.equal(again, 0);
  });

  it('stops asking ahead once told to', async () => {
    const cache = createCompletionCache(60_000)!;
    const stop = new AbortController();
    let asked = 0;
    const kept = await cache.warm([], async (prefix) => {
      if (++asked === 5) stop.abort();
      return hits(`${prefix}x`);
    }, stop.signal);
    assert.equal(asked, 5);
    assert.equal(kept, 5);
  });

  it('is not made when nothing is to be kept', () => {
    assert.equal(createCompletionCache(0), undefined);
  });
});
