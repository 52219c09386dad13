import { APOSTROPHES } from './codepoints.ts';

// Turkish writes case suffixes of proper names after an apostrophe (`İstanbul'da`,
// `Kılıçdaroğlu’nun`): the stem is what a reader searches for, so the suffix goes.
export function stripApostropheSuffix(tokens: string[]): string[] {
  return tokens.map((t) => (APOSTROPHES.test(t) ? (t.split(APOSTROPHES)[0] ?? '') : t)).filter((t) => t.length > 0);
}

// English possessive `'s` carries no meaning for search; other apostrophes
// (`don't`, `O'Neil`) split the word as Meilisearch's own tokenizer does.
export function stripPossessive(tokens: string[]): string[] {
  return splitAtApostrophes(tokens.map((t) => t.replace(/['\u2019\u02BC][sS]$/, '')));
}

export function splitAtApostrophes(tokens: string[]): string[] {
  return tokens.flatMap((t) => t.split(APOSTROPHES)).filter((t) => t.length > 0);
}
