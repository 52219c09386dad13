import { foldCase } from './filters/fold.ts';

// Meilisearch keeps facet values as written (`İstanbul` and `ISTANBUL` are two buckets) and
// its string equality lower-cases `İ` to `i` + U+0307, so `source = "istanbul"` misses
// `İstanbul`. A key that ignores case, dotted/dotless i and diacritics gives one bucket per
// value however it was typed. Keys hold only letters, digits and `-`, so a key can be
// quoted into a filter expression without any escaping.
export function facetKey(value: string): string {
  return foldCase(value.normalize('NFC'))
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export const FACET_KEY = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;
