// The widget's state and its requests, without any DOM: the view (search-box.ts) calls the
// methods and re-renders on the two events. Every search and every suggestion request gets an
// increasing id and aborts the one before it; an answer whose id is no longer the latest is
// dropped, so an old, slow response never overwrites a newer one.

// The API contract's own types (type-only imports: nothing of src/ is bundled), so the widget
// reads exactly what the gateway answers.
import type { FacetName, MatchPosition, SearchHit, SearchQuery, SearchResponse, Suggestion } from '../src/api/index.ts';

export type { Suggestion };
export type Match = MatchPosition;
/** The part of a hit the widget shows. */
export type Hit = Pick<SearchHit, 'id' | 'lang' | 'title' | 'date' | 'source' | 'url' | 'snippetText' | 'matches'>;
type Counts = Record<string, number>;
/** The part of a /search answer the widget reads. */
export type SearchAnswer = Pick<SearchResponse, 'query' | 'total' | 'page' | 'totalPages' | 'facets' | 'disjunctiveFacets' | 'facetLabels'> & { hits: Hit[] };

export interface Chip {
  key: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface Results {
  query: string;
  total: number;
  page: number;
  totalPages: number;
  /** Every page loaded so far ("more results" appends). */
  hits: Hit[];
  langs: Chip[];
  years: Chip[];
  sources: Chip[];
  categories: Chip[];
  /** Language code → display name, from the gateway's facetLabels. */
  langLabels: Record<string, string>;
  /** A query from the index's own words, offered when this one finds nothing or little. */
  didYouMean: string | null;
}

export type Sort = Extract<SearchQuery['sort'], 'relevance' | 'date:desc'>;

/** The facets the widget shows (type-checked against the contract's names). */
const FACETS: FacetName[] = ['lang', 'year', 'source', 'category'];

/** down: unreachable or 5xx; auth: 401/403 (a wrong data-api-key); rate: 429; request: another 4xx. */
export type ErrorKind = 'down' | 'auth' | 'rate' | 'request';

export interface State {
  query: string;
  lang: string | null;
  year: string | null;
  /** Facet keys of the chosen source and category. */
  source: string | null;
  category: string | null;
  sort: Sort;
  status: 'idle' | 'loading' | 'done' | 'error';
  error: ErrorKind | null;
  results: Results | null;
}

export interface CoreOptions {
  /** Base URL of the gateway, ending in `/`. */
  endpoint: string;
  apiKey?: string;
  perPage: number;
  /** Search with an empty query too (newest documents first), instead of showing nothing. */
  browse?: boolean;
  debounceMs?: number;
  timeoutMs?: number;
  suggestLimit?: number;
  /** Display names of sources and categories, by raw value or facet key (`42bin_haber` → `42bin Haber`). */
  labels?: Record<string, string>;
  /** At most this many hits: a "did you mean" is looked for. */
  fewHits?: number;
  fetch?: typeof fetch;
}

interface Events {
  /** Status, filters or results changed. */
  results: State;
  suggestions: Suggestion[];
}

/** Chips from a facet: the disjunctive counts when that facet is filtered, so other values keep theirs. */
export function chipsFor(answer: SearchAnswer, facet: FacetName, selected: string | null, labels: Record<string, string> = {}): Chip[] {
  const counts: Counts = { ...((selected !== null && answer.disjunctiveFacets[facet]) || answer.facets[facet] || {}) };
  if (selected !== null && !(selected in counts)) counts[selected] = 0;
  return Object.entries(counts).map(([key, count]) => ({ key, label: labels[key] ?? key, count, selected: key === selected }));
}

/** A language's name in that language (`Türkçe`, `English`), as the gateway labels it. */
export function ownName(code: string): string {
  try {
    const name = code === 'und' ? undefined : new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name && name.toLowerCase() !== code ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
  } catch {
    return code;
  }
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const kindOf = (status: number): ErrorKind =>
  status === 401 || status === 403 ? 'auth' : status === 429 ? 'rate' : status >= 500 ? 'down' : 'request';

export class SearchCore {
  state: State = { query: '', lang: null, year: null, source: null, category: null, sort: 'relevance', status: 'idle', error: null, results: null };
  suggestions: Suggestion[] = [];
  private readonly opts: Required<Omit<CoreOptions, 'apiKey' | 'fetch'>> & Pick<CoreOptions, 'apiKey'>;
  /** Asked once per query: the last query looked up, and its answer. */
  private corrected: { query: string; text: Promise<string | null> } | null = null;
  private readonly fetcher: typeof fetch;
  private readonly listeners: { [K in keyof Events]: ((v: Events[K]) => void)[] } = { results: [], suggestions: [] };
  private searchSeq = 0;
  private suggestSeq = 0;
  private searchCtrl: AbortController | null = null;
  private suggestCtrl: AbortController | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private suggestTimer: ReturnType<typeof setTimeout> | undefined;
  /** What to run again on retry(): the last search and whether it appended a page. */
  private last: { page: number; append: boolean } = { page: 1, append: false };

  constructor(opts: CoreOptions) {
    this.opts = {
      endpoint: opts.endpoint,
      apiKey: opts.apiKey,
      perPage: opts.perPage,
      browse: opts.browse ?? false,
      debounceMs: opts.debounceMs ?? 250,
      timeoutMs: opts.timeoutMs ?? 10_000,
      suggestLimit: opts.suggestLimit ?? 6,
      labels: opts.labels ?? {},
      fewHits: opts.fewHits ?? 2,
    };
    this.fetcher = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  on<K extends keyof Events>(event: K, fn: (v: Events[K]) => void): void {
    this.listeners[event].push(fn);
  }

  private emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const fn of this.listeners[event]) fn(value);
  }

  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    this.emit('results', this.state);
  }

