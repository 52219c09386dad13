import { cleanText, facetKey, tokenize } from '../analysis/index.ts';
import { requestSchemas, type RequestRules } from '../api/index.ts';
import { InvalidDateError, parseDate } from '../documents/dates.ts';
import { MAX_ID_LENGTH } from '../documents/ids.ts';
import { costProblem } from '../instantsearch/cost.ts';
import { FilterError, parseFilter, type ParsedFilter } from '../instantsearch/filter-parser.ts';
import { MAX_TOTAL_HITS } from '../meili/settings.ts';
import { MAX_BODY_CHARS, MAX_RECORD_BYTES, MAX_HITS_PER_QUERY, MAX_QUERIES, MAX_TITLE_CHARS } from '../search/limits.ts';

/** The app's checks, as the contract's request schemas apply them (src/api/rules.ts). */
export const rules: RequestRules<ParsedFilter> = {
  cleanText,
  tokenize,
  facetKey,
  readDate(s) {
    try {
      return parseDate(s);
    } catch (err) {
      if (!(err instanceof InvalidDateError)) throw err;
      return { problem: err.message };
    }
  },
  readFilter(f) {
    if (f === undefined) return { filter: {} };
    try {
      return { filter: parseFilter(f) };
    } catch (err) {
      if (!(err instanceof FilterError)) throw err;
      return { problem: err.message };
    }
  },
  costProblem,
  limits: {
    maxTotalHits: MAX_TOTAL_HITS,
    maxHitsPerQuery: MAX_HITS_PER_QUERY,
    maxQueries: MAX_QUERIES,
    maxIdLength: MAX_ID_LENGTH,
    maxTitleChars: MAX_TITLE_CHARS,
    maxBodyChars: MAX_BODY_CHARS,
    maxRecordBytes: MAX_RECORD_BYTES,
  },
};

/** The request schemas the routes validate with (and OpenAPI documents). */
export const requests = requestSchemas(rules);
