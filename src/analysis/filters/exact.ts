// Meilisearch folds ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u before it compares words, so `sık`
// and `sik`, `açı` and `acı` are the same word to it. To let a query typed with Turkish
// letters prefer the exact form, words that carry these letters are also indexed in an
// ASCII spelling that survives its normalisation (`sık` → `sixkq`), and such queries add
// that spelling (where it tells words apart: chains.ts spellingMatters, read on both sides). The closing `q` stops prefix matching from reaching longer words.

import { memoByWord } from './memo.ts';

const CODES: Record<string, string> = { ı: 'ix', ş: 'sx', ç: 'cx', ğ: 'gx', ö: 'ox', ü: 'ux' };
const MARKED = /[ışçğöü]/;
const MARKED_ALL = /[ışçğöü]/g;

/** Whether a lower-cased word has a letter that Meilisearch would fold away. */
export function hasFoldableLetter(word: string): boolean {
  return MARKED.test(word);
}

const code = memoByWord((word: string) => `${word.replace(MARKED_ALL, (c) => CODES[c]!).normalize('NFD').replace(/\p{M}/gu, '')}q`, 100_000);

/** The ASCII spelling of a lower-cased word with Turkish letters; undefined when it has none. */
export function exactForm(word: string): string | undefined {
  return MARKED.test(word) ? code(word) : undefined;
}

/**
 * The exact spelling of an ASCII word that is a Turkish word itself and whose Turkish-letter
 * twin is another word (`sis`, fog, beside `şiş`): `sisq`. No code of a word with Turkish
 * letters can equal it (those hold an `x` after the letter). `isTwinWord` decides which words
 * qualify (filters/lemma-tr.ts: the lexicon).
 */
export function asciiExactForm(word: string, isTwinWord: (w: string) => boolean): string | undefined {
  return /^[a-z]+$/.test(word) && isTwinWord(word) ? `${word}q` : undefined;
}

/**
 * The code of a root as spelled, for words whose folded root stands for several words
 * (filters/lemma-tr.ts sharedFoldRoot): `öl` → `qroxlq`, `ol` → `qrolq`. Every form of the root
 * carries it (`ölecek`, `öldü`), so a query can prefer the root it means whatever the form. The
 * leading `qr` keeps it apart from word codes (`oxlq` is the word `öl`), the closing `q` from
 * longer roots when Meilisearch prefix-matches a query's last word.
 */
export function rootCode(root: string): string {
  return `qr${exactForm(root) ?? `${root}q`}`;
}

/** Distinct exact spellings of a token list (position does not matter for this signal). */
export function exactForms(tokens: string[], form: (t: string) => string | undefined = exactForm): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    const e = form(t);
    if (e) out.add(e);
  }
  return [...out];
}
