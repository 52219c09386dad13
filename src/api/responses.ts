import { z } from 'zod';

// What the gateway's own routes answer: the schemas document them in OpenAPI, tests check live
// answers against them, and the services and the widget take their types from them.

const counts = z.record(z.string(), z.number().int());

export const matchRange = z.object({
  field: z.enum(['title', 'snippet']),
  start: z.number().int().meta({ description: 'Offset in UTF-16 code units of `title` or `snippetText`.' }),
  length: z.number().int(),
});

export const searchHit = z.object({
  id: z.string(),
  lang: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  source: z.string().nullable(),
  category: z.string().nullable(),
  url: z.string().nullable(),
  titleHighlighted: z.string().meta({ description: 'Escaped HTML, matches in <mark> (plain text with highlight=none).' }),
  snippet: z.string().meta({ description: 'About cropLength words around the best matches, as escaped HTML with <mark>; … where cut.' }),
  snippetText: z.string(),
  matches: z.array(matchRange),
});

/** Only in cluster mode (MEILI_NODES), only when some node's documents are missing from the answer. */
export const partialFields = {
  partial: z.literal(true).optional().meta({ description: 'Cluster mode only: some nodes did not answer, so their documents are missing from this answer (hits, totals, counts).' }),
  missingNodes: z.array(z.string()).optional().meta({ description: 'Cluster mode only, with partial: the names (MEILI_NODES) of the nodes left out.' }),
};

const partialAnswer = z.object(partialFields);
/** What a service adds to its answer when a cluster answered without some nodes. */
export type PartialAnswer = z.infer<typeof partialAnswer>;

export const searchResponse = z.object({
  query: z.string(),
  queryLang: z.string(),
  rewrite: z.object({
    lang: z.string(),
    terms: z.array(z.string()),
    dropped: z.array(z.string()),
    stems: z.record(z.string(), z.array(z.string())),
    phrases: z.array(z.string()),
    excluded: z.array(z.string()),
    ignored: z.array(z.string()),
  }),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  totalPages: z.number().int(),
  processingTimeMs: z.number().int(),
  hits: z.array(searchHit),
  facets: z.record(z.string(), counts).meta({ description: 'Bucket key → count, per requested facet, for the query and all filters.' }),
  disjunctiveFacets: z.record(z.string(), counts).meta({ description: 'For each facet the request filters on: counts without that facet’s own filter.' }),
  facetLabels: z.record(z.string(), z.record(z.string(), z.string())).meta({ description: 'Bucket key → display label (lang, source, category).' }),
  ...partialFields,
});

export const suggestResponse = z.object({
  query: z.string(),
  suggestions: z.array(
    z.object({
      type: z.enum(['term', 'title']).meta({ description: 'term: a frequent word completing (mode=correct: respelling) the last one typed; title: a matching document.' }),
      text: z.string().meta({ description: 'For a term, the whole query with its last word completed; for a title, the title.' }),
      html: z.string().meta({ description: '`text` as escaped HTML, the completed or matched part in <mark>.' }),
      count: z.number().int().optional().meta({ description: 'Documents holding the term.' }),
      id: z.string().optional(),
      lang: z.string().optional(),
    }),
  ),
  ...partialFields,
});

export const storedDocument = z.object({
  id: z.string(),
  lang: z.string(),
  title: z.string(),
  body: z.string(),
  date: z.string().optional(),
  source: z.string().optional(),
  category: z.string().optional(),
  url: z.string().optional(),
});

export const writeResult = z.object({
  status: z.enum(['succeeded', 'processing']).meta({ description: 'processing: Meilisearch had not finished within WRITE_TIMEOUT_MS (answered 202).' }),
  taskUid: z.number().int(),
  tasks: z
    .array(z.object({ node: z.string(), taskUid: z.number().int() }))
    .optional()
    .meta({ description: 'Cluster mode (MEILI_NODES) only: the task on each node written to, documents placed by their id; taskUid is the first one’s.' }),
});

export const putResult = writeResult.extend({ ids: z.array(z.string()) });

export const statsResponse = z.object({
  documents: z.number().int(),
  languages: counts,
  lastUpdate: z.string(),
  isIndexing: z.boolean(),
  settingsDigest: z.string(),
  settingsUpToDate: z.boolean(),
});

/** The embedded engine, when this gateway runs one (MEILI_URL unset). */
export const engineStatus = z.object({
  state: z.enum(['running', 'restarting', 'stopped']),
  pid: z.number().int().optional(),
  restarts: z.number().int().meta({ description: 'Times the engine was launched again after it exited.' }),
  lastExit: z
    .object({ code: z.number().int().nullable(), signal: z.string().nullable(), at: z.string(), uptimeMs: z.number().int() })
    .optional(),
  lastRecoveryMs: z.number().int().optional().meta({ description: 'From the last exit to healthy again.' }),
});
export const healthResponse = z.object({ status: z.literal('ok'), engine: engineStatus.optional() });
export const readyResponse = z.object({
  ready: z.boolean(),
  status: z
    .enum(['ready', 'degraded', 'unavailable'])
    .optional()
    .meta({ description: 'Cluster mode (MEILI_NODES) only. degraded: some nodes are down (named in missingNodes); answers are partial. unavailable: no node answers, or the nodes’ settings differ (problem names them).' }),
  nodes: z
    .array(z.object({ node: z.string(), up: z.boolean(), error: z.string().optional() }))
    .optional()
    .meta({ description: 'Cluster mode only: each node and its last /health probe (taken every second).' }),
  missingNodes: z.array(z.string()).optional().meta({ description: 'Cluster mode only: the nodes down now.' }),
  problem: z.string().optional().meta({ description: 'Cluster mode only: why the gateway refuses to serve (nodes whose index settings differ, named).' }),
  engine: engineStatus.optional(),
  meilisearch: z.boolean(),
  index: z.boolean(),
  documents: z.number().int().optional(),
  bootstrapped: z.boolean(),
});

export type Counts = z.output<typeof counts>;
export type MatchPosition = z.output<typeof matchRange>;
export type SearchHit = z.output<typeof searchHit>;
export type SearchResponse = z.output<typeof searchResponse>;
export type Suggestion = SuggestResponse['suggestions'][number];
export type SuggestResponse = z.output<typeof suggestResponse>;
export type StoredDocument = z.output<typeof storedDocument>;
export type WriteResult = z.output<typeof writeResult>;
export type PutResult = z.output<typeof putResult>;
export type StatsResponse = z.output<typeof statsResponse>;
export type EngineStatus = z.output<typeof engineStatus>;
export type HealthResponse = z.output<typeof healthResponse>;
export type ReadyResponse = z.output<typeof readyResponse>;
