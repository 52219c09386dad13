// Issue 10: every 503 under overload wrote an error line (5,395 in one test). Now a flood of
// 503s gives one line at once and then one per interval, with the counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnavailableLog } from '../../../src/http/errors.ts';

describe('UnavailableLog', () => {
  it('logs the first 503 at once, then one summary per interval with every 503 counted', () => {
    let now = 0;
    const counter = new UnavailableLog(10_000, () => now);
    const lines: Record<string, number>[] = [];
    for (let i = 0; i < 5000; i++) {
      now = i * 4; // 5,000 503s over 20 s
      const line = counter.count(i % 2 ? 'search_unavailable' : 'index_not_ready');
      if (line) lines.push(line);
    }
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[0], { index_not_ready: 1 });
    const second = lines[1]!;
    assert.equal((second.search_unavailable ?? 0) + (second.index_not_ready ?? 0), 2500);
  });
});
