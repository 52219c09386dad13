// Runs the real InstantSearch (instantsearch.js, headless: connectors only, no DOM) on a
// search client, the way a page with a search box, hits, refinement lists, range inputs and
// pagination does, and reports what those widgets would render.
import { createRequire } from 'node:module';

// instantsearch.js's declarations do not resolve under NodeNext, so the little used here is typed here.
export interface SearchClient {
  search(requests: readonly unknown[]): Promise<unknown>;
}
type Widget = object;
type Render<S> = (state: S, isFirstRender: boolean) => void;
interface Connectors {
  connectSearchBox(render: Render<unknown>): (params: object) => Widget;
  connectConfigure(render: Render<unknown>): (params: { searchParameters: Record<string, unknown> }) => Widget;
  connectHits(render: Render<{ hits: Record<string, unknown>[]; results?: { nbHits: number; nbPages: number } }>): (params: { escapeHTML?: boolean }) => Widget;
  connectPagination(render: Render<{ currentRefinement: number }>): (params: object) => Widget;
  connectRefinementList(render: Render<{ items: { value: string; count: number; isRefined: boolean }[] }>): (params: { attribute: string }) => Widget;
  connectRange(render: Render<{ range: { min?: number; max?: number } }>): (params: { attribute: string }) => Widget;
}
interface InstantSearch {
  addWidgets(widgets: Widget[]): void;
  on(event: 'render' | 'error', listener: (event: { error?: Error }) => void): void;
  start(): void;
  dispose(): void;
  status: string;
  mainIndex: { getResults(): unknown };
}
type HighlightHelper = (options: { attribute: string; hit: Record<string, unknown>; highlightedTagName?: string }) => string;

const require = createRequire(import.meta.url);
// The CommonJS build: its default export is the factory under tsx and Node alike.
const instantsearch = (require('instantsearch.js') as { default: (options: Record<string, unknown>) => InstantSearch }).default;
const connectors = require('instantsearch.js/cjs/connectors/index.js') as Connectors;
const helpers = require('instantsearch.js/cjs/helpers/index.js') as { highlight: HighlightHelper; snippet: HighlightHelper };

/** The `highlight` and `snippet` helpers of InstantSearch templates: the HTML a hits widget inserts. */
export const { highlight: highlightHtml, snippet: snippetHtml } = helpers;

/**
 * What InstantSearch does to hits before widgets see them (escapeHTML, on by default): each
 * _highlightResult/_snippetResult value HTML-escaped, then its placeholders turned into <mark>.
 * `unescape` is what its <Highlight> components apply before splitting on <mark>.
 */
export const { escapeHits } = require('instantsearch.js/cjs/lib/utils/escape-highlight.js') as {
  escapeHits: <T extends Record<string, unknown>>(hits: T[]) => T[];
};
export const { unescape } = require('instantsearch.js/cjs/lib/utils/escape-html.js') as { unescape: (s: string) => string };

export interface WidgetsState {
  /** Every array of requests InstantSearch passed to searchClient.search, in order. */
  requests: unknown[][];
  /** Hits as the hits widget gets them (escaped by InstantSearch when escapeHTML is on, the default). */
  hits: Record<string, unknown>[];
  nbHits: number;
  nbPages: number;
  page: number;
  refinementLists: Record<string, { value: string; count: number; isRefined: boolean }[]>;
  ranges: Record<string, { min?: number; max?: number }>;
}

export interface UiOptions {
  searchClient: SearchClient;
  indexName: string;
  uiState?: Record<string, unknown>;
  /** Search parameters of a configure widget (hitsPerPage, attributesToSnippet…). */
  configure?: Record<string, unknown>;
  refinementLists?: string[];
  ranges?: string[];
  escapeHTML?: boolean;
}

/** Starts InstantSearch, waits for its first answer, returns the widgets' state, and disposes of it. */
export async function runInstantSearch(opts: UiOptions): Promise<WidgetsState> {
  const requests: unknown[][] = [];
  const client: SearchClient = {
    ...opts.searchClient,
    search: (reqs) => {
      requests.push(structuredClone(reqs) as unknown[]);
      return opts.searchClient.search(reqs);
    },
  };
  const state: WidgetsState = { requests, hits: [], nbHits: 0, nbPages: 0, page: 0, refinementLists: {}, ranges: {} };
  const search: InstantSearch = instantsearch({ indexName: opts.indexName, searchClient: client, initialUiState: { [opts.indexName]: opts.uiState ?? {} } });
  const noop = () => {};
  search.addWidgets([
    connectors.connectSearchBox(noop)({}),
    connectors.connectConfigure(noop)({ searchParameters: opts.configure ?? {} }),
    connectors.connectHits((r) => {
      state.hits = r.hits;
      if (r.results) [state.nbHits, state.nbPages] = [r.results.nbHits, r.results.nbPages];
    })({ escapeHTML: opts.escapeHTML ?? true }),
    connectors.connectPagination((r) => (state.page = r.currentRefinement))({}),
    ...(opts.refinementLists ?? []).map((attribute) =>
      connectors.connectRefinementList((r) => {
        state.refinementLists[attribute] = r.items.map((i) => ({ value: i.value, count: i.count, isRefined: i.isRefined }));
      })({ attribute }),
    ),
    ...(opts.ranges ?? []).map((attribute) => connectors.connectRange((r) => (state.ranges[attribute] = { ...r.range }))({ attribute })),
  ]);
  try {
    await new Promise<void>((resolve, reject) => {
      search.on('error', (e) => reject(e.error ?? e));
      search.on('render', () => {
        if (search.status === 'idle' && search.mainIndex.getResults()) resolve();
      });
      search.start();
    });
  } finally {
    search.dispose();
  }
  return state;
}
