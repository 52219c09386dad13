import ISO6391 from 'iso-639-1';
import { facetKey, languageLabel } from '../analysis/index.ts';
import type { Counts, FacetName } from '../api/index.ts';
import type { FilterGroup } from './filters.ts';

type Distribution = Record<string, Counts> | undefined;

interface FacetSpec {
  /** Meilisearch attributes to count: the bucket key first, then (if any) the label spellings. */
  attributes: [string] | [string, string];
  /** The filter that narrows this facet (dropped for its disjunctive counts). */
  group: FilterGroup;
  order: 'count' | 'key';
}

const SPECS: Record<FacetName, FacetSpec> = {
  lang: { attributes: ['lang'], group: 'lang', order: 'count' },
  year: { attributes: ['year'], group: 'date', order: 'key' },
  month: { attributes: ['month'], group: 'date', order: 'key' },
  source: { attributes: ['source_key', 'source'], group: 'source', order: 'count' },
  category: { attributes: ['category_key', 'category'], group: 'category', order: 'count' },
};

export const groupOf = (name: FacetName): FilterGroup => SPECS[name].group;

export function facetAttributes(names: readonly FacetName[]): string[] {
  return names.flatMap((n) => SPECS[n].attributes);
}

function ordered(counts: Counts, order: FacetSpec['order']): Counts {
  const entries = Object.entries(counts);
  entries.sort(order === 'key' ? ([a], [b]) => a.localeCompare(b) : ([a, x], [b, y]) => y - x || a.localeCompare(b));
  return Object.fromEntries(entries);
}

/** One distribution holding every value of several (counts of the first kept), for labels. */
export function mergeDistributions(...dists: Distribution[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const d of dists) for (const [attr, counts] of Object.entries(d ?? {})) out[attr] = { ...counts, ...out[attr] };
  return out;
}

/** The keys of both count sets, per facet. */
export function mergeCounts(a: Record<string, Counts>, b: Record<string, Counts>): Record<string, Counts> {
  const out: Record<string, Counts> = { ...a };
  for (const [facet, counts] of Object.entries(b)) out[facet] = { ...counts, ...out[facet] };
  return out;
}

/** Counts per requested facet, bucket keys as the filters take them. */
export function readCounts(names: readonly FacetName[], dist: Distribution): Record<string, Counts> {
  return Object.fromEntries(names.map((n) => [n, ordered(dist?.[SPECS[n].attributes[0]] ?? {}, SPECS[n].order)]));
}

/**
 * Display labels of bucket keys: a language's own name, or for source and category the
 * spelling most documents of that bucket use (`İstanbul` over `ISTANBUL`).
 */
export function readLabels(names: readonly FacetName[], dist: Distribution, counts: Record<string, Counts>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const n of names) {
    const spellingsAttr = SPECS[n].attributes[1];
    if (n === 'lang') {
      out.lang = Object.fromEntries(Object.keys(counts.lang ?? {}).map((c) => [c, languageLabel(c) ?? (ISO6391.getNativeName(c) || c)]));
    } else if (spellingsAttr) {
      const best = new Map<string, [string, number]>();
      for (const [spelling, count] of Object.entries(dist?.[spellingsAttr] ?? {})) {
        const key = facetKey(spelling);
        const seen = best.get(key);
        if (!seen || count > seen[1]) best.set(key, [spelling, count]);
      }
      out[n] = Object.fromEntries(Object.keys(counts[n] ?? {}).map((k) => [k, best.get(k)?.[0] ?? k]));
    }
  }
  return out;
}
