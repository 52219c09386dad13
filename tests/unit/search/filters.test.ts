import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFilter } from '../../../src/search/filters.ts';

describe('buildFilter', () => {
  it('is empty without filters', () => {
    assert.deepEqual(buildFilter({}), []);
    assert.deepEqual(buildFilter({ lang: [] }), []);
  });

  it('turns a language list into one OR group', () => {
    assert.deepEqual(buildFilter({ lang: ['tr', 'en'] }), [['lang = "tr"', 'lang = "en"']]);
  });

  it('turns from/to into period-overlap conditions', () => {
    assert.deepEqual(buildFilter({ from: '2024-06', to: '2024-06-15' }), [
      `date_end_ts >= ${Date.UTC(2024, 5, 1) / 1000}`,
      `date_ts <= ${Date.UTC(2024, 5, 16) / 1000 - 1}`,
    ]);
    assert.deepEqual(buildFilter({ lang: ['tr'], to: '2023' }), [['lang = "tr"'], `date_ts <= ${Date.UTC(2024, 0, 1) / 1000 - 1}`]);
  });

  for (const bad of ['tr" OR x="y', 'TR', 'tr ', '']) {
    it(`throws on the unvalidated lang value ${JSON.stringify(bad)}`, () => {
      assert.throws(() => buildFilter({ lang: ['en', bad] }), /unvalidated lang value/);
    });
  }

  it('throws on an unvalidated date', () => {
    assert.throws(() => buildFilter({ from: '2024 OR 1=1' }), /is not YYYY/);
  });
});
