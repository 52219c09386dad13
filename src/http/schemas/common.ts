import ISO6391 from 'iso-639-1';
import { z } from 'zod';
import { InvalidDateError, parseDate } from '../../documents/dates.ts';

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

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the calendar. */
export const dateParam = z.string().max(10).superRefine((s, ctx) => {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'expected YYYY, YYYY-MM or YYYY-MM-DD' });
    return;
  }
  try {
    parseDate(s);
  } catch (err) {
    if (!(err instanceof InvalidDateError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.message });
  }
});

export const intParam = (min: number, max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((n) => n ?? dflt);
