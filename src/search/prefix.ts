import { foldDiacritics, lowerCase, turkishLowerCase } from '../analysis/index.ts';

const ASCII = /^[\x00-\x7f]$/;

/**
 * Whether `word` starts with what was typed, read the way Turkish readers type: an ASCII
 * letter stands for itself or for its Turkish twin (`kilic` → `Kılıçdaroğlu`), but a letter
 * typed with its Turkish mark must be that letter (`kılıç` → not `kilic…`, not `Kiichi`), and
 * a typo is never a completion (`cumhurb` → not `Cumhuriyet`, `deprem` → not `depresyon`).
 * Meilisearch's facet search folds every mark away and allows typos, so its candidates are
 * checked here. A capital `I` in the word may be `ı` or `i`, so both casings are tried.
 */
export function completesPrefix(word: string, typed: string): boolean {
  const want = [...lowerCase(typed.normalize('NFC'))];
  if (want.length === 0) return true;
  const w = word.normalize('NFC');
  for (const form of new Set([turkishLowerCase(w), lowerCase(w)])) {
    const have = [...form];
    if (have.length < want.length) continue;
    if (want.every((c, i) => c === have[i] || (ASCII.test(c) && foldDiacritics(have[i]!) === c))) return true;
  }
  return false;
}

const APOSTROPHE = /['\u2019]/;

/**
 * Whether `word` or a part of it after an apostrophe completes `typed`: Meilisearch splits words
 * at apostrophes, so `reil` finds `O'Reilly`, and `istanbul` finds `İstanbul'da`.
 */
export function completesWord(word: string, typed: string): boolean {
  return completesPrefix(word, typed) || (APOSTROPHE.test(word) && word.split(APOSTROPHE).some((part) => completesPrefix(part, typed)));
}

/** Whether any word of `words` completes `typed` (a title holding the word being typed). */
export function anyCompletes(words: readonly string[], typed: string): boolean {
  return words.some((w) => completesWord(w, typed));
}
