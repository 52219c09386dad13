import { DOTLESS_SMALL_I } from './codepoints.ts';
import { lowerCase } from './lowercase.ts';

// Letters that carry no combining mark in NFD but that ASCII typists replace.
const SPECIAL: Record<string, string> = {
  [DOTLESS_SMALL_I]: 'i', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'þ': 'th',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');
/** Any character past ASCII: without one, there is nothing to fold (most tokens, in both languages). */
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * ASCII folding for text already lower-cased: `kılıçdaroğlu` → `kilicdaroglu`, so that
 * ASCII-typed queries meet Turkish text. Lossy by design (sık/sik collide).
 */
export function foldDiacritics(s: string): string {
  // ASCII is its own NFD and NFC, holds no mark and no SPECIAL letter: the same string back.
  if (!NON_ASCII.test(s)) return s;
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFC');
}

/**
 * The case- and accent-free form of any text, whatever its language (`İstanbul`, `ISTANBUL`,
 * `ıstanbul` → `istanbul`): for keys and prefixes that must meet however they were typed.
 */
export function foldCase(s: string): string {
  return foldDiacritics(lowerCase(s));
}