  /** Typing: search and suggest after a pause; what was in flight is cancelled now. */
  input(query: string): void {
    this.state.query = query;
    this.cancelSearch();
    this.searchTimer = setTimeout(() => void this.search(1, false), this.opts.debounceMs);
    this.cancelSuggest();
    if (query.trim()) this.suggestTimer = setTimeout(() => void this.suggest(), Math.min(this.opts.debounceMs, 150));
    else this.setSuggestions([]);
  }

  /** Enter, or a suggestion picked: search at once, suggestions closed. */
  submit(query: string = this.state.query): Promise<void> {
    this.state.query = query;
    this.closeSuggestions();
    return this.search(1, false);
  }

  setLang(lang: string | null): Promise<void> {
    this.state.lang = lang;
    return this.search(1, false);
  }

  setYear(year: string | null): Promise<void> {
    this.state.year = year;
    return this.search(1, false);
  }

  setSource(source: string | null): Promise<void> {
    this.state.source = source;
    return this.search(1, false);
  }

  setCategory(category: string | null): Promise<void> {
    this.state.category = category;
    return this.search(1, false);
  }

  setSort(sort: Sort): Promise<void> {
    this.state.sort = sort;
    return this.search(1, false);
  }

  clearFilters(): Promise<void> {
    this.state.lang = null;
    this.state.year = null;
    this.state.source = null;
    this.state.category = null;
    return this.search(1, false);
  }

  /** A configured display name for a source or category, else the gateway's label. */
  label(raw: string | null | undefined, key?: string, fallback?: string): string {
    const l = this.opts.labels;
    return (raw != null ? l[raw] : undefined) ?? (key !== undefined ? l[key] : undefined) ?? (fallback !== undefined ? l[fallback] : undefined) ?? fallback ?? raw ?? key ?? '';
  }

  more(): Promise<void> {
    const r = this.state.results;
    if (!r || r.page >= r.totalPages) return Promise.resolve();
    return this.search(r.page + 1, true);
  }

  retry(): Promise<void> {
    return this.search(this.last.page, this.last.append);
  }

  closeSuggestions(): void {
    this.cancelSuggest();
    this.setSuggestions([]);
  }

