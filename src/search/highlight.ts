import { spansOf, type TokenSpan } from '../analysis/index.ts';

// Highlighting is done here, on the original text, not by Meilisearch: its `_formatted`
// is not HTML-escaped, marks only words matched in the original fields (not through stems),
// and reports positions in UTF-8 bytes. Every range here is in UTF-16 code units.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface MatchRange {
  start: number;
  length: number;
}

/** How ranges are rendered: the tags around each, and what is done to the text (escape, or not). */
export interface RangeFormat {
  pre: string;
  post: string;
  text: (s: string) => string;
}

const HTML_MARK: RangeFormat = { pre: '<mark>', post: '</mark>', text: escapeHtml };

/** Every range between `pre` and `post`, all text through `format.text`; ranges sorted, not overlapping. */
export function formatRanges(text: string, ranges: MatchRange[], format: RangeFormat): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += `${format.text(text.slice(at, r.start))}${format.pre}${format.text(text.slice(r.start, r.start + r.length))}${format.post}`;
    at = r.start + r.length;
  }
  return out + format.text(text.slice(at));
}

/** HTML with every range in <mark> and everything else escaped; ranges sorted, not overlapping. */
export function markRanges(text: string, ranges: MatchRange[]): string {
  return formatRanges(text, ranges, HTML_MARK);
}

/** Which query term a word is (a small integer), or -1 when it is none. */
export type IsMatch = (word: string) => number;

interface Scan {
  spans: TokenSpan[];
  /** Per word: the query term it matched, or -1. */
  hit: number[];
  /** Words were left unread after the last span. */
  more: boolean;
}

/**
 * The words of a text and which query term each matched. With `terms` (how many distinct
 * terms the query has), reading stops `window` words after the first window holding them all:
 * no later window can hold more, and news bodies usually hold their query terms in the first
 * paragraph. With no terms at all, the first `window` words are all there is to read.
 */
function scan(text: string, isMatch: IsMatch, window = 0, terms?: number): Scan {
  const spans: TokenSpan[] = [];
  const hit: number[] = [];
  const counts = new Map<number, number>();
  let stopAt = terms === 0 && window > 0 ? window : Infinity;
  const stopAfter = terms ?? 0;
  for (const span of spansOf(text)) {
    if (spans.length >= stopAt) return { spans, hit, more: true };
    const h = isMatch(span.token);
    spans.push(span);
    hit.push(h);
    if (stopAfter <= 0 || stopAt !== Infinity) continue;
    if (h >= 0) counts.set(h, (counts.get(h) ?? 0) + 1);
    const leaving = hit.length - 1 - window;
    const gone = leaving >= 0 ? hit[leaving]! : -1;
    if (gone >= 0) {
      const c = counts.get(gone)! - 1;
      if (c === 0) counts.delete(gone);
      else counts.set(gone, c);
    }
    if (counts.size >= stopAfter) stopAt = spans.length + window;
  }
  return { spans, hit, more: false };
}

const rangesIn = (spans: TokenSpan[], hit: number[], from: number, to: number, shift: number): MatchRange[] => {
  const out: MatchRange[] = [];
  for (let i = from; i < to; i++) if (hit[i]! >= 0) out.push({ start: spans[i]!.start - shift, length: spans[i]!.end - spans[i]!.start });
  return out;
};

export interface Highlighted {
  /** Escaped HTML with <mark> around matched words. */
  html: string;
  /** The plain text the ranges refer to. */
  text: string;
  ranges: MatchRange[];
}

/** The whole text, every matched word marked (titles). */
export function highlightAll(text: string, isMatch: IsMatch): Highlighted {
  const { spans, hit } = scan(text, isMatch);
  const ranges = rangesIn(spans, hit, 0, spans.length, 0);
  return { html: markRanges(text, ranges), text, ranges };
}

const SENTENCE_END = /[.!?…:;\n]/;

/**
 * The window of `words` words with the most distinct query terms (ties: the earliest),
 * moved so that its matches sit in the middle of it, and starting at a sentence start
 * when one lies between the window's start and its first match.
 */
export function bestWindow(text: string, spans: TokenSpan[], hit: number[], words: number): [number, number] {
  const n = spans.length;
  if (n <= words) return [0, n];
  if (!hit.some((h) => h >= 0)) return [0, words];
  const counts = new Map<number, number>();
  const enter = (i: number) => hit[i]! >= 0 && counts.set(hit[i]!, (counts.get(hit[i]!) ?? 0) + 1);
  const leave = (i: number) => {
    if (hit[i]! < 0) return;
    const c = counts.get(hit[i]!)! - 1;
    if (c === 0) counts.delete(hit[i]!);
    else counts.set(hit[i]!, c);
  };
  for (let i = 0; i < words; i++) enter(i);
  let best = 0;
  let bestScore = counts.size;
  for (let s = 1; s + words <= n; s++) {
    leave(s - 1);
    enter(s + words - 1);
    if (counts.size > bestScore) [best, bestScore] = [s, counts.size];
  }
  let first = best;
  while (hit[first]! < 0) first++;
  let last = best + words - 1;
  while (hit[last]! < 0) last--;
  const slack = words - (last - first + 1);
  let start = Math.max(0, Math.min(first - Math.floor(slack / 2), n - words));
  for (let i = start + 1; i <= first; i++) {
    if (SENTENCE_END.test(text.slice(spans[i - 1]!.end, spans[i]!.start))) {
      start = i;
      break;
    }
  }
  return [start, Math.min(n, start + words)];
}

