// Generates inflected Turkish forms for the benchmark's perturbed queries, following
// vowel harmony and consonant assimilation, the way a reader would type them.

const BACK = 'aıou';
const VOWELS = 'aeıioöuü';
const VOICELESS = 'çfhkpsşt';

function lastVowel(word: string): string {
  for (let i = word.length - 1; i >= 0; i--) if (VOWELS.includes(word[i]!)) return word[i]!;
  return 'e';
}

/** Two-way harmony vowel (a/e). */
const A = (w: string) => (BACK.includes(lastVowel(w)) ? 'a' : 'e');
/** Four-way harmony vowel (ı/i/u/ü). */
function I(w: string): string {
  const v = lastVowel(w);
  return ({ a: 'ı', ı: 'ı', o: 'u', u: 'u', e: 'i', i: 'i', ö: 'ü', ü: 'ü' } as Record<string, string>)[v]!;
}
const endsInVowel = (w: string) => VOWELS.includes(w.at(-1)!);
const D = (w: string) => (VOICELESS.includes(w.at(-1)!) ? 't' : 'd');

export type Suffix = (w: string) => string;

export const SUFFIXES: Record<string, Suffix> = {
  locative: (w) => `${D(w)}${A(w)}`,
  ablative: (w) => `${D(w)}${A(w)}n`,
  relative: (w) => `${D(w)}${A(w)}ki`,
  genitive: (w) => (endsInVowel(w) ? `n${I(w)}n` : `${I(w)}n`),
  pluralLocative: (w) => `l${A(w)}rd${A(w)}`,
  pluralGenitive: (w) => `l${A(w)}r${A(w) === 'a' ? 'ı' : 'i'}n`,
  possessiveGenitive: (w) => (endsInVowel(w) ? `s${I(w)}n${I(w)}n` : `${I(w)}n${I(w)}n`),
  dative: (w) => (endsInVowel(w) ? `y${A(w)}` : A(w)),
};

/** Suffixes that start with a consonant: safe on words whose final p/ç/t/k would soften. */
export const CONSONANT_INITIAL = ['locative', 'ablative', 'relative', 'pluralLocative', 'pluralGenitive'];

/** The word with a suffix; proper names (capitalised in the source) take an apostrophe. */
export function inflect(word: string, suffix: Suffix, properName: boolean): string {
  const lower = word.toLocaleLowerCase('tr');
  return `${word}${properName ? "'" : ''}${suffix(lower)}`;
}
