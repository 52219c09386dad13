import type { Meilisearch } from 'meilisearch';
import { primaryKeyFor } from '../documents/ids.ts';
import { STORED_FIELDS } from '../documents/types.ts';
import { fetchFields } from '../meili/search.ts';
import { seekPast, snippet, windowOf, type Highlighted, type IsMatch } from './highlight.ts';
import { timeSlices } from '../util/slices.ts';
import { SNIPPET_SCAN_CHARS, SNIPPET_SEEK_CHARS } from './limits.ts';

// GET /search snippets from the body's stored head (src/documents/build.ts bodyHead), so that
// what a hit costs the gateway is bounded by the head, not by the document: a 9.5 MB body was
// fetched, parsed and sliced whole for every search that hit it. Only a hit whose head holds
// no query word (the body matched further on) has its body fetched, within the seek budget.

/** What a search hit asks Meilisearch for: the stored fields, the body's head instead of the body. */
export const HIT_FIELDS: readonly string[] = [...STORED_FIELDS.filter((f) => f !== 'body'), 'body_head'];

export interface SnippetHit {
  id: string;
  body_head?: string;
}

export interface SnippetOptions {
  words: number;
  marker: string;
  /** Distinct query terms (see snippet()). */
  terms: number | undefined;
  /** Longest the opening snippets are cut before other requests may run (SNIPPET_SLICE_MS). */
  sliceMs?: number;
}

/**
 * A page of 100 hits whose heads hold no query word reads 100 × 10,000 characters: 20-30 ms of
 * CPU in one stretch, which held the event loop 50-130 ms on the shared 2-core machine under
 * test:faults (a CPU profile of the /health attack: its longest busy stretches were these).
 */
export const SNIPPET_SLICE_MS = 5;

/** Bytes a fetched body may take for `chars` characters (UTF-8, up to 3 bytes each, plus the JSON around it). */
const bytesFor = (chars: number) => chars * 3 + 1024;

/**
 * Each hit's snippet: its best window within the first SNIPPET_SCAN_CHARS characters; when
 * those hold no query word and the body goes on, the body is fetched (one hit at a time, an
 * answer larger than the request's remaining SNIPPET_SEEK_CHARS budget is dropped unread and
 * ends the seeking) and read further, as seekSnippet does.
 */
export async function hitSnippets(documents: (pk: string) => Meilisearch, indexUid: string, hits: SnippetHit[], isMatchOf: (i: number) => IsMatch, o: SnippetOptions): Promise<Highlighted[]> {
  const seeking: { i: number; from: number }[] = [];
  const out: Highlighted[] = [];
  const pause = timeSlices(o.sliceMs ?? SNIPPET_SLICE_MS);
  for (const [i, h] of hits.entries()) {
    await pause();
    const first = windowOf(h.body_head ?? '', SNIPPET_SCAN_CHARS);
    const opening = snippet(first.text, isMatchOf(i), o.words, o.marker, o.terms);
    if (opening.ranges.length === 0 && first.cut && o.terms !== 0) seeking.push({ i, from: first.text.length });
    out.push(opening);
  }
  const budget = { chars: SNIPPET_SEEK_CHARS };
  for (const { i, from } of seeking) {
    if (budget.chars <= 0) break;
    const pk = primaryKeyFor(hits[i]!.id);
    const [doc] = (await fetchFields<{ body?: string }>(documents(pk), indexUid, [pk], ['body'], bytesFor(from + budget.chars))) ?? [undefined];
    if (!doc) break;
    const found = seekPast(doc.body ?? '', from, isMatchOf(i), o.words, o.marker, o.terms, SNIPPET_SCAN_CHARS, budget);
    if (found) out[i] = found;
  }
  return out;
}