const WHITESPACE = /\s/;

/** The text given to `snippet` is a slice of a longer one: text was cut before it, after it, or both. */
export interface SliceOf {
  cutBefore?: boolean;
  cutAfter?: boolean;
}

/**
 * A snippet of about `words` words around the best matches, cut on word boundaries
 * (keeping punctuation that clings to the edge words), with `marker` where text was cut.
 * `terms`: how many distinct terms the query has, when known (reading stops once a window holds them all).
 */
export function snippet(text: string, isMatch: IsMatch, words: number, marker = '…', terms?: number, slice: SliceOf = {}): Highlighted {
  const { spans, hit, more } = scan(text, isMatch, words, terms);
  if (spans.length === 0) return { html: '', text: '', ranges: [] };
  const [from, to] = bestWindow(text, spans, hit, words);
  // Uncut ends keep everything (symbols, emoji before the first word); cut ends keep the
  // punctuation that clings to the edge word.
  const cutEnd = to < spans.length || more || slice.cutAfter === true;
  let start = 0;
  let end = text.length;
  if (from > 0) {
    const prevEnd = spans[from - 1]!.end;
    start = spans[from]!.start;
    while (start > prevEnd && !WHITESPACE.test(text[start - 1]!)) start--;
  }
  if (cutEnd) {
    const nextStart = to < spans.length ? spans[to]!.start : text.length;
    end = spans[to - 1]!.end;
    while (end < nextStart && !WHITESPACE.test(text[end]!)) end++;
  }
  while (start < end && WHITESPACE.test(text[start]!)) start++;
  while (end > start && WHITESPACE.test(text[end - 1]!)) end--;
  const head = from > 0 || slice.cutBefore === true ? marker : '';
  const tail = cutEnd ? marker : '';
  // Line breaks become spaces one for one, so ranges stay valid.
  const body = text.slice(start, end).replace(/[\r\n\t]/g, ' ');
  const ranges = rangesIn(spans, hit, from, to, start - head.length);
  const out = head + body + tail;
  return { html: markRanges(out, ranges), text: out, ranges };
}

/**
 * The first `chars` characters of a text, cut before a word (unless that loses more than 200
 * characters) and never inside a surrogate pair: highlighting reads every word it is given,
 * so what it is given must be bounded (src/search/limits.ts).
 */
export function windowOf(value: string, chars: number): { text: string; cut: boolean } {
  if (value.length <= chars) return { text: value, cut: false };
  let end = chars;
  const space = value.lastIndexOf(' ', end);
  if (space > end - 200) end = space;
  if (/[\uD800-\uDBFF]/.test(value[end - 1] ?? '')) end--;
  return { text: value.slice(0, end), cut: true };
}

/**
 * The snippet of a long body: its best window within the first `scanChars` characters; when
 * those hold no query word (Meilisearch indexes the whole body, so a hit may match only further
 * on), the best window of the first following `scanChars`-character slice that holds one. The
 * characters read past the first window are taken from `budget` (shared by the hits of a
 * request), and reading stops when it runs out. Nothing found: the opening words.
 */
export function seekSnippet(text: string, isMatch: IsMatch, words: number, marker: string, terms: number | undefined, scanChars: number, budget: { chars: number }): Highlighted {
  const first = windowOf(text, scanChars);
  const opening = snippet(first.text, isMatch, words, marker, terms);
  if (opening.ranges.length > 0 || !first.cut || terms === 0) return opening;
  return seekPast(text, first.text.length, isMatch, words, marker, terms, scanChars, budget) ?? opening;
}

/**
 * seekSnippet's search past the opening window, from character `at` of the text: the best
 * window of the first `scanChars`-character slice holding a query word, or undefined.
 */
export function seekPast(text: string, at: number, isMatch: IsMatch, words: number, marker: string, terms: number | undefined, scanChars: number, budget: { chars: number }): Highlighted | undefined {
  while (at < text.length && budget.chars > 0) {
    const part = windowOf(text.slice(at, at + Math.min(scanChars, budget.chars) + 1), Math.min(scanChars, budget.chars));
    if (part.text.length === 0) break;
    budget.chars -= part.text.length;
    const found = snippet(part.text, isMatch, words, marker, terms, { cutBefore: true, cutAfter: at + part.text.length < text.length });
    if (found.ranges.length > 0) return found;
    at += part.text.length;
  }
  return undefined;
}
