import { analyzerFor, runChain } from './chains.ts';
import { foldDiacritics } from './filters/fold.ts';
import { tokenize } from './filters/tokenize.ts';
import type { QueryRewrite } from './query.ts';

/** How one word of a document is searched: its analysed, ASCII-folded terms and their stems. */
interface WordForms {
  folded: string[];
  stems: string[];
}

// Per language, word → forms. Text is Zipfian, so a bounded cache serves most words.
const cache = new Map<string, Map<string, WordForms>>();
const CACHE_LIMIT = 100_000;

/** The forms of one document word under its language's chain, as the index stored them. */
export function wordForms(word: string, lang: string): WordForms {
  let perLang = cache.get(lang);
  if (!perLang) cache.set(lang, (perLang = new Map()));
  let forms = perLang.get(word);
  if (!forms) {
    const analyzer = analyzerFor(lang);
    const terms = runChain([word.normalize('NFC')], analyzer.normalize);
    forms = { folded: terms.map(foldDiacritics), stems: terms.map(analyzer.stem) };
    if (perLang.size >= CACHE_LIMIT) perLang.clear();
    perLang.set(word, forms);
  }
  return forms;
}

export type WordMatcher = (word: string, lang: string) => boolean;

/**
 * Whether a word of a document is one the query found, by the same rules the index used:
 * equal stems (so `seçim` marks `seçimlerde` and `istanbulda` marks `İstanbul'da`), the
 * prefix Meilisearch applies to the last query word, and the words of quoted phrases.
 */
export function queryMatcher(rewrite: Pick<QueryRewrite, 'stems' | 'phrases' | 'prefix'>): WordMatcher {
  const stems = new Set(Object.values(rewrite.stems).flat());
  const phraseWords = new Set(
    rewrite.phrases.flatMap((p) => tokenize(p).map((w) => foldDiacritics(analyzerFor(undefined).lower(w)))),
  );
  const prefix = rewrite.prefix;
  if (stems.size === 0 && phraseWords.size === 0) return () => false;
  return (word, lang) => {
    const f = wordForms(word, lang);
    return (
      f.stems.some((s) => stems.has(s)) ||
      f.folded.some((w) => phraseWords.has(w) || (prefix !== undefined && w.startsWith(prefix)))
    );
  };
}
