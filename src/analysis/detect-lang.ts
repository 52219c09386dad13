import ISO6391 from 'iso-639-1';
import { detect as tinyDetect, detectAll as tinyDetectAll } from 'tinyld';
import { analyzerFor } from './chains.ts';
import { tokenize } from './filters/tokenize.ts';
import { dictionariesLoaded, inDictionaries } from './lang-dict.ts';
import { UNDETERMINED } from './lang-code.ts';

export { UNDETERMINED };

export interface LanguageGuess {
  /** ISO 639-1 code, or `und`. */
  lang: string;
  /** False when the cues were too weak to trust; callers may then search every language. */
  confident: boolean;
}

// Letters no other language we expect uses; ç ö ü are left out (French, German).
const TURKISH_ONLY = /[ıİğĞşŞ]/;
// A proper name with a case suffix after an apostrophe (`istanbul'da`) is Turkish;
// English apostrophes end in s, t, ll, re, ve, d or m.
const ENGLISH_CLITIC = /['\u2019](s|t|ll|re|ve|d|m)$/i;
// French elisions (l'État, qu'il, d'ici) put a one-letter or `qu` base before the apostrophe.
const APOSTROPHE_SUFFIX = /^(?!(?:\p{L}|[a-z]*qu)['\u2019])\p{L}+['\u2019]\p{L}+$/iu;
const SAMPLE_TOKENS = 400;

interface Cues {
  tokens: number;
  tr: number;
  en: number;
}

function cues(text: string): Cues {
  const tokens = tokenize(text).slice(0, SAMPLE_TOKENS);
  const tr = analyzerFor('tr');
  const en = analyzerFor('en');
  let trScore = 0;
  let enScore = 0;
  for (const t of tokens) {
    if (TURKISH_ONLY.test(t)) trScore += 1;
    if (ENGLISH_CLITIC.test(t)) enScore += 1;
    else if (APOSTROPHE_SUFFIX.test(t)) trScore += 1;
    const base = t.split(/['\u2019]/)[0] ?? t;
    if (tr.stop.has(tr.lower(base))) trScore += 1;
    if (en.stop.has(en.lower(t))) enScore += 1;
  }
  return { tokens: tokens.length, tr: trScore, en: enScore };
}

/**
 * Language of a document. Turkish and English are decided from Turkish-only letters
 * and stop-word rates, which beat n-gram models on news text full of Turkish names in
 * English articles; anything else goes to tinyld and is kept only if it is ISO 639-1.
 */
export function detectLanguage(text: string): string {
  const c = cues(text);
  if (c.tokens === 0) return UNDETERMINED;
  const trRate = c.tr / c.tokens;
  const enRate = c.en / c.tokens;
  if (c.tokens < 8) {
    if (c.tr > c.en) return 'tr';
    if (c.en > c.tr) return 'en';
  } else if (trRate >= 0.15 && c.tr > c.en) return 'tr';
  else if (enRate >= 0.15 && c.en > c.tr) return 'en';
  const guess = tinyDetect(text.slice(0, 4000));
  return guess && ISO6391.validate(guess) ? guess : UNDETERMINED;
}

// Weaker cues that only short queries need. Turkish has no q, w or x, and no sh/ch/th
// digraphs; English words rarely end in Turkish case or plural suffixes, even ASCII-typed.
const TURKISH_LETTERS_ALSO_FOREIGN = /[çÇöÖüÜ]/;
const NOT_TURKISH = /[qwxQWX]|sh|ch|th|ph|ck|wh/i;
const ENGLISH_ENDING = /(tion|sion|ment|ness|ship|ing|ies|ous|ly)$/i;
const TURKISH_ENDING = /(lar|ler|lari|leri|larda|lerde|dan|den|nin|nun|lik|luk|siz|suz|oglu|iyor|uyor)$/i;

/**
 * The first this many words of a query are looked up in the dictionaries (Meilisearch reads
 * no more). Three or more words often carry no other cue either: `besiktas takas teklifi`
 * went to English n-grams and English plural stripping (`besikta`, `taka`).
 */
export const DICTIONARY_QUERY_WORDS = 10;
/**
 * Re-spellings of an ASCII word tried past the first two words, in twin letters (2^6 - 1 = 63
 * spellings, about 1 ms), so a long query costs tens of milliseconds at most, not hundreds.
 */
const TWIN_LETTERS_PAST_TWO = 6;

function queryCues(q: string, dictionary: boolean): Cues {
  const c = cues(q);
  const tokens = tokenize(q);
  for (const t of tokens) {
    if (TURKISH_LETTERS_ALSO_FOREIGN.test(t) && !TURKISH_ONLY.test(t)) c.tr += 1;
    if (NOT_TURKISH.test(t)) c.en += 1;
    else if (ENGLISH_ENDING.test(t)) c.en += 0.5;
    if (TURKISH_ENDING.test(t) && !NOT_TURKISH.test(t)) c.tr += 0.5;
  }
  // A word one language's dictionary knows better than the other's is as strong a cue as a
  // Turkish-only letter (`deprem`, `earthquake`, `cumhurbaskani`; `time` is only the magazine
  // `Time` in Turkish); words both know alike (`son`, `market`, `final`) or neither knows
  // (abbreviations, unlisted names) say nothing, and n-grams decide as before.
  if (dictionary && dictionariesLoaded()) {
    for (const [i, t] of tokens.slice(0, DICTIONARY_QUERY_WORDS).entries()) {
      const known = inDictionaries(t.split(/['\u2019]/)[0] ?? t, i < 2 ? undefined : TWIN_LETTERS_PAST_TWO);
      if (known.tr > known.en) c.tr += 1;
      else if (known.en > known.tr) c.en += 1;
    }
  }
  return c;
}

/**
 * Language of a search query of one or a few words: only Turkish and English are
 * considered, since an n-gram guess on two words is noise. Letters, stop words and endings
 * speak first, then the hunspell dictionaries (first 10 words), then n-grams; words
 * with no cue at all (`istanbul`, a name) stay undetermined rather than guessed.
 * `dictionary: false` skips the dictionaries (bench:lang compares both); so does a process
 * that has not loaded them (loadDictionaries: the server does at start-up).
 */
export function detectQueryLanguage(q: string, opts: { dictionary?: boolean } = {}): LanguageGuess {
  const c = queryCues(q, opts.dictionary ?? true);
  // One letter or stop word decides; a lone ending (`dollar` ends like `-lar`) only leans,
  // so then tinyld's n-grams, restricted to the two languages, break the tie.
  if (Math.max(c.tr, c.en) >= 1 && c.tr !== c.en) return { lang: c.tr > c.en ? 'tr' : 'en', confident: true };
  const ngram = tinyDetectAll(q).find((g) => g.lang === 'tr' || g.lang === 'en');
  if (ngram) return { lang: ngram.lang, confident: false };
  if (c.tr !== c.en) return { lang: c.tr > c.en ? 'tr' : 'en', confident: false };
  return { lang: UNDETERMINED, confident: false };
}
