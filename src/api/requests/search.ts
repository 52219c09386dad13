import { z } from 'zod';
import type { RequestRules } from '../rules.ts';
import { DEFAULT_CROP_WORDS, DEFAULT_FACETS, FACET_NAMES } from '../vocabulary.ts';
import { commonFields, intParam, langList, nameList } from './common.ts';

const noCustomTags = z
  .never('not accepted: highlights are always <mark> so that everything else can be escaped; use highlight=none and `matches` to build your own markup')
  .optional();

/** GET /search */
export function searchRequests(rules: RequestRules) {
  const { dateParam, facetValueList, queryText } = commonFields(rules);
  const maxTotalHits = rules.limits.maxTotalHits;
  const periodOf = (date: string) => {
    const read = rules.readDate(date);
    return 'problem' in read ? undefined : read;
  };

  // Unknown parameters are ignored (caches and analytics add their own); known ones are strict.
  const searchQuery = z
    .object({
      q: queryText.default('').meta({ description: 'Query. Empty: list documents, newest first.', example: 'istanbul’da seçim' }),
      lang: langList.optional().meta({ description: 'Comma list of ISO 639-1 codes to filter on; one code also sets how the query is read.', example: 'tr' }),
      from: dateParam.optional().meta({ description: 'Inclusive start date: YYYY, YYYY-MM or YYYY-MM-DD (a partial date covers its whole period).', example: '2024-01' }),
      to: dateParam.optional().meta({ description: 'Inclusive end date, same formats as from.', example: '2024-12-31' }),
      source: facetValueList.optional().meta({ description: 'Comma list of sources (facet keys or any spelling of the label).', example: 'sehir-arsivi' }),
      category: facetValueList.optional().meta({ description: 'Comma list of categories (facet keys or any spelling of the label).', example: 'ekonomi' }),
      sort: z.enum(['relevance', 'date:desc', 'date:asc']).default('relevance').meta({ description: 'Order of hits; undated documents come last when sorting by date.' }),
      page: intParam(1, maxTotalHits, 1).meta({ description: '1-based page.' }),
      perPage: intParam(1, 100, 10).meta({ description: 'Hits per page.' }),
      facets: nameList(FACET_NAMES)
        .optional()
        .meta({ description: `Comma list of facets to count (${FACET_NAMES.join(', ')}); empty for none. Default: ${DEFAULT_FACETS.join(',')}.` }),
      cropLength: intParam(5, 100, DEFAULT_CROP_WORDS).meta({ description: 'Snippet length in words.' }),
      highlight: z.enum(['html', 'none']).default('html').meta({ description: 'html: titleHighlighted and snippet are escaped HTML with <mark>; none: plain text.' }),
      highlightPreTag: noCustomTags,
      highlightPostTag: noCustomTags,
    })
    // May run after a field failed (zod goes on unless a transform gave up), so values here may be invalid.
    .superRefine((v, ctx) => {
      const from = typeof v.from === 'string' ? periodOf(v.from) : undefined;
      const to = typeof v.to === 'string' ? periodOf(v.to) : undefined;
      if (from && to && from.start > to.end) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is after to' });
      }
      if (typeof v.page === 'number' && typeof v.perPage === 'number' && (v.page - 1) * v.perPage >= maxTotalHits) {
        ctx.addIssue({ code: 'custom', path: ['page'], message: `pages reach the first ${maxTotalHits} hits of a query; narrow it with filters` });
      }
    });
  return { searchQuery };
}
