import { queryMatcher } from '../analysis/index.ts';
import type { FederatedResult, SearchResult } from '../meili/search.ts';
import { readCounts, readLabels } from '../search/facets.ts';
import { escapeHtml, formatRanges, highlightAll, snippet, windowOf, type IsMatch, type MatchRange, type RangeFormat } from '../search/highlight.ts';
import { FORMAT_WINDOW_CHARS } from '../search/limits.ts';
import { AIS_PRE_TAG, formatSource, PUBLIC_FIELDS, TEXT_FIELDS, type FacetName as FacetField, type FormattedHit, type MeiliFederatedResponse, type MeiliSearchResponse } from '../api/index.ts';
import type { AdaptedSearch, HitFormat } from './request-adapter.ts';

// Meilisearch's answer to the adapted query → the answer Meilisearch would give the client,
// with `_formatted` and `_matchesPosition` computed here from the original text by the
// gateway's own matcher (so `imamoglu` marks `İmamoğlu`, and `seçim` marks `seçimlerde`).
// Pure.
//
// HIGHLIGHTING CONTRACT. What `_formatted` holds depends on the tags asked for (only the
// pairs of fields.ts TAG_PAIRS are accepted):
//  - `<em>` (Meilisearch's default) or `<mark>`: escaped HTML. Every character of the
//    document that is significant in HTML is escaped (`<` → `&lt;`, `'` → `&#39;`…); the only
//    markup is the tag pair around matched words. Safe to insert as HTML as it is; escaping
//    it again double-escapes.
//  - `__ais-highlight__` / `__/ais-highlight__` (what instant-meilisearch sends by default):
//    plain, unescaped text with the placeholders around matches. It is not HTML: InstantSearch
//    (escapeHTML, on by default in hits, infiniteHits, autocomplete…) HTML-escapes every
//    _highlightResult/_snippetResult value and then turns the placeholders into <mark>, and
//    its React/Vue <Highlight> components unescape and render text nodes. Escaping here too
//    would show `&amp;lt;` and `&amp;#39;` in every default widget. Any `ais-highlight`
//    inside the document is altered (U+2010 for the hyphen, same length) so that the only
//    placeholders are the gateway's: a document cannot open or close a highlight.
// In both modes no document markup can reach a page as markup. The raw document fields
// (`hit.title`) stay raw, as in Meilisearch: templates escape them (`{{title}}`).
//
// _matchesPosition: offsets and lengths in UTF-8 bytes of the original (uncropped) field,
// as Meilisearch counts them, for the matched words of title, body, source and category.

interface StoredHit extends Record<string, unknown> {
  lang?: string;
  _rankingScore?: number;
}


const PLACEHOLDER = /ais-highlight/g;
/** A document's own `ais-highlight` with U+2010 for its hyphen: same length, same words, no placeholder. */
export const neutralize = (s: string) => s.replace(PLACEHOLDER, 'ais\u2010highlight');

function rangeFormat(f: HitFormat): RangeFormat {
  const text = f.preTag === AIS_PRE_TAG ? (s: string) => s : escapeHtml;
  return { pre: f.preTag, post: f.postTag, text };
}

const noMatch: IsMatch = () => -1;
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** UTF-16 ranges (sorted) → UTF-8 byte ranges of the same text. */
export function utf8Ranges(text: string, ranges: MatchRange[]): MatchRange[] {
  let bytes = 0;
  let at = 0;
  return ranges.map((r) => {
    bytes += utf8(text.slice(at, r.start));
    const length = utf8(text.slice(r.start, r.start + r.length));
    const start = bytes;
    bytes += length;
    at = r.start + r.length;
    return { start, length };
  });
}

/** The part of a field that is formatted, so that a huge document costs no more than a news article. */
export const formatWindow = (value: string) => windowOf(value, FORMAT_WINDOW_CHARS);

