// <turkce-search>: a search box with suggestions, language chips, a year filter and results,
// for any page: <script src="https://search.example/widget.js" defer></script> then
// <turkce-search data-endpoint="https://search.example" data-lang="tr"></turkce-search>.
//
// Attributes (read when the element is connected):
//   data-endpoint     the gateway's URL; default: the folder widget.js was loaded from
//   data-lang         tr | en: language of the UI; default: the page's lang, then the browser's
//   data-api-key      PUBLIC_API_KEY of the gateway, sent as Authorization: Bearer
//   data-per-page     results a page (1–50, default 10)
//   data-placeholder  the input's placeholder
//   data-browse       present: list the newest documents before anything is typed
//   data-labels       JSON object: display names of sources and categories, by their value
//                     or facet key, e.g. {"42bin_haber": "42bin Haber", "TTC-3600": "TTC-3600 Derlemi"}
//
// Safety by construction: nothing here assigns innerHTML (or outerHTML, insertAdjacentHTML,
// document.write). Titles and snippets are built from plain `title`/`snippetText` and the
// `matches` ranges, suggestions from `text` and an allowlist reading of `html` (marks.ts), each
// piece a text node or a <mark> with textContent. Links are kept only for http(s) URLs.

import { SearchCore, type Chip, type Hit, type Sort, type State, type Suggestion } from './core.ts';
import { formatDate, pickLang, STRINGS, type Strings, type UiLang } from './i18n.ts';
import { safeUrl, segments, suggestionSegments, type Segment } from './marks.ts';
import { CSS } from './styles.ts';

export const ELEMENT_NAME = 'turkce-search';

// Read while the script runs (document.currentScript is null afterwards).
const SCRIPT_SRC = (document.currentScript as HTMLScriptElement | null)?.src;

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes, never markup. */
function h(tag: string, attrs: Record<string, string | number | boolean | null | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

function marked(parts: Segment[]): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const p of parts) {
    if (!p.mark) f.append(p.text);
    else {
      const m = document.createElement('mark');
      m.textContent = p.text;
      f.append(m);
    }
  }
  return f;
}

let sheet: CSSStyleSheet | null | undefined;

/** Constructed style sheets are not inline styles, so a page's strict CSP (style-src 'self') accepts them. */
function adoptStyles(root: ShadowRoot): void {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    } catch {
      sheet = null;
    }
  }
  if (sheet && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [sheet];
  else root.append(h('style', {}, CSS));
}

