// The one text-analysis module: the indexer and the gateway both import from here.
export { analyzeField, analyzeText, FIELD_SEPARATOR, type AnalysedField } from './analyze.ts';
export { analyzerFor, languageLabel } from './chains.ts';
export { detectLanguage, detectQueryLanguage, UNDETERMINED, type LanguageGuess } from './detect-lang.ts';
export { exactForm, hasFoldableLetter } from './filters/exact.ts';
export { foldCase, foldDiacritics } from './filters/fold.ts';
export { buildStemmer } from './filters/stem.ts';
export { lowerCase, turkishLowerCase } from './filters/lowercase.ts';
export { spansOf, tokenize, tokenSpans, type TokenSpan } from './filters/tokenize.ts';
export { queryMatcher, wordForms, type WordMatcher } from './match.ts';
export { rewriteQuery, MEILI_MAX_QUERY_WORDS, type QueryRewrite, type RewriteOptions } from './query.ts';
export { facetKey, FACET_KEY } from './facet-key.ts';
export { suggestionTerms, MAX_TERMS } from './terms.ts';
export { cleanText } from './filters/clean.ts';
export { turkishLexicon as loadTurkishLexicon } from './filters/lemma-tr.ts';
