import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Settings } from 'meilisearch';
import { desiredSettings, settingsDiff, synonymsFromGroups } from '../../../src/meili/settings.ts';

describe('settingsDiff', () => {
  const want = desiredSettings();

  it('is empty for the settings as Meilisearch answers them: unordered lists sorted, nested objects in full', () => {
    const answered = structuredClone(want) as Record<string, unknown>;
    answered.filterableAttributes = [...(want.filterableAttributes as string[])].sort();
    answered.displayedAttributes = [...(want.displayedAttributes as string[])].reverse();
    answered.typoTolerance = {
      enabled: true,
      minWordSizeForTypos: { ...(want.typoTolerance!.minWordSizeForTypos as object) },
      disableOnWords: [],
      disableOnAttributes: [...(want.typoTolerance!.disableOnAttributes as string[])].sort(),
    };
    answered.synonyms = Object.fromEntries(Object.entries(want.synonyms!).reverse().map(([k, v]) => [k, [...v].reverse()]));
    assert.deepEqual(settingsDiff(answered as Settings, want), {});
  });

  it('names a setting whose order matters when only the order changed', () => {
    const current = { ...want, searchableAttributes: [...(want.searchableAttributes as string[])].reverse() };
    assert.deepEqual(Object.keys(settingsDiff(current, want)), ['searchableAttributes']);
    const rules = { ...want, rankingRules: [...(want.rankingRules as string[])].reverse() };
    assert.deepEqual(Object.keys(settingsDiff(rules, want)), ['rankingRules']);
  });

  it('names missing, changed and extra values', () => {
    const current = { ...want, filterableAttributes: ['lang'], synonyms: { ...want.synonyms, extra: ['x'] } } as Settings;
    delete current.sortableAttributes;
    assert.deepEqual(Object.keys(settingsDiff(current, want)).sort(), ['filterableAttributes', 'sortableAttributes', 'synonyms']);
  });
});

describe('synonymsFromGroups', () => {
  it('makes every member of a group a synonym of every other', () => {
    assert.deepEqual(synonymsFromGroups([['a', 'b', 'c']]), { a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'] });
  });
});
