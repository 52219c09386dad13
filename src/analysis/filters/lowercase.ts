import { CAPITAL_I_WITH_DOT, COMBINING_DOT_ABOVE, DOTLESS_SMALL_I } from './codepoints.ts';

// An I followed (possibly after other marks) by a combining dot is a decomposed İ.
const DECOMPOSED_DOTTED_I = /I([\p{M}--\u0307]*)\u0307/gv;
// What root-locale `'İ'.toLowerCase()` produces: i + combining dot. The dot is noise.
const I_WITH_STRAY_DOT = /i([\p{M}--\u0307]*)\u0307/gv;

// Words without I, İ or a combining dot above need none of the rules below (most words).
const NEEDS_TURKISH_RULES = /[Iİ\u0307]/;
const NEEDS_DOT_RULES = /[İ\u0307]/;

/** Turkish casing: İ→i and I→ı. Root-locale toLowerCase would turn İ into i + U+0307. */
export function turkishLowerCase(s: string): string {
  if (!NEEDS_TURKISH_RULES.test(s)) return s.toLowerCase();
  return s
    .replace(DECOMPOSED_DOTTED_I, 'i$1')
    .replaceAll(CAPITAL_I_WITH_DOT, 'i')
    .replaceAll('I', DOTLESS_SMALL_I)
    .toLowerCase()
    .replace(I_WITH_STRAY_DOT, 'i$1');
}

/** English (and default) casing: I→i, and İ→i without the combining dot. */
export function lowerCase(s: string): string {
  if (!NEEDS_DOT_RULES.test(s)) return s.toLowerCase();
  return s
    .replaceAll(CAPITAL_I_WITH_DOT, 'i')
    .toLowerCase()
    .replace(I_WITH_STRAY_DOT, 'i$1')
    .replaceAll(COMBINING_DOT_ABOVE, '');
}
