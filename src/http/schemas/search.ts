import { z } from 'zod';
import { parseDate } from '../../documents/dates.ts';
import { dateParam, intParam, langList } from './common.ts';

export const MAX_QUERY_LENGTH = 512;

// Unknown parameters are ignored (caches and analytics add their own); known ones are strict.
export const searchQuery = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH).default(''),
    lang: langList.optional(),
    from: dateParam.optional(),
    to: dateParam.optional(),
    sort: z.enum(['relevance', 'date:desc', 'date:asc']).default('relevance'),
    page: intParam(1, 10_000, 1),
    perPage: intParam(1, 100, 10),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && parseDate(v.from).start > parseDate(v.to).end) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is after to' });
    }
  });

export type SearchQuery = z.infer<typeof searchQuery>;
