import { createRequire } from 'node:module';
import lemmatizer from 'wink-lemmatizer';
import { stripPlural } from './plural.ts';

const require = createRequire(import.meta.url);
// WordNet's base forms (the lemmatiser's own word list): word → index.
const WORDNET = require('wink-lexicon/src/wn-words.js') as Record<string, number>;

/**
 * English lemma by WordNet's morphology (wink-lemmatizer): a plural noun becomes its singular
 * (`elections` → `election`, `studies` → `study`), otherwise an inflected verb its base
 * (`elected` → `elect`, `ran` → `run`). A lemmatiser, not Porter2: `election` and `elect`,
 * `electric` and `election` stay apart, as do `earthquake` and `earthworm`. Words WordNet
 * does not know (names) are kept whole. Noun first, and a word WordNet lists as it is
 * (`rating`, `meeting`, `building`, `news`) keeps that reading: Morphy's verb rules would
 * turn `rating` into `rat`.
 */
export function englishLemma(word: string): string {
  const noun = lemmatizer.noun(word);
  if (noun !== word) return noun;
  if (Object.hasOwn(WORDNET, word)) return word;
  const verb = lemmatizer.verb(word);
  if (verb !== word) return verb;
  // Unknown to WordNet (names, new compounds: `drugmakers`, `bailouts`): a regular plural goes.
  return stripPlural(word);
}

/** Whether WordNet lists the word as it is: one lookup, for near-miss checks over many candidates. */
export function isEnglishHeadword(word: string): boolean {
  return Object.hasOwn(WORDNET, word);
}

/** Whether WordNet knows the word (as a base form or through its lemma). */
export function isEnglishWord(word: string): boolean {
  return isEnglishHeadword(word) || isEnglishHeadword(englishLemma(word));
}
