import { DOTLESS_SMALL_I } from './codepoints.ts';
import { spansOf, type TokenSpan } from './tokenize.ts';

/**
 * Where Meilisearch itself cuts a word: at `'` and `’`, not at `ʼ` (U+02BC), which it keeps
 * inside the word (checked on Meilisearch 1.21: `Erdoğan’ın` is found by `erdogan` and `ın`,
 * `Kılıçdaroğluʼnun` by neither half). A camel-case word stays whole (`iPhone` → `iphone`).
 */
const ENGINE_SPLIT = /['\u2019]/;

/**
 * Characters Meilisearch 1.21 was seen to separate words at (each tried on both sides of a
 * word): white space and this punctuation. Others stick to the word and make another one
 * (`<ADNA>` is not found by `adna`, nor `x=y` by `x`: = | ~ $ € ^ < > ° © ® ™ ½, the zero-width
 * space and the soft hyphen were seen to); a word beside any character not listed here is
 * taken for one Meilisearch may not have indexed as it is.
 */
const ENGINE_SEPARATOR = /[\s:!?*%\u2026\u2013\u2014\u201c\u201d\u2018\u2019`\\,.;()[\]{}\u00ab\u00bb"\-_/&+@#\u00a0\u2009\u3000\u00b7\u2022\u00a7\u00bf\u00a1']/u;
/** A word Meilisearch folds to ASCII exactly as foldDiacritics does: only letters that lose a mark in NFD, and ı. */
const FOLDS_ALIKE = new RegExp(`^(?:[a-z0-9]|[a-z]\\p{M}+|${DOTLESS_SMALL_I})+$`, 'u');

const ASCII_WORD = /^[A-Za-z0-9]+$/;
const MAX_WORD = 64;

/**
 * Words past this many tokens are not looked at: Meilisearch indexes 65,535 positions of an
 * attribute and a token takes at most 8 (a hard separator after it), so every word counted
 * here is one Meilisearch did index.
 */
export const ENGINE_WORD_SCAN = 8_000;

/**
 * The words Meilisearch indexes from a text on its own, in its folded form (lower case, marks
 * gone, ı → i), for the words it folds to plain ASCII and that stand between known separators:
 * a stem equal to one of them is already searchable in the original field, and storing it again
 * in a stem field adds index work and disk but no match (the original field also ranks above its
 * stems). When unsure, a word is left out: its stem is then stored, as before.
 */
export function engineWords(text: string, limit = ENGINE_WORD_SCAN, spans: Iterable<TokenSpan> = spansOf(text)): Set<string> {
  const out = new Set<string>();
  let n = 0;
  for (const { token, start, end } of spans) {
    if (n++ >= limit) break;
    const before = text[start - 1];
    const after = text[end];
    if ((before !== undefined && !ENGINE_SEPARATOR.test(before)) || (after !== undefined && !ENGINE_SEPARATOR.test(after))) continue;
    // Meilisearch cuts very long words; such a token keeps its stem.
    if (token.length > MAX_WORD) continue;
    // Most tokens are plain ASCII words: lower case is all Meilisearch does to them.
    if (ASCII_WORD.test(token)) {
      out.add(token.toLowerCase());
      continue;
    }
    for (const part of token.split(ENGINE_SPLIT)) {
      // toLowerCase, not the Turkish one: I and İ both end as i once folded, as Meilisearch folds them.
      const lower = part.toLowerCase().normalize('NFD');
      if (lower && FOLDS_ALIKE.test(lower)) out.add(lower.replace(/\p{M}+/gu, '').replaceAll(DOTLESS_SMALL_I, 'i'));
    }
  }
  return out;
}