function resolveEndpoint(value: string | null): string | null {
  try {
    const u = value ? new URL(value, document.baseURI) : new URL('./', SCRIPT_SRC ?? location.href);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    u.search = u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

export class TurkceSearchElement extends HTMLElement {
  private core: SearchCore | null = null;
  private t: Strings = STRINGS.en;
  private uiLang: UiLang = 'en';
  private active = -1;
  /** Escape closed the list: answers still in flight do not reopen it until the next keystroke. */
  private dismissed = false;
  private readonly root: ShadowRoot;
  private readonly input: HTMLInputElement;
  private readonly clearBtn: HTMLElement;
  private readonly list: HTMLElement;
  private readonly filters: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly yearLabel: HTMLElement;
  private readonly yearSelect: HTMLSelectElement;
  private readonly selects: Record<'sort' | 'source' | 'category', { label: HTMLElement; select: HTMLSelectElement }>;
  private readonly status: HTMLElement;
  private readonly err: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly results: HTMLElement;
  private readonly moreBtn: HTMLElement;
  private readonly region: HTMLElement;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.root);
    this.input = h('input', {
      id: 'q',
      type: 'search',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'sug',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      enterkeyhint: 'search',
      maxlength: 512,
      part: 'input',
    }) as HTMLInputElement;
    this.clearBtn = h('button', { type: 'button', class: 'clear', hidden: true }, '×');
    this.list = h('ul', { id: 'sug', role: 'listbox', hidden: true, part: 'suggestions' });
    this.chips = h('div', { class: 'chips', role: 'group' });
    this.yearSelect = h('select', { id: 'year' }) as HTMLSelectElement;
    this.yearLabel = h('label', { for: 'year' });
    const select = (id: string) => ({ label: h('label', { for: id }), select: h('select', { id }) as HTMLSelectElement });
    this.selects = { sort: select('sort'), source: select('source'), category: select('category') };
    const field = (f: { label: HTMLElement; select: HTMLSelectElement }) => h('div', { class: 'year' }, f.label, f.select);
    this.filters = h(
      'div',
      { class: 'filters', hidden: true, part: 'filters' },
      this.chips,
      h('div', { class: 'year' }, this.yearLabel, this.yearSelect),
      field(this.selects.source),
      field(this.selects.category),
      field(this.selects.sort),
    );
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.err = h('div', { class: 'err', role: 'alert', hidden: true, part: 'error' });
    this.empty = h('div', { class: 'empty', hidden: true });
    this.results = h('ol', { class: 'results', part: 'results' });
    this.moreBtn = h('button', { type: 'button', class: 'more', hidden: true });
    this.region = h(
      'div',
      { role: 'search' },
      h('label', { for: 'q', class: 'sr' }),
      h('div', { class: 'box' }, this.input, this.clearBtn, this.list),
      this.filters,
      this.status,
      this.err,
      this.empty,
      this.results,
      this.moreBtn,
    );
    this.root.append(this.region);
    this.wire();
  }

  connectedCallback(): void {
    if (this.core) return;
    const d = this.dataset;
    this.uiLang = pickLang(d.lang, this.closest('[lang]')?.getAttribute('lang'), navigator.language);
    this.t = STRINGS[this.uiLang];
    this.texts();
    const endpoint = resolveEndpoint(d.endpoint ?? null);
    if (!endpoint) {
      this.showError(this.t.errorConfig, false);
      return;
    }
    const perPage = Math.min(50, Math.max(1, Number.parseInt(d.perPage ?? '', 10) || 10));
    this.core = new SearchCore({ endpoint, apiKey: d.apiKey || undefined, perPage, browse: d.browse !== undefined, labels: readLabels(d.labels) });
    this.core.on('results', (s) => this.render(s));
    this.core.on('suggestions', (list) => this.renderSuggestions(list));
    if (d.browse !== undefined) void this.core.submit('');
  }

  /** The UI strings, in the chosen language. */
  private texts(): void {
    const t = this.t;
    this.region.setAttribute('lang', this.uiLang);
    this.region.setAttribute('aria-label', t.region);
    this.region.querySelector('label.sr')!.textContent = t.label;
    this.input.placeholder = this.dataset.placeholder || t.placeholder;
    this.clearBtn.setAttribute('aria-label', t.clear);
    this.list.setAttribute('aria-label', t.suggestions);
    this.chips.setAttribute('aria-label', t.languages);
    this.yearLabel.textContent = t.year;
    this.selects.source.label.textContent = t.source;
    this.selects.category.label.textContent = t.category;
    this.selects.sort.label.textContent = t.sort;
    this.selects.sort.select.replaceChildren(h('option', { value: 'relevance' }, t.relevance), h('option', { value: 'date:desc' }, t.newest));
    this.results.setAttribute('aria-label', t.label);
    this.moreBtn.textContent = t.more;
  }

  private wire(): void {
    const input = this.input;
    input.addEventListener('input', () => {
      this.active = -1;
      this.dismissed = false;
      this.clearBtn.hidden = !input.value;
      this.core?.input(input.value);
    });
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('blur', () => this.openList(false));
    input.addEventListener('focus', () => this.openList(true));
    this.clearBtn.addEventListener('click', () => {
      this.setValue('');
      this.core?.input('');
      input.focus();
    });
    // pointerdown: picked before the input loses focus (which would close the list).
    this.list.addEventListener('pointerdown', (e) => {
      const li = (e.target as Element).closest('[role=option]');
      if (!li) return;
      e.preventDefault();
      this.pick(Number(li.getAttribute('data-i')));
    });
    this.chips.addEventListener('click', (e) => {
      const b = (e.target as Element).closest('button');
      if (b) void this.core?.setLang(b.getAttribute('data-key') || null);
    });
    this.yearSelect.addEventListener('change', () => void this.core?.setYear(this.yearSelect.value || null));
    this.selects.source.select.addEventListener('change', () => void this.core?.setSource(this.selects.source.select.value || null));
    this.selects.category.select.addEventListener('change', () => void this.core?.setCategory(this.selects.category.select.value || null));
    this.selects.sort.select.addEventListener('change', () => void this.core?.setSort(this.selects.sort.select.value as Sort));
    // A "did you mean" button, or "remove filters", inside the empty state.
    this.empty.addEventListener('click', (e) => {
      const b = (e.target as Element).closest('button');
      const q = b?.getAttribute('data-q');
      if (q) {
        this.setValue(q);
        void this.core?.submit(q);
      }
    });
    this.status.addEventListener('click', (e) => {
      const q = (e.target as Element).closest('button')?.getAttribute('data-q');
      if (q) {
        this.setValue(q);
        void this.core?.submit(q);
      }
    });
    this.moreBtn.addEventListener('click', () => void this.core?.more());
  }

  private setValue(v: string): void {
    this.input.value = v;
    this.clearBtn.hidden = !v;
  }

  private onKey(e: KeyboardEvent): void {
    const core = this.core;
    if (!core || e.isComposing) return;
    const n = core.suggestions.length;
    const open = !this.list.hidden;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!n) return;
        e.preventDefault();
        this.dismissed = false;
        if (!open) this.openList(true);
        this.setActive(e.key === 'ArrowDown' ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1);
        return;
      case 'Enter':
        e.preventDefault();
        if (open && this.active >= 0) this.pick(this.active);
        else void core.submit(this.input.value);
        return;
      case 'Escape':
        if (open) {
          this.dismissed = true;
          this.openList(false);
        } else if (this.input.value) {
          this.setValue('');
          core.input('');
        } else return;
        e.preventDefault();
        return;
      case 'Tab':
        this.openList(false);
    }
  }

  private pick(i: number): void {
    const s = this.core?.suggestions[i];
    if (!s) return;
    this.setValue(s.text);
    this.setActive(-1);
    void this.core!.submit(s.text);
  }

  private setActive(i: number): void {
    this.active = i;
    const options = this.list.children;
    for (let k = 0; k < options.length; k++) options[k]!.setAttribute('aria-selected', String(k === i));
    const el = options[i];
    if (el) {
      this.input.setAttribute('aria-activedescendant', el.id);
      el.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private openList(open: boolean): void {
    const show = open && !this.dismissed && !!this.core?.suggestions.length && this.root.activeElement === this.input;
    this.list.hidden = !show;
    this.input.setAttribute('aria-expanded', String(show));
    if (!show) this.setActive(-1);
  }

  private renderSuggestions(list: Suggestion[]): void {
    this.list.replaceChildren(
      ...list.map((s, i) =>
        h(
          'li',
          { id: `sug-${i}`, role: 'option', 'aria-selected': 'false', 'data-i': i, class: s.type === 'title' ? 't' : null, lang: s.lang },
          marked(suggestionSegments(s.html, s.text)),
          s.count ? h('span', { class: 'n', 'aria-hidden': 'true' }, String(s.count)) : null,
        ),
      ),
    );
    this.active = -1;
    this.openList(true);
  }

  private showError(message: string, retry: boolean): void {
    const btn = retry ? h('button', { type: 'button' }, this.t.retry) : null;
    btn?.addEventListener('click', () => void this.core?.retry());
    this.err.replaceChildren(h('span', {}, message), ...(btn ? [btn] : []));
    this.err.hidden = false;
  }

  private render(s: State): void {
    const t = this.t;
    const r = s.results;
    this.results.setAttribute('aria-busy', String(s.status === 'loading'));
    if (s.status === 'loading') return;
    this.err.hidden = s.status !== 'error';
    if (s.status === 'error') {
      const kind = s.error ?? 'down';
      this.showError(kind === 'auth' ? t.errorAuth : kind === 'rate' ? t.errorRate : kind === 'request' ? t.errorRequest : t.errorDown, kind !== 'auth');
    }
    this.filters.hidden = !r;
    this.empty.hidden = !r || r.total > 0;
    this.moreBtn.hidden = !r || r.page >= r.totalPages || s.status === 'error';
    if (!r) {
      this.results.replaceChildren();
      if (s.status !== 'error') this.status.textContent = '';
      return;
    }
    this.renderChips(r.langs, t);
    this.renderYears(r.years, s.year, t);
    this.renderSelect(this.selects.source, r.sources, s.source, t.anySource);
    this.renderSelect(this.selects.category, r.categories, s.category, t.anyCategory);
    this.selects.sort.select.value = s.sort;
    const suggestion = r.didYouMean ? h('p', { class: 'dym' }, t.didYouMean, ' ', h('button', { type: 'button', class: 'link', 'data-q': r.didYouMean }, r.didYouMean), '?') : null;
    if (r.total === 0) {
      // One message, in the live status line; the block below only helps out of it.
      const filtered = s.lang !== null || s.year !== null || s.source !== null || s.category !== null;
      const clear = filtered ? h('button', { type: 'button' }, t.clearFilters) : null;
      clear?.addEventListener('click', () => void this.core?.clearFilters());
      this.empty.replaceChildren(...(suggestion ? [suggestion] : []), h('p', { class: 'hint' }, t.noResultsHint), ...(clear ? [clear] : []));
    }
    this.status.replaceChildren(r.total === 0 ? t.noResults(s.query.trim()) : r.page > 1 ? t.shown(r.hits.length, r.total) : t.results(r.total));
    if (r.total > 0 && suggestion) this.status.append(' · ', ...suggestion.childNodes);
    this.results.replaceChildren(...r.hits.map((hit) => this.hit(hit, r.langLabels)));
  }

  private renderChips(chips: Chip[], t: Strings): void {
    const focused = (this.root.activeElement as HTMLElement | null)?.getAttribute('data-key');
    // Every document has one language, so "all" counts the sum of the chips.
    const total = chips.reduce((n, c) => n + c.count, 0);
    const all = h(
      'button',
      { type: 'button', class: 'chip', 'data-key': '', 'aria-pressed': String(!chips.some((c) => c.selected)) },
      t.allLanguages,
      h('span', { class: 'n' }, total.toLocaleString(this.uiLang)),
    );
    this.chips.replaceChildren(
      all,
      ...chips.map((c) =>
        h(
          'button',
          { type: 'button', class: 'chip', 'data-key': c.key, 'aria-pressed': String(c.selected) },
          h('span', { lang: c.key }, c.label),
          h('span', { class: 'n' }, c.count.toLocaleString(this.uiLang)),
        ),
      ),
    );
    // Rebuilt chips are new elements: give focus back to the one that had it.
    if (focused != null) ([...this.chips.children].find((b) => b.getAttribute('data-key') === focused) as HTMLElement | undefined)?.focus();
  }

  private renderSelect(f: { label: HTMLElement; select: HTMLSelectElement }, chips: Chip[], selected: string | null, any: string): void {
    f.select.replaceChildren(h('option', { value: '' }, any), ...chips.map((c) => h('option', { value: c.key }, `${c.label} (${c.count.toLocaleString(this.uiLang)})`)));
    f.select.value = selected ?? '';
    f.label.parentElement!.hidden = chips.length === 0 && selected === null;
  }

  private renderYears(years: Chip[], selected: string | null, t: Strings): void {
    this.yearSelect.replaceChildren(
      h('option', { value: '' }, t.anyYear),
      ...years.map((y) => h('option', { value: y.key }, `${y.label} (${y.count.toLocaleString(this.uiLang)})`)),
    );
    this.yearSelect.value = selected ?? '';
    this.yearLabel.parentElement!.hidden = years.length === 0 && selected === null;
  }

  private hit(hit: Hit, labels: Record<string, string>): HTMLElement {
    const ranges = (field: 'title' | 'snippet') => hit.matches.filter((m) => m.field === field);
    const url = safeUrl(hit.url);
    const title = marked(segments(hit.title, ranges('title')));
    const meta = [hit.date && formatDate(hit.date, this.uiLang), hit.source && this.core?.label(hit.source), labels[hit.lang] ?? hit.lang].filter(Boolean).join(' · ');
    return h(
      'li',
      { class: 'hit', lang: hit.lang, part: 'hit' },
      url ? h('a', { class: 'title', href: url }, title) : h('span', { class: 'title' }, title),
      h('p', { class: 'meta', lang: this.uiLang }, meta),
      hit.snippetText ? h('p', { class: 'snip' }, marked(segments(hit.snippetText, ranges('snippet')))) : null,
    );
  }
}

/** data-labels as a map of strings; anything else is ignored (a page's typo must not break search). */
function readLabels(json: string | undefined): Record<string, string> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, TurkceSearchElement);
