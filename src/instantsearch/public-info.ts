import type { IndexStats, Settings } from 'meilisearch';
import { FILTER_ATTRIBUTES, PUBLIC_FIELDS, SORTS, TEXT_FIELDS } from '../api/index.ts';

// What the read-only surface says about the index (GET /meili/indexes/:uid, /stats, /settings),
// in the names a client sees. Pure. The index holds analysed copies (title_stem, body_exact…),
// facet keys (source_key) and an internal primary key (pk): none of them is ever named here,
// and nothing about API keys is.

const isPublic = (name: string) => (PUBLIC_FIELDS as readonly string[]).includes(name);

/** `title_stem`, `body_exact`, `source_key` → the field they are made from. */
const publicName = (name: string) => name.replace(/_(stem(_\d+)?|exact|key)$/, '');

const unique = (names: string[]) => [...new Set(names)];

export function publicSettings(s: Settings) {
  return {
    displayedAttributes: [...PUBLIC_FIELDS],
    // The order is the ranking order; an analysed copy ranks where its field first appears.
    searchableAttributes: unique((s.searchableAttributes ?? []).map(publicName)).filter((n) => (TEXT_FIELDS as readonly string[]).includes(n)),
    filterableAttributes: [...FILTER_ATTRIBUTES],
    sortableAttributes: unique(SORTS.map((x) => x.split(':')[0]!)),
    rankingRules: [...(s.rankingRules ?? [])],
    distinctAttribute: null,
    faceting: { maxValuesPerFacet: s.faceting?.maxValuesPerFacet ?? 100, sortFacetValuesBy: s.faceting?.sortFacetValuesBy ?? { '*': 'alpha' } },
    pagination: { maxTotalHits: s.pagination?.maxTotalHits ?? 1000 },
  };
}

export function publicIndexStats(s: IndexStats) {
  return {
    numberOfDocuments: s.numberOfDocuments,
    isIndexing: s.isIndexing,
    fieldDistribution: Object.fromEntries(Object.entries(s.fieldDistribution ?? {}).filter(([name]) => isPublic(name) && name !== 'pk')),
    ...(typeof s.rawDocumentDbSize === 'number' ? { rawDocumentDbSize: s.rawDocumentDbSize } : {}),
    ...(typeof s.avgDocumentSize === 'number' ? { avgDocumentSize: s.avgDocumentSize } : {}),
  };
}

export function publicIndexInfo(i: { uid: string; createdAt: string | Date; updatedAt: string | Date }) {
  const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString());
  // Documents on this surface are keyed by their own `id`; the engine's `pk` is never returned.
  return { uid: i.uid, primaryKey: 'id', createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt) };
}
