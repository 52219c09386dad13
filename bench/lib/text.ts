// Tokens and case for the precision judge. Written here on purpose, not imported from
// src/analysis: the judge must not share code with the analysis it measures.

/** Turkish lower case: İ→i and I→ı before the default mapping; a stray U+0307 (from `i̇`) goes. */
export function trLower(s: string): string {
  return s.normalize('NFC').replaceAll('İ', 'i').replaceAll('I', 'ı').toLowerCase().replaceAll('\u0307', '');
}

export function enLower(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

export const lowerFor = (lang: string) => (lang === 'tr' ? trLower : enLower);

export const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Words with their inner apostrophes (İstanbul'da, company's); ’ is read as '. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').replaceAll('’', "'").matchAll(WORD)) out.push(m[0]);
  return out;
}

/** A token as the Turkish judge compares it: lower-cased the Turkish way, apostrophe removed (İstanbul'da → istanbulda). */
export const trToken = (w: string) => trLower(w).replaceAll("'", '');
/** A token as the English judge compares it: lower-cased, possessive apostrophe kept (company's). */
export const enToken = (w: string) => enLower(w);

const FOLD: Record<string, string> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', â: 'a', î: 'i', û: 'u' };
/** What a user types without Turkish letters (input already lower-cased). */
export const asciiFold = (w: string) => w.replace(/[çğıöşüâîû]/g, (c) => FOLD[c]!);
