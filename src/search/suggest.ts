import { facetKey, foldCase, queryMatcher, rewriteQuery, tokenize } from '../analysis/index.ts';
import { multiSearch, searchFacetValues, type FacetValueHit } from '../meili/search.ts';
import { buildFilter } from './filters.ts';
import { escapeHtml, highlightAll } from './highlight.ts';
import { anyCompletes, completesWord } from './prefix.ts';
import type { SearchContext } from './service.ts';

export interface SuggestRequest {
  q: string;
  lang?: string[];
  limit: number;
}

export interface Suggestion {
  /** `term`: a frequent word completing the last one typed; `title`: a matching document. */
  type: 'term' | 'title';
  /** For a term, the whole query with its last word completed; for a title, the title. */
  text: string;
  /** `text` as escaped HTML, the completed or matched part in <mark>. */
  html: string;
  /** Documents holding the term. */
  count?: number;
  id?: string;
  lang?: string;
}

export interface SuggestResponse {
  query: string;
  suggestions: Suggestion[];
}

/** At most this many of the suggestions are terms; titles fill the rest. */
const MAX_TERMS = 4;

const TITLE_FIELDS = ['title', 'title_stem', 'title_exact'];

/**
 * Titles fetched while a word is being typed: the title search matches its 5-letter stem (and
 * typos), so titles without a word that completes the prefix are dropped and more are asked for.
 */
const TITLE_CANDIDATES = 30;


/** Facet values that differ only in case or diacritics become one, spelt as most documents spell it. */
export function mergeTerms(hits: FacetValueHit[]): FacetValueHit[] {
  const byKey = new Map<string, { value: string; best: number; count: number }>();
  for (const h of hits) {
    const key = facetKey(h.value);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { value: h.value, best: h.count, count: h.count });
    else {
      seen.count += h.count;
      if (h.count > seen.best) [seen.value, seen.best] = [h.value, h.count];
    }
  }
  return [...byKey.values()].map(({ value, count }) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** `<mark>` around the part of `word` that the folded `typed` prefix covers. */
export function markPrefix(word: string, typed: string): string {
  const want = foldCase(typed);
  for (let k = 1; k <= word.length; k++) {
    const head = foldCase(word.slice(0, k));
    if (head === want) return `<mark>${escapeHtml(word.slice(0, k))}</mark>${escapeHtml(word.slice(k))}`;
    if (head.length > want.length) break;
  }
  return escapeHtml(word);
}

/**
 * Completions for a search box: frequent words that complete the last word typed (from the
 * `terms` facet, restricted to documents matching the words before it), then matching titles.
 */
export async function suggest(ctx: SearchContext, req: SuggestRequest): Promise<SuggestResponse> {
  const words = tokenize(req.q);
  const last = words.at(-1);
  const typingWord = last !== undefined && !/\s$/.test(req.q);
  const head = typingWord ? words.slice(0, -1).join(' ') : words.join(' ');
  const queryLang = req.lang?.length === 1 ? req.lang[0] : undefined;
  const filter = buildFilter({ lang: req.lang });
  const rewrite = rewriteQuery(req.q, queryLang, { typing: typingWord });
  if (!rewrite.q) return { query: req.q, suggestions: [] };

  const [terms, titles] = await Promise.all([
    typingWord
      ? searchFacetValues(ctx.client, ctx.indexUid, { facetName: 'terms', facetQuery: foldCase(last), q: rewriteQuery(head, queryLang).q, filter })
      : Promise.resolve([]),
    multiSearch<{ id: string; title?: string; lang: string }>(ctx.client, [
      // Titles that match in the title itself, not documents that match in their body.
      { indexUid: ctx.indexUid, q: rewrite.q, filter, limit: typingWord ? TITLE_CANDIDATES : req.limit, attributesToRetrieve: ['id', 'title', 'lang'], attributesToSearchOn: TITLE_FIELDS },
    ]).then(([r]) => r!.hits),
  ]);

  const out: Suggestion[] = [];
  const prefix = head ? `${head} ` : '';
  // Facet search folds marks away and allows typos (`kılıç` → Kiichi): keep true completions.
  const completing = typingWord ? terms.filter((t) => completesWord(t.value, last)) : terms;
  for (const t of mergeTerms(completing).slice(0, Math.min(MAX_TERMS, req.limit))) {
    out.push({ type: 'term', text: prefix + t.value, html: escapeHtml(prefix) + markPrefix(t.value, last!), count: t.count });
  }
  const matcher = queryMatcher(rewrite);
  for (const h of titles) {
    if (out.length >= req.limit) break;
    if (typingWord && !anyCompletes(tokenize(h.title ?? ''), last)) continue;
    const title = highlightAll(h.title ?? '', (w) => matcher(w, h.lang));
    out.push({ type: 'title', text: title.text, html: title.html, id: h.id, lang: h.lang });
  }
  return { query: req.q, suggestions: out };
}
