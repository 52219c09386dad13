// Dates arrive as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; an ISO timestamp (`2024-01-01T23:30:00-05:00`)
// is accepted and counts as its UTC day (2024-01-02) for filters and facets, a timestamp without
// a zone as UTC, while the display keeps what was given.
// Meilisearch compares strings lexicographically, so each date is also stored as the
// numeric period it covers: [start, end] in unix seconds, plus year/month buckets.

export interface ParsedDate {
  /** As given (trimmed), for display. */
  display: string;
  start: number;
  end: number;
  year: number;
  /** `YYYY-MM`, or undefined for a year-only date. */
  month: string | undefined;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?)?)?$/;

const MIN_YEAR = 0;
const MAX_YEAR = 9999;

export class InvalidDateError extends Error {
  override name = 'InvalidDateError';
}

/** The period a date string covers; throws InvalidDateError on anything else. */
export function parseDate(input: string): ParsedDate {
  const display = input.trim();
  const m = DATE.exec(display);
  if (!m) throw new InvalidDateError(`date "${input}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
  let year = Number(m[1]);
  let month = m[2] === undefined ? undefined : Number(m[2]);
  let day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) throw new InvalidDateError(`date "${input}" has month ${month}`);
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month!))) {
    throw new InvalidDateError(`date "${input}" has no day ${day}`);
  }
  if (m[4] !== undefined) {
    // A moment: its day is the UTC one.
    const zone = m[8] === undefined || m[8] === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(-2)));
    const at = new Date(utc(year, month! - 1, day!) + ((Number(m[4]) * 60 + Number(m[5])) - zone) * 60_000);
    [year, month, day] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
    // A zone can push the UTC day past the four-digit years every bucket and filter is written in.
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new InvalidDateError(`date "${input}" falls on a UTC day outside the years ${MIN_YEAR}–${MAX_YEAR}`);
    }
  }
  const start = utc(year, (month ?? 1) - 1, day ?? 1) / 1000;
  const next = day !== undefined ? utc(year, month! - 1, day + 1) : month !== undefined ? utc(year, month, 1) : utc(year + 1, 0, 1);
  return {
    display,
    start,
    end: next / 1000 - 1,
    year,
    month: month === undefined ? undefined : `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
  };
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not (and rolls over month 12, day 0).
function utc(year: number, monthIndex: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}
