import { analyzerFor, runChain, termStems } from './chains.ts';
import { foldCase, foldDiacritics } from './filters/fold.ts';
import { tokenize } from './filters/tokenize.ts';
import type { QueryRewrite } from './query.ts';

/** How one word of a document is searched: its analysed, ASCII-folded terms and their stems. */
interface WordForms {
  folded: string[];
  stems: string[];
}

// Per language, word → forms. Text is Zipfian, so a bounded cache serves most words.
const cache = new Map<string, Map<string, WordForms>>();
const CACHE_LIMIT = 250_000;

/** The forms of one document word under its language's chain, as the index stored them. */
export function wordForms(word: string, lang: string): WordForms {
  let perLang = cache.get(lang);
  if (!perLang) cache.set(lang, (perLang = new Map()));
  let forms = perLang.get(word);
  if (!forms) {
    const analyzer = analyzerFor(lang);
    const terms = runChain([word.normalize('NFC')], analyzer.normalize);
    // As the index: a word in capitals with an ASCII `I` is read folded (analyze.ts).
    const capital = word.includes('I');
    forms = { folded: terms.map(foldDiacritics), stems: terms.flatMap((t) => termStems(analyzer, t, capital)) };
    if (perLang.size >= CACHE_LIMIT) perLang.clear();
    perLang.set(word, forms);
  }
  return forms;
}

/** The query term a document word matches (an index into the query's terms), or -1. */
export interface WordMatcher {
  (word: string, lang: string): number;
  /** How many distinct terms the query has: a passage holding them all cannot be beaten. */
  readonly terms: number;
}

const folded1 = new Map<string, string>();
/** The first letter of a word, lower-cased and ASCII-folded: `İ`, `I`, `ı`, `î` → `i`. */
function firstLetter(word: string): string {
  const c = String.fromCodePoint(word.codePointAt(0)!);
  let f = folded1.get(c);
  if (f === undefined) folded1.set(c, (f = foldCase(c).charAt(0)));
  return f;
}

/**
 * Which query term a word of a document is, by the same rules the index used: equal stems
 * (so `seçim` marks `seçimlerde` and `istanbulda` marks `İstanbul'da`), the prefix
 * Meilisearch applies to the last query word, and the words of quoted phrases.
 */
export function queryMatcher(rewrite: Pick<QueryRewrite, 'stems' | 'phrases' | 'prefix'>): WordMatcher {
  const ids = new Map<string, number>();
  for (const s of Object.values(rewrite.stems).flat()) if (!ids.has(s)) ids.set(s, ids.size);
  // Meilisearch also matches the original fields, so a word as typed (folded) is a match even
  // where the document's language analyses it otherwise (`tokens` read as Turkish, in English text).
  const typed = new Map<string, number>();
  for (const [term, stems] of Object.entries(rewrite.stems)) {
    const id = stems[0] === undefined ? undefined : ids.get(stems[0]);
    if (id !== undefined) typed.set(foldDiacritics(term), id);
  }
  const phraseWords = new Map<string, number>();
  for (const w of rewrite.phrases.flatMap((p) => tokenize(p).map(foldCase))) {
    if (!phraseWords.has(w)) phraseWords.set(w, ids.size + phraseWords.size);
  }
  const prefix = rewrite.prefix;
  const prefixId = prefix === undefined ? -1 : (ids.get(prefix) ?? -1);
  // Most words of a text cannot match: their first letter is none of the terms'. Checking that
  // first saves analysing them (a word with an apostrophe may split, so it is always analysed).
  const firsts = new Set([...ids.keys(), ...typed.keys(), ...phraseWords.keys()].map((t) => t.charAt(0)));
  const match = (word: string, lang: string): number => {
    if (!/['\u2019\u02BC]/.test(word) && !firsts.has(firstLetter(word))) return -1;
    const f = wordForms(word, lang);
    for (const s of f.stems) {
      const id = ids.get(s);
      if (id !== undefined) return id;
    }
    for (const w of f.folded) {
      const t = typed.get(w);
      if (t !== undefined) return t;
      const id = phraseWords.get(w);
      if (id !== undefined) return id;
      if (prefix !== undefined && w.startsWith(prefix)) return prefixId;
    }
    return -1;
  };
  return Object.assign(match, { terms: ids.size + phraseWords.size });
}
