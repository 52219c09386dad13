import ISO6391 from 'iso-639-1';
import { z } from 'zod';
import type { RequestRules } from '../rules.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from '../vocabulary.ts';

/** A comma list of ISO 639-1 codes (or `und`), lower-cased and de-duplicated. */
export const langList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const codes = [...new Set(s.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean))];
    for (const c of codes) {
      if (c !== 'und' && !ISO6391.validate(c)) {
        ctx.addIssue({ code: 'custom', message: `"${c.slice(0, 20)}" is not an ISO 639-1 language code` });
        return z.NEVER;
      }
    }
    return codes;
  });

export const intParam = (min: number, max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((n) => n ?? dflt);

/** A comma list of allowed names; an empty string is an empty list. */
export const nameList = <T extends string>(allowed: readonly T[]) =>
  z.string().max(200).transform((s, ctx) => {
    const names = [...new Set(s.split(',').map((n) => n.trim()).filter(Boolean))];
    const bad = names.find((n) => !(allowed as readonly string[]).includes(n));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 20)}" is not one of ${allowed.join(', ')}` });
      return z.NEVER;
    }
    return names as T[];
  });

/** The parameter types that need the app's checks. */
export function commonFields(rules: RequestRules) {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the calendar. */
  const dateParam = z.string().max(10).superRefine((s, ctx) => {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'expected YYYY, YYYY-MM or YYYY-MM-DD' });
      return;
    }
    const read = rules.readDate(s);
    if ('problem' in read) ctx.addIssue({ code: 'custom', message: read.problem });
  });

  /**
   * A comma list of facet values (`source=Şehir Arşivi,reuters`), turned into facet keys so
   * any spelling of a value selects its bucket. Keys hold only letters, digits and `-`.
   */
  const facetValueList = z
    .string()
    .max(1000)
    .transform((s, ctx) => {
      const keys = new Set<string>();
      for (const raw of s.split(',')) {
        if (!raw.trim()) continue;
        // Keys could not carry them anyway; a quote here is a filter-injection attempt, not a label.
        if (/["\\\p{Cc}]/u.test(raw)) {
          ctx.addIssue({ code: 'custom', message: 'quotes, backslashes and control characters are not allowed' });
          return z.NEVER;
        }
        const key = rules.facetKey(raw);
        if (!key) {
          ctx.addIssue({ code: 'custom', message: `"${raw.trim().slice(0, 20)}" has no letter or digit` });
          return z.NEVER;
        }
        keys.add(key);
      }
      if (keys.size > 20) {
        ctx.addIssue({ code: 'custom', message: 'at most 20 values' });
        return z.NEVER;
      }
      return [...keys];
    });

  /**
   * A query as typed: cleaned (lone surrogates, control characters), then at most 512
   * characters and 32 words. Meilisearch reads only 10 words anyway; past 32 it is not a query.
   */
  const queryText = z
    .string()
    .max(MAX_QUERY_LENGTH * 4)
    .transform(rules.cleanText)
    .pipe(
      z
        .string()
        .max(MAX_QUERY_LENGTH)
        .refine((q) => rules.tokenize(q).length <= MAX_QUERY_TERMS, `at most ${MAX_QUERY_TERMS} words`),
    );

  return { dateParam, facetValueList, queryText };
}
