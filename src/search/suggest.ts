import { facetKey, foldCase, queryMatcher, rewriteQuery, tokenize } from '../analysis/index.ts';
import type { Meilisearch } from 'meilisearch';
import type { SuggestQuery, SuggestResponse, Suggestion } from '../api/index.ts';
import { multiSearch, partialOf, searchFacetValues, type FacetValueHit, type SearchQuery } from '../meili/search.ts';
import { CACHED_PREFIX_LETTERS, type TermHits } from './completions.ts';
import { buildFilter, type MeiliFilter } from './filters.ts';
import { escapeHtml, highlightAll } from './highlight.ts';
import { anyCompletes, completesWord } from './prefix.ts';
import type { SearchContext } from './service.ts';

/** GET /suggest's parameters; `mode` defaults to `complete` (completions of the last word) for other callers. */
export type SuggestRequest = Omit<SuggestQuery, 'mode'> & Partial<Pick<SuggestQuery, 'mode'>>;

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

/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/**
 * Edits a correction may be from the word typed: one from 5 letters, two from 10. The index's
 * own typo rule starts at 6 letters (config/index-settings.json), so for a 5-letter word the
 * candidates are found here, not by Meilisearch.
 */
const allowedEdits = (word: string): number => ([...word].length >= 10 ? 2 : [...word].length >= 5 ? 1 : 0);

/**
 * "Did you mean": words of the `terms` facet that are another spelling of the query's last word,
 * closest first, then most frequent. Candidates come from two facet searches, one for the word
 * (Meilisearch forgives its typos from 6 letters) and one for its first half (a typo in the
 * second half, at any length); those more edits away than allowed are dropped. A word that
 * differs only in case or marks is the same word, not a correction. Unlike completions, these
 * need not start with what was typed.
 */
async function corrections(ctx: SearchContext, req: SuggestRequest): Promise<SuggestResponse> {
  const words = tokenize(req.q);
  const last = words.at(-1);
  const maxEdits = last === undefined ? 0 : allowedEdits(foldCase(last));
  if (last === undefined || maxEdits === 0) return { query: req.q, suggestions: [] };
  const head = words.slice(0, -1).join(' ');
  const queryLang = req.lang?.length === 1 ? req.lang[0] : undefined;
  const typed = facetKey(last);
  const folded = foldCase(last);
  const probes = [folded, [...folded].slice(0, Math.ceil([...folded].length / 2)).join('')];
  const found = await Promise.all(
    probes.map((facetQuery) =>
      searchFacetValues(ctx.client, ctx.indexUid, { facetName: 'terms', facetQuery, q: head ? rewriteQuery(head, queryLang).q : undefined, filter: buildFilter({ lang: req.lang }) }),
    ),
  );
  const unique = [...new Map(found.flatMap((f) => f.facetHits).map((h) => [h.value, h])).values()];
  const prefix = head ? `${head} ` : '';
  return {
    query: req.q,
    suggestions: mergeTerms(unique)
      .map((t) => ({ ...t, edits: editDistance(facetKey(t.value), typed) }))
      .filter((t) => t.edits > 0 && t.edits <= maxEdits)
      .sort((a, b) => a.edits - b.edits || b.count - a.count)
      .slice(0, req.limit)
      .map((t) => ({ type: 'term', text: prefix + t.value, html: `${escapeHtml(prefix)}<mark>${escapeHtml(t.value)}</mark>`, count: t.count })),
    ...partialOf(found),
  };
}

/** The `terms` facet search of completions: values starting with `facetQuery`, in documents matching `q` (the words before). */
export interface TermSearch {
  facetName: 'terms';
  facetQuery: string;
  q?: string;
  filter: MeiliFilter;
}

/** The answer to `search`; a short first word's from the cache when it has it. */
function completionsOf(ctx: SearchContext, client: Meilisearch, search: TermSearch): Promise<TermHits> {
  const ask = () => searchFacetValues(client, ctx.indexUid, search);
  const cacheable = ctx.completions && !search.q && [...search.facetQuery].length <= CACHED_PREFIX_LETTERS;
  return cacheable ? ctx.completions!.answer(search.filter, search.facetQuery, ask) : ask();
}