function formatHit(hit: StoredHit, isMatch: IsMatch, terms: number, f: HitFormat, render: RangeFormat): FormattedHit {
  const out: FormattedHit = {};
  // Matches found while highlighting a field's window, reused for its _matchesPosition.
  const found = new Map<string, MatchRange[]>();
  for (const field of f.retrieve) if (hit[field] !== undefined) out[field] = hit[field];

  if (f.highlight.length > 0 || Object.keys(f.crop).length > 0) {
    // As Meilisearch: the retrieved, highlighted and cropped fields, numbers as strings.
    const formatted: Record<string, string> = {};
    for (const field of PUBLIC_FIELDS) {
      const value = formatSource(hit, field);
      if (!f.retrieve.includes(field) && !f.highlight.includes(field) && f.crop[field] === undefined) continue;
      if (typeof value === 'number') formatted[field] = String(value);
      if (typeof value !== 'string') continue;
      const window = formatWindow(value);
      const text = neutralize(window.text);
      const searchable = TEXT_FIELDS.includes(field);
      const marked = f.highlight.includes(field) && searchable;
      const words = f.crop[field];
      // What lies past the window is not shown: the marker says so, as at a crop's end.
      const more = window.cut ? f.cropMarker : '';
      if (words !== undefined) {
        const cut = snippet(text, searchable ? isMatch : noMatch, words, f.cropMarker, searchable ? terms : 0);
        const tail = more && !cut.text.endsWith(f.cropMarker) ? render.text(more) : '';
        formatted[field] = formatRanges(cut.text, marked ? cut.ranges : [], render) + tail;
      } else {
        const ranges = marked ? highlightAll(text, isMatch).ranges : [];
        if (marked) found.set(field, ranges);
        formatted[field] = formatRanges(text, ranges, render) + render.text(more);
      }
    }
    out._formatted = formatted;
  }

  if (f.showMatchesPosition) {
    const positions: Record<string, MatchRange[]> = {};
    for (const field of [...TEXT_FIELDS].sort()) {
      const value = formatSource(hit, field);
      if (typeof value !== 'string') continue;
      // Positions of the matches within the formatting window (byte offsets stay those of the whole field).
      const { text } = formatWindow(value);
      // neutralize() keeps lengths, so ranges found on the neutralized window hold for the original.
      const ranges = found.get(field) ?? highlightAll(text, isMatch).ranges;
      if (ranges.length) positions[field] = utf8Ranges(text, ranges);
    }
    out._matchesPosition = positions;
  }
  if (f.showRankingScore && hit._rankingScore !== undefined) out._rankingScore = hit._rankingScore;
  return out;
}

/** Facet counts under the values a client filters on: codes and numbers as stored, source/category by label. */
function facetDistribution(names: FacetField[], dist: Record<string, Record<string, number>> | undefined) {
  const out: Record<string, Record<string, number>> = {};
  for (const name of [...names].sort()) {
    if (name === 'source' || name === 'category') {
      const counts = readCounts([name], dist)[name]!;
      const labels = readLabels([name], dist, { [name]: counts })[name]!;
      out[name] = Object.fromEntries(Object.entries(counts).map(([key, n]) => [labels[key] ?? key, n]));
    } else {
      out[name] = { ...(dist?.[name] ?? {}) };
    }
  }
  return out;
}

export function adaptSearchResponse(result: SearchResult<StoredHit>, search: AdaptedSearch, processingTimeMs: number): MeiliSearchResponse {
  const matcher = queryMatcher(search.rewrite);
  const render = rangeFormat(search.format);
  const hits = result.hits.map((h) => formatHit(h, (word) => matcher(word, h.lang ?? 'und'), matcher.terms, search.format, render));
  const p = search.pagination;
  const out: MeiliSearchResponse = {
    hits,
    query: search.q,
    processingTimeMs,
    ...(p.kind === 'page'
      ? { hitsPerPage: p.hitsPerPage, page: p.page, totalPages: result.totalPages ?? 0, totalHits: result.totalHits ?? 0 }
      : { limit: p.limit, offset: p.offset, estimatedTotalHits: result.estimatedTotalHits ?? 0 }),
  };
  if (search.facets.length > 0) {
    out.facetDistribution = facetDistribution(search.facets, result.facetDistribution);
    const stats = result.facetStats ?? {};
    out.facetStats = Object.fromEntries([...search.facets].sort().flatMap((n) => (stats[n] ? [[n, stats[n]]] : [])));
  }
  return out;
}

/** A federated answer: each hit formatted for the query that found it, its _federation kept. */
export function adaptFederatedResponse(result: FederatedResult<StoredHit>, searches: AdaptedSearch[], processingTimeMs: number): MeiliFederatedResponse {
  const matchers = searches.map((s) => queryMatcher(s.rewrite));
  const hits = result.hits.map((h) => {
    const position = h._federation?.queriesPosition ?? 0;
    const search = searches[position] ?? searches[0]!;
    const matcher = matchers[position] ?? matchers[0]!;
    const out = formatHit(h, (word) => matcher(word, h.lang ?? 'und'), matcher.terms, search.format, rangeFormat(search.format));
    if (h._federation) out._federation = h._federation;
    return out;
  });
  return { hits, processingTimeMs, limit: result.limit, offset: result.offset, estimatedTotalHits: result.estimatedTotalHits };
}
