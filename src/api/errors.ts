import { z } from 'zod';

// The error answers of the contract: the gateway's own `{ error }` body everywhere, and on the
// Meilisearch-compatible surface Meilisearch's fields beside it.

export const errorDetail = z.object({ index: z.number().int(), id: z.string().optional(), reason: z.string() });
export type ErrorDetail = z.output<typeof errorDetail>;

export const errorBody = z.object({
  error: z.object({
    code: z.string().meta({ example: 'invalid_parameter' }),
    message: z.string(),
    param: z.string().optional().meta({ description: 'The parameter (or body field) at fault.' }),
    details: z.array(errorDetail).optional(),
  }),
});
export type ErrorBody = z.output<typeof errorBody>;

/** The error answers every route may give. */
export const commonErrors = {
  400: { description: 'Invalid parameter (named in error.param).', schema: errorBody },
  503: { description: 'Meilisearch is unreachable or too slow (code search_unavailable); Retry-After is set.', schema: errorBody },
};

/** Meilisearch's error fields (what the meilisearch client and instant-meilisearch read). */
export const meiliErrorFields = z.object({
  message: z.string(),
  code: z.string(),
  type: z.enum(['invalid_request', 'auth', 'internal', 'system']),
  link: z.string(),
});
export type MeiliErrorFields = z.output<typeof meiliErrorFields>;

/** Meilisearch's error fields, next to the gateway's `error` object. */
export const meiliErrorBody = meiliErrorFields.extend({
  error: z.object({ code: z.string(), message: z.string(), param: z.string().optional() }),
});
