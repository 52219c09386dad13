import { stemmer as englishSnowball } from '@orama/stemmers/english';
import { stemmer as turkishSnowball } from '@orama/stemmers/turkish';
import { foldDiacritics } from './fold.ts';

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
};

/** English plural endings: `studies`→`study`, `boxes`→`box`, `gains`→`gain`; not `-ss`, `-us`, `-is`. */
export function stripPlural(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** `prefix:5`, `snowball-tr`… → a memoised stemmer (news text is Zipfian: most words repeat). */
export function buildStemmer(spec: string): Stemmer {
  const [name, arg] = spec.split(':');
  if (arg !== undefined && !/^[1-9]\d?$/.test(arg)) throw new Error(`stemmer "${spec}": the length must be a whole number from 1 to 99`);
  const make = STEMMERS[name!];
  if (!make) throw new Error(`unknown stemmer "${spec}" (known: none, prefix:N, plural-prefix:N, snowball-tr, snowball-en)`);
  const stem = make(arg);
  const cache = new Map<string, string>();
  return (w) => {
    let s = cache.get(w);
    if (s === undefined) {
      s = stem(w);
      if (cache.size > 200_000) cache.clear();
      cache.set(w, s);
    }
    return s;
  };
}
