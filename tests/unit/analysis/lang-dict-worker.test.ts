// Issue 10: the server loaded the hunspell dictionaries on its event loop right after listen,
// holding it 2.5–8.5 s (a request arriving then stalled), and kept their 1.4 million objects
// in its heap, where each full garbage collection then held the loop for hundreds of ms. They
// now load and answer in a worker thread; this checks that the loop runs while they load,
// that this thread's heap does not take them, and that the verdicts are the same.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'analysis', 'dictionary-worker.ts');
const TR = ['deprem', 'belediye', 'söyledi', 'milletvekili', 'öğrenciler'];
const TR_ASCII = ['cumhurbaskani', 'ogrenciler', 'saglik'];
const EN = ['earthquake', 'government', 'dividend', 'agreement'];
const NEITHER = ['mln', 'dlrs', 'xqzvbn'];

describe('the dictionary worker', () => {
  it('loads while the event loop runs, outside this heap, and answers as the dictionaries do', { timeout: 600_000 }, async () => {
    const words = [...TR, ...TR_ASCII, ...EN, ...NEITHER, 'april', 'İSTANBUL'];
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify(words)], { maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout) as {
      loadedAtOnce: boolean;
      unknownWhileLoading: { tr: number; en: number };
      timerRanWhileLoading: boolean;
      loaded: boolean;
      heapGrowth: number;
      verdicts: Record<string, { tr: number; en: number }>;
    };
    assert.equal(r.loadedAtOnce, false);
    // Meanwhile a word is unknown to both: detection goes without the dictionaries.
    assert.deepEqual(r.unknownWhileLoading, { tr: 0, en: 0 });
    assert.equal(r.timerRanWhileLoading, true, 'a timer set after the start must run before the dictionaries are loaded');
    assert.equal(r.loaded, true);
    // Loaded in this thread they take ~200 MB of its heap.
    assert.ok(r.heapGrowth < 50 * 1024 * 1024, `this thread's heap grew ${r.heapGrowth} bytes`);
    for (const w of TR) assert.equal(r.verdicts[w]!.tr, 2, w);
    for (const w of TR_ASCII) assert.ok(r.verdicts[w]!.tr >= 1, w);
    for (const w of EN) assert.ok(r.verdicts[w]!.en >= 1, w);
    for (const w of NEITHER) assert.deepEqual(r.verdicts[w], { tr: 0, en: 0 }, w);
    assert.equal(r.verdicts.april!.en, 1);
    assert.ok(r.verdicts['İSTANBUL']!.tr >= 1);
  });
});
