import { z } from 'zod';
import { partialFields } from './responses.ts';

// What the Meilisearch-compatible surface (/meili/…) answers: Meilisearch's own shapes, with
// the gateway's formatting (see src/instantsearch/response-adapter.ts).

const hit = z.record(z.string(), z.unknown());
export const meiliSearchResponse = z.object({
  hits: z.array(hit).meta({ description: 'Documents, with _formatted (highlights and crops, see the highlighting contract) and _matchesPosition when asked.' }),
  query: z.string(),
  processingTimeMs: z.number().int(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  estimatedTotalHits: z.number().int().optional(),
  hitsPerPage: z.number().int().optional(),
  page: z.number().int().optional(),
  totalPages: z.number().int().optional(),
  totalHits: z.number().int().optional(),
  facetDistribution: z.record(z.string(), z.record(z.string(), z.number().int())).optional(),
  facetStats: z.record(z.string(), z.object({ min: z.number(), max: z.number() })).optional(),
  ...partialFields,
});
export const meiliMultiSearchResponse = z.object({ results: z.array(meiliSearchResponse.extend({ indexUid: z.string() })) });

/** Meilisearch's federated answer: one merged list, each hit saying which query found it. */
export const meiliFederatedResponse = z.object({
  hits: z.array(hit).meta({ description: 'Hits as in a search, each with _federation { indexUid, queriesPosition, weightedRankingScore }.' }),
  processingTimeMs: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  estimatedTotalHits: z.number().int(),
  ...partialFields,
});

export const meiliFacetSearchResponse = z.object({
  facetHits: z.array(z.object({ value: z.string(), count: z.number().int() })),
  facetQuery: z.string().nullable(),
  processingTimeMs: z.number().int(),
  ...partialFields,
});

export const meiliHealthResponse = z.object({ status: z.literal('available') });
export const meiliVersionResponse = z.object({ pkgVersion: z.string(), commitSha: z.string(), commitDate: z.string() });
export const meiliIndexResponse = z.object({
  uid: z.string(),
  primaryKey: z.string().meta({ description: 'id: the document id clients see (the engine’s internal key is never exposed).' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const meiliIndexStatsResponse = z.object({
  numberOfDocuments: z.number().int(),
  isIndexing: z.boolean(),
  fieldDistribution: z.record(z.string(), z.number().int()).meta({ description: 'Public fields only.' }),
  rawDocumentDbSize: z.number().int().optional(),
  avgDocumentSize: z.number().int().optional(),
});
export const meiliStatsResponse = z.object({
  databaseSize: z.number().int().optional(),
  lastUpdate: z.string().nullable(),
  indexes: z.record(z.string(), meiliIndexStatsResponse),
});
export const meiliSettingsResponse = z
  .object({
    displayedAttributes: z.array(z.string()),
    searchableAttributes: z.array(z.string()),
    filterableAttributes: z.array(z.string()),
    sortableAttributes: z.array(z.string()),
    rankingRules: z.array(z.string()),
    distinctAttribute: z.null(),
    faceting: z.object({ maxValuesPerFacet: z.number().int() }).loose(),
    pagination: z.object({ maxTotalHits: z.number().int() }),
  })
  .meta({ description: 'The settings a client can use, in the names it sees: analysed copies, internal keys and API keys are never shown.' });

export type FormattedHit = z.output<typeof hit>;
export type MeiliSearchResponse = z.output<typeof meiliSearchResponse>;
export type MeiliFederatedResponse = z.output<typeof meiliFederatedResponse>;
export type MeiliFacetSearchResponse = z.output<typeof meiliFacetSearchResponse>;
export type FacetValueCount = MeiliFacetSearchResponse['facetHits'][number];