  private cancelSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchSeq++;
    this.searchCtrl?.abort();
    this.searchCtrl = null;
  }

  private cancelSuggest(): void {
    clearTimeout(this.suggestTimer);
    this.suggestSeq++;
    this.suggestCtrl?.abort();
    this.suggestCtrl = null;
  }

  private setSuggestions(list: Suggestion[]): void {
    if (list.length === 0 && this.suggestions.length === 0) return;
    this.suggestions = list;
    this.emit('suggestions', list);
  }

  private url(path: string, params: Record<string, string | number | null | undefined>): string {
    const u = new URL(path, this.opts.endpoint);
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') u.searchParams.set(k, String(v));
    return u.href;
  }

  /** GET a JSON answer; throws HttpStatusError, or the fetch error (aborts included). */
  private async get<T>(url: string, ctrl: AbortController): Promise<T> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, this.opts.timeoutMs);
    try {
      const res = await this.fetcher(url, {
        signal: ctrl.signal,
        credentials: 'omit',
        headers: this.opts.apiKey ? { Authorization: `Bearer ${this.opts.apiKey}` } : {},
      });
      if (!res.ok) throw new HttpStatusError(res.status);
      return (await res.json()) as T;
    } catch (err) {
      throw timedOut ? new HttpStatusError(504) : err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async search(page: number, append: boolean): Promise<void> {
    this.cancelSearch();
    const id = this.searchSeq;
    const ctrl = (this.searchCtrl = new AbortController());
    const { query, lang, year, source, category, sort } = this.state;
    this.last = { page, append };
    if (!query.trim() && !this.opts.browse && !lang && !year && !source && !category) {
      this.set({ status: 'idle', error: null, results: null });
      return;
    }
    this.set({ status: 'loading' });
    try {
      const answer = await this.get<SearchAnswer>(
        this.url('search', {
          q: query.trim(),
          lang,
          from: year,
          to: year,
          source,
          category,
          sort: sort === 'relevance' ? null : sort,
          page,
          perPage: this.opts.perPage,
          facets: FACETS.join(','),
        }),
        ctrl,
      );
      if (id !== this.searchSeq) return;
      const didYouMean = answer.total <= this.opts.fewHits && query.trim() ? await this.correction(query.trim()) : null;
      if (id !== this.searchSeq) return;
      // facetLabels names the languages of this answer's own counts; a disjunctive chip may need one more.
      const langLabels = { ...this.state.results?.langLabels, ...answer.facetLabels.lang };
      for (const code of Object.keys({ ...answer.facets.lang, ...answer.disjunctiveFacets.lang })) langLabels[code] ??= ownName(code);
      const prev = append ? (this.state.results?.hits ?? []) : [];
      const years = chipsFor(answer, 'year', year).sort((a, b) => b.key.localeCompare(a.key));
      const named = (facet: 'source' | 'category', selected: string | null) => {
        const gateway = answer.facetLabels[facet] ?? {};
        const labels = Object.fromEntries(
          Object.keys({ ...answer.facets[facet], ...answer.disjunctiveFacets[facet] }).map((k) => [k, this.label(undefined, k, gateway[k] ?? k)]),
        );
        return chipsFor(answer, facet, selected, labels);
      };
      this.set({
        status: 'done',
        error: null,
        results: {
          query: answer.query,
          total: answer.total,
          page: answer.page,
          totalPages: answer.totalPages,
          hits: [...prev, ...answer.hits],
          langs: chipsFor(answer, 'lang', lang, langLabels),
          years,
          sources: named('source', source),
          categories: named('category', category),
          langLabels,
          didYouMean,
        },
      });
    } catch (err) {
      if (id !== this.searchSeq) return; // cancelled by a newer search
      const error = err instanceof HttpStatusError ? kindOf(err.status) : 'down';
      // A failed "more results" keeps the pages already shown; a failed new search shows none.
      this.set({ status: 'error', error, ...(append ? {} : { results: null }) });
    }
  }

  /**
   * Another spelling of the query's last word that the index holds (the gateway's /suggest in
   * `correct` mode: the documents' own words a typo or two away; its default mode only completes
   * the typed prefix, so it has no correction to give), or null. Never fails the search it goes with.
   */
  private correction(query: string): Promise<string | null> {
    if (this.corrected?.query === query) return this.corrected.text;
    const fold = (x: string) => x.toLocaleLowerCase('tr').normalize('NFD').replace(/\p{M}/gu, '');
    const text = this.get<{ suggestions: Suggestion[] }>(this.url('suggest', { q: query, lang: this.state.lang, limit: 3, mode: 'correct' }), new AbortController())
      .then((a) => a.suggestions.find((s) => s.type === 'term' && fold(s.text) !== fold(query))?.text ?? null)
      .catch(() => null);
    this.corrected = { query, text };
    return text;
  }

  private async suggest(): Promise<void> {
    this.cancelSuggest();
    const id = this.suggestSeq;
    const ctrl = (this.suggestCtrl = new AbortController());
    try {
      const answer = await this.get<{ suggestions: Suggestion[] }>(
        this.url('suggest', { q: this.state.query, lang: this.state.lang, limit: this.opts.suggestLimit }),
        ctrl,
      );
      if (id === this.suggestSeq) this.setSuggestions(answer.suggestions);
    } catch {
      // A failed suggestion is no news: the search beside it reports the outage.
      if (id === this.suggestSeq) this.setSuggestions([]);
    }
  }
}
