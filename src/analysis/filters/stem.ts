import { stemmer as englishSnowball } from '@orama/stemmers/english';
import { stemmer as turkishSnowball } from '@orama/stemmers/turkish';
import { foldDiacritics } from './fold.ts';
import { memoByWord } from './memo.ts';
import { stripPlural } from './plural.ts';

export { stripPlural };
import { englishLemma, isEnglishHeadword, isEnglishWord } from './lemma-en.ts';
import { isTurkishWord, turkishAoristRoot, turkishFoldedRoot, turkishLexicon, turkishRoot, turkishRootFolded } from './lemma-tr.ts';

export type Stemmer = (word: string) => string;

/**
 * Stems are compared after ASCII folding on both sides, so that `kilicdaroglunun`,
 * `KILIÇDAROĞLU'NUN` and `Kılıçdaroğlu’nun` meet. Folding first also makes the stem
 * independent of the vowel-harmony class of ı/i, which ASCII typists lose.
 */
const STEMMERS: Record<string, (arg?: string) => Stemmer> = {
  none: () => foldDiacritics,
  // Truncation: IR studies on Turkish news found a 5-character prefix about as good as
  // a morphological stemmer; it needs no harmony and treats every suffix alike.
  prefix: (n = '5') => {
    const len = Number(n);
    return (w) => foldDiacritics(w).slice(0, len);
  },
  // For English: the same after dropping a plural -s/-es/-ies, which no 5-letter prefix of
  // a short word (gain/gains) removes. Not for Turkish, where a final s is often a folded ş
  // (savaş/savaşı, güneş/güneşin would part). Folding comes first, as in `prefix`.
  'plural-prefix': (n = '5') => {
    const len = Number(n);
    return (w) => stripPlural(foldDiacritics(w)).slice(0, len);
  },
  // Snowball (Porter's Turkish and English algorithms, @orama/stemmers port).
  'snowball-tr': () => (w) => foldDiacritics(turkishSnowball(w)),
  'snowball-en': () => (w) => foldDiacritics(englishSnowball(w)),
  // Word-aware: a lexicon root for Turkish, a WordNet lemma for English (filters/lemma-*.ts).
  'lexicon-tr': () => turkishRoot,
  'lemma-en': () => (w) => foldDiacritics(englishLemma(w)),
  // lexicon-tr and either for a word whose ı may be an i (buildFoldedStemmer).
  'lexicon-tr-folded': () => turkishRootFolded,
  'either-folded': () => (w) => {
    const tr = isTurkishWord(w);
    if (tr === isEnglishWord(w)) return foldDiacritics(w);
    return tr ? turkishRootFolded(w) : foldDiacritics(englishLemma(w));
  },
  // For queries of undetermined language: the analysis of the one language whose dictionary
  // knows the word; a word both or neither know stays whole (as both analyses keep names).
  either: () => (w) => {
    const tr = isTurkishWord(w);
    if (tr === isEnglishWord(w)) return foldDiacritics(w);
    return tr ? turkishRoot(w) : foldDiacritics(englishLemma(w));
  },
};

/** `prefix:5`, `snowball-tr`… → a memoised stemmer (news text is Zipfian: most words repeat). */
export function buildStemmer(spec: string): Stemmer {
  const [name, arg] = spec.split(':');
  if (arg !== undefined && !/^[1-9]\d?$/.test(arg)) throw new Error(`stemmer "${spec}": the length must be a whole number from 1 to 99`);
  const make = STEMMERS[name!];
  if (!make) throw new Error(`unknown stemmer "${spec}" (known: none, prefix:N, plural-prefix:N, snowball-tr, snowball-en, lexicon-tr, lemma-en, either)`);
  return memoByWord(make(arg));
}

/**
 * The stem of a word whose letters cannot be taken as written: one typed in capitals with an
 * ASCII `I`, which Turkish lower-casing makes `ı` though it may stand for `i` (`ŞIKE`, `SEÇIM`).
 * Turkish reads it folded, as an ASCII-typed word; other stemmers as usual.
 */
export function buildFoldedStemmer(spec: string): Stemmer {
  const name = spec.split(':')[0];
  if (name === 'lexicon-tr') return buildStemmer('lexicon-tr-folded');
  if (name === 'either') return buildStemmer('either-folded');
  return buildStemmer(spec);
}

/**
 * Further stems a document word is indexed under, besides its stem: for Turkish, the root an
 * ASCII-typed query computes for the word where its spelling gives another (`saldırısı` is
 * saldırı as written, saldırış when read folded, as `saldirisi` must be), and the verb of a
 * plural that is also an aorist (`başlar`: baş, and başla). Only lexicon-tr and either (for a
 * word it reads as Turkish) have any.
 */
export function buildAltStemmer(spec: string): (word: string) => string[] {
  const name = spec.split(':')[0];
  const turkish = (w: string) => {
    const out: string[] = [];
    for (const s of [turkishFoldedRoot(w), turkishAoristRoot(w)]) if (s !== undefined && !out.includes(s)) out.push(s);
    return out;
  };
  let alt: (w: string) => string[];
  if (name === 'lexicon-tr') alt = turkish;
  else if (name === 'either') alt = (w) => (isTurkishWord(w) && !isEnglishWord(w) ? turkish(w) : []);
  else return () => [];
  // Memoised like the stem: documents ask for every word.
  return memoByWord(alt);
}

/**
 * Whether the stemmer's dictionary knows a word: the query leaves Meilisearch's prefix match on
 * a last word only when it is not a known word (most likely still being typed, or a name).
 * Stemmers without a dictionary know no word.
 */
export function buildWordCheck(spec: string): (word: string) => boolean {
  const name = spec.split(':')[0];
  if (name === 'lexicon-tr') return isTurkishWord;
  if (name === 'lemma-en') return isEnglishWord;
  if (name === 'either') return (w) => isTurkishWord(w) || isEnglishWord(w);
  return () => false;
}

/**
 * Whether the stemmer's dictionary lists a word exactly as it is, without analysing it: one
 * lookup, cheap enough to try the hundreds of one-edit variants of a word (filters/near.ts).
 */
export function buildHeadwordCheck(spec: string): (word: string) => boolean {
  const name = spec.split(':')[0];
  const tr = (w: string) => turkishLexicon().roots.has(foldDiacritics(w));
  if (name === 'lexicon-tr') return tr;
  if (name === 'lemma-en') return isEnglishHeadword;
  if (name === 'either') return (w) => tr(w) || isEnglishHeadword(w);
  return () => false;
}
