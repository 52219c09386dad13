// GET /search's snippets are cut in slices of the event loop (issue 10, item 1: /health p99
// under the attack of test:faults). A page of 100 hits whose 10,000-character heads hold no
// query word was one synchronous stretch of 20-30 ms of CPU; the CPU profile of the attack showed
// these as the gateway's longest busy stretches. Behaviour, not speed: with a slice of 0 ms, other
// callbacks run between every two hits, and the snippets are the same as in one stretch.
import assert from 'node:assert/strict';
import type { Meilisearch } from 'meilisearch';
import { describe, it } from 'node:test';
import { hitSnippets, type SnippetHit } from '../../../src/search/snippets.ts';

const head = (i: number) => `${'Belediye meclisi bütçeyi görüştü ve kabul etti. '.repeat(180)}son ${i}`; // 9,000 characters: read whole, never sought past
const hits: SnippetHit[] = Array.from({ length: 100 }, (_, i) => ({ id: `h${i}`, body_head: i % 10 === 0 ? `Seçim haberi ${i}. ${head(i)}` : head(i) }));
const isMatch = () => (word: string) => (word.toLocaleLowerCase('tr') === 'seçim' ? 0 : -1);
// No head is cut, so no hit is sought past it and Meilisearch is never asked.
const noClient = (): Meilisearch => {
  throw new Error('no document should be fetched');
};

describe('hitSnippets', () => {
  it('lets other callbacks run between hits, and cuts the same snippets as in one stretch', async () => {
    let ticks = 0;
    let done = false;
    const tick = () => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await hitSnippets(noClient, 'idx', hits, isMatch, { words: 30, marker: '…', terms: 1, sliceMs: 0 });
    done = true;
    const ticksDuring = ticks;
    const whole = await hitSnippets(noClient, 'idx', hits, isMatch, { words: 30, marker: '…', terms: 1, sliceMs: Number.POSITIVE_INFINITY });
    assert.ok(ticksDuring >= hits.length - 1, `other callbacks ran ${ticksDuring} times while 100 snippets were cut`);
    assert.deepEqual(sliced, whole);
    assert.equal(sliced.filter((s) => s.ranges.length > 0).length, 10);
  });
});