/**
 * Asks Meilisearch for every short first word's completions once (no filter), so that the first
 * keystrokes after a start find them kept: the number kept. Nothing without a cache; stops
 * early once `signal` is aborted (the gateway closed).
 */
export async function warmCompletions(ctx: SearchContext, signal?: AbortSignal): Promise<number> {
  if (!ctx.completions) return 0;
  const client = ctx.client;
  const filter = buildFilter({});
  return ctx.completions.warm(filter, (facetQuery) => searchFacetValues(client, ctx.indexUid, { facetName: 'terms', facetQuery, filter }), signal);
}

/** What completions of `q` ask Meilisearch: the `terms` facet search (while a word is being typed) and the title search. */
export interface SuggestPlan {
  /** The word being typed, as typed; absent after a space. */
  last?: string;
  /** The words before it. */
  head: string;
  rewrite: ReturnType<typeof rewriteQuery>;
  terms?: TermSearch;
  titles: SearchQuery;
}

/** The requests behind GET /suggest (mode complete), as data: undefined when nothing is to be asked. */
export function planSuggest(indexUid: string, req: SuggestRequest): SuggestPlan | undefined {
  const words = tokenize(req.q);
  const last = words.at(-1);
  const typingWord = last !== undefined && !/\s$/.test(req.q);
  const head = typingWord ? words.slice(0, -1).join(' ') : words.join(' ');
  const queryLang = req.lang?.length === 1 ? req.lang[0] : undefined;
  const filter = buildFilter({ lang: req.lang });
  const rewrite = rewriteQuery(req.q, queryLang, { typing: typingWord });
  if (!rewrite.q) return undefined;
  const headQ = typingWord && head ? rewriteQuery(head, queryLang).q : '';
  return {
    ...(typingWord ? { last } : {}),
    head,
    rewrite,
    ...(typingWord ? { terms: { facetName: 'terms' as const, facetQuery: foldCase(last), ...(headQ ? { q: headQ } : {}), filter } } : {}),
    // Titles that match in the title itself, not documents that match in their body.
    titles: { indexUid, q: rewrite.q, filter, limit: typingWord ? TITLE_CANDIDATES : req.limit, attributesToRetrieve: ['id', 'title', 'lang'], attributesToSearchOn: TITLE_FIELDS },
  };
}

/**
 * Completions for a search box: frequent words that complete the last word typed (from the
 * `terms` facet, restricted to documents matching the words before it), then matching titles.
 */
export async function suggest(ctx: SearchContext, req: SuggestRequest): Promise<SuggestResponse> {
  if (req.mode === 'correct') return corrections(ctx, req);
  const plan = planSuggest(ctx.indexUid, req);
  if (!plan) return { query: req.q, suggestions: [] };
  const { last, head, rewrite } = plan;
  const typingWord = last !== undefined;

  // Read once, before either request starts: the getter throws while the gateway is starting,
  // and a throw between the two would leave the first one's rejection unhandled (the process ends).
  const client = ctx.client;
  const [terms, titles] = await Promise.all([
    plan.terms ? completionsOf(ctx, client, plan.terms) : Promise.resolve<TermHits>({ facetHits: [] }),
    multiSearch<{ id: string; title?: string; lang: string }>(client, [plan.titles]).then(([r]) => r!),
  ]);

  const out: Suggestion[] = [];
  const prefix = head ? `${head} ` : '';
  // Facet search folds marks away and allows typos (`kılıç` → Kiichi): keep true completions.
  const completing = typingWord ? terms.facetHits.filter((t) => completesWord(t.value, last)) : terms.facetHits;
  for (const t of mergeTerms(completing).slice(0, Math.min(MAX_TERMS, req.limit))) {
    out.push({ type: 'term', text: prefix + t.value, html: escapeHtml(prefix) + markPrefix(t.value, last!), count: t.count });
  }
  const matcher = queryMatcher(rewrite);
  for (const h of titles.hits) {
    if (out.length >= req.limit) break;
    if (typingWord && !anyCompletes(tokenize(h.title ?? ''), last)) continue;
    const title = highlightAll(h.title ?? '', (w) => matcher(w, h.lang));
    out.push({ type: 'title', text: title.text, html: title.html, id: h.id, lang: h.lang });
  }
  return { query: req.q, suggestions: out, ...partialOf([terms, titles]) };
}
