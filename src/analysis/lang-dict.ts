import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nspell from 'nspell';
import { foldDiacritics } from './filters/fold.ts';
import { lowerCase, turkishLowerCase } from './filters/lowercase.ts';

/**
 * How each dictionary knows a word: 2 as typed (lower-case), 1 only capitalised (a name:
 * `İstanbul`, `April`) or, for Turkish, only re-spelt with Turkish letters (`cumhurbaskani`),
 * 0 not at all (a name it lacks, an abbreviation, a typo, another language).
 */
export interface DictionaryVerdict {
  tr: 0 | 1 | 2;
  en: 0 | 1 | 2;
}

type Speller = ReturnType<typeof nspell>;

const require = createRequire(import.meta.url);
let spellers: { tr: Speller; en: Speller } | undefined;
/** Load time and heap growth of the last load, for bench:lang. */
export const dictionaryLoad = { ms: 0, heapBytes: 0 };

function open(pkg: string): Speller {
  // The packages export only an async-loading index.js; the files beside it are read directly.
  const dir = path.dirname(require.resolve(pkg));
  return nspell({ aff: readFileSync(path.join(dir, 'index.aff')), dic: readFileSync(path.join(dir, 'index.dic')) });
}

/** Whether loadDictionaries has run: query detection uses the dictionaries only then. */
export function dictionariesLoaded(): boolean {
  return spellers !== undefined;
}

/**
 * The hunspell dictionaries of `dictionary-tr` and `dictionary-en`, loaded once and kept:
 * Turkish takes about 2.5 s and 200 MiB (its affix file has 13,000 suffix rules) and blocks
 * the event loop meanwhile, so loading is explicit — the server does it at start-up — and never
 * happens inside a request of a process that did not ask for it.
 */
export function loadDictionaries(): { tr: Speller; en: Speller } {
  if (!spellers) {
    const started = performance.now();
    const heap = process.memoryUsage().heapUsed;
    spellers = { tr: open('dictionary-tr'), en: open('dictionary-en') };
    dictionaryLoad.ms = performance.now() - started;
    dictionaryLoad.heapBytes = process.memoryUsage().heapUsed - heap;
  }
  return spellers;
}

// ASCII letters a Turkish typist may have written for ç ğ ı ö ş ü.
const TWINS: Record<string, string> = { c: 'ç', g: 'ğ', i: 'ı', o: 'ö', s: 'ş', u: 'ü' };
/**
 * Beyond this many such letters (2^k - 1 spellings, two checks of about 9 µs each) an ASCII
 * word is not re-spelt: 8 letters cost up to 5 ms; 10 cost 20 ms, and no frequent Turkish word
 * has that many (`cumhurbaskanligi` has 6).
 */
export const MAX_TWIN_LETTERS = 8;

/** Every spelling of an ASCII-typed word with some of its c g i o s u turned Turkish. */
export function turkishSpellings(word: string, maxTwinLetters = MAX_TWIN_LETTERS): string[] {
  const at = [...word].flatMap((c, i) => (TWINS[c] ? [i] : []));
  if (at.length === 0 || at.length > maxTwinLetters || !/^[a-z]+$/.test(word)) return [];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const chars = [...word];
    at.forEach((i, bit) => {
      if (mask & (1 << bit)) chars[i] = TWINS[chars[i]!]!;
    });
    out.push(chars.join(''));
  }
  return out;
}

/** Hunspell accepts a name (`April`, `İstanbul`) only capitalised; queries are typed lower-case. */
function capitalize(w: string, locale: 'tr' | 'en'): string {
  return w.charAt(0).toLocaleUpperCase(locale) + w.slice(1);
}

const cache = new Map<string, DictionaryVerdict>();
const CACHE_SIZE = 10_000;

/**
 * How far a word (as typed, any case) is a Turkish and/or an English dictionary word. An
 * ASCII-typed word counts as Turkish when one of its Turkish-letter spellings is
 * (`cumhurbaskani` → `cumhurbaşkanı`). The word is lower-cased first (queries are typed any
 * way), and also tried capitalised, so the names a dictionary holds count (`april`, `istanbul`).
 * `maxTwinLetters` bounds the re-spellings tried (a long query gives each word fewer).
 */
export function inDictionaries(word: string, maxTwinLetters = MAX_TWIN_LETTERS): DictionaryVerdict {
  const key = `${maxTwinLetters}:${word.normalize('NFC')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { tr, en } = loadDictionaries();
  const trWord = turkishLowerCase(word.normalize('NFC'));
  const enWord = lowerCase(word.normalize('NFC'));
  const trKnows = (w: string) => tr.correct(w) || tr.correct(capitalize(w, 'tr'));
  const verdict: DictionaryVerdict = {
    tr: tr.correct(trWord) ? 2 : trKnows(capitalize(trWord, 'tr')) || (foldDiacritics(trWord) === trWord && turkishSpellings(trWord, maxTwinLetters).some(trKnows)) ? 1 : 0,
    en: en.correct(enWord) ? 2 : en.correct(capitalize(enWord, 'en')) ? 1 : 0,
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, verdict);
  return verdict;
}
