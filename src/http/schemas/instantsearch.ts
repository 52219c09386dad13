import { z } from 'zod';
import { FilterError, parseFilter } from '../../instantsearch/filter-parser.ts';
import { costProblem } from '../../instantsearch/cost.ts';
import { FACETS, LOCALES, POST_TAGS, PRE_TAGS, PUBLIC_FIELDS, SORTS, TAG_PAIRS, type PreTag } from '../../instantsearch/fields.ts';
import { MAX_TOTAL_HITS } from '../../meili/settings.ts';
import { MAX_HITS_PER_QUERY, MAX_QUERIES } from '../../search/limits.ts';
import { queryText } from './common.ts';

// The search parameters of Meilisearch 1.21 that instant-meilisearch sends (and the official
// client can), validated strictly: a value we cannot honour is a 400 naming the parameter,
// never silently dropped. Unknown parameters are refused too, as Meilisearch refuses them.

export { MAX_QUERIES };

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

const searchFields = {
  q: queryText.nullable().optional().meta({ description: 'Query, analysed like the gateway’s own search (Turkish/English casing, suffixes, stems).' }),
  offset: z.number().int().min(0).max(MAX_TOTAL_HITS).optional(),
  limit: z.number().int().min(0).max(MAX_HITS_PER_QUERY).optional(),
  page: z.number().int().min(1).max(MAX_TOTAL_HITS).optional().meta({ description: 'With page or hitsPerPage the answer has exhaustive totalHits/totalPages, as in Meilisearch.' }),
  hitsPerPage: z.number().int().min(0).max(MAX_HITS_PER_QUERY).optional(),
  filter: filterInput
    .nullable()
    .optional()
    .transform((f, ctx) => {
      if (f === null || f === undefined) return [];
      try {
        return parseFilter(f);
      } catch (err) {
        if (!(err instanceof FilterError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
        return z.NEVER;
      }
    })
    .meta({ description: 'Meilisearch filter (string or arrays), limited to =/IN on lang, source, category, year, month and ranges on year. A single language also tells how to read q.' }),
  facets: z.array(z.enum(['*', ...FACETS], { error: `expected * or one of ${FACETS.join(', ')}` })).max(10).nullable().optional(),
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
  matchingStrategy: z.literal('last', { error: 'only "last": the rewritten query holds ranking-only words that other strategies would require' }).optional(),
  locales: z
    .array(z.enum(Object.keys(LOCALES) as [keyof typeof LOCALES], { error: `expected ${Object.keys(LOCALES).join(' or ')}` }))
    .max(2)
    .optional()
    .meta({ description: 'tur or eng: how to read q (one locale), like a single lang filter.' }),
  attributesToSearchOn: notSupported('the index searches analysed copies of title and body'),
  distinct: notSupported('no distinct attribute'),
  hybrid: notSupported('no embedders'),
  vector: notSupported('no embedders'),
  media: notSupported('no embedders'),
  retrieveVectors: notSupported('no embedders'),
  showRankingScoreDetails: notSupported('details name internal fields'),
  showPerformanceDetails: notSupported('internal'),
  personalize: notSupported('no personalization'),
  federationOptions: notSupported('no federated search'),
};

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

const searchObject = z.object(searchFields);

/** The request's cost limits (src/search/limits.ts), as an issue at the parameter to change. */
const withinCost = (multi: boolean) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if (typeof v !== 'object' || v === null) return;
  const queries = multi ? (Array.isArray(v.queries) ? (v.queries as Record<string, unknown>[]) : []) : [v];
  const problem = costProblem(queries, multi);
  if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
};

/** POST /meili/indexes/:uid/search */
export const meiliSearchBody = paramsObject(searchFields).superRefine(withinCost(false)).transform((v) => resolveTags(v as z.output<typeof searchObject>));
export type MeiliSearchParams = z.output<typeof meiliSearchBody>;

const queryFields = { indexUid, ...searchFields };
const multiSearchQuery = paramsObject(queryFields).transform((v) => resolveTags(v as z.output<z.ZodObject<typeof queryFields>>));

const multiFields = {
  queries: z.array(multiSearchQuery).min(1).max(MAX_QUERIES),
  federation: notSupported('no federated search'),
};
/** POST /meili/multi-search */
export const meiliMultiSearchBody = z.looseObject(multiFields).superRefine(refuseUnknown(multiFields)).superRefine(withinCost(true));

export const meiliIndexParams = z.object({ uid: indexUid });

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
});
export const meiliMultiSearchResponse = z.object({ results: z.array(meiliSearchResponse.extend({ indexUid: z.string() })) });

/** Meilisearch's error fields, next to the gateway's `error` object. */
export const meiliErrorBody = z.object({
  message: z.string(),
  code: z.string(),
  type: z.string(),
  link: z.string(),
  error: z.object({ code: z.string(), message: z.string(), param: z.string().optional() }),
});
