import { FACET_KEY } from '../analysis/index.ts';
import { parseDate } from '../documents/dates.ts';

/** Validated filter values: language codes, dates, and facet keys (see analysis/facet-key.ts). */
export interface SearchFilters {
  lang?: string[];
  from?: string;
  to?: string;
  source?: string[];
  category?: string[];
  /** Year buckets (any of them), for a facet refined on `year`; whole numbers. */
  year?: number[];
  /** Month buckets (`YYYY-MM`, any of them), for a facet refined on `month`. */
  month?: string[];
}

/** The filters a facet can be freed of, for disjunctive counts. */
export type FilterGroup = 'lang' | 'date' | 'source' | 'category';

export type MeiliFilter = (string | string[])[];

const LANG = /^[a-z]{2,3}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function quoted(field: string, values: string[], valid: RegExp): string[] {
  // Values were validated by the request schema; a value that is not is a bug, not input.
  for (const v of values) if (!valid.test(v)) throw new Error(`unvalidated ${field} value reached the filter builder`);
  return values.map((v) => `${field} = "${v}"`);
}

/**
 * A Meilisearch filter in array form (AND of ORs), without the group `except` (for the
 * counts of a facet the user is filtering on). Only ISO codes, facet keys (letters, digits,
 * `-`) and numbers we computed reach it, so input can never change the filter's structure.
 */
export function buildFilter(f: SearchFilters, except?: FilterGroup): MeiliFilter {
  const out: MeiliFilter = [];
  if (f.lang?.length && except !== 'lang') out.push(quoted('lang', f.lang, LANG));
  if (f.source?.length && except !== 'source') out.push(quoted('source_key', f.source, FACET_KEY));
  if (f.category?.length && except !== 'category') out.push(quoted('category_key', f.category, FACET_KEY));
  if (except !== 'date') {
    // A document dated 2024-06 covers all of June: keep it when its period overlaps [from, to].
    if (f.from) out.push(`date_end_ts >= ${parseDate(f.from).start}`);
    if (f.to) out.push(`date_ts <= ${parseDate(f.to).end}`);
    if (f.year?.length) {
      if (!f.year.every((y) => Number.isSafeInteger(y))) throw new Error('unvalidated year value reached the filter builder');
      out.push(f.year.map((y) => `year = ${y}`));
    }
    if (f.month?.length) out.push(quoted('month', f.month, MONTH));
  }
  return out;
}

/** The groups the request filters on. */
export function activeGroups(f: SearchFilters): FilterGroup[] {
  const groups: FilterGroup[] = [];
  if (f.lang?.length) groups.push('lang');
  if (f.from || f.to || f.year?.length || f.month?.length) groups.push('date');
  if (f.source?.length) groups.push('source');
  if (f.category?.length) groups.push('category');
  return groups;
}
