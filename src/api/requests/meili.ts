import { z } from 'zod';
import type { RequestRules } from '../rules.ts';
import { DISTINCT_ATTRIBUTES, FACET_NAMES, LOCALES, POST_TAGS, PRE_TAGS, PUBLIC_FIELDS, SORTS, TAG_PAIRS, type DistinctAttribute, type PreTag } from '../vocabulary.ts';
import { commonFields } from './common.ts';

// The search parameters of Meilisearch 1.21 that instant-meilisearch sends (and the official
// client can), validated strictly: a value we cannot honour is a 400 naming the parameter,
// never silently dropped. Unknown parameters are refused too, as Meilisearch refuses them.

const notSupported = (why: string) => z.never({ error: `not supported by this gateway: ${why}` }).optional();
const attributeList = (allowed: readonly string[]) =>
  z
    .array(z.enum(['*', ...allowed] as [string, ...string[]], { error: `expected * or one of ${allowed.join(', ')}` }))
    .max(20)
    .nullable()
    .optional();
const MAX_CROP = 200;
const CROP_ENTRY = new RegExp(`^(\\*|${PUBLIC_FIELDS.join('|')})(:[1-9]\\d{0,2})?$`);

const filterInput = z.union([
  z.string().max(4000),
  z.array(z.union([z.string().max(2000), z.array(z.string().max(2000)).max(100)])).max(100),
]);

type Shape = Record<string, z.ZodType>;

/** Unknown keys as an issue at the key itself, so `param` names it (a strict object reports the object). */
const refuseUnknown = (shape: Shape) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  // Refinements run even when a field failed: values here may be anything.
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape, key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown parameter' });
  }
};

function withTags<T extends { highlightPreTag?: PreTag; highlightPostTag?: string }>(v: T, ctx: z.RefinementCtx) {
  const pre = v.highlightPreTag;
  // Refinements run even when a field failed: only a valid pair of given tags is compared.
  if (pre === undefined || !PRE_TAGS.includes(pre) || typeof v.highlightPostTag !== 'string') return;
  if (TAG_PAIRS[pre] !== v.highlightPostTag) {
    ctx.addIssue({ code: 'custom', path: ['highlightPostTag'], message: `must be ${TAG_PAIRS[pre]} after ${pre}` });
  }
}

/** One tag given: its partner is implied; none: Meilisearch's default <em>. */
function resolveTags<T extends { highlightPreTag?: PreTag; highlightPostTag?: string }>(v: T) {
  const pre = v.highlightPreTag ?? PRE_TAGS.find((p) => TAG_PAIRS[p] === v.highlightPostTag) ?? '<em>';
  return { ...v, highlightPreTag: pre, highlightPostTag: TAG_PAIRS[pre] };
}

const paramsObject = (shape: Shape) =>
  z
    .looseObject(shape)
    .superRefine(refuseUnknown(shape))
    .superRefine((v, ctx) => withTags(v as { highlightPreTag?: PreTag; highlightPostTag?: string }, ctx));

const indexUid = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'an index uid holds only letters, digits, - and _');

/** What a federated query may not carry (Meilisearch refuses them too: the federation paginates). */
const PER_QUERY_ONLY = ['offset', 'limit', 'page', 'hitsPerPage', 'facets'] as const;

// GET /meili/indexes/:uid/search takes the same parameters as the POST, in the query string, as
// Meilisearch and the meilisearch client's searchGet send them: lists comma-separated, numbers
// and booleans as text.
const LIST_PARAMS = ['facets', 'sort', 'attributesToRetrieve', 'attributesToHighlight', 'attributesToCrop', 'locales', 'attributesToSearchOn', 'vector'];
const NUMBER_PARAMS = ['offset', 'limit', 'page', 'hitsPerPage', 'cropLength', 'rankingScoreThreshold'];
const BOOLEAN_PARAMS = ['showMatchesPosition', 'showRankingScore', 'showRankingScoreDetails', 'showPerformanceDetails', 'retrieveVectors'];

function fromQueryString(query: Record<string, unknown>, ctx: z.RefinementCtx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      // Unknown names given twice land here (known ones are checked by the object's shape).
      ctx.addIssue({ code: 'custom', path: [key], message: 'expected one value' });
      continue;
    }
    if (LIST_PARAMS.includes(key)) out[key] = value === '' ? [] : value.split(',').map((v) => v.trim());
    else if (NUMBER_PARAMS.includes(key)) out[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    else if (BOOLEAN_PARAMS.includes(key)) out[key] = value === 'true' ? true : value === 'false' ? false : value;
    else out[key] = value;
  }
  return out;
}

