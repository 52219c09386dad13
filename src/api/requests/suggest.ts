import { z } from 'zod';
import type { RequestRules } from '../rules.ts';
import { intParam, langList } from './common.ts';

/** GET /suggest */
export const suggestRequests = (rules: RequestRules) => ({
  suggestQuery: z.object({
    q: z.string().max(400).transform(rules.cleanText).pipe(z.string().max(100)).default('').meta({ description: 'What has been typed so far; the last word is completed.', example: 'kilic' }),
    lang: langList.optional().meta({ description: 'Comma list of ISO 639-1 codes to suggest from.', example: 'tr' }),
    limit: intParam(1, 8, 8).meta({ description: 'Most suggestions to return (terms first, then titles).' }),
    mode: z
      .enum(['complete', 'correct'], { error: 'expected complete or correct' })
      .default('complete')
      .meta({
        description:
          '`complete` (default): words that start with the last word typed, then titles, for a search box. `correct`: other spellings of the last word that the index holds (a typo or two away, closest first, terms only), for a "did you mean" offer.',
        example: 'complete',
      }),
  }),
});
