import { parseDate } from '../documents/dates.ts';

/** Validated filter values; strings are only ever ISO codes, numbers are numbers. */
export interface SearchFilters {
  lang?: string[];
  from?: string;
  to?: string;
}

export type MeiliFilter = (string | string[])[];

/**
 * Builds a Meilisearch filter in array form (AND of ORs). Values reach this point only
 * after schema validation (ISO codes, parsed dates), so user input can never change the
 * filter's structure: a value is either a quoted [a-z] code or a number we computed.
 */
export function buildFilter(f: SearchFilters): MeiliFilter {
  const out: MeiliFilter = [];
  if (f.lang?.length) {
    for (const l of f.lang) if (!/^[a-z]{2,3}$/.test(l)) throw new Error(`unvalidated lang value reached the filter builder`);
    out.push(f.lang.map((l) => `lang = "${l}"`));
  }
  // A document dated 2024-06 covers all of June: keep it when its period overlaps [from, to].
  if (f.from) out.push(`date_end_ts >= ${parseDate(f.from).start}`);
  if (f.to) out.push(`date_ts <= ${parseDate(f.to).end}`);
  return out;
}
