import { analyzerFor, runChain } from './chains.ts';
import { detectQueryLanguage } from './detect-lang.ts';
import { tokenize } from './filters/tokenize.ts';

/** Meilisearch 1.21 reads only the first 10 words of a query and drops the rest silently. */
export const MEILI_MAX_QUERY_WORDS = 10;

export interface QueryRewrite {
  lang: string;
  langSource: 'param' | 'detected' | 'undetermined';
  /** Terms sent to Meilisearch, in order. */
  terms: string[];
  /** Stop words removed from the query. */
  dropped: string[];
  /** The string sent to Meilisearch. */
  q: string;
}

/**
 * Query-time analysis with the same chain as documents, except that stop words are
 * dropped only when something else is left (a query of only stop words is kept).
 */
export function rewriteQuery(raw: string, lang?: string): QueryRewrite {
  const guess = lang ? { lang, confident: true } : detectQueryLanguage(raw);
  const analyzer = analyzerFor(guess.lang);
  const normalized = runChain(tokenize(raw), analyzer.normalize);
  const kept = normalized.filter((t) => !analyzer.stop.has(t));
  const terms = (kept.length > 0 ? kept : normalized).slice(0, MEILI_MAX_QUERY_WORDS);
  const dropped = kept.length > 0 ? normalized.filter((t) => analyzer.stop.has(t)) : [];
  return {
    lang: guess.lang,
    langSource: lang ? 'param' : guess.confident ? 'detected' : 'undetermined',
    terms,
    dropped,
    q: terms.join(' '),
  };
}
