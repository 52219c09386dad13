import { analyzerFor } from './chains.ts';
import { APOSTROPHES } from './filters/codepoints.ts';
import { tokenize, tokenSpans, type TokenSpan } from './filters/tokenize.ts';

/** Terms a document offers to search-box suggestions, at most this many. */
export const MAX_TERMS = 40;

const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const SENTENCE_END = /[.!?…:\n]/;

/**
 * The words of a document worth suggesting while someone types: the content words of its
 * title, and the proper nouns of its body (capitalised words that do not start a
 * sentence: people, places, institutions, what news readers search for). Suffixes after an
 * apostrophe go (`Kılıçdaroğlu'na` → `Kılıçdaroğlu`); all-capital titles are lower-cased in
 * the document's language; a capital that only starts the title is lowered. `bodySpans`, when
 * given, are `tokenSpans(body)`.
 */
export function suggestionTerms(title: string, body: string, lang: string, bodySpans?: readonly TokenSpan[]): string[] {
  const analyzer = analyzerFor(lang);
  const out = new Map<string, string>();
  const add = (word: string) => {
    const base = word.split(APOSTROPHES)[0]!;
    const lower = analyzer.lower(base);
    if (base.length < 3 || /\d/.test(base) || analyzer.stop.has(lower) || out.has(lower)) return;
    out.set(lower, base);
  };
  const bodyWords = bodySpans ?? tokenSpans(body);
  // A title's first word is capitalised by position only when the body writes it lower-case.
  const writtenLower = new Set(bodyWords.map((w) => w.token).filter((w) => !UPPER_START.test(w)));
  const titleWords = tokenize(title);
  const shouting = titleWords.length > 1 && !HAS_LOWER.test(title);
  titleWords.forEach((w, i) => {
    const lowered = analyzer.lower(w);
    add(shouting || (i === 0 && writtenLower.has(lowered)) ? lowered : w);
  });
  // Proper nouns: a capital after a word, not after a full stop; skip all-caps runs (headlines).
  for (let i = 1; i < bodyWords.length && out.size < MAX_TERMS; i++) {
    const { token, start } = bodyWords[i]!;
    const before = body.slice(bodyWords[i - 1]!.end, start);
    if (!SENTENCE_END.test(before) && UPPER_START.test(token) && HAS_LOWER.test(token)) add(token);
  }
  return [...out.values()].slice(0, MAX_TERMS);
}