/** The Meilisearch-compatible surface's requests; `F` is what the app reads a filter into. */
export function meiliRequests<F>(rules: RequestRules<F>) {
  const { queryText } = commonFields(rules);
  const { maxTotalHits, maxHitsPerQuery, maxQueries } = rules.limits;

  const searchFields = {
    q: queryText.nullable().optional().meta({ description: 'Query, analysed like the gateway’s own search (Turkish/English casing, suffixes, stems).' }),
    offset: z.number().int().min(0).max(maxTotalHits).optional(),
    limit: z.number().int().min(0).max(maxHitsPerQuery).optional(),
    page: z.number().int().min(1).max(maxTotalHits).optional().meta({ description: 'With page or hitsPerPage the answer has exhaustive totalHits/totalPages, as in Meilisearch.' }),
    hitsPerPage: z.number().int().min(0).max(maxHitsPerQuery).optional(),
    filter: filterInput
      .nullable()
      .optional()
      .transform((f, ctx) => {
        const read = rules.readFilter(f ?? undefined);
        if ('filter' in read) return read.filter;
        ctx.addIssue({ code: 'custom', message: read.problem });
        return z.NEVER;
      })
      .meta({
        description:
          'Meilisearch filter (string or arrays): AND, OR, NOT, =, !=, IN, NOT IN, EXISTS, IS NULL, IS EMPTY on lang, source, category, year, month, date_ts; >, >=, <, <=, TO on year and date_ts. source and category match every spelling of a value (İstanbul, ISTANBUL, istanbul). A single language also tells how to read q.',
      }),
    facets: z.array(z.enum(['*', ...FACET_NAMES], { error: `expected * or one of ${FACET_NAMES.join(', ')}` })).max(10).nullable().optional(),
    sort: z.array(z.enum(SORTS, { error: `expected ${SORTS.join(' or ')}` })).max(1).nullable().optional(),
    attributesToRetrieve: attributeList(PUBLIC_FIELDS),
    attributesToHighlight: attributeList(PUBLIC_FIELDS),
    attributesToCrop: z
      .array(
        z
          .string()
          .regex(CROP_ENTRY, `expected an attribute (* or ${PUBLIC_FIELDS.join(', ')}), optionally :length`)
          .refine((e) => Number(e.split(':')[1] ?? 1) <= MAX_CROP, `a crop length is at most ${MAX_CROP} words`),
      )
      .max(20)
      .nullable()
      .optional(),
    cropLength: z.number().int().min(1).max(MAX_CROP).optional(),
    cropMarker: z
      .string()
      .max(16)
      .refine((s) => !/[\p{Cc}]|ais-highlight/u.test(s), 'control characters and highlight placeholders are not allowed')
      .optional(),
    highlightPreTag: z
      .enum(PRE_TAGS, { error: `only ${PRE_TAGS.join(', ')}: document text is escaped, and only these tags are let through` })
      .optional(),
    highlightPostTag: z.enum(POST_TAGS, { error: `only ${POST_TAGS.join(', ')}, matching highlightPreTag` }).optional(),
    showMatchesPosition: z.boolean().optional().meta({ description: 'Adds _matchesPosition: UTF-8 byte offsets in the original field, as Meilisearch counts.' }),
    showRankingScore: z.boolean().optional(),
    rankingScoreThreshold: z.number().min(0).max(1).optional(),
    matchingStrategy: z
      .enum(['last', 'all', 'frequency'], { error: 'expected last, all or frequency' })
      .optional()
      .meta({ description: 'As in Meilisearch; with all and frequency, the exact spellings the gateway adds for ranking are left out of the query.' }),
    locales: z
      .array(z.enum(Object.keys(LOCALES) as [keyof typeof LOCALES], { error: `expected ${Object.keys(LOCALES).join(' or ')}` }))
      .max(2)
      .optional()
      .meta({ description: 'tur or eng: how to read q (one locale), like a single lang filter.' }),
    attributesToSearchOn: notSupported('the index searches analysed copies of title and body'),
    distinct: z
      .enum(Object.keys(DISTINCT_ATTRIBUTES) as [DistinctAttribute], { error: `expected one of ${Object.keys(DISTINCT_ATTRIBUTES).join(', ')}` })
      .optional()
      .meta({ description: 'One hit per value of this attribute (source and category: per value however it is spelt).' }),
    hybrid: notSupported('no embedders'),
    vector: notSupported('no embedders'),
    media: notSupported('no embedders'),
    retrieveVectors: notSupported('no embedders'),
    showRankingScoreDetails: notSupported('details name internal fields'),
    showPerformanceDetails: notSupported('internal'),
    personalize: notSupported('no personalization'),
    federationOptions: z
      .object({ weight: z.number().min(0).max(100).optional() })
      .strict()
      .optional()
      .meta({ description: 'Only with `federation`: the weight of this query’s ranking scores in the merged list.' }),
  };

  const searchObject = z.object(searchFields);

  /** The request's cost limits (src/search/limits.ts), as an issue at the parameter to change. */
  const withinCost = (multi: boolean) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (typeof v !== 'object' || v === null) return;
    const queries = multi ? (Array.isArray(v.queries) ? (v.queries as Record<string, unknown>[]) : []) : [v];
    const problem = rules.costProblem(queries, multi);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  };

  /** POST /meili/indexes/:uid/search */
  const meiliSearchBody = paramsObject(searchFields).superRefine(withinCost(false)).transform((v) => resolveTags(v as z.output<typeof searchObject>));

  const queryFields = { indexUid, ...searchFields };
  const multiSearchQuery = paramsObject(queryFields).transform((v) => resolveTags(v as z.output<z.ZodObject<typeof queryFields>>));

  const federation = z
    .object({
      offset: z.number().int().min(0).max(maxTotalHits).optional(),
      limit: z.number().int().min(0).max(maxHitsPerQuery).optional(),
      facetsByIndex: notSupported('facets of a federated search'),
      mergeFacets: notSupported('facets of a federated search'),
    })
    .strict();

  const multiFields = {
    queries: z.array(multiSearchQuery).min(1).max(maxQueries),
    federation: federation.nullable().optional().meta({ description: 'Merges the hits of every query into one list (all on the configured index), as Meilisearch’s federated search.' }),
  };
  /** POST /meili/multi-search */
  const meiliMultiSearchBody = z
    .looseObject(multiFields)
    .superRefine(refuseUnknown(multiFields))
    .superRefine((v, ctx) => {
      const queries = Array.isArray(v.queries) ? (v.queries as Record<string, unknown>[]) : [];
      const federated = v.federation !== undefined && v.federation !== null;
      queries.forEach((q, i) => {
        if (!q || typeof q !== 'object') return;
        if (!federated && q.federationOptions !== undefined) ctx.addIssue({ code: 'custom', path: ['queries', i, 'federationOptions'], message: 'only in a federated search (with federation)' });
        if (federated) {
          for (const key of PER_QUERY_ONLY) {
            if (q[key] !== undefined) ctx.addIssue({ code: 'custom', path: ['queries', i, key], message: `not allowed in a federated search: set it on federation` });
          }
        }
      });
    })
    .superRefine(withinCost(true));

  const meiliIndexParams = z.object({ uid: indexUid });

  /** GET /meili/indexes/:uid/search: each parameter as text (documented one by one), then read as the POST body. */
  const meiliSearchQuery = z
    .looseObject(
      Object.fromEntries(
        Object.keys(searchFields)
          .filter((k) => k !== 'federationOptions')
          .map((k) => [k, z.string({ error: 'expected one value' }).optional()]),
      ),
    )
    .transform(fromQueryString)
    .pipe(meiliSearchBody);

  /**
   * POST /meili/indexes/:uid/facet-search. instant-meilisearch sends its whole search parameters
   * along (highlight tags, limit…): they are validated like a search's, and only q, filter,
   * matchingStrategy and locales narrow the documents whose values are counted.
   */
  const facetSearchFields = {
    ...searchFields,
    facetName: z.enum(FACET_NAMES, { error: `expected one of ${FACET_NAMES.join(', ')}` }),
    facetQuery: z.string().max(100).nullable().optional().meta({ description: 'The start of the values wanted; case, dotted/dotless i and diacritics do not matter (istanbul finds İstanbul).' }),
    exhaustiveFacetCount: z.boolean().optional(),
  };
  const meiliFacetSearchBody = z.looseObject(facetSearchFields).superRefine(refuseUnknown(facetSearchFields)).transform((v) => v as z.output<z.ZodObject<typeof facetSearchFields>>);

  /** A search's parameters by name (Meilisearch names its errors after them); federationOptions belongs to multi-search. */
  const meiliSearchParams: readonly string[] = Object.keys(searchFields).filter((k) => k !== 'federationOptions');

  return { meiliSearchBody, meiliMultiSearchBody, meiliIndexParams, meiliSearchQuery, meiliFacetSearchBody, meiliSearchParams };
}
